import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { RunningApi } from '../src/app.js';
import { eventually, sql } from './fixtures.js';
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

  it('mutations fail with SERVICE_UNAVAILABLE, nothing is half-written, and the API recovers without a restart', async () => {
    expect((await user.client.request(CREATE, { n: 'Before outage' })).errors).toBeUndefined();
    proxy.cut();
    const refused = await user.client.request(CREATE, { n: 'During outage' });
    expect(refused.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    proxy.restore();
    await eventually(async () => expect((await user.client.request(CREATE, { n: 'After outage' })).errors).toBeUndefined(), 20_000);
    // Read through an API that never lost Postgres: the refused creation left no server, role, channel or member.
    const names = await sql<{ name: string }>(direct, 'select name from servers where owner_id = ? order by name', [user.id]);
    expect(names.map((r) => r.name)).toEqual(['After outage', 'Before outage']);
    const orphans = await sql(
      direct,
      `select 1 from channels c where not exists (select 1 from servers s where s.id = c.server_id)
       union all select 1 from roles r where not exists (select 1 from servers s where s.id = r.server_id)`,
    );
    expect(orphans).toEqual([]);
  });
});
