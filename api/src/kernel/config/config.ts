import { z } from 'zod';

// Every setting comes from the environment, with a documented default, and is validated once at start.
const csv = z
  .string()
  .default('')
  .transform((s) =>
    s
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean),
  );
const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);
/** The port of a listener on 127.0.0.1 only (0: any free port), or `off`: null, no listener. */
export const loopbackPort = (fallback: number) => z.union([z.literal('off').transform(() => null), port(fallback)]);
const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

export const apiConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: port(4000),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).default('postgres://postgres@127.0.0.1:5432/rashigo'),
  /**
   * The longest any wait on Postgres lasts before the request answers SERVICE_UNAVAILABLE: opening a
   * connection, a statement with no byte back (then a new connection must answer, else the silent one
   * is cut; a long statement on a live Postgres goes on), a free connection (three times this).
   */
  DATABASE_ANSWER_TIMEOUT_MS: positiveInt(5000),
  /**
   * Whether a new message's INSERT waits for its WAL flush. `async` (the default) answers once
   * Postgres has committed it in memory: a disk that stalls for a few hundred milliseconds no longer
   * holds every channel's sends, and a Postgres or host crash loses at most the last 3 ×
   * `wal_writer_delay` (600 ms by default) of messages, never corrupting anything. `flush` waits for
   * the disk, as every other write here does.
   */
  MESSAGE_COMMIT: z.enum(['async', 'flush']).default('async'),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).default('redis://127.0.0.1:6379'),
  /**
   * Seed nodes of a Redis Cluster (`host:port,host:port`); when set, the API and workers use the
   * cluster and REDIS_URL gives only its credentials and TLS (rediss:).
   */
  REDIS_CLUSTER_NODES: csv.pipe(z.array(z.string().regex(/^[^\s:]+:\d{1,5}$/, 'each node must be host:port'))),
  /**
   * A Redis command with no reply in this long fails (SERVICE_UNAVAILABLE); a connection hearing
   * nothing as long after a command is dropped and reconnects (a blocking one after BullMQ's longest
   * block more); the events subscriber is pinged this often, so it cannot go deaf unseen.
   */
  REDIS_ANSWER_TIMEOUT_MS: positiveInt(2000),
  /** Prefix of every Redis key, pub/sub channel and queue: lets test files and tenants share one Redis. */
  REDIS_KEY_PREFIX: z
    .string()
    .regex(/^[a-z0-9:_-]*$/i)
    .default('rashigo:'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  AUTH_RATE_LIMIT_PER_MINUTE: positiveInt(10),
  SESSION_CACHE_SECONDS: positiveInt(60),
  /** Longest a process may serve cached permission inputs whose invalidation it missed. */
  ACCESS_CACHE_TTL_SECONDS: positiveInt(60),
  /** Per cache (servers, members, channel -> server): bounded memory whatever is read. */
  ACCESS_CACHE_MAX_ENTRIES: positiveInt(50_000),
  QUERY_MAX_DEPTH: positiveInt(10),
  QUERY_MAX_COMPLEXITY: positiveInt(2000),
  /**
   * An operation (HTTP or subscription) runs compiled to JavaScript (graphql-jit) once it has run
   * this many times on graphql-js: repeated operations get the faster execution, and a stream of
   * one-off documents never makes the server compile. 0 compiles every operation at its first run.
   */
  GRAPHQL_COMPILE_AFTER: z.coerce.number().int().min(0).default(100),
  /**
   * Nice value of the API process's threads other than the main one (V8's optimising compiler and
   * GC helpers) on Linux: their work then waits for the main thread's idle time instead of delaying
   * requests on a shared core. 0 leaves them at the main thread's priority.
   */
  BACKGROUND_THREAD_NICE: z.coerce.number().int().min(0).max(19).default(19),
  /** A websocket whose peer leaves more than this unread is cut off: slow consumers never grow memory without bound. */
  WS_MAX_BUFFERED_BYTES: positiveInt(4 * 1024 * 1024),
  PRESENCE_TIMEOUT_SECONDS: positiveInt(60),
  PRESENCE_GRACE_SECONDS: z.coerce.number().int().min(0).default(15),
  STUN_URLS: csv,
  TURN_URLS: csv,
  /** Shared with coturn (`static-auth-secret`); marked secret so logs redact it. */
  TURN_SECRET: z.string().default(''),
  TURN_CREDENTIAL_TTL_SECONDS: positiveInt(86_400),
  /** Bearer token /metrics needs on the public port; when empty, the public port does not serve /metrics. */
  METRICS_TOKEN: z.string().default(''),
  /** The API's /metrics without a token, on 127.0.0.1 only (the workers' is WORKERS_METRICS_PORT). */
  METRICS_PORT: loopbackPort(4001),
  /**
   * Express's `trust proxy`: which X-Forwarded-For hops to believe, so the client's own address (not
   * the proxy's) is what sign-in limits count. Empty: none (direct exposure). E.g. `1`, `loopback`.
   */
  TRUST_PROXY: z
    .string()
    .default('')
    .transform((v): boolean | number | string =>
      v === '' || v === 'false' ? false : v === 'true' ? true : /^\d+$/.test(v) ? Number(v) : v,
    ),
});

export type ApiConfig = z.infer<typeof apiConfigSchema>;

/** Keys that must never be logged. */
export const SECRET_CONFIG_KEYS: readonly (keyof ApiConfig)[] = ['TURN_SECRET', 'DATABASE_URL', 'METRICS_TOKEN'];

export class ConfigError extends Error {}

/** Parses the environment with any program's schema; a bad value throws a ConfigError naming the variable. */
export function parseEnv<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv = process.env): z.output<S> {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
}

/** Prints the validation message and exits when the configuration is invalid. */
export function parseEnvOrExit<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv = process.env): z.output<S> {
  try {
    return parseEnv(schema, env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

export const loadConfig = (env: NodeJS.ProcessEnv = process.env): ApiConfig => parseEnv(apiConfigSchema, env);
export const loadConfigOrExit = (env: NodeJS.ProcessEnv = process.env): ApiConfig => parseEnvOrExit(apiConfigSchema, env);
