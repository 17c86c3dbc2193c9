import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from '../../app.js';
import { QueueName } from '../../jobs/queues.js';
import { createInvite, sql, sleep } from '../../../test/fixtures.js';
import { createServer, signUp, startTestApi, uniquePrefix, type TestUser } from '../../../test/harness.js';
import { startWorkers, stopAllWorkers } from '../../../test/processes.js';
import { recordServerEvents, type ServerEventLog } from '../../../test/server-events.js';
import { wsClient } from '../../../test/ws-client.js';

// Delayed jobs run by a real worker process: a timeout's end is announced when it ends; expired
// invites stop working at once and the repeatable housekeeping job deletes them.
const HOUSEKEEPING_EVERY_SECONDS = 10; // the smallest the workers accept
const TIMEOUT = 'mutation($s: ID!, $u: ID!, $t: Int!) { timeoutMember(serverId: $s, userId: $u, seconds: $t) { timedOutUntil } }';
const SEND = 'mutation($c: ID!, $t: String!) { sendMessage(channelId: $c, content: $t) { id } }';
const JOIN = 'mutation($c: String!) { joinServer(inviteCode: $c) { id } }';

describe('timeout expiry and invite cleanup (with a worker process)', () => {
  const prefix = uniquePrefix();
  let api: RunningApi;
  let owner: TestUser;
  let ownerWs: Client;
  const logs: ServerEventLog[] = [];

  beforeAll(async () => {
    [api] = await Promise.all([
      startTestApi({}, prefix),
      startWorkers(prefix, { HOUSEKEEPING_EVERY_SECONDS: String(HOUSEKEEPING_EVERY_SECONDS) }),
    ]);
    owner = await signUp(api, 'tmowner');
    ownerWs = wsClient(api.url, owner.token);
  });
  afterAll(async () => {
    logs.forEach((l) => l.stop());
    await ownerWs?.dispose();
    await Promise.all([api?.close(), stopAllWorkers()]);
  });

  /** A server, a member in it, and the owner watching its events. */
  async function scenario() {
    const server = await createServer(owner);
    const channelId = server.channels.find((c) => c.type === 'TEXT')!.id;
    const member = await signUp(api, 'timed');
    await member.client.ok('mutation($s: ID!) { joinServer(serverId: $s) { id } }', { s: server.id });
    const log = await recordServerEvents(ownerWs, server.id);
    logs.push(log);
    const send = async (): Promise<string> => {
      const result = await member.client.request(SEND, { c: channelId, t: 'hello' });
      return result.errors?.length ? String(result.errors[0]!.extensions?.code) : 'OK';
    };
    const timeout = async (seconds: number): Promise<number | null> => {
      const data = await owner.client.ok<{ timeoutMember: { timedOutUntil: string | null } }>(TIMEOUT, {
        s: server.id,
        u: member.id,
        t: seconds,
      });
      return data.timeoutMember.timedOutUntil === null ? null : Date.parse(data.timeoutMember.timedOutUntil);
    };
    /** timedOutUntil of every MemberUpdated about the member, in order (epoch ms, or null). */
    const updates = () => log.about('MemberUpdated', member.id).map((e) => (e.timedOutUntil == null ? null : Date.parse(e.timedOutUntil)));
    const ended = () =>
      log.waitFor(
        (e) => e.type === 'MemberUpdated' && e.userId === member.id && e.timedOutUntil === null,
        8000,
        'MemberUpdated ending the timeout',
      );
    const expiryJob = (until: number) =>
      api.services.jobs.queue(QueueName.timeoutExpiry).getJob(`timeout-${server.id}-${member.id}-${until}`);
    const storedUntil = async () =>
      (
        await sql<{ timed_out_until: unknown }>(api, 'select timed_out_until from members where server_id = ? and user_id = ?', [
          server.id,
          member.id,
        ])
      )[0]!.timed_out_until;
    return { server, member, send, timeout, updates, ended, expiryJob, storedUntil };
  }

  it('announces the end of a timeout when it ends, and sending works again', async () => {
    const s = await scenario();
    const until = (await s.timeout(2))!;
    expect(await s.send()).toBe('TIMED_OUT');

    const end = await s.ended();
    // Published by the worker at the end: not before it, and soon after.
    expect(end.at).toBeGreaterThanOrEqual(until - 50);
    expect(end.at).toBeLessThanOrEqual(until + 1500);
    expect(s.updates()).toEqual([until, null]);
    expect(await s.storedUntil()).toBeNull();
    expect(await s.send()).toBe('OK');
    expect((await s.expiryJob(until))?.returnvalue).toBe(true);
  });

  it('a timeout changed before it ends makes the first end a no-op', async () => {
    const s = await scenario();
    const first = (await s.timeout(2))!;
    await sleep(300);
    const second = (await s.timeout(4))!;
    expect(second).toBeGreaterThan(first);

    await sleep(first + 700 - Date.now());
    // The first end has passed: still timed out, nothing announced.
    expect((await s.expiryJob(first))?.returnvalue).toBe(false);
    expect(s.updates()).toEqual([first, second]);
    expect(await s.send()).toBe('TIMED_OUT');

    const end = await s.ended();
    expect(end.at).toBeGreaterThanOrEqual(second - 50);
    expect(end.at).toBeLessThanOrEqual(second + 1500);
    expect(await s.send()).toBe('OK');
    await sleep(300);
    expect(s.updates()).toEqual([first, second, null]);
  });

  it('a timeout lifted early is announced once, and its end job does nothing', async () => {
    const s = await scenario();
    const until = (await s.timeout(2))!;
    await sleep(300);
    expect(await s.timeout(0)).toBeNull();
    expect(await s.send()).toBe('OK');
    await sleep(until + 800 - Date.now());
    expect((await s.expiryJob(until))?.returnvalue).toBe(false);
    expect(s.updates()).toEqual([until, null]);
  });

  it('an expired invite stops working at once, and the repeatable housekeeping job deletes it', async () => {
    const server = await createServer(owner, { isPrivate: true });
    const code = await createInvite(owner, server.id, 0, 1);
    const [{ expires_at }] = (await sql<{ expires_at: string }>(api, 'select expires_at from invites where code = ?', [code])) as [
      { expires_at: string },
    ];
    await sleep(Date.parse(expires_at) + 100 - Date.now());

    const late = await signUp(api, 'late');
    expect((await late.client.errorOf(JOIN, { c: code })).code).toBe('NOT_FOUND');
    expect(await sql(api, 'select 1 from members where server_id = ? and user_id = ?', [server.id, late.id])).toEqual([]);
    // Refused at once, although nothing has cleaned it up yet.
    expect(await sql(api, 'select 1 from invites where code = ?', [code])).toHaveLength(1);

    const schedulers = await api.services.jobs.queue(QueueName.housekeeping).getJobSchedulers();
    expect(schedulers.map((j) => [j.key, j.every])).toContainEqual(['expired-invites', HOUSEKEEPING_EVERY_SECONDS * 1000]);
    const deadline = Date.now() + (HOUSEKEEPING_EVERY_SECONDS + 3) * 1000;
    while ((await sql(api, 'select 1 from invites where code = ?', [code])).length > 0) {
      if (Date.now() > deadline) throw new Error('the housekeeping job never deleted the expired invite');
      await sleep(200);
    }
    expect(await api.services.jobs.queue(QueueName.housekeeping).getJobCounts('completed', 'failed')).toMatchObject({ failed: 0 });
    expect((await api.services.jobs.queue(QueueName.housekeeping).getJobCounts('completed')).completed).toBeGreaterThanOrEqual(1);
  });
});
