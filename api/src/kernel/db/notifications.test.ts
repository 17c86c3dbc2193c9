import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { until } from '../../../test/fixtures.js';
import { TcpProxy } from '../../../test/tcp-proxy.js';
import { PgNotifications } from './notifications.js';

// The LISTEN connection goes through a proxy the test silences: connections stay open and nothing
// passes either way, as when Postgres's host is gone. A LISTEN connection is idle by nature; only
// its own heartbeat can notice.
describe('PgNotifications when Postgres goes silent', () => {
  const ANSWER_MS = 200;
  const channel = `rashigo_test_${process.pid}`;
  let proxy: TcpProxy;
  let notifications: PgNotifications;
  let direct: pg.Client;
  beforeAll(async () => {
    const databaseUrl = inject('databaseUrl');
    proxy = await TcpProxy.inFrontOf(databaseUrl);
    notifications = new PgNotifications(proxy.url(databaseUrl), ANSWER_MS);
    direct = new pg.Client({ connectionString: databaseUrl });
    await direct.connect();
  });
  afterAll(async () => {
    await notifications?.close();
    await direct?.end();
    await proxy?.close();
  });

  const notify = (payload: string) => direct.query('select pg_notify($1, $2)', [channel, payload]);

  it('cuts the silent connection, opens a new one once Postgres answers, listens again and says so', async () => {
    const heard: string[] = [];
    await notifications.listen(channel, (payload) => heard.push(payload));
    await notify('before');
    await until(() => heard.includes('before'), 'the first notification');
    let reconnects = 0;
    notifications.onReconnect(() => (reconnects += 1));

    const opened = proxy.accepted;
    proxy.silence();
    // The heartbeat goes unanswered, so does the probe on a new connection (one), the silent one is
    // cut, and a second new connection is the attempt to listen again.
    await until(() => proxy.accepted >= opened + 2, 'an attempt to reconnect after the silent connection was cut');
    expect(reconnects).toBe(0);
    proxy.restore();
    await until(() => reconnects === 1, 'the reconnection');
    await notify('after');
    await until(() => heard.includes('after'), 'a notification on the new connection');
    expect(heard).toEqual(['before', 'after']);
  });
});
