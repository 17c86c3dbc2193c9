import { z } from 'zod';

// The bot runner's settings: environment variables with documented defaults, validated once at start.
const botsConfigSchema = z.object({
  /** GraphQL endpoint; the graphql-ws URL is the same with ws:// or wss://. A bots file's apiUrl wins. */
  API_URL: z.url({ protocol: /^(https?|wss?)$/ }).default('http://127.0.0.1:4000/graphql'),
  /** The bots file (JSON or YAML, see README "Bots"); empty means "nothing to run". */
  BOTS_CONFIG: z.string().trim().default(''),
  /** An optional KEY=value file loaded before the bots file is read: where the demo's tokens live. */
  BOTS_ENV_FILE: z.string().trim().default(''),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type BotsConfig = z.infer<typeof botsConfigSchema>;

/** Parses the environment; on a bad value prints the variable's name and the problem, then exits 1. */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): BotsConfig {
  const parsed = botsConfigSchema.safeParse(env);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  console.error(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  process.exit(1);
}
