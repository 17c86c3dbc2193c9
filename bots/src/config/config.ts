import { z } from 'zod';

// The bot runner's settings: environment variables with documented defaults, validated once at start.
const botsConfigSchema = z.object({
  /** GraphQL endpoint; the graphql-ws URL is the same with ws:// or wss://. */
  API_URL: z.url({ protocol: /^(https?|wss?)$/ }).default('http://127.0.0.1:4000/graphql'),
  /** A bot token from the dashboard; empty means "nothing to run". */
  BOT_TOKEN: z.string().trim().default(''),
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

/** http(s)://host/graphql -> ws(s)://host/graphql */
export function toWebSocketUrl(apiUrl: string): string {
  const url = new URL(apiUrl);
  if (url.protocol === 'http:') url.protocol = 'ws:';
  if (url.protocol === 'https:') url.protocol = 'wss:';
  return url.toString();
}
