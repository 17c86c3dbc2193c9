import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';
import { TEST_COMPILE_AFTER } from './harness.js';

/**
 * The real worker program (`node api/dist/workers/main.js`) as a child process, for integration tests:
 * the same Postgres database and Redis prefix as the test's API, its own short timings.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const WORKERS_MAIN = join(ROOT, 'api', 'dist', 'workers', 'main.js');
const API_MAIN = join(ROOT, 'api', 'dist', 'main.js');

export interface WorkerExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface WorkerProcess {
  readonly pid: number;
  /** The port of its /healthz (and /metrics with METRICS_TOKEN), from the "workers ready" log line. */
  readonly port: number;
  /** Its loopback metrics port (/metrics without a token), from the same line. */
  readonly metricsPort: number | null;
  /** Every JSON log line so far. */
  readonly logs: Record<string, unknown>[];
  /** Everything it wrote so far, JSON or not: stdout lines and stderr chunks. */
  readonly output: readonly string[];
  /** Resolves when the process has exited (for any reason). */
  readonly exited: Promise<WorkerExit>;
  /** True until the process has exited. */
  running(): boolean;
  /** SIGTERM: finishes in-flight jobs, then exits. Resolves with how it exited. */
  stop(timeoutMs?: number): Promise<WorkerExit>;
  /** SIGKILL: dies at once, mid-job if it was running one. */
  kill(): Promise<WorkerExit>;
}

const started = new Set<WorkerProcess>();

/**
 * Starts a worker process on `prefix` (the REDIS_KEY_PREFIX of the test's API) and waits for its
 * "workers ready" line. `env` adds or overrides variables (PRESENCE_TIMEOUT_SECONDS, WORKER_LOCK_MS…).
 */
export async function startWorkers(prefix: string, env: Record<string, string> = {}, readyTimeoutMs = 30_000): Promise<WorkerProcess> {
  assertWorkersBuilt();
  return startProgram(WORKERS_MAIN, 'workers ready', prefix, { WORKERS_PORT: '0', WORKERS_METRICS_PORT: '0', ...env }, readyTimeoutMs);
}

/** An API as its own process (api/dist/main.js) on `prefix`, for tests that kill one; ready once it listens. */
export async function startApiProcess(prefix: string, env: Record<string, string> = {}, readyTimeoutMs = 30_000): Promise<WorkerProcess> {
  assertWorkersBuilt();
  return startProgram(
    API_MAIN,
    'api listening',
    prefix,
    { PORT: '0', METRICS_PORT: '0', AUTH_RATE_LIMIT_PER_MINUTE: '100000', ...env },
    readyTimeoutMs,
  );
}

async function startProgram(
  main: string,
  readyMessage: string,
  prefix: string,
  env: Record<string, string>,
  readyTimeoutMs: number,
): Promise<WorkerProcess> {
  const { NODE_OPTIONS: _ignored, ...inherited } = process.env;
  const child = spawn(process.execPath, [main], {
    cwd: ROOT,
    env: {
      ...inherited,
      NODE_ENV: 'test',
      DATABASE_URL: inject('databaseUrl'),
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      REDIS_KEY_PREFIX: prefix,
      GRAPHQL_COMPILE_AFTER: TEST_COMPILE_AFTER,
      // info: the "workers ready" line carries the port; job failures are logged as warnings.
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });

  const logs: Record<string, unknown>[] = [];
  const output: string[] = [];
  let alive = true;
  const exited = new Promise<WorkerExit>((resolve) => {
    child.once('exit', (code, signal) => {
      alive = false;
      resolve({ code, signal });
    });
  });

  let ready: (ports: { port: number; metricsPort: number | null }) => void = () => {};
  const readyPorts = new Promise<{ port: number; metricsPort: number | null }>((resolve) => (ready = resolve));
  let buffered = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk;
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.trim()) continue;
      output.push(line);
      try {
        const entry = JSON.parse(line) as Record<string, unknown>;
        logs.push(entry);
        if (entry.msg === readyMessage && typeof entry.port === 'number')
          ready({ port: entry.port, metricsPort: typeof entry.metricsPort === 'number' ? entry.metricsPort : null });
      } catch {
        // not JSON: kept in `output` for the error message
      }
    }
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => output.push(chunk));

  const tail = () => output.slice(-20).join('\n');
  let timer: NodeJS.Timeout | undefined;
  const { port, metricsPort } = await Promise.race([
    readyPorts,
    exited.then((exit) => {
      throw new Error(`the worker process exited (${exit.code ?? exit.signal}) before it was ready:\n${tail()}`);
    }),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`the worker process was not ready within ${readyTimeoutMs} ms:\n${tail()}`));
      }, readyTimeoutMs);
    }),
  ]).finally(() => clearTimeout(timer));

  const signal = async (name: NodeJS.Signals, timeoutMs: number): Promise<WorkerExit> => {
    if (alive) child.kill(name);
    let deadline: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        exited,
        new Promise<never>((_, reject) => {
          deadline = setTimeout(() => {
            child.kill('SIGKILL');
            reject(new Error(`the worker process did not exit within ${timeoutMs} ms of ${name}:\n${tail()}`));
          }, timeoutMs);
        }),
      ]);
    } finally {
      clearTimeout(deadline);
    }
  };

  const worker: WorkerProcess = {
    pid: child.pid!,
    port,
    metricsPort,
    logs,
    output,
    exited,
    running: () => alive,
    stop: (timeoutMs = 15_000) => signal('SIGTERM', timeoutMs),
    kill: () => signal('SIGKILL', 5_000),
  };
  started.add(worker);
  void exited.then(() => started.delete(worker));
  return worker;
}

/** SIGTERM to every worker process this test file started (for afterAll). */
export async function stopAllWorkers(): Promise<void> {
  await Promise.all([...started].map((w) => w.stop().catch(() => w.kill())));
}

// A test file that crashes must not leave worker processes behind.
process.once('exit', () => {
  for (const worker of started) {
    try {
      process.kill(worker.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

/**
 * Fails unless every source file of api/ has a compiled .js at least as new: the
 * worker process runs compiled code, so a stale build would test yesterday's program.
 */
let checked = false;
export function assertWorkersBuilt(): void {
  // Once per test file: sources edited mid-run do not fail later starts. RASHIGO_TEST_ALLOW_STALE_BUILD=1
  // skips it (while other parts of the tree are being edited and the worker's own code is known built).
  if (checked || process.env.RASHIGO_TEST_ALLOW_STALE_BUILD === '1') return;
  const stale: string[] = [];
  const src = join(ROOT, 'api', 'src');
  for (const file of sourceFiles(src)) {
    const compiled = join(ROOT, 'api', 'dist', relative(src, file).replace(/\.ts$/, '.js'));
    if (!existsSync(compiled) || statSync(compiled).mtimeMs < statSync(file).mtimeMs) stale.push(relative(ROOT, file));
  }
  if (stale.length === 0) {
    checked = true;
    return;
  }
  const listed = stale.slice(0, 5).join(', ') + (stale.length > 5 ? ` and ${stale.length - 5} more` : '');
  throw new Error(
    `${relative(ROOT, WORKERS_MAIN)} is missing or older than its sources (${listed}).\n` +
      `Build first: cd ${ROOT} && npm run build -w api  (the root \`npm test\` builds before testing).`,
  );
}

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}
