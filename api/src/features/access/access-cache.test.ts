import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from '../../app.js';
import { eventually, expectNullOrNotFound, joinServer, until } from '../../../test/fixtures.js';
import { GqlClient, createServer, signUp, startTestApi, uniquePrefix, type TestUser } from '../../../test/harness.js';
import { TcpProxy } from '../../../test/tcp-proxy.js';
import { subscribe, wsClient } from '../../../test/ws-client.js';
import { liveSubscriptions } from '../../realtime/channel-rooms.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
// Long enough that only the flush on resubscribe, not the time to live, can make the test pass.
const LONG_TTL = { ACCESS_CACHE_TTL_SECONDS: '3600' };

describe('access caches after the Redis subscriber was away', () => {
  let proxy: TcpProxy;
  let direct: RunningApi;
  let behindProxy: RunningApi;
  let owner: TestUser;
  let member: TestUser;
  let server: Awaited<ReturnType<typeof createServer>>;

  beforeAll(async () => {
    proxy = await TcpProxy.inFrontOf(REDIS_URL);
    const prefix = uniquePrefix();
    // Both on one Redis (the second through the proxy), also when the suite runs on a cluster.
    direct = await startTestApi({ ...LONG_TTL, REDIS_CLUSTER_NODES: '' }, prefix);
    behindProxy = await startTestApi({ ...LONG_TTL, REDIS_URL: proxy.url(REDIS_URL), REDIS_CLUSTER_NODES: '' }, prefix);
    owner = await signUp(direct, 'cacheowner');
    member = await signUp(direct, 'cachemember');
    server = await createServer(owner);
    await joinServer(member, server.id);
  });
  afterAll(async () => {
    await behindProxy?.close();
    await direct?.close();
    await proxy?.close();
  });

  it('forgets every cached permission when the subscriber reconnects, so a member kicked meanwhile has no access', async () => {
    const channelId = server.channels.find((c) => c.type === 'TEXT')!.id;
    const onProxied = new GqlClient(behindProxy.url, `Bearer ${member.token}`);
    const channelQuery = 'query($c: ID!) { channel(id: $c) { id } }';
    // Warm the proxied instance's caches and open a live stream there.
    expect((await onProxied.ok(channelQuery, { c: channelId })).channel).toEqual({ id: channelId });
    const ws = wsClient(behindProxy.url, member.token);
    const stream = subscribe(ws, 'subscription($c: ID!) { channelEvents(channelId: $c) { __typename } }', { c: channelId });
    await until(() => liveSubscriptions(behindProxy.services) > 0, 'the stream to listen');

    proxy.cut();
    await until(() => behindProxy.services.redis.status !== 'ready', 'the proxied instance to lose Redis');
    // The kick's invalidation is published while the proxied instance is not subscribed: it never gets it.
    await owner.client.ok('mutation($s: ID!, $u: ID!) { kickMember(serverId: $s, userId: $u) }', { s: server.id, u: member.id });
    proxy.restore();
    await until(() => behindProxy.services.redis.status === 'ready', 'the proxied instance to reconnect', { timeoutMs: 20_000 });

    await eventually(async () => expectNullOrNotFound(await onProxied.request(channelQuery, { c: channelId }), 'channel'), 5000);
    // The live stream re-checked its access too, and ended.
    await stream.waitForEnd();
    await ws.dispose();
  });
});
