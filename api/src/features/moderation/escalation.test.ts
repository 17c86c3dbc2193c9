import { hostname } from 'node:os';
import type { Job } from 'bullmq';
import type { Client } from 'graphql-ws';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { RunningApi } from '../../app.js';
import { QueueName, type RateLimitRefusalJob } from '../../jobs/queues.js';
import { sql, sleep } from '../../../test/fixtures.js';
import { createServer, signUp, startTestApi, uniquePrefix, type TestUser } from '../../../test/harness.js';
import { startWorkers, stopAllWorkers, type WorkerProcess } from '../../../test/processes.js';
import { recordServerEvents, type ServerEventLog } from '../../../test/server-events.js';
import { wsClient } from '../../../test/ws-client.js';

// Rate-limit refusals recorded by the API become jobs; real worker processes apply the escalation policy.
const WORKER_ENV = { WORKER_LOCK_MS: '1000' };
const SEND = 'mutation($c: ID!, $t: String!) { sendMessage(channelId: $c, content: $t) { id } }';
const LIMITS =
  'mutation($s: ID!, $i: ServerRateLimitsInput!) { updateServerRateLimits(serverId: $s, input: $i) { channelMessageLimit escalationEnabled escalationRefusals escalationTimeoutSeconds } }';
const DEFAULT_TIMEOUT_MS = 300_000; // the default policy: 3 refusals within 60 s => 5 minutes

interface Scenario {
  serverId: string;
  channelId: string;
  member: TestUser;
  log: ServerEventLog;
}

describe('rate-limit escalation (with worker processes)', () => {
  const prefix = uniquePrefix();
  let api: RunningApi;
  let first: WorkerProcess;
  let owner: TestUser;
  let ownerWs: Client;
  const logs: ServerEventLog[] = [];

  beforeAll(async () => {
    [api, first] = await Promise.all([startTestApi({}, prefix), startWorkers(prefix, WORKER_ENV)]);
    owner = await signUp(api, 'escowner');
    ownerWs = wsClient(api.url, owner.token);
  });
  afterAll(async () => {
    logs.forEach((l) => l.stop());
    await ownerWs?.dispose();
    await Promise.all([api?.close(), stopAllWorkers()]);
  });

  const refusals = () => api.services.jobs.queue(QueueName.rateLimitRefusals);

  /** A public server with a channel limit of 3 messages per 10 s, a member, and the owner watching its events. */
  async function scenario(input: Record<string, unknown> = {}): Promise<Scenario> {
    const server = await createServer(owner);
    const channelId = server.channels.find((c) => c.type === 'TEXT')!.id;
    const member = await signUp(api, 'spammer');
    await member.client.ok('mutation($s: ID!) { joinServer(serverId: $s) { id } }', { s: server.id });
    await owner.client.ok(LIMITS, { s: server.id, i: { channelMessageLimit: 3, channelMessageWindowSeconds: 10, ...input } });
    const log = await recordServerEvents(ownerWs, server.id);
    logs.push(log);
    return { serverId: server.id, channelId, member, log };
  }

  /** Sends one message; answers 'OK' or the error code. */
  async function send(s: Scenario, text = 'spam'): Promise<string> {
    const result = await s.member.client.request(SEND, { c: s.channelId, t: text });
    return result.errors?.length ? String(result.errors[0]!.extensions?.code) : 'OK';
  }
  async function sendMany(s: Scenario, count: number, parallel: boolean): Promise<string[]> {
    if (parallel) return Promise.all(Array.from({ length: count }, (_, i) => send(s, `burst ${i}`)));
    const codes: string[] = [];
    for (let i = 0; i < count; i += 1) codes.push(await send(s, `spam ${i}`));
    return codes;
  }

  /** Resolves once no refusal job is waiting, delayed or running. */
  async function drained(timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const c = await refusals().getJobCounts('waiting', 'active', 'delayed', 'prioritized');
      if (Object.values(c).every((n) => n === 0)) return;
      if (Date.now() > deadline) throw new Error(`refusal jobs still pending: ${JSON.stringify(c)}`);
      await sleep(50);
    }
  }
  /** Every refusal job of this member, whatever its state. */
  async function jobsOf(s: Scenario): Promise<Job<RateLimitRefusalJob>[]> {
    const jobs = await refusals().getJobs(['completed', 'failed', 'active', 'waiting', 'delayed']);
    return jobs.filter((j) => j.data.serverId === s.serverId && j.data.userId === s.member.id);
  }
  const timedOutUntil = async (s: Scenario): Promise<Date | null> => {
    const [row] = await sql<{ timed_out_until: string | Date | null }>(
      api,
      'select timed_out_until from members where server_id = ? and user_id = ?',
      [s.serverId, s.member.id],
    );
    return row!.timed_out_until === null ? null : new Date(row!.timed_out_until);
  };
  const timeoutAudits = (s: Scenario) =>
    sql<{ actor_id: string | null; target_id: string; reason: string | null; changes: string }>(
      api,
      "select actor_id, target_id, reason, changes from audit_log_entries where server_id = ? and action = 'MEMBER_TIMEOUT'",
      [s.serverId],
    );
  const memberUpdates = (s: Scenario) => s.log.about('MemberUpdated', s.member.id);

  /** The outcome every variant must reach: one timeout by the system, one audit entry, one MemberUpdated. */
  async function expectExactlyOneTimeout(s: Scenario, firstRefusalAt: number): Promise<void> {
    const event = await s.log.waitFor(
      (e) => e.type === 'MemberUpdated' && e.userId === s.member.id && e.timedOutUntil != null,
      15_000,
      'MemberUpdated with a timeout',
    );
    await drained();
    await sleep(500); // room for a duplicate to show up

    const until = await timedOutUntil(s);
    expect(until).not.toBeNull();
    // The end derives from the crossing refusal's time: 5 minutes after it.
    expect(until!.getTime()).toBeGreaterThanOrEqual(firstRefusalAt + DEFAULT_TIMEOUT_MS);
    expect(until!.getTime()).toBeLessThanOrEqual(Date.now() + DEFAULT_TIMEOUT_MS);
    expect(new Date(event.timedOutUntil!).getTime()).toBe(until!.getTime());
    expect(memberUpdates(s)).toHaveLength(1);

    const audits = await timeoutAudits(s);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actor_id: null, target_id: s.member.id });
    expect(audits[0]!.reason).toMatch(/^Automatic: 3 rate-limit refusals within 60 s$/);
    expect(JSON.parse(audits[0]!.changes)).toEqual({ timedOutUntil: [null, until!.toISOString()] });

    const next = await s.member.client.request(SEND, { c: s.channelId, t: 'after' });
    expect(next.errors?.[0]?.extensions).toMatchObject({ code: 'TIMED_OUT', until: until!.toISOString() });
  }

  /**
   * Every third refusal of a burst crosses the threshold, yet the member was timed out once (checked
   * by the caller): the later crossings found a timeout already covering their refusal.
   */
  function expectCrossings(outcomes: string[], codes: string[]): void {
    const refused = codes.filter((c) => c === 'RATE_LIMITED').length;
    expect(outcomes).toHaveLength(refused);
    expect(outcomes.filter((o) => o !== 'counted')).toHaveLength(Math.floor(refused / 3));
    expect(Math.floor(refused / 3)).toBeGreaterThanOrEqual(2);
    // Refusals in the same millisecond would set the very same end, so either label may repeat.
    expect(outcomes).toContain('timed-out');
    for (const o of outcomes) expect(['counted', 'timed-out', 'already-timed-out']).toContain(o);
  }

  it('three rapid refusals lead to exactly one timeout, one audit entry by the system and one MemberUpdated', async () => {
    const s = await scenario();
    const start = Date.now();
    expect(await sendMany(s, 6, false)).toEqual(['OK', 'OK', 'OK', 'RATE_LIMITED', 'RATE_LIMITED', 'RATE_LIMITED']);
    await expectExactlyOneTimeout(s, start);

    const jobs = await jobsOf(s);
    expect(jobs.map((j) => j.returnvalue).sort()).toEqual(['counted', 'counted', 'timed-out']);
    for (const job of jobs) expect(job.attemptsStarted).toBe(1);
    expect(new Set(jobs.map((j) => j.processedBy))).toEqual(new Set([`${hostname()}:${first.pid}`]));
  });

  it('a burst of refusals faster than the worker still leads to exactly one timeout', async () => {
    const s = await scenario();
    const start = Date.now();
    // Hold the member's row so no worker can apply the timeout before the whole burst is in: the
    // burst is faster than the worker by construction, not by the machine's load.
    const holder = new pg.Client({ connectionString: inject('databaseUrl') });
    await holder.connect();
    let codes: string[];
    try {
      await holder.query('begin');
      await holder.query('select 1 from members where server_id = $1 and user_id = $2 for update', [s.serverId, s.member.id]);
      codes = await sendMany(s, 12, true);
    } finally {
      await holder.query('rollback').catch(() => undefined);
      await holder.end();
    }
    expect(codes.filter((c) => c === 'OK')).toHaveLength(3);
    expect(codes.filter((c) => c === 'RATE_LIMITED')).toHaveLength(9);
    await expectExactlyOneTimeout(s, start);
    expectCrossings(
      (await jobsOf(s)).map((j) => j.returnvalue),
      codes,
    );
  });

  it('does nothing when the server switched escalation off', async () => {
    const s = await scenario();
    // One refusal while escalation is on: the worker has now read (and cached) the server's policy.
    expect(await sendMany(s, 4, false)).toEqual(['OK', 'OK', 'OK', 'RATE_LIMITED']);
    await drained();
    expect((await jobsOf(s)).map((j) => j.returnvalue)).toEqual(['counted']);

    await owner.client.ok(LIMITS, { s: s.serverId, i: { escalationEnabled: false } });
    expect(await sendMany(s, 4, false)).toEqual(['RATE_LIMITED', 'RATE_LIMITED', 'RATE_LIMITED', 'RATE_LIMITED']);
    await drained();
    await sleep(300);
    expect((await jobsOf(s)).map((j) => j.returnvalue).sort()).toEqual(['counted', 'disabled', 'disabled', 'disabled', 'disabled']);
    expect(await timedOutUntil(s)).toBeNull();
    expect(await timeoutAudits(s)).toEqual([]);
    expect(memberUpdates(s)).toEqual([]);
    expect(await send(s)).toBe('RATE_LIMITED'); // still only rate limited, not timed out
  });

  it('a worker killed in the middle of the job: the job is retried by another process and completes once', async () => {
    const s = await scenario();
    const start = Date.now();
    expect(await sendMany(s, 3, false)).toEqual(['OK', 'OK', 'OK']);
    // Hold the member's row so the escalation's UPDATE waits half-way through its transaction.
    const holder = new pg.Client({ connectionString: inject('databaseUrl') });
    await holder.connect();
    let second: WorkerProcess | undefined;
    try {
      const holderPid = (await holder.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;
      await holder.query('begin');
      await holder.query('select 1 from members where server_id = $1 and user_id = $2 for update', [s.serverId, s.member.id]);
      expect(await sendMany(s, 3, false)).toEqual(['RATE_LIMITED', 'RATE_LIMITED', 'RATE_LIMITED']);

      // Exactly one job, the crossing one, is stuck in the database.
      for (let i = 0; ; i += 1) {
        const c = await refusals().getJobCounts('active', 'waiting', 'completed');
        const blocked = await sql(api, 'select 1 from pg_stat_activity where ? = any(pg_blocking_pids(pid))', [holderPid]);
        if (c.active === 1 && c.waiting === 0 && blocked.length === 1) break;
        if (i > 300) throw new Error(`the job never blocked: ${JSON.stringify(c)}`);
        await sleep(20);
      }
      expect(await first.kill()).toEqual({ code: null, signal: 'SIGKILL' });
      await holder.query('rollback');
      await sleep(300);
      // The killed attempt wrote nothing.
      expect(await timedOutUntil(s)).toBeNull();
      expect(await timeoutAudits(s)).toEqual([]);

      second = await startWorkers(prefix, WORKER_ENV);
      await expectExactlyOneTimeout(s, start);
    } finally {
      await holder.end();
    }

    const jobs = await jobsOf(s);
    expect(jobs.map((j) => j.returnvalue).sort()).toEqual(['counted', 'counted', 'timed-out']);
    const retried = jobs.find((j) => j.returnvalue === 'timed-out')!;
    expect(retried.attemptsStarted).toBe(2);
    expect(retried.processedBy).toBe(`${hostname()}:${second.pid}`);
    expect(await refusals().getJobCounts('failed')).toEqual({ failed: 0 });
    first = second;
  });

  it('two worker processes on one Redis share the work without running a job twice', async () => {
    const other = await startWorkers(prefix, WORKER_ENV);
    const names = new Set([`${hostname()}:${first.pid}`, `${hostname()}:${other.pid}`]);
    const s = await scenario();
    const start = Date.now();
    const codes = await sendMany(s, 12, true);
    expect(codes.filter((c) => c === 'RATE_LIMITED').length).toBeGreaterThanOrEqual(6);
    await expectExactlyOneTimeout(s, start);

    const jobs = await jobsOf(s);
    expectCrossings(
      jobs.map((j) => j.returnvalue),
      codes,
    );
    for (const job of jobs) {
      expect(job.finishedOn).toBeTruthy();
      expect(job.attemptsStarted).toBe(1); // taken by exactly one process, once
      expect(names.has(job.processedBy!)).toBe(true);
    }
    expect(await other.stop()).toEqual({ code: 0, signal: null });
  });
});
