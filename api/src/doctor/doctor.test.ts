import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { iceServersFor } from '../features/voice/ice-servers.js';
import { loadConfig } from '../kernel/config/config.js';
import { doctorChecks } from './checks.js';
import { runDoctor } from './doctor.js';
import { probeStun, probeTurn } from './stun-probe.js';
import { checkCoturn } from '../../../scripts/coturn.mjs';

// A real coturn on loopback, started the way docker-compose.yml runs it (REST-API secret).
const SECRET = `doctor-test-${randomBytes(8).toString('hex')}`;
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const RELAY_MIN = randomInt(40_000, 60_000);
const RELAY_MAX = RELAY_MIN + 20;

let coturn: ChildProcess | undefined;
let coturnLog = '';
let workDir: string;
let stunUrl: string;
let turnUrl: string;

// Without coturn these tests skip (checkCoturn logs why and how to install it); CI requires them.
const hasCoturn = checkCoturn({ log: (line) => console.warn(line) });

beforeAll(async () => {
  if (!hasCoturn) return;
  const port = await freeUdpPort();
  stunUrl = `stun:127.0.0.1:${port}`;
  turnUrl = `turn:127.0.0.1:${port}?transport=udp`;
  workDir = mkdtempSync(join(tmpdir(), 'rashigo-coturn-'));
  coturn = spawn(
    'turnserver',
    [
      '-n', // no config file
      '--listening-ip=127.0.0.1',
      '--relay-ip=127.0.0.1',
      `--listening-port=${port}`,
      `--min-port=${RELAY_MIN}`,
      `--max-port=${RELAY_MAX}`,
      '--use-auth-secret',
      `--static-auth-secret=${SECRET}`,
      '--realm=rashigo.test',
      '--no-tls',
      '--no-dtls',
      '--no-tcp',
      '--no-cli',
      '--no-rfc5780',
      '--allow-loopback-peers',
      '--log-file=stdout',
      '--simple-log',
      `--pidfile=${join(workDir, 'turnserver.pid')}`,
      `--userdb=${join(workDir, 'turndb')}`,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  coturn.stdout?.on('data', (chunk: Buffer) => (coturnLog += chunk.toString()));
  coturn.stderr?.on('data', (chunk: Buffer) => (coturnLog += chunk.toString()));
  await waitForCoturn();
});

afterAll(async () => {
  if (coturn && coturn.exitCode === null) {
    const exited = new Promise((resolve) => coturn!.once('exit', resolve));
    coturn.kill('SIGTERM');
    await exited;
  }
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe('doctor checks on a Redis Cluster', () => {
  it('checks every REDIS_CLUSTER_NODES seed with REDIS_URL’s credentials, printing no password', async () => {
    const config = loadConfig({ REDIS_URL: 'redis://:pw@ignored:6379', REDIS_CLUSTER_NODES: '127.0.0.1:1,127.0.0.1:2' });
    const redis = doctorChecks(config).filter((c) => c.name === 'redis');
    expect(redis.map((c) => c.target)).toEqual(['redis://:***@127.0.0.1:1', 'redis://:***@127.0.0.1:2']);
    // Port 1 answers nothing on loopback: each seed is really probed.
    expect((await redis[0]!.run(1000)).status).toBe('fail');
  });
});

describe.skipIf(!hasCoturn)('probeStun', () => {
  it('gets this machine’s address from coturn', async () => {
    const result = await probeStun(stunUrl, { timeoutMs: 2000 });
    expect(result).toMatchObject({ ok: true, mappedAddress: expect.stringMatching(/^127\.0\.0\.1:\d+$/) });
  });

  it('reports no answer in time from a port nobody listens on', async () => {
    const started = Date.now();
    const result = await probeStun(`stun:127.0.0.1:${await freeUdpPort()}`, { timeoutMs: 1000 });
    expect(result).toMatchObject({ ok: false, kind: 'no-answer', problem: expect.stringMatching(/^no answer in 1 s/) });
    expect(Date.now() - started).toBeLessThan(2500);
  });
});

describe.skipIf(!hasCoturn)('probeTurn', () => {
  it('allocates a relay with the credentials the API hands out, and frees it', async () => {
    const { username, credential } = turnCredentials(SECRET);
    const result = await probeTurn(turnUrl, username, credential, { timeoutMs: 2000 });
    expect(result).toMatchObject({ ok: true, mappedAddress: expect.stringMatching(/^127\.0\.0\.1:\d+$/), released: true });
    const relayPort = result.ok ? Number(result.relayedAddress.split(':')[1]) : NaN;
    expect(relayPort).toBeGreaterThanOrEqual(RELAY_MIN);
    expect(relayPort).toBeLessThanOrEqual(RELAY_MAX);
  });

  it('says the secret does not match when coturn refuses the credentials', async () => {
    const { username, credential } = turnCredentials('not-the-secret');
    const result = await probeTurn(turnUrl, username, credential, { timeoutMs: 2000 });
    expect(result).toEqual({
      ok: false,
      kind: 'secret-mismatch',
      problem: expect.stringContaining("the TURN secret does not match coturn's static-auth-secret"),
    });
  });

  it('reports no answer from a port nobody listens on, naming the port', async () => {
    const port = await freeUdpPort();
    const { username, credential } = turnCredentials(SECRET);
    const result = await probeTurn(`turn:127.0.0.1:${port}`, username, credential, { timeoutMs: 1000 });
    expect(result).toEqual({ ok: false, kind: 'no-answer', problem: `no answer in 1 s — is coturn running and UDP ${port} open?` });
  });
});

describe.skipIf(!hasCoturn)('runDoctor', () => {
  const env = () => ({
    DATABASE_URL: inject('databaseUrl'),
    REDIS_URL,
    STUN_URLS: stunUrl,
    TURN_URLS: turnUrl,
    TURN_SECRET: SECRET,
  });

  it('passes when Postgres, Redis, STUN and TURN all answer', async () => {
    const { code, output } = await doctor(env());
    expect(output).toMatch(/^✔ postgres /m);
    expect(output).toMatch(/^✔ redis .* answers PING$/m);
    expect(output).toMatch(/^✔ stun .* answers; this machine appears as 127\.0\.0\.1:\d+$/m);
    expect(output).toMatch(/^✔ turn .* relays \(allocated 127\.0\.0\.1:\d+; this machine appears as 127\.0\.0\.1:\d+\)$/m);
    expect(output).toContain('All 4 checks passed.');
    expect(code).toBe(0);
  });

  it('fails, naming Redis, when Redis is pointed at a closed port', async () => {
    const port = await closedTcpPort();
    const { code, output } = await doctor({ ...env(), REDIS_URL: `redis://127.0.0.1:${port}` });
    expect(output).toMatch(
      new RegExp(`^✘ redis +redis://127\\.0\\.0\\.1:${port}  refused — is Redis running and listening on 127\\.0\\.0\\.1:${port}\\?$`, 'm'),
    );
    expect(output).toMatch(/^✔ postgres /m);
    expect(output).toContain('1 of 4 checks failed');
    expect(code).toBe(1);
  });

  it('never prints the database password', async () => {
    const port = await closedTcpPort();
    const { code, output } = await doctor({ ...env(), DATABASE_URL: `postgres://rashigo:hunter2@127.0.0.1:${port}/rashigo` });
    expect(output).toContain(`✘ postgres  postgres://rashigo:***@127.0.0.1:${port}/rashigo  refused`);
    expect(output).not.toContain('hunter2');
    expect(code).toBe(1);
  });

  it('reports a TURN secret that does not match coturn’s', async () => {
    const { code, output } = await doctor({ ...env(), TURN_SECRET: 'not-the-secret' });
    expect(output).toMatch(/^✘ turn .*the TURN secret does not match coturn's static-auth-secret$/m);
    expect(code).toBe(1);
  });

  it('fails a TURN URL without TURN_SECRET, since clients would get no credentials', async () => {
    const { code, output } = await doctor({ ...env(), TURN_SECRET: '' });
    expect(output).toMatch(/^✘ turn .*TURN_SECRET is empty/m);
    expect(code).toBe(1);
  });

  it('only warns when no STUN or TURN is configured', async () => {
    const { code, output } = await doctor({ ...env(), STUN_URLS: '', TURN_URLS: '', TURN_SECRET: '' });
    expect(output).toMatch(/^⚠ voice .*voice will only work between peers on the same network — set TURN_URLS and TURN_SECRET$/m);
    expect(output).toContain('No failures; 1 warning');
    expect(code).toBe(0);
  });
});

async function doctor(env: Record<string, string>): Promise<{ code: number; output: string }> {
  const lines: string[] = [];
  const code = await runDoctor(loadConfig(env), (line) => lines.push(line), { timeoutMs: 2000 });
  return { code, output: lines.join('\n') };
}

function turnCredentials(secret: string): { username: string; credential: string } {
  const ice = { stunUrls: [], turnUrls: [turnUrl], turnSecret: secret, credentialTtlSeconds: 600 };
  const turn = iceServersFor('doctor-test', ice).find((server) => server.username);
  if (!turn?.username || !turn.credential) throw new Error('iceServersFor gave no TURN credentials');
  return { username: turn.username, credential: turn.credential };
}

/** coturn answers Binding once it is up; fail with its log if it exits or never does. */
async function waitForCoturn(): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (coturn?.exitCode !== null) throw new Error(`turnserver exited (code ${coturn?.exitCode}):\n${coturnLog}`);
    if ((await probeStun(stunUrl, { timeoutMs: 300 })).ok) return;
  }
  throw new Error(`turnserver did not answer on ${stunUrl} within 15 s:\n${coturnLog}`);
}

function freeUdpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => {
      const { port } = socket.address();
      socket.close(() => resolve(port));
    });
  });
}

function closedTcpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
