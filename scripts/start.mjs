// `npm start`: install, make sure Postgres and Redis answer, build, migrate, seed, then run
// the api, workers, dashboard and bots together until Ctrl-C. Plain Node, no dependencies.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { ensureServices } from './services.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
// The seed writes the demo bots' config and tokens to .rashigo/ (README, "Bots"); a BOTS_CONFIG of your own wins.
const env = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: '1',
  BOTS_CONFIG: process.env.BOTS_CONFIG ?? `${ROOT}.rashigo/bots.yml`,
  BOTS_ENV_FILE: process.env.BOTS_ENV_FILE ?? `${ROOT}.rashigo/bots.env`,
};
const ports = {
  api: env.PORT || '4000',
  dashboard: env.DASHBOARD_PORT || '3000',
  workers: env.WORKERS_PORT || '4100',
  apiMetrics: env.METRICS_PORT || '4001',
  workersMetrics: env.WORKERS_METRICS_PORT || '4101',
};
const PROGRAMS = ['api', 'workers', 'dashboard', 'bots'];
const COLORS = { api: 36, workers: 33, dashboard: 35, bots: 32 };
const WIDTH = Math.max(...PROGRAMS.map((p) => p.length));
const READY_TIMEOUT_MS = 120_000;

/** Every child started (each leads its own process group), so a signal can stop them all. */
const children = [];
let stopping = false;

process.on('SIGINT', () => stop(0, 'SIGINT'));
process.on('SIGTERM', () => stop(0, 'SIGTERM'));

try {
  await main();
} catch (error) {
  if (!stopping) {
    console.error(`\nstart: ${error instanceof Error ? error.message : String(error)}`);
    await stop(1);
  }
}

async function main() {
  if (!existsSync(`${ROOT}/node_modules`)) {
    const lockfile = existsSync(`${ROOT}/package-lock.json`);
    step(lockfile ? 'installing dependencies (npm ci)' : 'installing dependencies (npm install)');
    await run('npm', [lockfile ? 'ci' : 'install']);
  }

  step('checking Postgres and Redis');
  await ensureServices({ env });

  step('building (npm run build)');
  await run('npm', ['run', 'build']);

  step('applying migrations (npm run migrate)');
  await run('npm', ['run', 'migrate']);

  await seed();

  step('starting api, workers, dashboard and bots');
  for (const name of PROGRAMS) startProgram(name);

  await waitUntilReady();
  if (stopping) return; // one of them died while starting
  console.log(
    [
      '',
      'Rashigo is running:',
      `  dashboard        http://localhost:${ports.dashboard}`,
      `  API (GraphQL)    http://localhost:${ports.api}/graphql`,
      `  metrics          http://127.0.0.1:${ports.apiMetrics}/metrics (api), http://127.0.0.1:${ports.workersMetrics}/metrics (workers)`,
      '',
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
}

/** Demo data: api/dist/seed.js creates it on the first run and only reminds of the login after. */
async function seed() {
  const script = `${ROOT}/api/dist/seed.js`;
  if (!existsSync(script)) return;
  step('seeding demo data (node api/dist/seed.js)');
  await run('node', [script]);
}

function step(message) {
  console.log(`\n==> ${message}`);
}

/** Runs one setup command with inherited output; rejects when it fails. */
function run(command, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: 'inherit', detached: true });
    track(child);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`\`${command} ${args.join(' ')}\` failed (${signal ?? `exit code ${code}`})`));
    });
  });
}

/** Starts `npm run <name>` and prefixes each line it prints with the program's name. */
function startProgram(name) {
  // Its own process group, so stopping it reaches npm, sh and node alike.
  const child = spawn('npm', ['run', '--silent', name], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  track(child);
  const label = name.padEnd(WIDTH);
  const prefix = process.stdout.isTTY ? `\x1b[${COLORS[name]}m${label}\x1b[0m | ` : `${label} | `;
  for (const [stream, out] of [
    [child.stdout, process.stdout],
    [child.stderr, process.stderr],
  ]) {
    createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => out.write(`${prefix}${line}\n`));
  }
  child.once('error', (error) => {
    console.error(`${prefix}could not start: ${error.message}`);
    void stop(1);
  });
  child.once('exit', (code, signal) => {
    if (stopping) return;
    console.error(`\nstart: ${name} stopped unexpectedly (${signal ?? `exit code ${code}`}); stopping the others`);
    void stop(typeof code === 'number' && code !== 0 ? code : 1);
  });
}

function track(child) {
  if (child.pid) children.push(child);
}

async function waitUntilReady() {
  const checks = [
    ['api', `http://127.0.0.1:${ports.api}/healthz`],
    ['workers', `http://127.0.0.1:${ports.workers}/healthz`],
    ['dashboard', `http://127.0.0.1:${ports.dashboard}/`],
  ];
  const deadline = Date.now() + READY_TIMEOUT_MS;
  await Promise.all(
    checks.map(async ([name, url]) => {
      while (!stopping) {
        if (await answers(url)) return;
        if (Date.now() > deadline) throw new Error(`${name} did not answer ${url} within ${READY_TIMEOUT_MS / 1000} s`);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }),
  );
}

async function answers(url) {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}

/** Stops every child (SIGTERM to its process group, SIGKILL after 10 s), then exits with `code`. */
async function stop(code, signal) {
  if (stopping) return;
  stopping = true;
  if (signal) console.log(`\nstart: ${signal} received, stopping…`);
  await Promise.all(children.map((child) => terminate(child)));
  process.exit(code);
}

/** SIGTERM to the child's whole process group; SIGKILL if anything in it is left after 10 s. */
async function terminate(child) {
  const signalGroup = (sig) => {
    try {
      process.kill(-child.pid, sig);
      return true;
    } catch {
      return false; // the group is gone
    }
  };
  if (!signalGroup('SIGTERM')) return;
  const started = Date.now();
  let killed = false;
  while (signalGroup(0) && Date.now() - started < 12_000) {
    if (!killed && Date.now() - started > 10_000) killed = signalGroup('SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
