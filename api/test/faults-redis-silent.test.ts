import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from '../src/app.js';
import { eventually, joinServer, sleep, until } from './fixtures.js';
import { createServer, GqlClient, signUp, startTestApi, uniquePrefix, type TestUser } from './harness.js';
import { ROOMY_LIMITS } from './instances.js';
import { startWorkers, stopAllWorkers } from './processes.js';
import { TcpProxy } from './tcp-proxy.js';
import { followMessages } from './ws-client.js';

const SEND = 'mutation($c: ID!, $t: String!) { sendMessage(channelId: $c, content: $t) { id } }';
const TIMEOUT = 'mutation($s: ID!, $u: ID!) { timeoutMember(serverId: $s, userId: $u, seconds: 1) { timedOutUntil } }';
const MEMBER = 'query($s: ID!) { server(id: $s) { members(first: 100) { user { id } timedOutUntil } } }';

// Redis goes silent for one API process and a worker process: their connections stay open and
// nothing comes back (a host gone, packets dropped), while another API on the same Redis and
// database goes on. Nothing refuses, so only their own deadlines end a wait, and only a heartbeat
// notices that a subscriber hears nothing.
describe('when Redis goes silent', () => {
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  /** REDIS_ANSWER_TIMEOUT_MS, short so the test is quick (2 s by default). */
  const ANSWER_MS = 300;
  /** A command fails after ANSWER_MS; room for a loaded machine. */
  const BOUND_MS = 10 * ANSWER_MS;
  let proxy: TcpProxy;
  let quiet: RunningApi;
  let direct: RunningApi;
  let owner: TestUser;
  let member: TestUser;
  let channelId: string;
  let serverId: string;
  beforeAll(async () => {
    proxy = await TcpProxy.inFrontOf(redisUrl);
    const prefix = uniquePrefix();
    // One Redis behind the proxy, also when the suite runs on a cluster (REDIS_CLUSTER_NODES).
    quiet = await startTestApi(
      { REDIS_URL: proxy.url(redisUrl), REDIS_CLUSTER_NODES: '', REDIS_ANSWER_TIMEOUT_MS: String(ANSWER_MS) },
      prefix,
    );
    direct = await startTestApi({ REDIS_URL: redisUrl, REDIS_CLUSTER_NODES: '' }, prefix);
    owner = await signUp(direct, 'rsowner');
    member = await signUp(direct, 'rsmember');
    const server = await createServer(owner);
    serverId = server.id;
    channelId = server.channels.find((c) => c.type === 'TEXT')!.id;
    await owner.client.ok(
      'mutation($s: ID!, $i: ServerRateLimitsInput!) { updateServerRateLimits(serverId: $s, input: $i) { channelMessageLimit } }',
      { s: server.id, i: ROOMY_LIMITS },
    );
    await joinServer(member, server.id);
    await startWorkers(prefix, { REDIS_URL: proxy.url(redisUrl), REDIS_CLUSTER_NODES: '', REDIS_ANSWER_TIMEOUT_MS: String(ANSWER_MS) });
  });
  afterAll(async () => {
    await stopAllWorkers();
    await quiet?.close();
    await direct?.close();
    await proxy?.close();
  });

  it('commands fail within the deadline, /healthz 503, the deaf subscriber reconnects by itself and the stream misses nothing', async () => {
    const { ws, ids: received } = await followMessages(quiet.url, member.token, channelId, () =>
      owner.client.ok(SEND, { c: channelId, t: 'before' }),
    );
    const lost = new Promise<void>((resolve) => {
      const off = quiet.services.bus.onLost(() => {
        off();
        resolve();
      });
    });

    proxy.silence();
    const sent: string[] = [];
    const send = async (text: string) => sent.push((await owner.client.ok(SEND, { c: channelId, t: text })).sendMessage.id as string);
    for (const text of ['during 1', 'during 2', 'during 3']) await send(text);

    // The process that lost Redis answers promptly; no command waits for TCP to give up.
    const started = Date.now();
    const [refused, health] = await Promise.all([
      new GqlClient(quiet.url, `Bearer ${member.token}`).request(SEND, { c: channelId, t: 'through the silent API' }),
      fetch(quiet.url.replace(/\/graphql$/, '/healthz')).then(async (r) => ({ status: r.status, body: (await r.json()) as unknown })),
    ]);
    expect(Date.now() - started).toBeLessThan(BOUND_MS);
    expect(refused.errors?.map((e) => e.extensions?.code)).toEqual(['SERVICE_UNAVAILABLE']);
    expect(health).toEqual({ status: 503, body: { status: 'degraded', postgres: 'ok', redis: 'down' } });

    // Its heartbeat finds the subscriber deaf and drops it; Redis answers again afterwards.
    await lost;
    proxy.restore();
    for (const text of ['after 1', 'after 2']) await send(text);

    // Every message sent meanwhile reaches the stream exactly once, in the order sent: what the
    // silence swallowed is replayed once the subscriber is back.
    await until(() => sent.every((id) => received().includes(id)), 'every message sent during and after the silence', {
      timeoutMs: 20_000,
    });
    expect(received().filter((id) => sent.includes(id))).toEqual(sent);
    expect(new Set(received()).size).toBe(received().length);
    await eventually(
      async () =>
        expect(
          (await new GqlClient(quiet.url, `Bearer ${member.token}`).request(SEND, { c: channelId, t: 'back' })).errors,
        ).toBeUndefined(),
      10_000,
    );
    await ws.dispose();
  });

  it('a worker whose Redis went silent drops its connections, reconnects by itself and runs jobs again', async () => {
    const timeoutEnded = async () => {
      await owner.client.ok(TIMEOUT, { s: serverId, u: member.id });
      await until(
        async () =>
          (await owner.client.ok(MEMBER, { s: serverId })).server.members.find((m: { user: { id: string } }) => m.user.id === member.id)
            .timedOutUntil === null,
        'the worker to end the timeout',
        { timeoutMs: 30_000 },
      );
    };
    await timeoutEnded();
    // Longer than a worker's wait for jobs (BullMQ's drainDelay, 5 s): each sends a blocking read
    // into the silence, whose answer never comes. It waits at most LONGEST_BLOCK_MS plus
    // REDIS_ANSWER_TIMEOUT_MS for it, then drops the connection; without that it waits forever.
    proxy.silence();
    await sleep(6_000);
    proxy.restore();
    await timeoutEnded();
  }, 60_000);
});
