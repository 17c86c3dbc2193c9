import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from '../src/app.js';
import { REPLAY_MARGIN_MS } from '../src/realtime/recent-messages.js';
import { localRedisArgs } from '../../scripts/services.mjs';
import { eventually, expectNullOrNotFound, joinServer, sql, until } from './fixtures.js';
import { createServer, signUp, startTestApi, uniquePrefix, type TestUser } from './harness.js';
import { ROOMY_LIMITS } from './instances.js';
import { startWorkers, stopAllWorkers } from './processes.js';
import { openSocket, subscribe, wsClient, type Subscription } from './ws-client.js';

const SEND = 'mutation($c: ID!, $t: String!) { sendMessage(channelId: $c, content: $t) { id } }';
const SERVER_EVENTS = 'subscription($s: ID!) { serverEvents(serverId: $s) { __typename ... on ServerEventsMissed { since } } }';
const EVENTS =
  'subscription($c: ID!) { channelEvents(channelId: $c) { __typename ... on MessageCreated { message { id } } ... on EventsMissed { since } } }';
const TIMEOUT = 'mutation($s: ID!, $u: ID!) { timeoutMember(serverId: $s, userId: $u, seconds: 1) { timedOutUntil } }';
const MEMBER = 'query($s: ID!) { server(id: $s) { members(first: 100) { user { id } timedOutUntil } } }';

// A private redis-server (never the machine's shared one), restarted under an API and a worker process.
describe('Redis restart during traffic (private redis-server, with a worker process)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rashigo-redis-restart-'));
  let port: number;
  let api: RunningApi;
  let owner: TestUser;
  let stays: TestUser;
  let kicked: TestUser;
  let leaving: TestUser;
  let serverId: string;
  let channelId: string;

  const start = () => expect(spawnSync('redis-server', [...localRedisArgs(port, dir), '--pidfile', join(dir, 'redis.pid')]).status).toBe(0);
  // Connection errors are expected while it is down; the test reads them from the commands.
  const admin = () => new Redis(port, '127.0.0.1', { maxRetriesPerRequest: 0, lazyConnect: true }).on('error', () => undefined);

  beforeAll(async () => {
    const probe = createNetServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    port = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    start();
    const redisUrl = `redis://127.0.0.1:${port}`;
    await until(async () => {
      const probeClient = admin();
      const up = await probeClient.connect().then(
        () => true,
        () => false,
      );
      probeClient.disconnect();
      return up;
    }, 'the private Redis');
    const prefix = uniquePrefix();
    // One private Redis to restart, also when the suite runs on a cluster (REDIS_CLUSTER_NODES).
    api = await startTestApi({ REDIS_URL: redisUrl, REDIS_CLUSTER_NODES: '' }, prefix);
    await startWorkers(prefix, { REDIS_URL: redisUrl, REDIS_CLUSTER_NODES: '' });
    owner = await signUp(api, 'rrowner');
    stays = await signUp(api, 'rrstays');
    kicked = await signUp(api, 'rrkicked');
    leaving = await signUp(api, 'rrleaving');
    const server = await createServer(owner);
    serverId = server.id;
    channelId = server.channels.find((c) => c.type === 'TEXT')!.id;
    await owner.client.ok(
      'mutation($s: ID!, $i: ServerRateLimitsInput!) { updateServerRateLimits(serverId: $s, input: $i) { channelMessageLimit } }',
      { s: serverId, i: ROOMY_LIMITS },
    );
    await joinServer(stays, serverId);
    await joinServer(kicked, serverId);
  });
  afterAll(async () => {
    await Promise.all([api?.close(), stopAllWorkers()]);
    const pid = Number(readFileSync(join(dir, 'redis.pid'), 'utf8'));
    if (pid) spawnSync('kill', [String(pid)]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('fails fast while down, recovers by itself, streams resume without a gap, revoked sessions close, caches are right, and the workers work again', async () => {
    const ws = wsClient(api.url, stays.token);
    const serverStream: Subscription<{ serverEvents: { __typename: string; since?: string } }> = subscribe(ws, SERVER_EVENTS, {
      s: serverId,
    });
    const stream: Subscription<{ channelEvents: { __typename: string; message?: { id: string }; since?: string } }> = subscribe(
      ws,
      EVENTS,
      {
        c: channelId,
      },
    );
    await eventually(async () => {
      await owner.client.ok(SEND, { c: channelId, t: 'before' });
      expect(stream.events.length).toBeGreaterThan(0);
    }, 10_000);
    // The kicked member's access is cached.
    expect((await kicked.client.ok('query($c: ID!) { channel(id: $c) { id } }', { c: channelId })).channel).toEqual({ id: channelId });
    const leavingSocket = await openSocket(api.url, leaving.token);

    const redis = admin();
    await redis.connect();
    await redis.call('SHUTDOWN').catch(() => undefined);
    redis.disconnect();
    await until(() => api.services.redis.status !== 'ready', 'the API to notice');
    expect((await owner.client.request(SEND, { c: channelId, t: 'while down' })).errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    // The kick and the logout are committed in Postgres; their announcements cannot be published.
    await owner.client.request('mutation($s: ID!, $u: ID!) { kickMember(serverId: $s, userId: $u) }', { s: serverId, u: kicked.id });
    await leaving.client.request('mutation { logout }');
    expect(await sql(api, 'select 1 from sessions where user_id = ?', [leaving.id])).toEqual([]);

    // Three senders, one message at a time each, from the outage on: no waiting for this process's
    // subscriber, so messages are published before it has resubscribed (and reach no listener then).
    const acked: string[][] = [[], [], []];
    let sending = true;
    const senders = acked.map(async (mine, n) => {
      while (sending) {
        const sent = await owner.client.request(SEND, { c: channelId, t: `sender ${n}` });
        if (!sent.errors) mine.push(sent.data!.sendMessage.id as string);
      }
    });
    const ackedCount = () => acked.reduce((total, mine) => total + mine.length, 0);
    start();
    await until(ackedCount, 'sends to succeed after the restart', { done: (n) => n >= 10, timeoutMs: 20_000 });
    // Then the subscriber connection alone is cut, a few times, while the sends go on: each cut is a gap.
    const cutter = admin();
    await cutter.connect();
    const cutAt: number[] = [];
    for (let cut = 0; cut < 3; cut += 1) {
      const back = new Promise<void>((resolve) => {
        const off = api.services.bus.onResubscribed(() => {
          off();
          resolve();
        });
      });
      cutAt.push(Date.now());
      await cutter.client('KILL', 'TYPE', 'pubsub');
      await back;
      const before = ackedCount();
      await until(ackedCount, 'sends after the subscriber is back', { done: (n) => n >= before + 5 });
    }
    cutter.disconnect();
    sending = false;
    await Promise.all(senders);

    // Every acknowledged message reaches the live stream exactly once, each sender's in the order sent.
    const all = acked.flat();
    const received = () => stream.events.flatMap((e) => (e.channelEvents.message ? [e.channelEvents.message.id] : []));
    await until(() => all.every((id) => received().includes(id)), 'every acknowledged message', { timeoutMs: 20_000 });
    expect(new Set(received()).size).toBe(received().length);
    for (const mine of acked) {
      const sent = new Set(mine);
      expect(received().filter((id) => sent.has(id))).toEqual(mine);
    }
    // Edits, deletions and reactions are not replayed: after each gap the subscriber hears from when on
    // it may have missed them (REPLAY_MARGIN_MS before the loss), once the new messages are replayed.
    const missed = () =>
      stream.events.flatMap((e) => (e.channelEvents.__typename === 'EventsMissed' ? [Date.parse(e.channelEvents.since!)] : []));
    await until(() => missed().some((since) => since >= cutAt[2]! - REPLAY_MARGIN_MS - 50), 'EventsMissed after the last cut');
    expect(missed().every((since) => since <= cutAt[2]! - REPLAY_MARGIN_MS + 2000)).toBe(true);
    // Server events (members, roles, channels, presence) are not replayed at all: the loss itself is when.
    const serverMissed = () =>
      serverStream.events.flatMap((e) => (e.serverEvents.__typename === 'ServerEventsMissed' ? [Date.parse(e.serverEvents.since!)] : []));
    await until(() => serverMissed().some((since) => since >= cutAt[2]!), 'ServerEventsMissed after the last cut');
    expect(serverMissed().every((since) => since <= cutAt[2]! + 2000)).toBe(true);
    // The logout announced while this process's subscriber was away still closes the session's socket.
    expect(await leavingSocket.closed()).toBe(4401);
    await leavingSocket.client.dispose();
    // Nobody kept the kicked member's cached access.
    await eventually(
      async () =>
        expectNullOrNotFound(await kicked.client.request('query($c: ID!) { channel(id: $c) { id } }', { c: channelId }), 'channel'),
      5000,
    );
    // The worker reconnected: a timeout's end job enqueued now is run and announced.
    await owner.client.ok(TIMEOUT, { s: serverId, u: stays.id });
    await until(
      async () =>
        (await owner.client.ok(MEMBER, { s: serverId })).server.members.find((m: { user: { id: string } }) => m.user.id === stays.id)
          .timedOutUntil === null,
      'the worker to end the timeout',
      { timeoutMs: 20_000 },
    );
    await ws.dispose();
  });
});
