import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from '../src/app.js';
import { isCluster } from '../src/kernel/redis/redis.js';
import { Topic } from '../src/realtime/topics.js';
import { joinServer, until } from './fixtures.js';
import { createServer, GqlClient, signUp, startTestApi, uniquePrefix } from './harness.js';
import { messagesWorld, SEND, UPDATE_CHANNEL } from './messages-world.js';
import { startWorkers, stopAllWorkers } from './processes.js';
import { startRedisCluster, type RedisClusterProcesses } from './redis-cluster.js';
import { voiceWorld, SEND_SIGNAL } from './voice-world.js';

// The messaging, rate-limit, presence and voice paths on three real redis-server masters joined as a
// Redis Cluster: every Lua call must keep its keys on one slot (CROSSSLOT otherwise), events travel
// over sharded pub/sub, and BullMQ runs under its hash-tagged prefix. Each world below starts its
// APIs after this hook, so they all connect through REDIS_CLUSTER_NODES.
let cluster: RedisClusterProcesses;
let previousNodes: string | undefined;
beforeAll(async () => {
  cluster = await startRedisCluster();
  previousNodes = process.env.REDIS_CLUSTER_NODES;
  process.env.REDIS_CLUSTER_NODES = cluster.nodes.join(',');
}, 60_000);
afterAll(async () => {
  if (previousNodes === undefined) delete process.env.REDIS_CLUSTER_NODES;
  else process.env.REDIS_CLUSTER_NODES = previousNodes;
  await cluster?.stop();
});

const run = promisify(execFile);
/** How many keys each node holds: data spread over the masters, not one slot. */
const keysPerNode = () =>
  Promise.all(cluster.nodes.map(async (node) => Number((await run('redis-cli', ['-u', `redis://${node}`, 'dbsize'])).stdout.trim())));

describe('on a three-node Redis Cluster: messaging and rate limits', () => {
  const kit = messagesWorld();
  const { on, world, setLimits, addChannel, send, history, listen, expectRateLimited } = kit;

  it('connects through the cluster and delivers messages of channels on every node across instances', async () => {
    const { a, b } = kit.apis();
    expect(isCluster(a.services.redis) && isCluster(b.services.redis)).toBe(true);
    const w = await world(1);
    const member = w.members[0]!;
    // Eight channels: their topics hash to slots on all three nodes.
    const channels = [w.channelId, ...(await Promise.all(Array.from({ length: 7 }, () => addChannel(w))))];
    const subs = await Promise.all(channels.map((c) => listen(b, member, c)));
    for (const [i, channelId] of channels.entries()) await send(on(a, w.owner), channelId, `hello ${i}`);
    for (const [i, sub] of subs.entries()) {
      const [event] = await sub.waitFor(1);
      expect(event.channelEvents).toMatchObject({ __typename: 'MessageCreated', message: { content: `hello ${i}` } });
    }
    expect((await history(on(b, member), channels[3]!)).messages.map((m) => m.content)).toEqual(['hello 3']);
  });

  it('announces an access change on the channel’s own topic: a member kicked on one instance gets nothing sent after it', async () => {
    const { a, b } = kit.apis();
    const w = await world(1);
    const member = w.members[0]!;
    // What instance B's subscriber receives on the channel's topic, in order. A cluster keeps order
    // per topic only: the global invalidation alone could come after the next message.
    const seen: string[] = [];
    const stopWatching = await b.services.bus.listen(Topic.channel(w.channelId), (event) => {
      if (event.type === 'ACCESS') seen.push(`ACCESS for ${event.invalidation.userId ?? 'everyone'}`);
      else if (event.type === 'MessageCreated') seen.push(event.message.content);
    });
    try {
      const stream = await listen(b, member, w.channelId);
      await on(a, w.owner).ok('mutation($s: ID!, $u: ID!) { kickMember(serverId: $s, userId: $u) }', { s: w.serverId, u: member.id });
      await send(on(a, w.owner), w.channelId, 'after the kick');
      await stream.waitForEnd();
      await until(() => seen.includes('after the kick'), 'the message on the topic');
      expect(seen.indexOf(`ACCESS for ${member.id}`)).toBeGreaterThanOrEqual(0);
      expect(seen.indexOf(`ACCESS for ${member.id}`)).toBeLessThan(seen.indexOf('after the kick'));
      expect(JSON.stringify(stream.events)).not.toContain('after the kick');
    } finally {
      stopWatching();
    }
  });

  it('replays what a stream missed while its shard’s subscriber connection was cut, once and in order', async () => {
    const { a, b } = kit.apis();
    const w = await world(1);
    const member = w.members[0]!;
    const stream = await listen(b, member, w.channelId);
    const received = () => stream.events.flatMap((e: { channelEvents: { message?: { id: string } } }) => e.channelEvents.message?.id ?? []);
    const sent: string[] = [];
    let sending = true;
    const sender = (async () => {
      while (sending) sent.push((await send(on(a, w.owner), w.channelId, `n${sent.length}`)).id);
    })();
    await until(() => sent.length >= 5, 'sends before the cut');
    let gaps = 0;
    const stopCounting = b.services.bus.onLost(() => (gaps += 1));
    // Every node's pub/sub clients: each process's sharded subscriber on every shard, while sends go on.
    for (let cut = 0; cut < 3; cut += 1) {
      const before = sent.length;
      await Promise.all(cluster.nodes.map((node) => run('redis-cli', ['-u', `redis://${node}`, 'client', 'kill', 'type', 'pubsub'])));
      await until(() => sent.length >= before + 10, 'sends after the cut');
    }
    sending = false;
    await sender;
    stopCounting();
    // Each cut is a gap the process noticed (ioredis reconnects a shard's subscriber on its own, and
    // what was published meanwhile reached no listener), and the stream replayed it. At least one per
    // cut: on a loaded machine one cut was once noticed twice, which costs only a second replay.
    expect(gaps).toBeGreaterThanOrEqual(3);
    await until(() => sent.every((id) => received().includes(id)), 'every sent message on the stream', { timeoutMs: 15_000 });
    expect(received()).toEqual(sent);
  });

  it('runs many members’ rate-limit scripts in one tick, their keys on every node', async () => {
    const { a } = kit.apis();
    // Forty users' windows: their hash tags spread over all three masters. Issued together, as
    // concurrent sends issue them; each call's own keys share one slot.
    const run = uniquePrefix();
    const verdicts = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        a.services.limiter.consume([
          { key: a.services.keys.messagesPerChannel('1', `${run}${i}`), limit: 5, windowMs: 60_000 },
          { key: a.services.keys.messagesPerServer('1', `${run}${i}`), limit: 5, windowMs: 60_000 },
        ]),
      ),
    );
    expect(verdicts.every((v) => v.allowed)).toBe(true);
    expect((await keysPerNode()).every((n) => n > 0)).toBe(true);
  });

  it('applies the per-channel limit and slowmode in one atomic call per send, shared by both instances', async () => {
    const { a, b } = kit.apis();
    const w = await world(1, {
      channelMessageLimit: 2,
      channelMessageWindowSeconds: 60,
      serverMessageLimit: 100,
      serverMessageWindowSeconds: 60,
      escalationEnabled: false,
    });
    const member = w.members[0]!;
    await send(on(a, member), w.channelId, 'one');
    await send(on(b, member), w.channelId, 'two');
    expectRateLimited(await on(a, member).request(SEND, { c: w.channelId, t: 'three' }), 'channel', 60_000);

    const slow = await addChannel(w);
    await w.owner.client.ok(UPDATE_CHANNEL, { id: slow, i: { slowmodeSeconds: 60 } });
    await setLimits(w, { channelMessageLimit: 50, channelMessageWindowSeconds: 60 });
    await send(on(b, member), slow, 'first');
    expectRateLimited(await on(a, member).request(SEND, { c: slow, t: 'second' }), 'slowmode', 60_000);
    expect((await history(w.owner.client, slow)).messages.map((m) => m.content)).toEqual(['first']);
  });
});

describe('on a three-node Redis Cluster: voice', () => {
  const kit = voiceWorld();
  const { on, world, join, sessionIdsIn, watchVoice, signalsOf } = kit;

  it('joins, relays signals across instances, moves and leaves, each server’s voice keys on one slot', async () => {
    const { apiA, apiB } = kit.apis();
    // Three servers, one after another (concurrent createServer calls race on the slug): their voice keys land on different slots.
    for (let i = 0; i < 3; i += 1) {
      const w = await world(2);
      const [alice, bob] = w.members as [(typeof w.members)[0], (typeof w.members)[0]];
      const watch = await watchVoice(apiB, w.owner, w.serverId);
      const mine = await join(on(apiA, alice), w.voiceId);
      const theirs = await join(on(apiB, bob), w.voiceId);
      expect(theirs.participants.map((p) => p.sessionId)).toEqual([mine.sessionId]);
      expect(await sessionIdsIn(on(apiB, w.owner), w.voiceId)).toEqual([mine.sessionId, theirs.sessionId].sort());

      const inbox = await signalsOf(apiB, bob, theirs.sessionId);
      await on(apiA, alice).ok(SEND_SIGNAL, { from: mine.sessionId, to: theirs.sessionId, t: 'OFFER', p: '{"sdp":"x"}' });
      const [signal] = await inbox.waitFor(1);
      expect(signal!.voiceSignals).toMatchObject({ fromSessionId: mine.sessionId, type: 'OFFER' });

      // Joining again in the same server moves the user: the old session ends in the same atomic call.
      const again = await join(on(apiB, alice), w.voiceId);
      await watch.ended(mine.sessionId);
      expect(await sessionIdsIn(on(apiA, w.owner), w.voiceId)).toEqual([again.sessionId, theirs.sessionId].sort());
      await on(apiA, bob).ok('mutation($id: ID!) { leaveVoice(sessionId: $id) }', { id: theirs.sessionId });
      await watch.ended(theirs.sessionId);
      expect(await sessionIdsIn(on(apiA, w.owner), w.voiceId)).toEqual([again.sessionId]);
    }
    expect((await keysPerNode()).filter((n) => n > 0).length).toBeGreaterThan(1);
  });
});

describe('on a three-node Redis Cluster: presence through a worker process', () => {
  const prefix = uniquePrefix();
  const TIMINGS = { PRESENCE_TIMEOUT_SECONDS: '1', PRESENCE_GRACE_SECONDS: '0' };
  let api: RunningApi;

  beforeAll(async () => {
    [api] = await Promise.all([startTestApi(TIMINGS, prefix), startWorkers(prefix, TIMINGS)]);
  });
  afterAll(async () => {
    await Promise.all([api?.close(), stopAllWorkers()]);
  });

  it('shows heartbeating members online (one status read per user slot) and a worker takes them offline, ending their voice', async () => {
    const owner = await signUp(api, 'cluowner');
    const server = await createServer(owner);
    const voiceId = server.channels.find((c) => c.type === 'VOICE')!.id;
    const users = await Promise.all(Array.from({ length: 4 }, () => signUp(api, 'clumember')));
    for (const user of users) await joinServer(user, server.id);
    const presences = async () => {
      const data = await owner.client.ok<{ server: { members: { user: { id: string; presence: string } }[] } }>(
        'query($s: ID!) { server(id: $s) { members(first: 100) { user { id presence } } } }',
        { s: server.id },
      );
      return users.map((u) => data.server.members.find((m) => m.user.id === u.id)!.user.presence);
    };

    for (const user of users) await user.client.ok('mutation { heartbeat }');
    const session = await users[0]!.client.ok<{ joinVoice: { sessionId: string } }>(
      'mutation($c: ID!) { joinVoice(channelId: $c) { sessionId } }',
      { c: voiceId },
    );
    expect(await presences()).toEqual(['ONLINE', 'ONLINE', 'ONLINE', 'ONLINE']);

    // No more beats: the debounced BullMQ job fires in the worker, which ends the voice session too.
    await until(presences, 'every member offline', { done: (p) => p.every((s) => s === 'OFFLINE'), timeoutMs: 15_000 });
    const states = () =>
      new GqlClient(api.url, `Bearer ${owner.token}`).ok<{ channel: { voiceStates: { sessionId: string }[] } }>(
        'query($c: ID!) { channel(id: $c) { voiceStates { sessionId } } }',
        { c: voiceId },
      );
    await until(async () => (await states()).channel.voiceStates, `voice session ${session.joinVoice.sessionId} ended`, {
      done: (s) => s.length === 0,
    });
    const bullKeys = await Promise.all(
      cluster.nodes.map(async (node) => (await run('redis-cli', ['-u', `redis://${node}`, 'keys', `{${prefix}bull}:*`])).stdout.trim()),
    );
    expect(bullKeys.join('\n')).toContain(`{${prefix}bull}:presence`);
  });
});
