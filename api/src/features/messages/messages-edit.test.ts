import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from '../../app.js';
import { snowflakeAt } from '../../kernel/ids/snowflake.js';
import { sql } from '../../../test/fixtures.js';
import { EDIT, messagesWorld } from '../../../test/messages-world.js';

describe('messages', () => {
  const kit = messagesWorld();
  const { world, send, history, listen, fence } = kit;
  let a: RunningApi;
  let b: RunningApi;
  beforeAll(() => ({ a, b } = kit.apis()));

  describe('editMessage', () => {
    it('lets only the author edit, sets editedAt and publishes MessageUpdated', async () => {
      const w = await world(1);
      const [member] = w.members;
      const message = await send(member!.client, w.channelId, 'frist');
      const sub = await listen(b, w.owner, w.channelId);

      // Not even the owner may edit someone else's message.
      expect((await w.owner.client.errorOf(EDIT, { m: message.id, t: 'hijacked' })).code).toBe('FORBIDDEN');
      expect((await member!.client.errorOf(EDIT, { m: message.id, t: '   ' })).code).toBe('BAD_USER_INPUT');
      expect((await member!.client.errorOf(EDIT, { m: message.id, t: 'z'.repeat(4001) })).code).toBe('BAD_USER_INPUT');
      expect((await member!.client.errorOf(EDIT, { m: snowflakeAt(new Date()), t: 'ghost' })).code).toBe('NOT_FOUND');

      const edited = (await member!.client.ok(EDIT, { m: message.id, t: ' first ' })).editMessage;
      expect(edited).toMatchObject({ id: message.id, content: 'first', createdAt: message.createdAt, author: { id: member!.id } });
      expect(edited.editedAt).not.toBeNull();
      expect(Date.parse(edited.editedAt)).toBeGreaterThanOrEqual(Date.parse(message.createdAt));

      const events = await fence(sub, w.owner, w.channelId);
      expect(events.map((e) => e.channelEvents)).toEqual([
        { __typename: 'MessageUpdated', message: { id: message.id, content: 'first', editedAt: edited.editedAt } },
      ]);
      expect((await history(w.owner.client, w.channelId)).messages.find((m) => m.id === message.id)?.content).toBe('first');
    });

    it('announces nothing when the edit fails to commit', async () => {
      const w = await world(1);
      const [member] = w.members;
      const message = await send(member!.client, w.channelId, 'as sent');
      const sub = await listen(b, w.owner, w.channelId);
      // A real failure at COMMIT, after the UPDATE ran: a deferred constraint trigger refusing one content.
      const name = `refuse_at_commit_${randomBytes(4).toString('hex')}`;
      const refused = `never committed ${name}`;
      await sql(
        a,
        `create function ${name}() returns trigger language plpgsql as $$
           begin if new.content = '${refused}' then raise exception 'refused at commit'; end if; return null; end $$`,
      );
      await sql(
        a,
        `create constraint trigger ${name} after update on messages deferrable initially deferred for each row execute function ${name}()`,
      );
      try {
        expect((await member!.client.errorOf(EDIT, { m: message.id, t: refused })).code).toBe('INTERNAL_SERVER_ERROR');
      } finally {
        await sql(a, `drop trigger ${name} on messages`);
        await sql(a, `drop function ${name}()`);
      }

      expect((await fence(sub, w.owner, w.channelId)).map((e) => e.channelEvents)).toEqual([]);
      expect((await history(w.owner.client, w.channelId)).messages.find((m) => m.id === message.id)?.content).toBe('as sent');
    });
  });
});
