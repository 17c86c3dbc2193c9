import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from '../src/app.js';
import { localRedisArgs } from '../../scripts/services.mjs';
import { eventually, expectNullOrNotFound, joinServer, until } from './fixtures.js';
import { createServer, signUp, startTestApi, uniquePrefix, type TestUser } from './harness.js';
import { ROOMY_LIMITS } from './instances.js';
import { startWorkers, stopAllWorkers } from './processes.js';
import { subscribe, wsClient, type Subscription } from './ws-client.js';

const SEND = 'mutation($c: ID!, $t: String!) { sendMessage(channelId: $c, content: $t) { id } }';
const EVENTS = 'subscription($c: ID!) { channelEvents(channelId: $c) { __typename ... on MessageCreated { message { id } } } }';
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
    api = await startTestApi({ REDIS_URL: redisUrl }, prefix);
    await startWorkers(prefix, { REDIS_URL: redisUrl });
    owner = await signUp(api, 'rrowner');
    stays = await signUp(api, 'rrstays');
    kicked = await signUp(api, 'rrkicked');
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

  it('fails fast while down, recovers by itself, streams resume, caches are right, and the workers work again', async () => {
    const ws = wsClient(api.url, stays.token);
    const stream: Subscription<{ channelEvents: { message?: { id: string } } }> = subscribe(ws, EVENTS, { c: channelId });
    await eventually(async () => {
      await owner.client.ok(SEND, { c: channelId, t: 'before' });
      expect(stream.events.length).toBeGreaterThan(0);
    }, 10_000);
    // The kicked member's access is cached.
    expect((await kicked.client.ok('query($c: ID!) { channel(id: $c) { id } }', { c: channelId })).channel).toEqual({ id: channelId });

    const redis = admin();
    await redis.connect();
    await redis.call('SHUTDOWN').catch(() => undefined);
    redis.disconnect();
    await until(() => api.services.redis.status !== 'ready', 'the API to notice');
    expect((await owner.client.request(SEND, { c: channelId, t: 'while down' })).errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    // The kick is committed in Postgres; its invalidation cannot be published.
    await owner.client.request('mutation($s: ID!, $u: ID!) { kickMember(serverId: $s, userId: $u) }', { s: serverId, u: kicked.id });

    // Events published before this process's subscriber has resubscribed reach no live stream (a gap
    // still open: streams are not replayed on resubscribe); what is sent after it must all arrive.
    const resubscribed = new Promise<void>((resolve) => api.services.bus.onResubscribed(resolve));
    start();
    await resubscribed;
    const after: string[] = [];
    await eventually(async () => {
      const sent = await owner.client.request(SEND, { c: channelId, t: 'after' });
      expect(sent.errors).toBeUndefined();
      after.push(sent.data!.sendMessage.id as string);
    }, 20_000);
    for (let i = 0; i < 5; i += 1) after.push((await owner.client.ok(SEND, { c: channelId, t: `after ${i}` })).sendMessage.id);
    // Every message acknowledged after the restart reaches the live stream.
    await until(() => after.every((id) => stream.events.some((e) => e.channelEvents.message?.id === id)), 'the stream to resume');
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
