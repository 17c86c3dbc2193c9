// `npm run bench`: every benchmark against its baselines in the same run, servers pinned to core 0
// and the load generator (load.mjs) to core 1. Prints progress, a markdown table (README
// "Performance"), and writes bench/results.json. SMOKE=1: tiny rooms and short steps (npm test).
// Env: ROOMS (100,1000), CONNS (10000), MEMBERS (200), SENDERS (32).
import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { cpus } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { cpuMs, rssKiB } from './proc.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const api = fileURLToPath(new URL('..', import.meta.url));
const SMOKE = process.env.SMOKE === '1';
const ROOMS = (process.env.ROOMS ?? (SMOKE ? '6' : '100,1000')).split(',').map(Number);
const CONNS = Number(process.env.CONNS ?? (SMOKE ? 20 : 10_000));
const MEMBERS = Number(process.env.MEMBERS ?? (SMOKE ? 4 : 200));
const SENDERS = Number(process.env.SENDERS ?? (SMOKE ? 4 : 32));
const STEPS = SMOKE ? 1 : 40;
const SEND_SECONDS = SMOKE ? 1 : 10;
const pg = process.env.BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432';
const db = `rashigo_bench_${Date.now()}`;
const pinned = (core, args) =>
  process.platform === 'linux' && cpus().length > 1 ? ['taskset', ['-c', String(core), 'node', ...args]] : ['node', args];
const children = [];
const log = (line) => console.error(`bench: ${line}`);
const stopChildren = () => children.forEach((child) => child.kill('SIGTERM'));
const dropDatabase = () => spawnSync('psql', [`${pg}/postgres`, '-qc', `drop database if exists ${db} with (force)`], { stdio: 'ignore' });
// Interrupted (Ctrl-C, kill): the servers started so far stop and the database goes, as after a run.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    stopChildren();
    dropDatabase();
    process.exit(130);
  });
}

function freePort() {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Resolves once something accepts TCP connections on the port (a server just started), within 30 s. */
async function listening(port) {
  for (let i = 0; i < 300; i += 1) {
    const up = await new Promise((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.destroy();
        resolve(true);
      }).on('error', () => resolve(false));
    });
    if (up) return;
    await sleep(100);
  }
  throw new Error(`nothing listens on port ${port}`);
}

function start(args, env = {}) {
  const [cmd, argv] = pinned(0, args);
  const child = spawn(cmd, argv, { cwd: api, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  children.push(child);
  return child;
}

/**
 * Resolves once the servers still running used under 3 % of a core together over a second (at most
 * 30 s): a held latency reading follows a stepped overload run on the same core, and what that run
 * left behind (a backlog, a collection) would otherwise land in it.
 */
async function settled() {
  const running = children.filter((child) => child.exitCode === null && child.signalCode === null);
  for (let i = 0; i < 30; i += 1) {
    const before = running.map((child) => cpuMs(child.pid));
    await sleep(1000);
    const used = running.reduce((ms, child, k) => ms + cpuMs(child.pid) - before[k], 0);
    if (used < 30) return;
    log(`servers busy (${Math.round(used)} CPU ms in 1 s); waiting`);
  }
}

function load(args, env) {
  const [cmd, argv] = pinned(1, [`${here}load.mjs`, ...args.map(String)]);
  const r = spawnSync(cmd, argv, {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    timeout: 600_000,
  });
  if (r.status !== 0) throw new Error(`load ${args[0]} failed (${r.status})`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

async function startApi(port, extra = {}) {
  const child = start(['dist/main.js'], { ...apiEnv, PORT: String(port), ...extra });
  for (let i = 0; i < 120; i += 1) {
    if (
      await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return child;
    await sleep(250);
  }
  throw new Error('the API did not answer /healthz');
}

async function gql(port, token, query, variables = {}) {
  const r = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = await r.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

const apiEnv = {
  DATABASE_URL: `${pg}/${db}`,
  NODE_ENV: 'production',
  LOG_LEVEL: 'warn',
  AUTH_RATE_LIMIT_PER_MINUTE: '1000000',
  REDIS_KEY_PREFIX: `bench-${Date.now()}:`,
  // Several API processes on one machine: no loopback metrics listener, whose port they would share.
  METRICS_PORT: 'off',
};
const rows = [];
const results = { at: new Date().toISOString(), smoke: SMOKE, cpus: cpus().length, model: cpus()[0]?.model, benches: {} };

try {
  spawnSync('psql', [`${pg}/postgres`, '-qc', `create database ${db}`], { stdio: 'inherit' });
  spawnSync('node', ['dist/kernel/db/migrate.js'], { cwd: api, env: { ...process.env, ...apiEnv }, stdio: 'inherit' });
  const port = await freePort();
  const main = await startApi(port);
  log(`API on ${port}; creating ${MEMBERS} members`);
  const register = async (u) =>
    (await gql(port, null, 'mutation($u:String!){register(username:$u,password:"correct horse battery"){token user{id}}}', { u })).register;
  const owner = await register('owner');
  const server = (await gql(port, owner.token, 'mutation{createServer(input:{name:"Bench"}){id channels{id type}}}')).createServer;
  const channelId = server.channels.find((c) => c.type === 'TEXT').id;
  // A second room for the two-process comparison (paired): its load runs while the first room's idles.
  const channelB = (
    await gql(port, owner.token, 'mutation($s:ID!){createChannel(input:{serverId:$s,type:TEXT,name:"paired"}){id}}', { s: server.id })
  ).createChannel.id;
  await gql(
    port,
    owner.token,
    'mutation($s:ID!){updateServerRateLimits(serverId:$s,input:{channelMessageLimit:0,serverMessageLimit:0,escalationEnabled:false}){channelMessageLimit}}',
    { s: server.id },
  );
  const invite = (await gql(port, owner.token, 'mutation($s:ID!){createInvite(serverId:$s){code}}', { s: server.id })).createInvite.code;
  const mods = (
    await gql(port, owner.token, 'mutation($s:ID!){createRole(serverId:$s,input:{name:"Mods",permissions:[MANAGE_MESSAGES]}){id}}', {
      s: server.id,
    })
  ).createRole.id;
  const tokens = [];
  for (let i = 0; i < MEMBERS; i += 1) {
    const m = await register(`member${i}`);
    await gql(port, m.token, 'mutation($c:String!){joinServer(inviteCode:$c){id}}', { c: invite });
    // Every other member is a moderator: each room spans two permission views.
    if (i % 2)
      await gql(port, owner.token, 'mutation($s:ID!,$u:ID!,$r:ID!){assignRole(serverId:$s,userId:$u,roleId:$r){joinedAt}}', {
        s: server.id,
        u: m.user.id,
        r: mods,
      });
    tokens.push(`Bearer ${m.token}`);
  }
  const [barePort, naivePort, rawPort, floorPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
  const bare = start([`${here}servers.mjs`, 'bare', barePort]);
  const naive = start([`${here}servers.mjs`, 'naive', naivePort]);
  start([`${here}servers.mjs`, 'raw', rawPort, db, server.id, owner.user.id]);
  const durableFloor = start([`${here}servers.mjs`, 'floor', floorPort, db, server.id, owner.user.id], { CHANNEL_ID: channelId });
  for (const port of [barePort, naivePort, rawPort, floorPort]) await listening(port);

  const sub = (query) => JSON.stringify({ query });
  const roomSub = (id) =>
    sub(
      `subscription { channelEvents(channelId: "${id}") { __typename ... on MessageCreated { message { id content createdAt author { id username } } } } }`,
    );
  const roomSend = (id) => `mutation($c: String!) { sendMessage(channelId: "${id}", content: $c) { id } }`;
  const apiFanout = {
    SUB: roomSub(channelId),
    SEND: roomSend(channelId),
    AUTH: `Bearer ${owner.token}`,
    TOKENS: tokens.join(','),
  };
  const naiveFanout = {
    SUB: sub('subscription { channelEvents(channelId: "1") { message { id content createdAt author { id username } } } }'),
    SEND: 'mutation($c: String!) { sendMessage(channelId: "1", content: $c) { id } }',
  };
  /** Best deliveries/s at p99 <= 200 ms and < 2 % lost, and CPU ms per 1,000 deliveries over the whole run. */
  function fanout(name, pids, url, room, env, steps = STEPS) {
    log(`B1 room ${room}: ${name}`);
    const before = pids.map(cpuMs);
    const out = load(['fanout', url, room, steps, Math.max(1, Math.round(2000 / room))], { ...env, PIDS: pids.join(',') });
    const used = pids.map((pid, i) => cpuMs(pid) - before[i]);
    const delivered = out.rows.reduce((n, r) => n + r.delivered, 0);
    const good = out.rows.filter((r) => r.p99 <= 200 && r.lost <= r.sent * room * 0.02);
    const best = SMOKE ? out.rows[0] : good.sort((x, y) => y.perSecond - x.perSecond)[0];
    return {
      best: best?.perSecond ?? 0,
      // A 2-s step: a handful of messages, right after the room subscribed (see steadyLatency).
      p50FirstStepAt3PerSecond: (out.rows.find((row) => row.rate >= 3) ?? out.rows[0])?.p50,
      cpuPer1000: used.map((ms) => +((ms * 1000) / Math.max(delivered, 1)).toFixed(1)),
      duplicates: out.duplicates,
      rows: out.rows,
    };
  }
  /**
   * p50 and p99 at 3 messages/s held for 10 s, after 3 s at 20 msg/s: the latency target, read in a
   * steady state over 30 messages. The stepped run's 3 msg/s step holds 6 messages sent while a room
   * of 1,000 has just subscribed, so its median moves by milliseconds between runs.
   */
  async function steadyLatency(name, pid, url, room, env) {
    await settled();
    log(`B1 room ${room}: ${name}, 3 msg/s held`);
    const [row] = load(['fanout', url, room, 1, 3], { ...env, STEP_SECONDS: SMOKE ? '1' : '10', WARMUP_SECONDS: SMOKE ? '0.5' : '3' }).rows;
    return { p50: row.p50, p99: row.p99, lost: row.lost };
  }
  const ratio = (x, y) => +(x / Math.max(y, 1e-9)).toFixed(2);
  const ws = (p) => `ws://127.0.0.1:${p}/graphql`;
  for (const room of ROOMS) {
    const r = {
      api: fanout('api', [main.pid], ws(port), room, apiFanout),
      bare: fanout('bare', [bare.pid], `ws://127.0.0.1:${barePort}`, room, { BARE: '1' }),
      naive: fanout('naive', [naive.pid], ws(naivePort), room, naiveFanout),
    };
    // The latency target (room 1,000; the smoke run's room, so the path cannot rot).
    const latency =
      room >= 1000 || SMOKE
        ? {
            api: await steadyLatency('api', main.pid, ws(port), room, apiFanout),
            bare: await steadyLatency('bare', bare.pid, `ws://127.0.0.1:${barePort}`, room, { BARE: '1' }),
            floor: await steadyLatency('durable floor', durableFloor.pid, `ws://127.0.0.1:${floorPort}`, room, { BARE: '1' }),
          }
        : null;
    r.latencyAt3PerSecond = latency;
    results.benches[`B1-${room}`] = r;
    rows.push([
      `B1 fan-out, room ${room} (deliveries/s)`,
      r.api.best,
      `bare ${r.bare.best}, naive ${r.naive.best}`,
      ratio(r.api.best, r.bare.best),
      room >= 1000 ? '>= 0.5; p50 <= 10 ms at 3 msg/s' : '>= 0.5',
      r.api.best >= 0.5 * r.bare.best && (room < 1000 || latency.api.p50 <= 10),
      `CPU ms/1k deliveries: api ${r.api.cpuPer1000}, bare ${r.bare.cpuPer1000}, naive ${r.naive.cpuPer1000}` +
        (latency
          ? `; p50 at 3 msg/s held 10 s: api ${latency.api.p50} ms, bare ${latency.bare.p50} ms, durable floor ${latency.floor.p50} ms (p99 ${latency.api.p99} / ${latency.bare.p99} / ${latency.floor.p99}); in the stepped run's first 3 msg/s step: api ${r.api.p50FirstStepAt3PerSecond} ms, bare ${r.bare.p50FirstStepAt3PerSecond} ms`
          : ''),
    ]);
  }

  // Two API processes behind one Redis: receivers split over both, sender on the first. The stepped
  // run shows each message arrives once and how far two go; the CPU comparison is paired.
  const room = ROOMS[0];
  const port2 = await freePort();
  const second = await startApi(port2);
  const two = fanout('api, two processes', [main.pid, second.pid], ws(port), room, { ...apiFanout, URL2: ws(port2), EXACT: '1' });
  // Cross-process overhead: both processes' CPU per 1,000 deliveries against one process's. Measured
  // with two rooms held open at once (one all on the first process, one split over both) and, at each
  // rate, one-two-two-one steps: runs a minute apart differed by a third in CPU per delivery for the
  // same load on this VM, which a one-then-two comparison reads as overhead (or hides). The sender's
  // process also runs every sendMessage, so each process alone is not comparable; the rates stay
  // below where one process saturates, since a saturated process batches more writes per wake-up.
  // Three rounds, as one round's reading still moved by ±0.07 between runs minutes apart.
  const pairedRates = SMOKE ? [room] : [1, 2, 4, 8, 16].map((k) => Math.round((2000 / room) * k));
  const rounds = SMOKE ? 1 : 3;
  log(`B1 room ${room}: one process against two, paired, at ${pairedRates.join(', ')} msg/s, ${rounds} rounds`);
  const paired = load(['paired', ws(port), room, pairedRates.join(',')], {
    ...apiFanout,
    SUB_B: roomSub(channelB),
    SEND_B: roomSend(channelB),
    URL2: ws(port2),
    PIDS: `${main.pid},${second.pid}`,
    EXACT: '1',
    WARMUP_SECONDS: SMOKE ? '0.5' : '3',
    ROUNDS: String(rounds),
  });
  second.kill('SIGTERM');
  const per1000 = (rows, cpu) =>
    +(
      (rows.reduce((ms, r) => ms + cpu(r), 0) * 1000) /
      Math.max(
        1,
        rows.reduce((n, r) => n + r.delivered, 0),
      )
    ).toFixed(1);
  const ones = paired.rows.filter((r) => r.phase === 'one');
  const twos = paired.rows.filter((r) => r.phase === 'two');
  const oneAlone = per1000(ones, (r) => r.cpuMs[0]);
  const eachOfTwo = [0, 1].map((k) => per1000(twos, (r) => r.cpuMs[k]));
  const both = per1000(twos, (r) => r.cpuMs[0] + r.cpuMs[1]);
  const late = paired.rows.reduce((n, r) => n + r.lost, 0);
  /** Both processes' CPU per delivery against one's, over the paired rows that `pick` keeps. */
  const overhead = (pick) =>
    `${ratio(
      per1000(twos.filter(pick), (r) => r.cpuMs[0] + r.cpuMs[1]),
      per1000(ones.filter(pick), (r) => r.cpuMs[0]),
    )}x`;
  const byRate = pairedRates.map((rate) => `${rate}: ${overhead((r) => r.rate === rate)}`);
  const byRound = Array.from({ length: rounds }, (_, i) => overhead((r) => r.round === i + 1));
  results.benches.B1x2 = {
    two,
    paired,
    cpuPer1000One: oneAlone,
    cpuPer1000Both: both,
    cpuPer1000Each: eachOfTwo,
    late,
    undelivered: paired.undelivered,
  };
  rows.push([
    `B1 two API processes, room ${room} (deliveries/s)`,
    two.best,
    `one process ${results.benches[`B1-${room}`].api.best}`,
    ratio(both, oneAlone),
    'CPU/1k both <= 1.2x one; each message once',
    two.duplicates === 0 && paired.duplicates === 0 && paired.undelivered === 0 && both <= 1.2 * oneAlone,
    `CPU ms per 1k deliveries, paired steps at ${pairedRates.join(', ')} msg/s: both ${both} (${eachOfTwo.join(' + ')}) vs one ${oneAlone}; by rate ${byRate.join(', ')}; by round ${byRound.join(', ')}; deliveries there later than 400 ms after their step ${late}, never made ${paired.undelivered}; messages delivered twice to a subscriber: ${two.duplicates + paired.duplicates}`,
  ]);

  // B2: resident memory per idle authenticated connection with one subscription.
  function memory(name, pid, url, env) {
    log(`B2 ${CONNS} connections: ${name}`);
    const before = rssKiB(pid);
    const [cmd, argv] = pinned(1, [`${here}load.mjs`, 'idle', url, CONNS]);
    const child = spawn(cmd, argv, { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'inherit'] });
    return new Promise((resolve) => {
      child.stdout.once('data', async () => {
        await sleep(2000);
        const kib = (rssKiB(pid) - before) / CONNS;
        child.stdin.end();
        child.once('exit', () => resolve(+kib.toFixed(1)));
      });
    });
  }
  // Each in a process of its own, started for it: a process that ran the fan-out benches frees (or
  // keeps) heap while connections open, which moved the API's figure between 0.1 and 9 KiB.
  const memPort = await freePort();
  const memServer = await startApi(memPort);
  const memApi = await memory('api', memServer.pid, ws(memPort), { ...apiFanout, TOKENS: apiFanout.AUTH });
  memServer.kill('SIGTERM');
  const bareMemPort = await freePort();
  const bareMem = start([`${here}servers.mjs`, 'bare', bareMemPort]);
  await listening(bareMemPort);
  const memBare = await memory('bare', bareMem.pid, `ws://127.0.0.1:${bareMemPort}`, { BARE: '1' });
  bareMem.kill('SIGTERM');
  results.benches.B2 = { api: memApi, bare: memBare };
  rows.push([
    `B2 KiB per idle subscribed connection (${CONNS})`,
    memApi,
    `bare ${memBare}`,
    ratio(memApi, memBare),
    '<= 2',
    memApi <= 2 * memBare,
    '',
  ]);

  // B5: sendMessage over HTTP against the raw floor.
  const sendEnv = {
    SEND: 'mutation($c: ID!, $t: String!) { sendMessage(channelId: $c, content: $t) { id } }',
    AUTH: `Bearer ${owner.token}`,
    CHANNEL: channelId,
  };
  log(`B5 ${SENDERS} senders: api`);
  const cpu5 = cpuMs(main.pid);
  const send = load(['send', `http://127.0.0.1:${port}/graphql`, SENDERS, SEND_SECONDS], sendEnv);
  send.cpuMsPerSend = +((cpuMs(main.pid) - cpu5) / Math.max(send.sends, 1)).toFixed(2);
  log(`B5 ${SENDERS} senders: raw floor`);
  const floor = load(['send', `http://127.0.0.1:${rawPort}/graphql`, SENDERS, SEND_SECONDS], sendEnv);
  results.benches.B5 = { api: send, floor };
  rows.push([
    `B5 sendMessage, ${SENDERS} concurrent (sends/s)`,
    send.perSecond,
    `floor ${floor.perSecond}`,
    ratio(send.perSecond, floor.perSecond),
    '>= 0.6, p99 <= 100 ms',
    send.perSecond >= 0.6 * floor.perSecond && send.p99 <= 100,
    `p99 ${send.p99} ms (floor ${floor.p99} ms); ${send.cpuMsPerSend} CPU ms per send; errors ${send.errors}`,
  ]);

  // B7: a history page 900,000 messages deep against the newest page, same channel, interleaved.
  const HISTORY = SMOKE ? 2_000 : 1_000_000;
  log(`B7: ${HISTORY} messages in one channel`);
  const psql = (q) => spawnSync('psql', [`${pg}/${db}`, '-Atqc', q], { encoding: 'utf8' }).stdout.trim();
  const history = (
    await gql(port, owner.token, 'mutation($s:ID!){createChannel(input:{serverId:$s,name:"history",type:TEXT}){id}}', { s: server.id })
  ).createChannel.id;
  psql(`insert into messages (id, channel_id, server_id, author_id, content, created_at)
        select 100000000000000000 + g, ${history}, ${server.id}, ${owner.user.id}, 'history ' || g, now()
        from generate_series(1, ${HISTORY}) g; analyze messages`);
  const newest = psql(`select max(id) + 1 from messages where channel_id = ${history}`);
  const deep = psql(`select id from messages where channel_id = ${history} order by id desc offset ${Math.round(HISTORY * 0.9)} limit 1`);
  const query = 'query($c:ID!,$b:ID!){messages(channelId:$c,before:$b,limit:50){hasMoreBefore hasMoreAfter messages{id content}}}';
  const page = (serverPort) => async (before) => {
    const t = performance.now();
    await gql(serverPort, owner.token, query, { c: history, b: before });
    return performance.now() - t;
  };
  /**
   * Two interleaved series of 5,000 pages, after 50 of each that warm the caches: their p50 and p99.
   * The p99 of 100 pages (the yardstick's) is their slowest page, which the client's and the VM's
   * stalls decide; of 1,000 it is the tenth slowest, and a few stalls more in one series than the
   * other moved the ratio by 0.3 (the constant-page control read 0.79-1.12); of 5,000, the fiftieth.
   */
  const interleaved = async (first, second) => {
    const [a, b] = [[], []];
    for (let i = 0; i < (SMOKE ? 3 : 5050); i += 1) {
      const [x, y] = [await first(), await second()];
      if (i < 50 && !SMOKE) continue;
      a.push(x);
      b.push(y);
    }
    const at = (q) => (s) => +[...s].sort((x, y) => x - y)[Math.floor(s.length * q)].toFixed(1);
    return [a, b].map((s) => ({ p50: at(0.5)(s), p99: at(0.99)(s) }));
  };
  const [deepPages, newestPages] = await interleaved(
    () => page(port)(deep),
    () => page(port)(newest),
  );
  // The control: the same client and loop against a server that answers a constant page; its two
  // series' ratio shows how far the client alone moves the figure.
  const pagePort = await freePort();
  start([`${here}servers.mjs`, 'page', pagePort]);
  await listening(pagePort);
  const control = await interleaved(
    () => page(pagePort)(deep),
    () => page(pagePort)(newest),
  );
  results.benches.B7 = {
    deepP99: deepPages.p99,
    newestP99: newestPages.p99,
    deepP50: deepPages.p50,
    newestP50: newestPages.p50,
    messages: HISTORY,
    constantPage: { p50: control[0].p50, p99: [control[0].p99, control[1].p99], ratio: ratio(control[0].p99, control[1].p99) },
  };
  rows.push([
    `B7 history page p99 (ms), ${Math.round(HISTORY * 0.9)} deep / newest`,
    results.benches.B7.deepP99,
    `newest ${results.benches.B7.newestP99}`,
    ratio(results.benches.B7.deepP99, results.benches.B7.newestP99),
    '<= 1.2',
    results.benches.B7.deepP99 <= 1.2 * results.benches.B7.newestP99,
    `p50 ${results.benches.B7.deepP50} / ${results.benches.B7.newestP50} ms; a constant-page server, same client: ` +
      `p50 ${control[0].p50} ms, p99 ${control[0].p99} / ${control[1].p99} = ${results.benches.B7.constantPage.ratio}`,
  ]);
} finally {
  stopChildren();
  await sleep(500);
  dropDatabase();
}

const table = [
  '| bench | project | baseline (same run) | ratio | target | holds | notes |',
  '|---|---|---|---|---|---|---|',
  ...rows.map((r) => `| ${r.slice(0, 5).join(' | ')} | ${r[5] ? 'yes' : 'no'} | ${r[6]} |`),
].join('\n');
results.table = table;
writeFileSync(process.env.BENCH_OUT ?? `${here}results.json`, JSON.stringify(results, null, 2));
console.log(
  `\n${table}\n\n${new Date().toISOString().slice(0, 10)}, ${results.cpus} x ${results.model}; ${SMOKE ? 'smoke run: figures mean nothing' : 'judge ratios within this run'}`,
);
