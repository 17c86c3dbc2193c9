import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TcpProxy } from '../../../api/test/tcp-proxy';

/**
 * The real programs for the browser tests: a fresh Postgres database, a Redis key prefix of its own,
 * the compiled API and workers, and the built dashboard (`next start`), each on a free port.
 */

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const NEXT_BIN = join(ROOT, 'node_modules', 'next', 'dist', 'bin', 'next');

export interface Stack {
  /** The API as tests reach it (straight). */
  apiUrl: string;
  /** With `browsersThroughProxy`: what stands between the browsers and the API, to silence. */
  browserLink?: TcpProxy;
  dashboardUrl: string;
  databaseUrl: string;
  stopApi(): Promise<void>;
  startApi(): Promise<void>;
  close(): Promise<void>;
}

const started = new Set<Program>();

class Program {
  private child: ChildProcess | undefined;
  private readonly output: string[] = [];

  constructor(
    readonly name: string,
    private readonly args: string[],
    private readonly env: Record<string, string>,
    private readonly cwd = ROOT,
  ) {}

  start(): void {
    const { NODE_OPTIONS: _ignored, ...inherited } = process.env;
    const child = spawn(process.execPath, this.args, {
      cwd: this.cwd,
      env: { ...inherited, ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer) => {
      this.output.push(chunk.toString());
      if (this.output.length > 200) this.output.shift();
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.child = child;
    started.add(this);
  }

  tail(): string {
    return `--- ${this.name} ---\n${this.output.join('').split('\n').slice(-30).join('\n')}`;
  }

  running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || !this.running()) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }

  kill(): void {
    if (this.running()) this.child?.kill('SIGKILL');
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitForHttp(url: string, program: Program, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!program.running()) throw new Error(`${program.name} exited before it answered ${url}\n${program.tail()}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${program.name} did not answer ${url} within ${timeoutMs} ms\n${program.tail()}`);
}

function runToEnd(args: string[], env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`node ${args.join(' ')} exited ${code}: ${stderr}`))));
  });
}

export function assertBuilt(): void {
  const missing = [
    join(ROOT, 'api', 'dist', 'main.js'),
    join(ROOT, 'api', 'dist', 'workers', 'main.js'),
    join(ROOT, 'dashboard', '.next', 'BUILD_ID'),
  ].filter((file) => !existsSync(file));
  if (missing.length > 0) {
    throw new Error(`Build first (npm test does): missing ${missing.join(', ')}. Run: npm run build -w api -w dashboard`);
  }
}

/** `browsersThroughProxy`: the dashboard's pages reach the API through a TcpProxy (stack.browserLink). */
export async function startStack({ browsersThroughProxy = false } = {}): Promise<Stack> {
  assertBuilt();
  const base = new URL(process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  base.pathname = `/rashigo_e2e_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const databaseUrl = base.toString();
  const common = {
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    REDIS_KEY_PREFIX: `rashigo-e2e:${randomBytes(4).toString('hex')}:`,
    LOG_LEVEL: 'warn',
  };
  // Creates the database and applies every migration, as `npm run migrate` does.
  await runToEnd(['api/dist/kernel/db/migrate.js'], common);

  const [apiPort, dashboardPort] = [await freePort(), await freePort()];
  const apiUrl = `http://127.0.0.1:${apiPort}/graphql`;
  const dashboardUrl = `http://127.0.0.1:${dashboardPort}`;
  const browserLink = browsersThroughProxy ? await TcpProxy.start('127.0.0.1', apiPort) : undefined;
  const api = new Program('api', ['api/dist/main.js'], {
    ...common,
    PORT: String(apiPort),
    METRICS_PORT: '0',
    AUTH_RATE_LIMIT_PER_MINUTE: '100000',
  });
  const workers = new Program('workers', ['api/dist/workers/main.js'], { ...common, WORKERS_PORT: '0', WORKERS_METRICS_PORT: '0' });
  const dashboard = new Program(
    'dashboard',
    [NEXT_BIN, 'start', '-p', String(dashboardPort), '-H', '127.0.0.1'],
    {
      NEXT_TELEMETRY_DISABLED: '1',
      // Read at request time: the same build serves whichever API this run started.
      PUBLIC_API_URL: browserLink ? `http://127.0.0.1:${browserLink.port}/graphql` : apiUrl,
    },
    join(ROOT, 'dashboard'),
  );
  const programs = [api, workers, dashboard];

  const startApi = async () => {
    api.start();
    await waitForHttp(`http://127.0.0.1:${apiPort}/healthz`, api);
  };

  try {
    await startApi();
    workers.start();
    dashboard.start();
    await waitForHttp(dashboardUrl, dashboard);
  } catch (error) {
    for (const program of programs) program.kill();
    await browserLink?.close();
    throw error;
  }

  return {
    apiUrl,
    browserLink,
    dashboardUrl,
    databaseUrl,
    stopApi: () => api.stop(),
    startApi,
    async close() {
      await Promise.all(programs.map((p) => p.stop()));
      await browserLink?.close();
      await runToEnd(
        [
          '--input-type=module',
          '-e',
          `import { dropDatabase } from './api/dist/kernel/db/migrator.js'; await dropDatabase(${JSON.stringify(databaseUrl)});`,
        ],
        {},
      ).catch(() => undefined);
    },
  };
}

// A crashed test file must not leave programs behind.
process.once('exit', () => {
  for (const program of started) program.kill();
});
