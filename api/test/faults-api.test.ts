import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from '../src/app.js';
import { joinServer, sleep, sql, until } from './fixtures.js';
import { createServer, GqlClient, signUp, startTestApi, uniquePrefix, type TestUser } from './harness.js';
import { ROOMY_LIMITS } from './instances.js';
import { startApiProcess, stopAllWorkers, type WorkerProcess } from './processes.js';
import { subscribe, wsClient, type Subscription } from './ws-client.js';

const SEND = 'mutation($c: ID!, $t: String!) { sendMessage(channelId: $c, content: $t) { id } }';
const LIMITS = 'mutation($s: ID!, $i: ServerRateLimitsInput!) { updateServerRateLimits(serverId: $s, input: $i) { channelMessageLimit } }';
const EVENTS = `subscription($c: ID!, $s: ID) { channelEvents(channelId: $c, since: $s) { __typename ... on MessageCreated { message { id } } } }`;
type Event = { channelEvents: { __typename: string; message?: { id: string } } };

// One of two API processes dies (kill -9) during a burst of sends from several clients.
describe('kill -9 of an API process during sends (a real second process)', () => {
  const prefix = uniquePrefix();
  let doomed: WorkerProcess;
  let survivor: RunningApi;
  let owner: TestUser;
  let clients: TestUser[];
  let channelId: string;

  beforeAll(async () => {
    [doomed, survivor] = await Promise.all([startApiProcess(prefix), startTestApi({}, prefix)]);
    owner = await signUp(survivor, 'crashowner');
    const server = await createServer(owner);
    channelId = server.channels.find((c) => c.type === 'TEXT')!.id;
    await owner.client.ok(LIMITS, { s: server.id, i: ROOMY_LIMITS });
    clients = await Promise.all([0, 1, 2].map(() => signUp(survivor, 'crashclient')));
    for (const client of clients) await joinServer(client, server.id);
  });
  afterAll(async () => {
    await Promise.all([survivor?.close(), stopAllWorkers()]);
  });

  it('every client reconnects to the other process and, resuming with since, gets every acknowledged message exactly once', async () => {
    const doomedUrl = `http://127.0.0.1:${doomed.port}/graphql`;
    const acknowledged: string[] = [];
    // Every client subscribes on the process about to die.
    const first = clients.map((c) => ({ ws: wsClient(doomedUrl, c.token), user: c }));
    const streams: Subscription<Event>[] = first.map(({ ws }) => subscribe<Event>(ws, EVENTS, { c: channelId }));
    // Probes through the other process until every stream has one: then every stream listens.
    await until(async () => {
      if (streams.every((stream) => stream.events.length > 0)) return true;
      await owner.client.ok(SEND, { c: channelId, t: 'probe' });
      await sleep(100);
      return false;
    }, 'every stream to receive a probe');
    // A burst of sends from every client to the doomed process, killed part-way through.
    let sent = 0;
    const burst = clients.map(async (c, i) => {
      const http = new GqlClient(doomedUrl, `Bearer ${c.token}`);
      for (let n = 0; n < 30; n += 1) {
        const result = await http.request(SEND, { c: channelId, t: `c${i}-${n}` }).catch(() => null);
        if (!result) return;
        if (result.data?.sendMessage) acknowledged.push(result.data.sendMessage.id as string);
        sent += 1;
      }
    });
    await until(() => sent >= 20, 'some sends to be acknowledged');
    await doomed.kill();
    await Promise.all(burst);

    // Each client resumes on the survivor from the last message it saw, then sends a few more there.
    const resumed = clients.map((c, i) => {
      const seen = streams[i]!.events.map((e) => e.channelEvents.message?.id).filter((id): id is string => Boolean(id));
      const ws = wsClient(survivor.url, c.token);
      return { ws, seen, stream: subscribe<Event>(ws, EVENTS, { c: channelId, s: seen.at(-1) ?? null }) };
    });
    for (const c of clients) {
      const data = await c.client.ok(SEND, { c: channelId, t: 'after' });
      acknowledged.push(data.sendMessage.id);
    }
    for (const { seen, stream } of resumed) {
      await until(
        () => acknowledged.every((id) => seen.includes(id) || stream.events.some((e) => e.channelEvents.message?.id === id)),
        'every acknowledged message',
      );
      const all = [...seen, ...stream.events.map((e) => e.channelEvents.message?.id).filter((id): id is string => Boolean(id))];
      expect(new Set(all).size).toBe(all.length);
      for (const id of acknowledged) expect(all).toContain(id);
    }
    const stored = await sql<{ id: string }>(survivor, 'select id from messages where channel_id = ?', [channelId]);
    for (const id of acknowledged) expect(stored.map((r) => String(r.id))).toContain(id);
    await Promise.all([...first.map((f) => f.ws.dispose()), ...resumed.map((r) => r.ws.dispose())]);
  });
});
