// Makes sure Postgres and Redis answer before Rashigo starts or its tests run.
// Plain Node (no dependencies): used by start.mjs and test.mjs, and importable by any other runner.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/rashigo';
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DEV_COMPOSE_FILE = fileURLToPath(new URL('dev-services.compose.yml', import.meta.url));

/** Resolves true when a TCP connection to host:port opens within timeoutMs. */
export function canConnect(host, port, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** Polls until host:port answers or timeoutMs has passed. */
export async function waitForPort(host, port, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await canConnect(host, port)) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function endpoint(name, url, defaultPort) {
  const parsed = new URL(url);
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1') || '127.0.0.1';
  return { name, url: redact(parsed), host, port: Number(parsed.port || defaultPort) };
}

function redact(url) {
  const copy = new URL(url);
  if (copy.password) copy.password = '***';
  return copy.toString();
}

function isLocal(host) {
  return host === 'localhost' || host === '::1' || host === '0.0.0.0' || /^127\./.test(host);
}

function commandWorks(command, args) {
  const result = spawnSync(command, args, { stdio: 'ignore' });
  return result.status === 0;
}

/** Starts the machine's own Postgres cluster (Debian's pg_ctlcluster), as on the development machines. */
function startLocalPostgres(log) {
  if (!existsSync('/etc/postgresql')) return false;
  const versions = readdirSync('/etc/postgresql').sort((a, b) => Number(b) - Number(a));
  for (const version of versions) {
    log(`services: starting local PostgreSQL ${version} (pg_ctlcluster ${version} main start)`);
    const result = spawnSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'start'], { stdio: 'inherit' });
    if (result.error) return false; // pg_ctlcluster is not installed
    if (result.status === 0) return true;
  }
  return false;
}

/** Where the local Redis keeps its append-only file (gitignored). */
export const LOCAL_REDIS_DIR = join(ROOT, '.rashigo', 'redis');

/** redis-server's arguments for the local Redis: daemonized, loopback only, AOF in `dir`. */
export function localRedisArgs(port, dir = LOCAL_REDIS_DIR) {
  return [
    '--daemonize',
    'yes',
    '--bind',
    '127.0.0.1',
    '--port',
    String(port),
    '--dir',
    dir,
    '--appendonly',
    'yes',
    '--appendfsync',
    'everysec',
    '--save',
    '',
    '--maxmemory-policy',
    'noeviction',
  ];
}

/**
 * Starts a local Redis on the configured port with an append-only file, so restarting it keeps
 * queued jobs, presence and voice state (as docker-compose.yml's Redis does); noeviction for BullMQ.
 */
function startLocalRedis(port, log) {
  mkdirSync(LOCAL_REDIS_DIR, { recursive: true });
  log(`services: starting local Redis on 127.0.0.1:${port} with AOF in ${LOCAL_REDIS_DIR} (redis-server --daemonize yes)`);
  const args = localRedisArgs(port);
  const result = spawnSync('redis-server', args, { stdio: 'inherit' });
  return !result.error && result.status === 0;
}

/**
 * Postgres and Redis in containers, published on the ports of DATABASE_URL and REDIS_URL.
 * (The main docker-compose.yml keeps them private to its network, with a password.)
 */
function startWithDocker(missing, db, redis, log) {
  if (!commandWorks('docker', ['compose', 'version'])) return false;
  const services = missing.map((s) => s.name);
  log(`services: starting ${services.join(' and ')} with docker compose (${DEV_COMPOSE_FILE})`);
  const env = { ...process.env, RASHIGO_DEV_POSTGRES_PORT: String(db.port), RASHIGO_DEV_REDIS_PORT: String(redis.port) };
  const result = spawnSync('docker', ['compose', '-f', DEV_COMPOSE_FILE, 'up', '-d', '--wait', ...services], {
    stdio: 'inherit',
    env,
    cwd: ROOT,
  });
  return result.status === 0;
}

/**
 * Makes sure Postgres (DATABASE_URL) and Redis (REDIS_URL) accept TCP connections.
 * When one does not and its URL points at this machine, starts the local service, or else the
 * development containers with `docker compose`. Throws with an explanation when that fails.
 */
export async function ensureServices({ env = process.env, log = (line) => console.log(line) } = {}) {
  const db = endpoint('postgres', env.DATABASE_URL || DEFAULT_DATABASE_URL, 5432);
  const redis = endpoint('redis', env.REDIS_URL || DEFAULT_REDIS_URL, 6379);
  const all = [db, redis];

  const down = async () => {
    const answers = await Promise.all(all.map((s) => canConnect(s.host, s.port)));
    return all.filter((_, i) => !answers[i]);
  };

  let missing = await down();
  if (missing.length === 0) {
    log(`services: postgres ${db.host}:${db.port} and redis ${redis.host}:${redis.port} answer`);
    return { databaseUrl: env.DATABASE_URL || DEFAULT_DATABASE_URL, redisUrl: env.REDIS_URL || DEFAULT_REDIS_URL };
  }

  const remote = missing.filter((s) => !isLocal(s.host));
  if (remote.length > 0) {
    throw new Error(
      remote.map((s) => `${s.name} does not answer at ${s.host}:${s.port} (${s.url}).`).join('\n') +
        '\nIt is not on this machine, so it was not started: start it, or point the URL at a running server.',
    );
  }

  // 1. The machine's own services.
  if (missing.includes(db)) startLocalPostgres(log);
  if (missing.includes(redis)) startLocalRedis(redis.port, log);
  missing = await waitAll(missing, 15_000);

  // 2. Containers.
  if (missing.length > 0 && startWithDocker(missing, db, redis, log)) missing = await waitAll(missing, 60_000);

  if (missing.length > 0) {
    throw new Error(
      missing.map((s) => `${s.name} does not answer at ${s.host}:${s.port} (${s.url}).`).join('\n') +
        '\nTried the local services (pg_ctlcluster, redis-server), then `docker compose` where installed.\n' +
        'Install and start PostgreSQL 15+ and Redis 7 (e.g. apt-get install postgresql redis-server),\n' +
        'or install Docker with the compose plugin, or set DATABASE_URL / REDIS_URL to running servers.',
    );
  }
  log(`services: postgres ${db.host}:${db.port} and redis ${redis.host}:${redis.port} answer`);
  return { databaseUrl: env.DATABASE_URL || DEFAULT_DATABASE_URL, redisUrl: env.REDIS_URL || DEFAULT_REDIS_URL };
}

async function waitAll(services, timeoutMs) {
  const answers = await Promise.all(services.map((s) => waitForPort(s.host, s.port, timeoutMs)));
  return services.filter((_, i) => !answers[i]);
}
