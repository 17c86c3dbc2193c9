import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from '../src/app.js';
import { eventually, expectNullOrNotFound, joinServer, sql, until } from './fixtures.js';
import { createServer, GqlClient, signUp, startTestApi, uniquePrefix, type TestUser } from './harness.js';
import { assertWorkersBuilt, startApiProcess, startWorkers, stopAllWorkers } from './processes.js';
import { recordServerEvents, type ServerEventLog } from './server-events.js';
import { wsClient } from './ws-client.js';

const KICK = 'mutation($s: ID!, $u: ID!) { kickMember(serverId: $s, userId: $u) }';
const CHANNEL = 'query($c: ID!) { channel(id: $c) { id } }';

// A real second API process, started with a crash point right after an action's commit and before
// its side effects (the outbox row) are performed: a kill -9 there loses them unless they are retried.
describe('kill -9 of an API process between committing a kick and announcing it (a real API process, then workers)', () => {
  const prefix = uniquePrefix();
  let api: RunningApi;
  let owner: TestUser;
  let member: TestUser;
  let serverId: string;
  let channelId: string;
  let observer: Client;
  let log: ServerEventLog;

  beforeAll(async () => {
    assertWorkersBuilt();
    api = await startTestApi({}, prefix);
    owner = await signUp(api, 'outboxowner');
    member = await signUp(api, 'outboxmember');
    const server = await createServer(owner);
    serverId = server.id;
    channelId = server.channels.find((c) => c.type === 'TEXT')!.id;
    await joinServer(member, serverId);
    observer = wsClient(api.url, owner.token);
    log = await recordServerEvents(observer, serverId);
  });
  afterAll(async () => {
    log?.stop();
    await observer?.dispose();
    await Promise.all([api?.close(), stopAllWorkers()]);
  });

  it('the sweep revokes the kicked member’s access everywhere and announces MemberLeft exactly once', async () => {
    // The member's access is cached on the surviving process.
    expect((await member.client.ok(CHANNEL, { c: channelId })).channel).toEqual({ id: channelId });
    const doomed = await startApiProcess(prefix, { RASHIGO_FAILPOINTS: 'outbox-committed' });
    const viaDoomed = new GqlClient(`http://127.0.0.1:${doomed.port}/graphql`, `Bearer ${owner.token}`);
    // The process dies mid-request: no answer.
    await viaDoomed.request(KICK, { s: serverId, u: member.id }).catch(() => null);
    expect((await doomed.exited).signal).toBe('SIGKILL');

    // Committed, not announced: the membership is gone, its side effects wait in the outbox, and the
    // surviving process, told nothing, still serves the member's cached access.
    expect(await sql(api, 'select 1 from members where server_id = ? and user_id = ?', [serverId, member.id])).toEqual([]);
    const pending = () =>
      sql(api, `select id from outbox where effects @> ?::jsonb`, [
        JSON.stringify([{ kind: 'server-event', event: { type: 'MemberLeft', userId: member.id } }]),
      ]);
    expect(await pending()).toHaveLength(1);
    expect((await member.client.ok(CHANNEL, { c: channelId })).channel).toEqual({ id: channelId });
    expect(log.about('MemberLeft', member.id)).toEqual([]);

    await startWorkers(prefix, { SWEEP_EVERY_SECONDS: '1' });
    await log.waitFor((e) => e.type === 'MemberLeft' && e.userId === member.id, 15_000, 'MemberLeft');
    await until(async () => (await pending()).length === 0, 'the outbox row to be performed');
    await eventually(async () => expectNullOrNotFound(await member.client.request(CHANNEL, { c: channelId }), 'channel'), 5000);
    // The row is gone, so no later sweep performs it again; a later event shows nothing else was in flight.
    await owner.client.ok('mutation($s: ID!, $u: ID!) { setNickname(serverId: $s, userId: $u, nickname: "after") { nickname } }', {
      s: serverId,
      u: owner.id,
    });
    await log.waitFor((e) => e.type === 'MemberUpdated' && e.userId === owner.id, 10_000, 'the rename');
    expect(log.about('MemberLeft', member.id)).toHaveLength(1);
  });
});
