// The load generator `npm run bench` drives every server with (pinned to its own core by run.mjs).
// Receivers never parse JSON: they find the send time by string search, so client cost is alike.
//   fanout   URL N STEPS START_RATE  — open loop: N subscribers, one sender; rate x1.25 per step of
//                                      STEP_SECONDS (2), after WARMUP_SECONDS (0) at 20 msg/s unrecorded
//   paired   URL N RATES             — two rooms of N held open at once, room A all on URL, room B split
//                                      over URL and URL2; at each rate (comma separated) A, B, B, A
//                                      for STEP_SECONDS each: one process against two, interleaved, so
//                                      the machine's drift falls on both alike (SUB_B, SEND_B: room B);
//                                      ROUNDS (1) sweeps of all the rates, one after the other
//   idle     URL N                   — N idle connections, one subscription each, held until stdin closes
//   send     URL K SECONDS           — K concurrent sendMessage over HTTP (closed loop)
// Settings come in env: SUB (subscribe payload), SEND (mutation with $c content), AUTH, TOKENS (comma
// separated, receiver i uses TOKENS[i % n]), BARE=1 for the bare server (no protocol), PIDS (comma
// separated: the servers whose CPU each fan-out step reports).
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { cpuMs } from './proc.mjs';

const [mode, url, a, b, c] = process.argv.slice(2);
const env = process.env;
const tokens = env.TOKENS ? env.TOKENS.split(',') : [env.AUTH ?? ''];
const MARK = 'ts=';
const pct = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] : NaN);
const progress = (line) => process.stderr.write(`  ${line}\n`);

// URL2: every other receiver on a second server (two API processes behind one Redis).
const split = (i) => (env.URL2 && i >= 0 && i % 2 ? env.URL2 : url);

function open(i, onFrame, target = split(i), sub = env.SUB) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(target, env.BARE ? undefined : 'graphql-transport-ws');
    ws.on('error', reject);
    if (env.BARE) {
      ws.on('open', () => resolve(ws));
      ws.on('message', (d) => onFrame(d.toString()));
      return;
    }
    ws.on('open', () =>
      ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization: i < 0 ? env.AUTH : tokens[i % tokens.length] } })),
    );
    ws.on('message', (d) => {
      const t = d.toString();
      if (t.startsWith('{"type":"connection_ack"')) {
        if (i < 0) return resolve(ws);
        ws.send(JSON.stringify({ id: `s${i}`, type: 'subscribe', payload: JSON.parse(sub) }));
        setTimeout(() => resolve(ws), 5);
      } else if (t.includes('"type":"next"')) onFrame(t);
      else if (t.includes('"type":"error"')) reject(new Error(t));
    });
  });
}

async function openMany(n, onFrame, target, sub) {
  const sockets = [];
  for (let i = 0; i < n; i += 50)
    sockets.push(...(await Promise.all(Array.from({ length: Math.min(50, n - i) }, (_, k) => open(i + k, onFrame, target?.(i + k), sub)))));
  return sockets;
}

/** Receivers' side of a fan-out: latencies and deliveries since the last step, and each message's count. */
function tally() {
  // With EXACT, `sent` holds the key of every message sent in a step and `counts` its deliveries.
  const t = { lat: [], delivered: 0, counts: new Map(), sent: [] };
  t.onFrame = (text) => {
    const i = text.indexOf(MARK);
    if (i < 0) return;
    t.lat.push(performance.now() - parseFloat(text.slice(i + MARK.length, i + MARK.length + 25)));
    t.delivered += 1;
    if (env.EXACT) {
      const key = text.slice(i, text.indexOf(';', text.indexOf(';', i) + 1));
      t.counts.set(key, (t.counts.get(key) ?? 0) + 1);
    }
  };
  return t;
}

let seq = 0;
/** Paced sending of `query` (its content in $c) for `ms` at `rate`; resolves to how many were sent. Each message's key (its send time and number) goes into `keys`. */
async function sendFor(sender, query, ms, rate, keys) {
  const send = () => {
    seq += 1;
    const key = `${MARK}${performance.now()};${seq}`;
    keys?.push(key);
    const content = `${key};${'x'.repeat(100)}`;
    if (env.BARE) sender.send(`{"content":"${content}"}`);
    else sender.send(JSON.stringify({ id: `m${seq}`, type: 'subscribe', payload: { query, variables: { c: content } } }));
  };
  const start = performance.now();
  let sent = 0;
  while (performance.now() - start < ms) {
    const due = Math.floor(((performance.now() - start) / 1000) * rate);
    for (; sent < due; sent += 1) send();
    await new Promise((r) => setTimeout(r, 2));
  }
  return sent;
}

const pids = env.PIDS ? env.PIDS.split(',').map(Number) : [];
const stepMs = 1000 * Number(env.STEP_SECONDS ?? 2);

/** One step: `rate` messages/s of `query` for STEP_SECONDS to a room of `n` counted by `t`, and what it cost the servers. */
async function step(sender, query, t, n, rate) {
  t.lat.length = 0;
  t.delivered = 0;
  const cpuBefore = pids.map(cpuMs);
  const start = performance.now();
  const sent = await sendFor(sender, query, stepMs, rate, env.EXACT ? t.sent : undefined);
  await new Promise((r) => setTimeout(r, 400));
  t.lat.sort((x, y) => x - y);
  return {
    rate,
    sent,
    delivered: t.delivered,
    perSecond: Math.round((t.delivered * 1000) / stepMs),
    p50: +pct(t.lat, 0.5).toFixed(1),
    p99: +pct(t.lat, 0.99).toFixed(1),
    // Not yet arrived 400 ms after the step: late, or lost (`undelivered` tells which).
    lost: sent * n - t.delivered,
    cpuMs: pids.map((pid, k) => +(cpuMs(pid) - cpuBefore[k]).toFixed(1)),
    ms: Math.round(performance.now() - start),
  };
}

const duplicates = (t, n) => [...t.counts.values()].filter((k) => k > n).length;
/** Deliveries of the counted steps' messages that never came, however late. */
const undelivered = (t, n) => t.sent.reduce((missing, key) => missing + Math.max(0, n - (t.counts.get(key) ?? 0)), 0);

if (mode === 'fanout') {
  const [N, STEPS, START] = [Number(a), Number(b), Number(c)];
  const t = tally();
  const receivers = await openMany(N, t.onFrame);
  const sender = await open(-1, () => {});
  await new Promise((r) => setTimeout(r, 500));
  if (env.WARMUP_SECONDS) {
    await sendFor(sender, env.SEND, 1000 * Number(env.WARMUP_SECONDS), 20);
    await new Promise((r) => setTimeout(r, 400));
  }
  const rows = [];
  let rate = START;
  for (let i = 0; i < STEPS; i += 1, rate = Math.max(rate + 1, Math.round(rate * 1.25))) {
    const row = await step(sender, env.SEND, t, N, rate);
    rows.push(row);
    progress(`${rate} msg/s -> ${row.perSecond} deliveries/s, p50 ${row.p50} ms, p99 ${row.p99} ms, lost ${row.lost}`);
    if (row.p99 > 200 || row.lost > row.sent * N * 0.02) break;
  }
  console.log(JSON.stringify({ rows, duplicates: duplicates(t, N) }));
  for (const ws of [...receivers, sender]) ws.terminate();
} else if (mode === 'paired') {
  const [N, RATES] = [Number(a), b.split(',').map(Number)];
  const one = tally();
  const two = tally();
  const receivers = [...(await openMany(N, one.onFrame, () => url)), ...(await openMany(N, two.onFrame, split, env.SUB_B))];
  const sender = await open(-1, () => {});
  await new Promise((r) => setTimeout(r, 500));
  // Both rooms warm alike before anything is counted.
  for (const query of [env.SEND, env.SEND_B]) await sendFor(sender, query, 1000 * Number(env.WARMUP_SECONDS ?? 0), 20);
  await new Promise((r) => setTimeout(r, 400));
  const rows = [];
  for (let round = 1; round <= Number(env.ROUNDS ?? 1); round += 1)
    for (const rate of RATES)
      for (const phase of ['one', 'two', 'two', 'one']) {
        const query = phase === 'one' ? env.SEND : env.SEND_B;
        const row = { round, phase, ...(await step(sender, query, phase === 'one' ? one : two, N, rate)) };
        rows.push(row);
        progress(
          `round ${round}, ${rate} msg/s, ${phase === 'one' ? 'one process' : 'two processes'}: CPU ms ${row.cpuMs.map(Math.round).join(' + ')}, p99 ${row.p99} ms, lost ${row.lost}`,
        );
      }
  await new Promise((r) => setTimeout(r, 2000)); // what a stall held back arrives before anything is called lost
  console.log(
    JSON.stringify({
      rows,
      duplicates: duplicates(one, N) + duplicates(two, N),
      counted: one.sent.length + two.sent.length,
      undelivered: undelivered(one, N) + undelivered(two, N),
    }),
  );
  for (const ws of [...receivers, sender]) ws.terminate();
} else if (mode === 'idle') {
  const sockets = await openMany(Number(a), () => {});
  console.log(JSON.stringify({ open: sockets.length }));
  process.stdin.resume();
  process.stdin.on('end', () => process.exit(0));
} else if (mode === 'send') {
  const [K, S] = [Number(a), Number(b)];
  const agent = new http.Agent({ keepAlive: true, maxSockets: K });
  const post = (i) =>
    new Promise((resolve, reject) => {
      const req = http.request(
        url,
        { method: 'POST', agent, headers: { 'content-type': 'application/json', authorization: env.AUTH } },
        (res) => {
          let t = '';
          res.on('data', (d) => (t += d));
          res.on('end', () => (t.includes('"errors"') ? reject(new Error(t)) : resolve()));
        },
      );
      req.on('error', reject);
      req.end(JSON.stringify({ query: env.SEND, variables: { c: env.CHANNEL, t: `bench ${i} ${'x'.repeat(80)}` } }));
    });
  for (let i = 0; i < 50; i += 1) await post(i);
  const lat = [];
  let n = 0;
  let errors = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: K }, async () => {
      while (performance.now() - t0 < S * 1000) {
        const s = performance.now();
        await post(n).catch(() => (errors += 1));
        lat.push(performance.now() - s);
        n += 1;
      }
    }),
  );
  lat.sort((x, y) => x - y);
  console.log(
    JSON.stringify({
      perSecond: Math.round(n / ((performance.now() - t0) / 1000)),
      p50: +pct(lat, 0.5).toFixed(1),
      p99: +pct(lat, 0.99).toFixed(1),
      errors,
      sends: n,
    }),
  );
}
if (mode !== 'idle') process.exit(0);
