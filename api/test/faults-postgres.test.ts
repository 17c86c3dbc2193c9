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
    const target = new URL(databaseUrl);
    proxy = await TcpProxy.start(target.hostname, Number(target.port || 5432));
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
