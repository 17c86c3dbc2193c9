import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { RunningApi } from '../src/app.js';
import { eventually, sleep, sql } from './fixtures.js';
import { signUp, startTestApi, type TestUser } from './harness.js';
import { TcpProxy } from './tcp-proxy.js';

// Postgres "stops" for this API only: its connections go through a proxy the test cuts, while the
// machine's Postgres, which other tests and helpers use, keeps running.
describe('when Postgres stops for a few seconds', () => {
  let proxy: TcpProxy;
  let api: RunningApi;
  let direct: RunningApi;
  let user: TestUser;
  beforeAll(async () => {
    const databaseUrl = inject('databaseUrl');
    proxy = await TcpProxy.inFrontOf(databaseUrl);
    api = await startTestApi({ DATABASE_URL: proxy.url(databaseUrl) });
    direct = await startTestApi();
    user = await signUp(api, 'pgdown');
  });
  afterAll(async () => {
    await api?.close();
    await direct?.close();
    await proxy?.close();
  });

  const CREATE = 'mutation($n: String!) { createServer(input: { name: $n }) { id } }';
  /** How long Postgres stays down while mutations are attempted. */
  const OUTAGE_MS = 3000;
  /** Far under a hang (the pool's 60 s wait for a connection), far over a refusal on a loaded machine. */
  const PROMPT_MS = 2000;

  /** The refusal clients are promised (README, Operations): a code and a plain message, nothing internal. */
  async function expectRefused(name: string): Promise<void> {
    const started = Date.now();
    const { errors, data } = await user.client.request(CREATE, { n: name });
    expect(Date.now() - started).toBeLessThan(PROMPT_MS);
    expect(data?.createServer ?? null).toBeNull();
    expect(errors).toEqual([
      {
        message: 'A backing service is unavailable; nothing was done, retry shortly',
        path: ['createServer'],
        extensions: { code: 'SERVICE_UNAVAILABLE' },
      },
    ]);
  }

  it('mutations fail with SERVICE_UNAVAILABLE, nothing is half-written, and the API recovers without a restart', async () => {
    expect((await user.client.request(CREATE, { n: 'Before outage' })).errors).toBeUndefined();

    // createServer writes the server, its role, its member and its channels in one transaction:
    // Postgres goes away once a channel's insert has passed, before the transaction commits.
    const cutMidTransaction = proxy.cutAfter('insert into "channels"');
    await expectRefused('Cut mid-transaction');
    await cutMidTransaction;

    // Postgres stays down: every mutation meanwhile is refused promptly, none waits for it to return.
    const downUntil = Date.now() + OUTAGE_MS;
    let attempts = 0;
    while (Date.now() < downUntil) {
      await expectRefused('During outage');
      attempts += 1;
      await sleep(200);
    }
    expect(attempts).toBeGreaterThan(1);

    // Back, and the same API process serves the same mutation again.
    proxy.restore();
    await eventually(async () => expect((await user.client.request(CREATE, { n: 'After outage' })).errors).toBeUndefined(), 20_000);

    // Read through an API that never lost Postgres: the refused creations left no server, role,
    // channel or member, not even the one cut after several of its rows were written.
    const names = await sql<{ name: string }>(direct, 'select name from servers where owner_id = ? order by name', [user.id]);
    expect(names.map((r) => r.name)).toEqual(['After outage', 'Before outage']);
    const orphans = await sql(
      direct,
      `select 1 from channels c where not exists (select 1 from servers s where s.id = c.server_id)
       union all select 1 from roles r where not exists (select 1 from servers s where s.id = r.server_id)
       union all select 1 from members m where not exists (select 1 from servers s where s.id = m.server_id)`,
    );
    expect(orphans).toEqual([]);
  });
});

// Postgres goes silent rather than away: connections stay open and nothing comes back (a host gone, a
// network dropping packets, a frozen VM). Nothing refuses, so only the API's own deadline ends a wait;
// without it a request waits for TCP to give up, about 15 minutes.
describe('when Postgres goes silent', () => {
  let proxy: TcpProxy;
  let api: RunningApi;
  let direct: RunningApi;
  let user: TestUser;
  /** DATABASE_ANSWER_TIMEOUT_MS, short so the test is quick (5 s by default). */
  const ANSWER_MS = 400;
  /** A silent connection is cut after about twice ANSWER_MS; a free one is waited for three times it. Room for a loaded machine. */
  const BOUND_MS = 10 * ANSWER_MS;
  beforeAll(async () => {
    const databaseUrl = inject('databaseUrl');
    proxy = await TcpProxy.inFrontOf(databaseUrl);
    api = await startTestApi({ DATABASE_URL: proxy.url(databaseUrl), DATABASE_ANSWER_TIMEOUT_MS: String(ANSWER_MS) });
    direct = await startTestApi();
    user = await signUp(api, 'pgsilent');
  });
  afterAll(async () => {
    await api?.close();
    await direct?.close();
    await proxy?.close();
  });

  const CREATE = 'mutation($n: String!) { createServer(input: { name: $n }) { id } }';
  const healthz = async () => {
    const response = await fetch(api.url.replace(/\/graphql$/, '/healthz'));
    return { status: response.status, body: (await response.json()) as unknown };
  };

  it('a long statement on a Postgres that answers is not cut', async () => {
    // Silent for 3× ANSWER_MS: the API checks on a new connection, which answers, and goes on waiting.
    const [row] = await sql<{ slept: string }>(api, "select pg_sleep(1.2)::text || 'done' as slept");
    expect(row?.slept).toBe('done');
  });

  it('requests answer SERVICE_UNAVAILABLE within the deadline, /healthz 503, nothing is written, and the API recovers', async () => {
    expect((await user.client.request(CREATE, { n: 'Before silence' })).errors).toBeUndefined();
    // The pool holds its ten connections, idle and open, when the silence comes.
    await Promise.all(Array.from({ length: 10 }, () => sql(api, 'select pg_sleep(0.1)')));

    proxy.silence();
    const started = Date.now();
    // More at once than the pool holds: some wait on a silent connection, the rest for a free one.
    const [health, ...results] = await Promise.all([
      healthz(),
      ...Array.from({ length: 12 }, (_, i) => user.client.request(CREATE, { n: `During silence ${i}` })),
    ]);
    expect(Date.now() - started).toBeLessThan(BOUND_MS);
    expect(health).toEqual({ status: 503, body: { status: 'degraded', postgres: 'down', redis: 'ok' } });
    for (const { data, errors } of results) {
      expect(data?.createServer ?? null).toBeNull();
      expect(errors?.map((e) => e.extensions?.code)).toEqual(['SERVICE_UNAVAILABLE']);
    }

    proxy.restore();
    await eventually(async () => expect((await user.client.request(CREATE, { n: 'After silence' })).errors).toBeUndefined(), 20_000);
    expect((await healthz()).status).toBe(200);
    const names = await sql<{ name: string }>(direct, 'select name from servers where owner_id = ? order by name', [user.id]);
    expect(names.map((r) => r.name)).toEqual(['After silence', 'Before silence']);
  });
});
