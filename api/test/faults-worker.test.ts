import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from '../src/app.js';
import { joinServer, sql, until } from './fixtures.js';
import { createServer, signUp, startTestApi, uniquePrefix, type TestUser } from './harness.js';
import { assertWorkersBuilt, startWorkers, stopAllWorkers } from './processes.js';
import { recordServerEvents, type ServerEventLog } from './server-events.js';
import { wsClient } from './ws-client.js';

// Real worker processes; the first one is started with a crash point right after it commits a
// timeout's end, where a kill -9 loses the side effects unless they are part of what is retried.
describe('kill -9 of a worker between commit and announcement (with worker processes)', () => {
  const prefix = uniquePrefix();
  let api: RunningApi;
  let owner: TestUser;
  let member: TestUser;
  let serverId: string;
  let observer: Client;
  let log: ServerEventLog;

  beforeAll(async () => {
    assertWorkersBuilt();
    api = await startTestApi({}, prefix);
    owner = await signUp(api, 'faultowner');
    member = await signUp(api, 'faultmember');
    serverId = (await createServer(owner)).id;
    await joinServer(member, serverId);
    observer = wsClient(api.url, owner.token);
    log = await recordServerEvents(observer, serverId);
  });
  afterAll(async () => {
    log?.stop();
    await observer?.dispose();
    await Promise.all([api?.close(), stopAllWorkers()]);
  });

  it('the retry announces the end of the timeout, exactly once', async () => {
    const crashing = await startWorkers(prefix, { RASHIGO_FAILPOINTS: 'timeout-committed', WORKER_LOCK_MS: '1000' });
    await owner.client.ok('mutation($s: ID!, $u: ID!) { timeoutMember(serverId: $s, userId: $u, seconds: 1) { nickname } }', {
      s: serverId,
      u: member.id,
    });
    const exit = await crashing.exited;
    expect(exit.signal).toBe('SIGKILL');
    // Committed, not announced.
    expect(await sql(api, 'select timed_out_until from members where server_id = ? and user_id = ?', [serverId, member.id])).toEqual([
      { timed_out_until: null },
    ]);
    expect(await sql(api, 'select until from timeout_outbox where user_id = ?', [member.id])).toEqual([{ until: null }]);
    expect(log.about('MemberUpdated', member.id).map((e) => e.timedOutUntil === null)).toEqual([false]);

    await startWorkers(prefix, { WORKER_LOCK_MS: '1000', SWEEP_EVERY_SECONDS: '1' });
    await log.waitFor((e) => e.type === 'MemberUpdated' && e.userId === member.id && e.timedOutUntil === null, 15_000, 'the end');
    await until(
      async () => (await sql(api, 'select 1 from timeout_outbox where user_id = ?', [member.id])).length === 0,
      'the outbox to drain',
    );
    // Anything published after the end arrives after it: a later event proves no second end is in flight.
    await owner.client.ok('mutation($s: ID!, $u: ID!) { setNickname(serverId: $s, userId: $u, nickname: "after") { nickname } }', {
      s: serverId,
      u: member.id,
    });
    await until(() => log.about('MemberUpdated', member.id).length >= 3, 'the nickname change to arrive');
    // Timed out, ended once, renamed: a second announcement of the end would sit before the rename.
    expect(log.about('MemberUpdated', member.id).map((e) => e.timedOutUntil === null)).toEqual([false, true, true]);
  });
});
