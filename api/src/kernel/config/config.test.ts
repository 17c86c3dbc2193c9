import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigError, loadConfig, loadConfigOrExit, SECRET_CONFIG_KEYS } from './config.js';

/** The message loadConfig throws for `env`, or fails the test if it parses. */
function errorFor(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error(`expected ${JSON.stringify(env)} to be refused`);
}

describe('loadConfig', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('applies the documented defaults to an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      NODE_ENV: 'development',
      PORT: 4000,
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/rashigo',
      REDIS_URL: 'redis://127.0.0.1:6379',
      REDIS_KEY_PREFIX: 'rashigo:',
      AUTH_RATE_LIMIT_PER_MINUTE: 10,
      QUERY_MAX_DEPTH: 10,
      QUERY_MAX_COMPLEXITY: 2000,
      GRAPHQL_COMPILE_AFTER: 100,
      BACKGROUND_THREAD_NICE: 19,
      STUN_URLS: [],
      TURN_URLS: [],
      METRICS_PORT: 4001,
    });
  });

  it('compiles operations from their first run with GRAPHQL_COMPILE_AFTER=0, and refuses a negative count', () => {
    expect(loadConfig({ GRAPHQL_COMPILE_AFTER: '0' }).GRAPHQL_COMPILE_AFTER).toBe(0);
    expect(errorFor({ GRAPHQL_COMPILE_AFTER: '-1' })).toMatch(/GRAPHQL_COMPILE_AFTER/);
  });

  it('takes a nice value for background threads from 0 to 19 only', () => {
    expect(loadConfig({ BACKGROUND_THREAD_NICE: '0' }).BACKGROUND_THREAD_NICE).toBe(0);
    expect(errorFor({ BACKGROUND_THREAD_NICE: '20' })).toMatch(/BACKGROUND_THREAD_NICE/);
    expect(errorFor({ BACKGROUND_THREAD_NICE: '-5' })).toMatch(/BACKGROUND_THREAD_NICE/);
  });

  it('turns the loopback metrics listener off with METRICS_PORT=off', () => {
    expect(loadConfig({ METRICS_PORT: 'off' }).METRICS_PORT).toBeNull();
    expect(loadConfig({ METRICS_PORT: '0' }).METRICS_PORT).toBe(0);
    expect(errorFor({ METRICS_PORT: 'none' })).toMatch(/METRICS_PORT/);
  });

  it('coerces numbers and splits lists', () => {
    const config = loadConfig({
      PORT: '8080',
      AUTH_RATE_LIMIT_PER_MINUTE: '3',
      STUN_URLS: ' stun:a:3478 , ,stun:b:3478 ',
      DATABASE_URL: 'postgresql://u@db:5432/x',
      REDIS_URL: 'rediss://cache:6380',
    });
    expect(config).toMatchObject({
      PORT: 8080,
      AUTH_RATE_LIMIT_PER_MINUTE: 3,
      STUN_URLS: ['stun:a:3478', 'stun:b:3478'],
      DATABASE_URL: 'postgresql://u@db:5432/x',
      REDIS_URL: 'rediss://cache:6380',
    });
    expect(loadConfig({ PORT: '0' }).PORT).toBe(0);
    expect(loadConfig({ PORT: '65535' }).PORT).toBe(65535);
  });

  it.each(['not-a-port', '65536', '-1', '80.5'])('refuses PORT=%s naming PORT and only PORT', (value) => {
    const message = errorFor({ PORT: value });
    expect(message).toMatch(/^Invalid configuration:\n {2}PORT: /);
    expect(message.split('\n')).toHaveLength(2);
  });

  it.each(['not a url', 'mysql://root@db:3306/rashigo', 'http://db:5432/rashigo'])(
    'refuses DATABASE_URL=%s naming DATABASE_URL',
    (value) => {
      const message = errorFor({ DATABASE_URL: value });
      expect(message).toContain('DATABASE_URL: ');
      expect(message).not.toContain('PORT');
    },
  );

  it('reads REDIS_CLUSTER_NODES as host:port seeds (empty: one Redis) and names it when an entry is not host:port', () => {
    expect(loadConfig({}).REDIS_CLUSTER_NODES).toEqual([]);
    expect(loadConfig({ REDIS_CLUSTER_NODES: 'r1:7000, r2:7001,10.0.0.3:7002' }).REDIS_CLUSTER_NODES).toEqual([
      'r1:7000',
      'r2:7001',
      '10.0.0.3:7002',
    ]);
    for (const value of ['r1', 'redis://r1:7000', 'r1:7000,r2'])
      expect(errorFor({ REDIS_CLUSTER_NODES: value })).toContain('REDIS_CLUSTER_NODES');
  });

  it('never echoes a secret value in its message', () => {
    const message = errorFor({ DATABASE_URL: 'mysql://root:hunter2@db:3306/rashigo' });
    expect(message).toContain('DATABASE_URL');
    expect(message).not.toContain('hunter2');
    expect(SECRET_CONFIG_KEYS).toEqual(expect.arrayContaining(['DATABASE_URL', 'TURN_SECRET']));
  });

  it('names every bad variable at once', () => {
    const message = errorFor({ PORT: 'x', REDIS_URL: 'memcached://x', LOG_LEVEL: 'loud', AUTH_RATE_LIMIT_PER_MINUTE: '0' });
    for (const name of ['PORT', 'REDIS_URL', 'LOG_LEVEL', 'AUTH_RATE_LIMIT_PER_MINUTE']) expect(message).toContain(`${name}: `);
  });

  it('loadConfigOrExit prints the message and exits with status 1', () => {
    const exit = vi.spyOn(process, 'exit').mockImplementation(((code?: number) => {
      throw new Error(`exit ${code}`);
    }) as never);
    const printed = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(() => loadConfigOrExit({ PORT: 'nope' })).toThrow('exit 1');
    expect(exit).toHaveBeenCalledWith(1);
    expect(String(printed.mock.calls[0]?.[0])).toContain('PORT: ');
    expect(loadConfigOrExit({ PORT: '1234' }).PORT).toBe(1234);
  });
});
