import { spawn, spawnSync, execFile, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { until } from './fixtures.js';

const run = promisify(execFile);

export interface RedisClusterProcesses {
  /** `127.0.0.1:port` of every node: the value of REDIS_CLUSTER_NODES. */
  readonly nodes: string[];
  stop(): Promise<void>;
}

/** A free TCP port on loopback whose cluster bus port (port + 10000) is free too. */
async function freePort(): Promise<number> {
  const listen = (port: number) =>
    new Promise<number | null>((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(null));
      server.listen(port, '127.0.0.1', () => {
        const bound = (server.address() as { port: number }).port;
        server.close(() => resolve(bound));
      });
    });
  for (;;) {
    const port = await listen(0);
    if (port && port + 10_000 <= 65_535 && (await listen(port + 10_000))) return port;
  }
}

async function clusterState(port: number): Promise<string> {
  const { stdout } = await run('redis-cli', ['-h', '127.0.0.1', '-p', String(port), 'cluster', 'info']).catch(() => ({ stdout: '' }));
  return /cluster_state:(\w+)/.exec(stdout)?.[1] ?? 'down';
}

/**
 * Three real `redis-server --cluster-enabled yes` masters on free loopback ports, joined with
 * `redis-cli --cluster create … --cluster-replicas 0`; their nodes.conf files live in a temp dir
 * removed by stop(), which also ends the processes.
 */
export async function startRedisCluster(size = 3): Promise<RedisClusterProcesses> {
  if (
    spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).error ||
    spawnSync('redis-cli', ['--version'], { stdio: 'ignore' }).error
  ) {
    throw new Error('redis-server and redis-cli are needed to start a Redis Cluster: install them with `apt-get install -y redis-server`');
  }
  const dir = await mkdtemp(join(tmpdir(), 'rashigo-cluster-'));
  const ports: number[] = [];
  for (let i = 0; i < size; i++) {
    let port = await freePort();
    while (ports.includes(port)) port = await freePort();
    ports.push(port);
  }
  const children: ChildProcess[] = ports.map((port) =>
    spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--cluster-enabled',
        'yes',
        '--cluster-config-file',
        join(dir, `nodes-${port}.conf`),
        '--dir',
        dir,
        '--save',
        '',
        '--appendonly',
        'no',
      ],
      { stdio: 'ignore' },
    ),
  );
  const stop = async () => {
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
          }),
      ),
    );
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const nodes = ports.map((port) => `127.0.0.1:${port}`);
    const answers = (port: number) =>
      run('redis-cli', ['-p', String(port), 'ping']).then(
        () => true,
        () => false,
      );
    await until(async () => (await Promise.all(ports.map(answers))).every(Boolean), 'the cluster nodes to answer PING');
    await run('redis-cli', ['--cluster', 'create', ...nodes, '--cluster-replicas', '0', '--cluster-yes']);
    await until(async () => (await Promise.all(ports.map(clusterState))).every((s) => s === 'ok'), 'cluster_state:ok on every node', {
      timeoutMs: 20_000,
    });
    return { nodes, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
