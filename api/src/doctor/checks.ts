import { BlockList } from 'node:net';
import { Redis } from 'ioredis';
import type { ApiConfig } from '../kernel/config/config.js';
import { pingPostgres } from '../kernel/db/silent-postgres.js';
import { iceServersFor } from '../features/voice/ice-servers.js';
import { probeStun, probeTurn, type ProbeFailure } from './stun-probe.js';

export type CheckStatus = 'pass' | 'warn' | 'fail';

export interface CheckResult {
  status: CheckStatus;
  detail: string;
}

/** `target` is printed, so it never holds a password. */
export interface Check {
  name: string;
  target: string;
  run(timeoutMs: number): Promise<CheckResult>;
}

/** Everything `npm run doctor` looks at, in the order it prints them. */
export function doctorChecks(config: ApiConfig): Check[] {
  return [
    { name: 'postgres', target: redactUrl(config.DATABASE_URL), run: (timeoutMs) => checkPostgres(config.DATABASE_URL, timeoutMs) },
    ...redisUrls(config).map((url) => ({ name: 'redis', target: redactUrl(url), run: (timeoutMs: number) => checkRedis(url, timeoutMs) })),
    ...config.STUN_URLS.map((url) => ({ name: 'stun', target: url, run: (timeoutMs: number) => checkStun(url, timeoutMs) })),
    ...config.TURN_URLS.map((url) => ({ name: 'turn', target: url, run: (timeoutMs: number) => checkTurn(url, config, timeoutMs) })),
    ...voiceWarnings(config),
  ];
}

/** REDIS_URL, or each REDIS_CLUSTER_NODES seed with REDIS_URL's credentials: every node must answer. */
function redisUrls(config: ApiConfig): string[] {
  return config.REDIS_CLUSTER_NODES.length === 0
    ? [config.REDIS_URL]
    : config.REDIS_CLUSTER_NODES.map((node) => {
        const url = new URL(config.REDIS_URL);
        url.host = node;
        return url.toString();
      });
}

export function redactUrl(raw: string): string {
  try {
    const url = new URL(raw);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return '(not a URL)';
  }
}

const pass = (detail: string): CheckResult => ({ status: 'pass', detail });
const warn = (detail: string): CheckResult => ({ status: 'warn', detail });
const fail = (detail: string): CheckResult => ({ status: 'fail', detail });
const seconds = (ms: number) => `${ms / 1000} s`;

async function checkPostgres(databaseUrl: string, timeoutMs: number): Promise<CheckResult> {
  const url = new URL(databaseUrl);
  const where = `${url.hostname}:${url.port || 5432}`;
  try {
    await pingPostgres(databaseUrl, timeoutMs);
    return pass('answers');
  } catch (error) {
    const code = errorCode(error);
    if (code === '28P01') return fail(`password rejected for user "${decodeURIComponent(url.username)}" — check DATABASE_URL`);
    if (code === '3D000') {
      return fail(`database "${decodeURIComponent(url.pathname.slice(1))}" does not exist — run npm run migrate, which creates it`);
    }
    if (code === '28000') return fail(`${messageOf(error)} — allow this host and user in pg_hba.conf, or fix DATABASE_URL`);
    if (/terminated unexpectedly/.test(messageOf(error))) {
      return fail(`the connection closed before Postgres answered — is it Postgres that listens on ${where}?`);
    }
    return fail(networkProblem(error, 'Postgres', where, timeoutMs) ?? `failed: ${messageOf(error)}`);
  }
}

async function checkRedis(redisUrl: string, timeoutMs: number): Promise<CheckResult> {
  const url = new URL(redisUrl);
  const where = `${url.hostname}:${url.port || 6379}`;
  let lastError: unknown;
  const redis = new Redis(redisUrl, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null, // one attempt: the doctor reports, it does not wait
    enableReadyCheck: false, // PING is the check; INFO first would double the wait on a silent server
    disableClientInfo: true,
  });
  redis.on('error', (error) => {
    lastError = error;
  });
  try {
    await redis.connect();
    await redis.ping();
    return pass('answers PING');
  } catch (error) {
    // ioredis rejects connect() with "Connection is closed"; the cause came through the error event.
    const cause = lastError ?? error;
    const message = messageOf(cause);
    if (/NOAUTH/.test(message)) return fail('Redis wants a password — put it in REDIS_URL (redis://:password@host:6379)');
    if (/WRONGPASS|invalid password/i.test(message)) return fail('password rejected — check REDIS_URL');
    return fail(networkProblem(cause, 'Redis', where, timeoutMs) ?? `failed: ${message}`);
  } finally {
    redis.disconnect();
  }
}

async function checkStun(url: string, timeoutMs: number): Promise<CheckResult> {
  const result = await probeStun(url, { timeoutMs });
  if (!result.ok) return probeProblem(result);
  return pass(`answers; this machine appears as ${result.mappedAddress}`);
}

async function checkTurn(url: string, config: ApiConfig, timeoutMs: number): Promise<CheckResult> {
  if (!config.TURN_SECRET) {
    return fail("TURN_SECRET is empty, so clients get no credentials for this server — set it to coturn's static-auth-secret");
  }
  // The very credentials the API hands to clients.
  const ice = { stunUrls: [], turnUrls: [url], turnSecret: config.TURN_SECRET, credentialTtlSeconds: config.TURN_CREDENTIAL_TTL_SECONDS };
  const turn = iceServersFor('doctor', ice).find((server) => server.username !== undefined);
  if (!turn?.username || turn.credential === undefined) return fail('no TURN credentials could be derived');
  const result = await probeTurn(url, turn.username, turn.credential, { timeoutMs });
  if (!result.ok) return probeProblem(result);
  const relayed = `relays (allocated ${result.relayedAddress}; this machine appears as ${result.mappedAddress})`;
  if (isPrivate(hostOf(result.relayedAddress)) && !isPrivate(hostOf(result.server))) {
    const fix = "set coturn's --external-ip (TURN_EXTERNAL_IP in docker-compose.yml)";
    return warn(`${relayed}, but the relay address is private: peers elsewhere cannot reach it — ${fix}`);
  }
  return pass(relayed);
}

/** Voice still works without STUN/TURN, but only on one network: say so without failing. */
function voiceWarnings(config: ApiConfig): Check[] {
  const notes: Check[] = [];
  const note = (target: string, detail: string) => notes.push({ name: 'voice', target, run: async () => warn(detail) });
  if (!config.STUN_URLS.length && !config.TURN_URLS.length) {
    note('no STUN_URLS or TURN_URLS', 'voice will only work between peers on the same network — set TURN_URLS and TURN_SECRET');
  } else if (!config.TURN_URLS.length) {
    note('no TURN_URLS', 'peers behind strict NATs or firewalls will not connect — set TURN_URLS and TURN_SECRET');
  }
  if (config.TURN_SECRET === 'change-me-turn-secret') {
    note('TURN_SECRET', "is docker-compose's default, so anyone can use your TURN server — set a long random value (openssl rand -hex 32)");
  }
  return notes;
}

function probeProblem(result: ProbeFailure): CheckResult {
  return result.kind === 'not-udp' ? warn(result.problem) : fail(result.problem);
}

function networkProblem(error: unknown, service: string, where: string, timeoutMs: number): string | undefined {
  const code = errorCode(error);
  if (code === 'ECONNREFUSED') return `refused — is ${service} running and listening on ${where}?`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `cannot resolve ${where.replace(/:\d+$/, '')} — check the host name`;
  if (code === 'ETIMEDOUT' || /timeout|timed out/i.test(messageOf(error))) {
    return `no answer in ${seconds(timeoutMs)} — is ${service} reachable at ${where} (firewall, listen address)?`;
  }
  return undefined;
}

/** Node reports a refused `localhost` (tried as ::1 and 127.0.0.1) as an AggregateError of both. */
function errorCode(error: unknown): string | undefined {
  const candidate = error as { code?: unknown; errors?: { code?: unknown }[] } | undefined;
  const code = candidate?.code ?? candidate?.errors?.[0]?.code;
  return typeof code === 'string' ? code : undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Addresses only reachable from inside one network: RFC 1918, loopback, link-local, CGNAT, IPv6 ULA. */
const PRIVATE_RANGES = new BlockList();
const PRIVATE_SUBNETS = [
  ['10.0.0.0', 8, 'ipv4'],
  ['172.16.0.0', 12, 'ipv4'],
  ['192.168.0.0', 16, 'ipv4'],
  ['127.0.0.0', 8, 'ipv4'],
  ['169.254.0.0', 16, 'ipv4'],
  ['100.64.0.0', 10, 'ipv4'],
  ['fc00::', 7, 'ipv6'],
  ['fe80::', 10, 'ipv6'],
  ['::1', 128, 'ipv6'],
] as const;
for (const [network, prefix, family] of PRIVATE_SUBNETS) PRIVATE_RANGES.addSubnet(network, prefix, family);

function isPrivate(ip: string): boolean {
  return PRIVATE_RANGES.check(ip, ip.includes(':') ? 'ipv6' : 'ipv4');
}

/** "1.2.3.4:5" or "[::1]:5" => the address alone. */
function hostOf(address: string): string {
  return address.replace(/:\d+$/, '').replace(/^\[(.*)\]$/, '$1');
}
