import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildAppSchema } from '../schema.js';
import { isPersonal, personalScope } from './personal-fields.js';

describe('personal fields', () => {
  it('are found wherever a document selects them, fragments included', async () => {
    const schema = await buildAppSchema(null);
    const personal = (query: string) => isPersonal(schema, parse(query));
    expect(personal('{ myServers { id name channels { id name myPermissions } } }')).toBe(false);
    expect(personal('{ myServers { myMember { nickname } } }')).toBe(true);
    expect(personal('query($c: ID!) { messages(channelId: $c) { messages { reactions { emoji count } } } }')).toBe(false);
    expect(personal('query($c: ID!) { messages(channelId: $c) { messages { reactions { emoji me } } } }')).toBe(true);
    expect(personal('{ myServers { channels { ...C } } } fragment C on Channel { id lastReadMessageId }')).toBe(true);
    expect(personal(`subscription($s: ID!) { serverEvents(serverId: $s) { ... on ChannelUpdated { channel { id name } } } }`)).toBe(false);
    expect(
      personal(`subscription($s: ID!) { serverEvents(serverId: $s) { ... on ServerUpdated { server { myMember { nickname } } } } }`),
    ).toBe(true);
  });

  it('scope a shared execution to its caller only when the document has one', async () => {
    const schema = await buildAppSchema(null);
    expect(personalScope(schema, parse('{ myServers { id } }'), '7')).toBe('');
    expect(personalScope(schema, parse('{ me { botServers { id } } }'), '7')).toBe('\0user:7');
  });
});
