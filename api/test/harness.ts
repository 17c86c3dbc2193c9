import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { startApi, type RunningApi } from '../src/app.js';
import { loadConfig, type ApiConfig } from '../src/kernel/config/config.js';
import { createLogger } from '../src/kernel/logging/logger.js';

/**
 * The suite runs every operation compiled to JavaScript (graphql-jit) from its first run: the path
 * production takes for any operation it sees often. graphql-js's path is covered where a test sets
 * GRAPHQL_COMPILE_AFTER itself (http-transport, push-execution).
 */
export const TEST_COMPILE_AFTER = process.env.GRAPHQL_COMPILE_AFTER ?? '0';

/** Config for an API under test: the run's database, a Redis prefix of its own, a free port. */
export function testConfig(overrides: Record<string, string> = {}, prefix = uniquePrefix()): ApiConfig {
  return loadConfig({
    DATABASE_URL: inject('databaseUrl'),
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    // Set to run the suite on a Redis Cluster (README, "Scaling out"); worker processes inherit it.
    REDIS_CLUSTER_NODES: process.env.REDIS_CLUSTER_NODES ?? '',
    REDIS_KEY_PREFIX: prefix,
    PORT: '0',
    METRICS_PORT: '0',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    AUTH_RATE_LIMIT_PER_MINUTE: '100000',
    GRAPHQL_COMPILE_AFTER: TEST_COMPILE_AFTER,
    ...overrides,
  });
}

export const uniquePrefix = () => `rashigo-test:${randomBytes(4).toString('hex')}:`;

export async function startTestApi(overrides: Record<string, string> = {}, prefix?: string): Promise<RunningApi> {
  const config = testConfig(overrides, prefix);
  return startApi(config, createLogger('api-test', config.LOG_LEVEL));
}

export interface GqlResult<T = Record<string, unknown>> {
  data?: T | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
  status: number;
}

/** A GraphQL-over-HTTP client speaking as one user (or anonymously). */
export class GqlClient {
  constructor(
    readonly url: string,
    readonly authorization?: string,
    readonly headers: Record<string, string> = {},
  ) {}

  as(authorization: string | undefined): GqlClient {
    return new GqlClient(this.url, authorization, this.headers);
  }

  async request<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}): Promise<GqlResult<T>> {
    const res = await fetch(this.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(this.authorization ? { authorization: this.authorization } : {}),
        ...this.headers,
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as GqlResult<T>;
    return { ...body, status: res.status };
  }

  /** Data of a request that must succeed; throws with the errors otherwise. */
  async ok<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const result = await this.request<T>(query, variables);
    if (result.errors?.length || !result.data) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
    return result.data;
  }

  /** The extensions.code of a request that must fail. */
  async errorOf(
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<{ code: string; message: string; extensions: Record<string, unknown> }> {
    const result = await this.request(query, variables);
    const error = result.errors?.[0];
    if (!error) throw new Error(`expected an error, got ${JSON.stringify(result.data)}`);
    return { code: String(error.extensions?.code), message: error.message, extensions: error.extensions ?? {} };
  }
}

export interface TestUser {
  id: string;
  username: string;
  token: string;
  client: GqlClient;
}

let counter = 0;
export const uniqueName = (base = 'user') =>
  `${base}_${process.pid.toString(36)}${(counter++).toString(36)}${randomBytes(2).toString('hex')}`.slice(0, 32);

/** The password signUp gives every user (for tests that log in again). */
export const TEST_PASSWORD = 'correct horse battery';

export async function signUp(api: { url: string }, base = 'user'): Promise<TestUser> {
  const username = uniqueName(base);
  const anon = new GqlClient(api.url);
  const data = await anon.ok<{ register: { token: string; user: { id: string } } }>(
    'mutation($u: String!, $p: String!) { register(username: $u, password: $p) { token user { id } } }',
    { u: username, p: TEST_PASSWORD },
  );
  const token = data.register.token;
  return { id: data.register.user.id, username, token, client: new GqlClient(api.url, `Bearer ${token}`) };
}

export async function createServer(
  owner: TestUser,
  input: Record<string, unknown> = {},
): Promise<{ id: string; channels: { id: string; type: string; name: string }[]; roles: { id: string; isDefault: boolean }[] }> {
  const data = await owner.client.ok<{
    createServer: { id: string; channels: { id: string; type: string; name: string }[]; roles: { id: string; isDefault: boolean }[] };
  }>('mutation($input: CreateServerInput!) { createServer(input: $input) { id channels { id type name } roles { id isDefault } } }', {
    input: { name: 'Test Server', ...input },
  });
  return data.createServer;
}
