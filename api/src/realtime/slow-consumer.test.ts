import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from '../app.js';
import { snowflakeAt } from '../kernel/ids/snowflake.js';
import { createServer, signUp, startTestApi } from '../../test/harness.js';
import { until } from '../../test/fixtures.js';
import { Topic } from './topics.js';
import { liveSubscriptions } from './channel-rooms.js';

const BOUND = 64 * 1024;

/** A raw graphql-ws client that stops reading once subscribed: a consumer slower than the room. */
function stalledSubscriber(api: RunningApi, token: string, channelId: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(api.url.replace(/^http/, 'ws'), 'graphql-transport-ws');
    ws.on('error', reject);
    ws.on('open', () => ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } })));
    ws.once('message', () => {
      ws.send(
        JSON.stringify({
          id: 's',
          type: 'subscribe',
          payload: {
            query: 'subscription($c: ID!) { channelEvents(channelId: $c) { __typename ... on MessageCreated { message { content } } } }',
            variables: { c: channelId },
          },
        }),
      );
      resolve(ws);
    });
  });
}

describe('a slow consumer', () => {
  let api: RunningApi;
  beforeAll(async () => {
    api = await startTestApi({ WS_MAX_BUFFERED_BYTES: String(BOUND) });
  });
  afterAll(async () => {
    await api?.close();
  });

  it(`is cut off once more than WS_MAX_BUFFERED_BYTES (here ${BOUND}) wait unsent, instead of being buffered without bound`, async () => {
    const owner = await signUp(api, 'slowowner');
    const server = await createServer(owner);
    const channelId = server.channels.find((c) => c.type === 'TEXT')!.id;
    const idle = liveSubscriptions(api.services);
    const ws = await stalledSubscriber(api, owner.token, channelId);
    await until(() => liveSubscriptions(api.services) === idle + 1, 'the subscription to listen');
    let closed = false;
    ws.on('close', () => (closed = true));
    ws.pause();

    // Large events, so the kernel's socket buffers fill and the rest waits in the server's process.
    const content = 'x'.repeat(256 * 1024);
    let published = 0;
    while (liveSubscriptions(api.services) > idle && published < 400) {
      const message = {
        id: snowflakeAt(new Date()),
        channelId,
        serverId: server.id,
        authorId: owner.id,
        content,
        replyToId: null,
        createdAt: new Date().toISOString(),
        editedAt: null,
        pinnedAt: null,
        mentionsEveryone: false,
        mentionsHere: false,
        mentionRoleIds: [],
      };
      await api.services.bus.publish(Topic.channel(channelId), { type: 'MessageCreated', message });
      published += 1;
    }
    // The server dropped the subscription (and the socket) while the client was not reading.
    expect(liveSubscriptions(api.services)).toBe(idle);
    ws.resume();
    await until(() => closed, 'the client to see its socket closed');
  });
});
