import { z } from 'zod';
import { apiConfigSchema, loopbackPort, parseEnvOrExit } from '../kernel/config/config.js';

// The workers run the API's domain services, so they take the API's settings plus their own.
const workersConfigSchema = apiConfigSchema.extend({
  WORKERS_PORT: z.coerce.number().int().min(0).max(65535).default(4100),
  /** The workers' /metrics without a token, on 127.0.0.1 only: beside the API's METRICS_PORT on one machine. */
  WORKERS_METRICS_PORT: loopbackPort(4101),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(500).default(50),
  /** How long a job's lock lasts; a crashed worker's job is retried by another after about this long. */
  WORKER_LOCK_MS: z.coerce.number().int().min(500).default(30_000),
  HOUSEKEEPING_EVERY_SECONDS: z.coerce.number().int().min(10).default(600),
  /** How often ghost voice sessions and unannounced committed changes are looked for (and dealt with). */
  SWEEP_EVERY_SECONDS: z.coerce.number().int().min(1).default(60),
});

export type WorkersConfig = z.infer<typeof workersConfigSchema>;

export const loadWorkersConfig = (env: NodeJS.ProcessEnv = process.env): WorkersConfig => parseEnvOrExit(workersConfigSchema, env);
