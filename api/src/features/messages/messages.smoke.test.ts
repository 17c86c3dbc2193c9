import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from '../../app.js';
import { createServer, signUp, startTestApi, uniquePrefix } from '../../../test/harness.js';
import { settle, subscribe, wsClient } from '../../../test/ws-client.js';

describe('messages across two API instances', () => {
  let a: RunningApi;
  let b: RunningApi;
  beforeAll(async () => {
    const prefix = uniquePrefix();
    a = await startTestApi({}, prefix);
    b = await startTestApi({}, prefix);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('delivers a message sent on A to a subscriber on B', async () => {
    const alice = await signUp(a, 'alice');
    const server = await createServer(alice);
    const channel = server.channels.find((c) => c.type === 'TEXT')!;
    const client = wsClient(b.url, alice.token);
    const sub = subscribe(client, 'subscription($c: ID!) { channelEvents(channelId: $c) { __typename ... on MessageCreated { message { id content author { username } } } } }', { c: channel.id });
    await settle();
    await alice.client.ok('mutation($c: ID!) { sendMessage(channelId: $c, content: "hello") { id } }', { c: channel.id });
    const [event] = await sub.waitFor(1);
    expect(event.channelEvents.message.content).toBe('hello');
    expect(event.channelEvents.message.author.username).toBe(alice.username);
    sub.stop();
    await client.dispose();
  });
});
