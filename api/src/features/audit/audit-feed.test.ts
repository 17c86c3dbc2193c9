import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { RunningApi } from '../../app.js';
import { createRole, eventually, until } from '../../../test/fixtures.js';
import { createServer, signUp, startTestApi, type TestUser } from '../../../test/harness.js';
import { TcpProxy } from '../../../test/tcp-proxy.js';
import { subscribe, wsClient, type Subscription } from '../../../test/ws-client.js';

const AUDIT_ADDED = 'subscription($s: ID!) { auditLogAdded(serverId: $s) { id action targetId } }';

// The API that serves the live audit log reaches Postgres through a proxy the test cuts: its LISTEN
// connection drops, and entries committed meanwhile (by another API process) are never notified to it.
describe('the live audit log when the LISTEN connection drops', () => {
  let proxy: TcpProxy;
  let served: RunningApi;
  let direct: RunningApi;
  let owner: TestUser;
  beforeAll(async () => {
    const databaseUrl = inject('databaseUrl');
    proxy = await TcpProxy.inFrontOf(databaseUrl);
    served = await startTestApi({ DATABASE_URL: proxy.url(databaseUrl) });
    direct = await startTestApi();
    owner = await signUp(direct, 'auditgap');
  });
  afterAll(async () => {
    await served?.close();
    await direct?.close();
    await proxy?.close();
  });

  it('delivers the entries committed while it was down once it is back, each once, then goes on live', async () => {
    const server = await createServer(owner);
    const ws = wsClient(served.url, owner.token);
    const live: Subscription<{ auditLogAdded: { id: string; action: string; targetId: string } }> = subscribe(ws, AUDIT_ADDED, {
      s: server.id,
    });
    const roles = () => live.events.map((e) => e.auditLogAdded.targetId);
    // Once the subscription is live (the first roles may come before it), an entry arrives live.
    await eventually(async () => {
      const warmUp = await createRole(owner, server.id, { name: 'Warm-up' });
      await until(() => roles().includes(warmUp.id), 'an entry, live', { timeoutMs: 1000 });
    }, 10_000);
    const start = roles().length;

    proxy.cut();
    const during = [await createRole(owner, server.id, { name: 'During 1' }), await createRole(owner, server.id, { name: 'During 2' })];
    proxy.restore();
    await until(() => during.every((role) => roles().includes(role.id)), 'the entries committed while the connection was down');
    const after = await createRole(owner, server.id, { name: 'After' });
    await until(() => roles().includes(after.id), 'an entry after the reconnection, live');

    expect(roles().slice(start)).toEqual([...during.map((role) => role.id), after.id]);
    expect(live.events.slice(start).map((e) => e.auditLogAdded.action)).toEqual(['ROLE_CREATE', 'ROLE_CREATE', 'ROLE_CREATE']);
    await ws.dispose();
  });
});
