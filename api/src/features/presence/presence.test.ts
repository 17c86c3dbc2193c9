import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { RunningApi } from '../../app.js';
import { QueueName } from '../../jobs/queues.js';
import pg from 'pg';
import { dropDatabase, ensureDatabase, migrate } from '../../kernel/db/migrator.js';
import { createServer, GqlClient, signUp, startTestApi, uniquePrefix, type TestUser } from '../../../test/harness.js';
import { startWorkers, stopAllWorkers, type WorkerProcess } from '../../../test/processes.js';
import { recordServerEvents, type SeenEvent, type ServerEventLog } from '../../../test/server-events.js';
import { sleep } from '../../../test/fixtures.js';
import { wsClient } from '../../../test/ws-client.js';

// Real API processes' code, real Redis and Postgres, and the real worker program as a child process.
const TIMEOUT_MS = 2000;
const GRACE_MS = 1000;
const TIMINGS = { PRESENCE_TIMEOUT_SECONDS: String(TIMEOUT_MS / 1000), PRESENCE_GRACE_SECONDS: String(GRACE_MS / 1000) };

const HEARTBEAT = 'mutation { heartbeat }';
const SET_PRESENCE = 'mutation($s: PresenceStatus!) { setPresence(status: $s) { id presence } }';
const LOGIN = 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }';
const MEMBERS = 'query($s: ID!) { server(id: $s) { members(first: 100) { user { id presence } } } }';

describe('presence (with worker processes)', () => {
  const prefix = uniquePrefix();
  /** The API the users talk to; restarted by one test. */
  let api: RunningApi;
  /** A second API on the same prefix, never restarted: the observer's socket lives here. */
  let observerApi: RunningApi;
  let workers: WorkerProcess;
  let owner: TestUser;
  let serverId: string;
  let observerWs: Client;
  let log: ServerEventLog;
  const sockets: Client[] = [];

  beforeAll(async () => {
    [api, observerApi, workers] = await Promise.all([
      startTestApi(TIMINGS, prefix),
      startTestApi(TIMINGS, prefix),
      startWorkers(prefix, TIMINGS),
    ]);
    owner = await signUp(api, 'presowner');
    serverId = (await createServer(owner)).id;
    observerWs = wsClient(observerApi.url, owner.token);
    log = await recordServerEvents(observerWs, serverId);
  });
  afterAll(async () => {
    log?.stop();
    await Promise.all([observerWs, ...sockets].map((c) => c?.dispose()));
    await Promise.all([api?.close(), observerApi?.close(), stopAllWorkers()]);
  });

  /** A new member of the test server; `client` follows the (possibly restarted) API. */
  async function member(base: string): Promise<TestUser> {
    const user = await signUp(api, base);
    await user.client.ok('mutation($s: ID!) { joinServer(serverId: $s) { id } }', { s: serverId });
    return user;
  }
  /** Sends one heartbeat (to the users' API unless told otherwise); resolves with the time it was sent. */
  async function beat(token: string, to: RunningApi = api): Promise<number> {
    const sent = Date.now();
    expect(await new GqlClient(to.url, `Bearer ${token}`).ok(HEARTBEAT)).toEqual({ heartbeat: true });
    return sent;
  }
  /** What another member sees, read live through the observer's API. */
  async function presenceSeen(userId: string): Promise<string> {
    const data = await new GqlClient(observerApi.url, `Bearer ${owner.token}`).ok<{
      server: { members: { user: { id: string; presence: string } }[] };
    }>(MEMBERS, { s: serverId });
    const found = data.server.members.find((m) => m.user.id === userId);
    if (!found) throw new Error(`${userId} is not a member`);
    return found.user.presence;
  }
  const presenceEvents = (userId: string) => log.about('PresenceUpdated', userId).map((e) => e.presence);
  const waitPresence = (userId: string, presence: string, timeoutMs = 5000): Promise<SeenEvent> =>
    log.waitFor(
      (e) => e.type === 'PresenceUpdated' && e.userId === userId && e.presence === presence,
      timeoutMs,
      `PresenceUpdated ${presence} for ${userId}`,
    );
  /** Beats every `everyMs` for `forMs`, checking along the way that others see `expected`; resolves with the last beat's send time. */
  async function keepBeating(token: string, userId: string, forMs: number, everyMs = 700, expected = 'ONLINE'): Promise<number> {
    const end = Date.now() + forMs;
    let last = await beat(token);
    while (Date.now() < end) {
      await sleep(everyMs);
      last = await beat(token);
      expect(await presenceSeen(userId)).toBe(expected);
    }
    return last;
  }
  /** Gives any late event time to arrive before counting. */
  const quiet = () => sleep(700);

  it('a client that stops beating is OFFLINE within timeout + 1 s, and subscribers see each transition once', async () => {
    const user = await member('stops');
    expect(await presenceSeen(user.id)).toBe('OFFLINE');
    await beat(user.token);
    await waitPresence(user.id, 'ONLINE');
    expect(await presenceSeen(user.id)).toBe('ONLINE');
    await sleep(600);
    const lastBeat = await beat(user.token);

    const offline = await waitPresence(user.id, 'OFFLINE', TIMEOUT_MS + 3000);
    // Not before the timeout, and at most a second after it.
    expect(offline.at - lastBeat).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(offline.at - lastBeat).toBeLessThanOrEqual(TIMEOUT_MS + 1000);
    expect(await presenceSeen(user.id)).toBe('OFFLINE');
    await quiet();
    expect(presenceEvents(user.id)).toEqual(['ONLINE', 'OFFLINE']);
  });

  it('a client that keeps beating never flips', async () => {
    const user = await member('keeps');
    await keepBeating(user.token, user.id, 5000);
    expect(presenceEvents(user.id)).toEqual(['ONLINE']);
    // Every beat pushed back the same job: one pending expiry for the user, not one per beat.
    const pending = await api.services.jobs.queue(QueueName.presenceExpiry).getJobs(['delayed', 'waiting', 'active']);
    expect(pending.filter((j) => j.data.userId === user.id)).toHaveLength(1);
  });

  it('with several devices, the user is online while any of them is alive', async () => {
    const user = await member('devices');
    const second = (await new GqlClient(api.url).ok<{ login: { token: string } }>(LOGIN, { u: user.username, p: 'correct horse battery' }))
      .login.token;
    // Device A: a heartbeat session and a graphql-ws connection.
    await beat(user.token);
    await waitPresence(user.id, 'ONLINE');
    const socket = wsClient(api.url, user.token);
    sockets.push(socket);
    const opened = new Promise<void>((resolve) => socket.on('connected', () => resolve()));
    const probe = socket.subscribe(
      { query: 'subscription($s: ID!) { serverEvents(serverId: $s) { __typename } }', variables: { s: serverId } },
      { next: () => {}, error: () => {}, complete: () => {} },
    );
    await opened;
    // Device B beats, then A's socket closes: its short grace must not cut B's longer life short.
    const firstB = await beat(second);
    probe();
    await socket.dispose();
    await sleep(firstB + GRACE_MS + 600 - Date.now());
    expect(Date.now() - firstB).toBeLessThan(TIMEOUT_MS - 100); // B itself is still alive
    expect(await presenceSeen(user.id)).toBe('ONLINE');
    // B keeps beating well past A's timeout.
    const lastBeat = await keepBeating(second, user.id, TIMEOUT_MS + 1000);
    expect(presenceEvents(user.id)).toEqual(['ONLINE']);

    const offline = await waitPresence(user.id, 'OFFLINE', TIMEOUT_MS + 3000);
    expect(offline.at - lastBeat).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(offline.at - lastBeat).toBeLessThanOrEqual(TIMEOUT_MS + 1000);
    await quiet();
    expect(presenceEvents(user.id)).toEqual(['ONLINE', 'OFFLINE']);
  });

  it('setPresence: DND is shown to others, OFFLINE makes a connected user invisible', async () => {
    const user = await member('chooser');
    await beat(user.token);
    await waitPresence(user.id, 'ONLINE');

    expect(await user.client.ok(SET_PRESENCE, { s: 'DND' })).toEqual({ setPresence: { id: user.id, presence: 'DND' } });
    await waitPresence(user.id, 'DND');
    await beat(user.token); // a beat keeps the chosen status
    expect(await presenceSeen(user.id)).toBe('DND');

    await user.client.ok(SET_PRESENCE, { s: 'OFFLINE' });
    await waitPresence(user.id, 'OFFLINE');
    await keepBeating(user.token, user.id, 1500, 500, 'OFFLINE'); // still connected, still invisible

    await user.client.ok(SET_PRESENCE, { s: 'IDLE' });
    await waitPresence(user.id, 'IDLE');
    expect(await presenceSeen(user.id)).toBe('IDLE');
    await quiet();
    expect(presenceEvents(user.id)).toEqual(['ONLINE', 'DND', 'OFFLINE', 'IDLE']);
  });

  it('an invisible user who stops beating goes offline without an announcement', async () => {
    const user = await member('ghost');
    await user.client.ok(SET_PRESENCE, { s: 'OFFLINE' });
    const lastBeat = await beat(user.token);
    expect(await presenceSeen(user.id)).toBe('OFFLINE');
    await sleep(lastBeat + TIMEOUT_MS + 1000 - Date.now());
    await user.client.ok(SET_PRESENCE, { s: 'ONLINE' }); // no live device any more: nothing to show
    expect(await presenceSeen(user.id)).toBe('OFFLINE');
    await quiet();
    expect(presenceEvents(user.id)).toEqual([]);
  });

  it('a graphql-ws connection keeps the user online without heartbeats; closing it flips them OFFLINE after the grace period', async () => {
    const user = await member('socket');
    const socket = wsClient(api.url, user.token);
    sockets.push(socket);
    const own = await recordServerEvents(socket, serverId);
    await waitPresence(user.id, 'ONLINE');
    await sleep(TIMEOUT_MS + 1000);
    expect(await presenceSeen(user.id)).toBe('ONLINE');
    expect(presenceEvents(user.id)).toEqual(['ONLINE']);

    own.stop();
    const closedAt = Date.now();
    await socket.dispose();
    await sleep(GRACE_MS / 2);
    expect(await presenceSeen(user.id)).toBe('ONLINE'); // not at once
    const offline = await waitPresence(user.id, 'OFFLINE', GRACE_MS + 3000);
    expect(offline.at - closedAt).toBeGreaterThanOrEqual(GRACE_MS - 50);
    expect(offline.at - closedAt).toBeLessThanOrEqual(GRACE_MS + 1000);
    await quiet();
    expect(presenceEvents(user.id)).toEqual(['ONLINE', 'OFFLINE']);
  });

  it('restarting the API and the worker process mid-session loses no presence state', async () => {
    const user = await member('restart');
    await beat(user.token);
    await waitPresence(user.id, 'ONLINE');
    await user.client.ok(SET_PRESENCE, { s: 'DND' });
    await waitPresence(user.id, 'DND');

    // Beat through the restart as a client behind a load balancer would: to the users' API, and to
    // the other one while it is down (however long its restart takes on a loaded machine).
    let beating = true;
    const beats: number[] = [];
    const answeredBy: RunningApi[] = [];
    const beater = (async () => {
      while (beating) {
        let to = api;
        beats.push(await beat(user.token, to).catch(() => beat(user.token, (to = observerApi))));
        answeredBy.push(to);
        await sleep(700);
      }
    })();

    await sleep(1000);
    const oldPid = workers.pid;
    const [, exit] = await Promise.all([api.close(), workers.stop()]);
    expect(exit).toEqual({ code: 0, signal: null });
    await sleep(300); // neither an API nor a worker is up for a moment
    await Promise.all([startTestApi(TIMINGS, prefix).then((a) => (api = a)), startWorkers(prefix, TIMINGS).then((w) => (workers = w))]);
    expect(workers.pid).not.toBe(oldPid);

    for (let i = 0; i < 4; i += 1) {
      await sleep(700);
      expect(await presenceSeen(user.id)).toBe('DND');
    }
    beating = false;
    await beater;
    // The restarted API took beats again once it was up.
    expect(answeredBy.slice(-3).every((to) => to === api)).toBe(true);
    const lastBeat = beats.at(-1)!;
    // The user really was alive all along: no gap between beats reached the timeout.
    expect(Math.max(...beats.slice(1).map((t, i) => t - beats[i]!))).toBeLessThan(TIMEOUT_MS - 300);
    expect(presenceEvents(user.id)).toEqual(['ONLINE', 'DND']);

    // The new worker still takes the user offline once they stop.
    const offline = await waitPresence(user.id, 'OFFLINE', TIMEOUT_MS + 3000);
    expect(offline.at - lastBeat).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(offline.at - lastBeat).toBeLessThanOrEqual(TIMEOUT_MS + 1000);
    await quiet();
    expect(presenceEvents(user.id)).toEqual(['ONLINE', 'DND', 'OFFLINE']);
  });
  it('a presence job that fails half-way is retried and completes the transition', async () => {
    // Its own prefix: a worker whose database lacks the members table takes the user offline in
    // Redis, then fails to announce it; a healthy worker takes over the retry.
    const faultPrefix = uniquePrefix();
    const emptyDb = new URL(inject('databaseUrl'));
    emptyDb.pathname += '_broken';
    await ensureDatabase(emptyDb.toString());
    await migrate(emptyDb.toString());
    const admin = new pg.Client({ connectionString: emptyDb.toString() });
    await admin.connect();
    await admin.query('drop table members cascade');
    await admin.end();
    const faultApi = await startTestApi(TIMINGS, faultPrefix);
    const watcherWs: Client[] = [];
    try {
      const broken = await startWorkers(faultPrefix, { ...TIMINGS, DATABASE_URL: emptyDb.toString() });
      const [watcher, user] = await Promise.all([signUp(faultApi, 'watcher'), signUp(faultApi, 'faulty')]);
      const server = await createServer(watcher);
      await user.client.ok('mutation($s: ID!) { joinServer(serverId: $s) { id } }', { s: server.id });
      watcherWs.push(wsClient(faultApi.url, watcher.token));
      const events = await recordServerEvents(watcherWs[0]!, server.id);
      const seen = () => events.about('PresenceUpdated', user.id).map((e) => e.presence);

      expect(await user.client.ok(HEARTBEAT)).toEqual({ heartbeat: true });
      await events.waitFor((e) => e.type === 'PresenceUpdated' && e.userId === user.id, 5000, 'ONLINE');
      const expiry = faultApi.services.jobs.queue(QueueName.presenceExpiry);
      const failedOnce = async () =>
        (await expiry.getJobs(['delayed', 'waiting', 'failed'])).some((j) => j.data.userId === user.id && j.attemptsMade >= 1);
      for (let i = 0; !(await failedOnce()); i += 1) {
        if (i > 400) throw new Error('the broken worker never failed the job');
        await sleep(20);
      }
      expect(await broken.stop()).toEqual({ code: 0, signal: null });
      expect(broken.logs.some((l) => l.msg === 'job failed' && l.queue === QueueName.presenceExpiry)).toBe(true);
      expect(seen()).toEqual(['ONLINE']);

      await startWorkers(faultPrefix, TIMINGS);
      await events.waitFor(
        (e) => e.type === 'PresenceUpdated' && e.userId === user.id && e.presence === 'OFFLINE',
        10_000,
        'OFFLINE after the retry',
      );
      await quiet();
      expect(seen()).toEqual(['ONLINE', 'OFFLINE']);
      events.stop();
    } finally {
      await Promise.all(watcherWs.map((c) => c.dispose()));
      await faultApi.close();
      await stopAllWorkers();
      await dropDatabase(emptyDb.toString());
    }
  });
});
