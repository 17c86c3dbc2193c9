import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { RunningApi } from '../src/app.js';
import { MAX_REQUEST_BYTES } from '../src/graphql/limits.js';
import { localRedisArgs } from '../../scripts/services.mjs';
import { eventually, sql, until } from './fixtures.js';
import { GqlClient, signUp, startTestApi, uniqueName, type TestUser } from './harness.js';
import { TcpProxy } from './tcp-proxy.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const METRICS_TOKEN = `metrics-${randomBytes(8).toString('hex')}`;
const REGISTER = 'mutation($u: String!, $p: String!) { register(username: $u, password: $p) { token } }';

async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('operations', () => {
  let api: RunningApi;
  let user: TestUser;
  const base = () => api.url.replace(/\/graphql$/, '');
  beforeAll(async () => {
    api = await startTestApi({ METRICS_TOKEN, TRUST_PROXY: 'loopback', AUTH_RATE_LIMIT_PER_MINUTE: '2' });
    // From loopback: the forwarded clients of the sign-in test below have budgets of their own.
    user = await signUp({ url: api.url }, 'ops');
  });
  afterAll(async () => {
    await api?.close();
  });

  it('/metrics on the public port needs the bearer token, whatever X-Forwarded-For says; the loopback port needs none', async () => {
    for (const headers of [{}, { authorization: 'Bearer wrong' }, { 'x-forwarded-for': '127.0.0.1' }] as Record<string, string>[]) {
      const refused = await fetch(`${base()}/metrics`, { headers });
      expect(refused.status).toBe(401);
      expect(await refused.text()).toMatch(/METRICS_TOKEN/);
    }
    const ok = await fetch(`${base()}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('rashigo_http_requests_total');
    const local = await fetch(`http://127.0.0.1:${api.metricsPort}/metrics`);
    expect(local.status).toBe(200);
    expect(await local.text()).toContain('rashigo_http_requests_total');
  });

  it('without METRICS_TOKEN the public port does not serve /metrics, even to loopback behind TRUST_PROXY; the loopback port does', async () => {
    const open = await startTestApi({ TRUST_PROXY: 'loopback' });
    try {
      const publicBase = open.url.replace(/\/graphql$/, '');
      // A same-machine proxy's request, and a client claiming to be loopback through it.
      for (const headers of [{}, { 'x-forwarded-for': '127.0.0.1' }] as Record<string, string>[]) {
        const refused = await fetch(`${publicBase}/metrics`, { headers });
        expect(refused.status).toBe(404);
        expect(await refused.text()).toMatch(/loopback metrics port .*METRICS_TOKEN/);
      }
      const local = await fetch(`http://127.0.0.1:${open.metricsPort}/metrics`);
      expect(local.status).toBe(200);
      expect(await local.text()).toContain('rashigo_http_requests_total');
    } finally {
      await open.close();
    }
  });

  it('METRICS_PORT=off starts no loopback metrics listener', async () => {
    const off = await startTestApi({ METRICS_PORT: 'off' });
    expect(off.metricsPort).toBeNull();
    await off.close();
  });

  it('labels requests by route, so requested paths cannot mint new series', async () => {
    const path = `/made-up-${randomBytes(4).toString('hex')}`;
    const avatar = `/avatars/1/${randomBytes(16).toString('hex')}`;
    for (let i = 0; i < 3; i += 1) await fetch(`${base()}${path}?x=${i}`);
    expect((await fetch(`${base()}${avatar}`)).status).toBe(404);
    const text = await (await fetch(`${base()}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
    expect(text).not.toContain(path.slice(1));
    expect(text).not.toContain(avatar);
    expect(text).toMatch(/rashigo_http_requests_total\{route="\/avatars",status="404"\} [1-9]/);
    expect(text).toMatch(/rashigo_http_requests_total\{route="unmatched",status="404"\} [1-9]/);
    expect(text).toMatch(/rashigo_http_requests_total\{route="\/graphql",status="200"\} [1-9]/);
  });

  it('honours TRUST_PROXY: each forwarded client has its own sign-in budget', async () => {
    const from = (ip: string) => new GqlClient(api.url, undefined, { 'x-forwarded-for': ip });
    const attempt = async (ip: string) =>
      (await from(ip).request(REGISTER, { u: uniqueName('proxied'), p: 'correct horse battery' })).errors?.[0]?.extensions?.code ?? 'OK';
    expect([await attempt('203.0.113.7'), await attempt('203.0.113.7'), await attempt('203.0.113.7')]).toEqual([
      'OK',
      'OK',
      'RATE_LIMITED',
    ]);
    expect(await attempt('198.51.100.9')).toBe('OK');
  });

  it('closes a graphql-ws connection whose message is over MAX_REQUEST_BYTES (not the 100 MiB default)', async () => {
    const socket = new WebSocket(api.url.replace(/^http/, 'ws'), 'graphql-transport-ws');
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    socket.send(JSON.stringify({ type: 'connection_init', payload: { pad: 'x'.repeat(MAX_REQUEST_BYTES + 1) } }));
    expect(await closed).toBe(1009);
    expect(MAX_REQUEST_BYTES).toBeLessThan(100 * 1024 * 1024);
  });

  it('two createServer calls with one name both succeed, with different slugs', async () => {
    for (let round = 0; round < 5; round += 1) {
      const name = `Race ${randomBytes(3).toString('hex')}`;
      const results = await Promise.all(
        [0, 1].map(() => user.client.request('mutation($n: String!) { createServer(input: { name: $n }) { id slug } }', { n: name })),
      );
      expect(results.map((r) => r.errors)).toEqual([undefined, undefined]);
      const slugs = results.map((r) => (r.data as { createServer: { slug: string } }).createServer.slug);
      expect(new Set(slugs).size).toBe(2);
    }
  });
});

describe('when Redis is down', () => {
  let proxy: TcpProxy;
  let api: RunningApi;
  let user: TestUser;
  beforeAll(async () => {
    proxy = await TcpProxy.inFrontOf(REDIS_URL);
    // One Redis behind the proxy, also when the suite runs on a cluster.
    api = await startTestApi({ REDIS_URL: proxy.url(REDIS_URL), REDIS_CLUSTER_NODES: '' });
    user = await signUp(api, 'outage');
  });
  afterAll(async () => {
    await api?.close();
    await proxy?.close();
  });

  it('requests fail fast with SERVICE_UNAVAILABLE, and work again once Redis is back, without a restart', async () => {
    expect(await user.client.ok('mutation { heartbeat }')).toEqual({ heartbeat: true });
    proxy.cut();
    await until(() => api.services.redis.status !== 'ready', 'the API to lose Redis');
    const refused = await user.client.request('mutation { heartbeat }');
    expect(refused.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect(refused.errors?.[0]?.message).toMatch(/unavailable; nothing was done, retry shortly/);
    const health = await fetch(api.url.replace(/\/graphql$/, '/healthz'));
    expect(health.status).toBe(503);
    proxy.restore();
    await eventually(async () => expect(await user.client.ok('mutation { heartbeat }')).toEqual({ heartbeat: true }), 20_000);
    expect(await sql(api, 'select 1 as one')).toEqual([{ one: 1 }]);
  });
});

describe("npm start's own Redis", () => {
  it('keeps its data across a restart (append-only file)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rashigo-aof-'));
    const port = await freePort();
    const args = [...localRedisArgs(port, dir), '--pidfile', join(dir, 'redis.pid')];
    const start = () => expect(spawnSync('redis-server', args).status).toBe(0);
    const connect = async () => {
      const redis = new Redis(port, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 0 });
      await until(
        () =>
          redis.connect().then(
            () => true,
            () => false,
          ),
        'the private Redis to accept connections',
      );
      return redis;
    };
    try {
      start();
      let redis = await connect();
      await redis.lpush('queued-job', 'payload');
      // SHUTDOWN NOSAVE: no snapshot is written, only what the append-only file holds survives.
      await redis.call('SHUTDOWN', 'NOSAVE').catch(() => undefined);
      redis.disconnect();
      start();
      redis = await connect();
      expect(await redis.lrange('queued-job', 0, -1)).toEqual(['payload']);
      await redis.call('SHUTDOWN', 'NOSAVE').catch(() => undefined);
      redis.disconnect();
    } finally {
      const pid = (() => {
        try {
          return Number(readFileSync(join(dir, 'redis.pid'), 'utf8'));
        } catch {
          return 0;
        }
      })();
      if (pid) spawnSync('kill', [String(pid)]);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
