import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { RunningApi } from '../src/app.js';
import { QueueName } from '../src/jobs/queues.js';
import { sql, sleep, until } from './fixtures.js';
import { createServer, signUp, startTestApi, uniqueName, uniquePrefix } from './harness.js';
import { startWorkers, stopAllWorkers, type WorkerProcess } from './processes.js';

// The worker program as operations see it: its /metrics endpoint, retries, kept failures, SIGTERM.

/** The value of one sample line (`name{labels} value`) of a Prometheus text exposition. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)\{([^}]*)\} (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const have = match[2]!.split(',');
    if (wanted.every((w) => have.includes(w))) return Number(match[3]);
  }
  return undefined;
}

describe('the worker process', () => {
  const prefix = uniquePrefix();
  const METRICS_TOKEN = uniqueName('metrics');
  let api: RunningApi;
  let worker: WorkerProcess;

  beforeAll(async () => {
    [api, worker] = await Promise.all([startTestApi({}, prefix), startWorkers(prefix, { METRICS_TOKEN })]);
  });
  afterAll(async () => {
    await Promise.all([api?.close(), stopAllWorkers()]);
  });

  const queue = <Q extends QueueName>(name: Q) => api.services.jobs.queue(name);
  const metrics = async (): Promise<string> => {
    const res = await fetch(`http://127.0.0.1:${worker.metricsPort}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    return res.text();
  };

  it('serves /metrics on its public port only with METRICS_TOKEN, and without a token on its loopback port', async () => {
    for (const headers of [{}, { authorization: 'Bearer wrong' }, { 'x-forwarded-for': '127.0.0.1' }] as Record<string, string>[]) {
      const refused = await fetch(`http://127.0.0.1:${worker.port}/metrics`, { headers });
      expect(refused.status).toBe(401);
      expect(await refused.text()).toMatch(/METRICS_TOKEN/);
    }
    const ok = await fetch(`http://127.0.0.1:${worker.port}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('rashigo_queue_jobs');
    expect(await metrics()).toContain('rashigo_queue_jobs');
  });

  it('serves /healthz, and /metrics with queue depth, job durations and failures', async () => {
    const health = await fetch(`http://127.0.0.1:${worker.port}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });

    // One job that succeeds, one that fails for good (a server id Postgres rejects).
    await api.services.jobs.add(QueueName.housekeeping, { task: 'expired-invites' });
    await api.services.jobs.add(
      QueueName.timeoutExpiry,
      { serverId: 'not-a-number', userId: '1', until: new Date().toISOString() },
      { attempts: 1 },
    );
    await until(() => queue(QueueName.timeoutExpiry).getJobCounts('failed'), 'the failing job', { done: (c) => c.failed === 1 });
    await until(() => queue(QueueName.housekeeping).getJobCounts('completed', 'waiting', 'active'), 'housekeeping', {
      done: (c) => (c.completed ?? 0) >= 1 && (c.waiting ?? 0) + (c.active ?? 0) === 0,
    });

    const text = await metrics();
    expect(text).toContain('# TYPE rashigo_queue_jobs gauge');
    expect(text).toContain('# TYPE rashigo_job_duration_seconds histogram');
    expect(text).toContain('# TYPE rashigo_job_failures_total counter');
    expect(sample(text, 'rashigo_queue_jobs', { queue: 'timeout-expiry', state: 'failed' })).toBe(1);
    expect(sample(text, 'rashigo_queue_jobs', { queue: 'rate-limit-refusals', state: 'waiting' })).toBe(0);
    expect(sample(text, 'rashigo_job_duration_seconds_count', { queue: 'housekeeping' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'rashigo_job_failures_total', { queue: 'timeout-expiry' })).toBe(1);

    // The failed job is kept for inspection, with its reason.
    const [failed] = await queue(QueueName.timeoutExpiry).getFailed();
    expect(failed?.data.serverId).toBe('not-a-number');
    expect(failed?.failedReason).toBeTruthy();
  });

  it("keeps BullMQ's Lua scripts off the command connection, whose auto-pipelines copy every script defined on it", async () => {
    await api.services.jobs.add(QueueName.housekeeping, { task: 'expired-invites' });
    const defined = Object.keys((api.services.redis as unknown as { scriptsSet: object }).scriptsSet);
    expect(defined.length).toBeGreaterThan(0);
    expect(defined.filter((name) => !name.startsWith('rashigo_'))).toEqual([]);
  });

  it('retries a failing job with backoff', async () => {
    const before = sample(await metrics(), 'rashigo_job_failures_total', { queue: 'timeout-expiry' }) ?? 0;
    await api.services.jobs.add(QueueName.timeoutExpiry, { serverId: 'also-not-a-number', userId: '1', until: new Date().toISOString() });
    const find = async () =>
      (await queue(QueueName.timeoutExpiry).getJobs(['delayed', 'waiting', 'active', 'failed'])).find(
        (j) => j.data.serverId === 'also-not-a-number',
      );
    await until(find, 'the first attempt', { done: (j) => (j?.attemptsMade ?? 0) >= 1 });
    const firstFailedAt = Date.now();
    const job = await until(find, 'the second attempt', { done: (j) => (j?.attemptsMade ?? 0) >= 2 });
    // The default policy: 5 attempts, exponential backoff from 500 ms; between attempts it waits delayed.
    expect(Date.now() - firstFailedAt).toBeGreaterThanOrEqual(400);
    expect(job!.opts.attempts).toBe(5);
    expect(await job!.getState()).toBe('delayed');
    expect(sample(await metrics(), 'rashigo_job_failures_total', { queue: 'timeout-expiry' })).toBe(before + 2);
    await job!.remove();
  });

  it('SIGTERM lets the job in flight finish, takes no new one, and exits 0', async () => {
    const owner = await signUp(api, 'sigowner');
    const member = await signUp(api, 'sigmember');
    const server = await createServer(owner);
    await member.client.ok('mutation($s: ID!) { joinServer(serverId: $s) { id } }', { s: server.id });
    const end = new Date(Date.now() + 60_000);
    await sql(api, 'update members set timed_out_until = ? where server_id = ? and user_id = ?', [end, server.id, member.id]);

    const holder = new pg.Client({ connectionString: inject('databaseUrl') });
    await holder.connect();
    try {
      const holderPid = (await holder.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;
      await holder.query('begin');
      await holder.query('select 1 from members where server_id = $1 and user_id = $2 for update', [server.id, member.id]);
      // The timeout's end job, now: it blocks on the held row, in flight.
      await api.services.jobs.add(
        QueueName.timeoutExpiry,
        { serverId: server.id, userId: member.id, until: end.toISOString() },
        { jobId: 'sigterm-probe' },
      );
      await until(() => sql(api, 'select 1 from pg_stat_activity where ? = any(pg_blocking_pids(pid))', [holderPid]), 'the job to block', {
        done: (rows) => rows.length === 1,
      });
      expect(await queue(QueueName.timeoutExpiry).getJobCounts('active')).toEqual({ active: 1 });

      const exit = worker.stop();
      await sleep(500);
      expect(worker.running()).toBe(true); // waiting for the job in flight
      await api.services.jobs.add(QueueName.housekeeping, { task: 'expired-invites' }, { jobId: 'after-sigterm' });
      await holder.query('rollback');
      expect(await exit).toEqual({ code: 0, signal: null });
    } finally {
      await holder.end();
    }

    const job = await queue(QueueName.timeoutExpiry).getJob('sigterm-probe');
    expect(await job!.getState()).toBe('completed');
    expect(job!.returnvalue).toBe(true);
    expect((await sql(api, 'select timed_out_until from members where server_id = ? and user_id = ?', [server.id, member.id]))[0]).toEqual({
      timed_out_until: null,
    });
    // Nothing was taken after SIGTERM.
    expect(await (await queue(QueueName.housekeeping).getJob('after-sigterm'))!.getState()).toBe('waiting');
    expect(worker.logs.map((l) => l.msg)).toContain('workers shutting down');
  });
});
