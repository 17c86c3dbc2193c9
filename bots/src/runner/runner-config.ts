import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { moderatorSchema } from '../moderator/moderator-config.js';
import { voiceBotSchema } from '../voice-bot/voice-bot-config.js';

const common = {
  /** Shown in logs. */
  name: z.string().trim().min(1).max(64),
  /** The environment variable holding the bot's token (never the token itself). */
  tokenEnv: z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'must be an environment variable name (A-Z, 0-9, _)'),
  prefix: z.string().min(1).max(5).default('!'),
};

export const botEntrySchema = z.discriminatedUnion('type', [
  z.strictObject({ ...common, type: z.literal('moderator'), moderator: moderatorSchema }),
  z.strictObject({ ...common, type: z.literal('voice'), voice: voiceBotSchema }),
]);

export type BotEntry = z.infer<typeof botEntrySchema>;

export interface ReadyBot {
  entry: BotEntry;
  /** Index in the file's `bots`, for error messages ("bots[1].voice.channelId"). */
  index: number;
  token: string;
}

export interface LoadedConfig {
  /** From the file's `apiUrl`, else the API_URL environment variable. */
  apiUrl: string | undefined;
  bots: ReadyBot[];
  /** One line per problem, each naming the field; the bots without problems still run. */
  errors: string[];
}

const fileSchema = z.strictObject({
  apiUrl: z.url({ protocol: /^(https?|wss?)$/ }).optional(),
  bots: z.array(z.unknown()).min(1, 'lists no bots'),
});

const describe = (prefix: string, issues: readonly z.core.$ZodIssue[]) =>
  issues.map((issue) => {
    const path = [prefix, ...issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))].join('').replace(/^\./, '');
    const keys = 'keys' in issue && Array.isArray(issue.keys) ? ` (${issue.keys.join(', ')})` : '';
    return `${path || '(file)'}: ${issue.message}${keys}`;
  });

/** Reads a JSON or YAML bots file and validates each bot on its own, so one bad entry stops only itself. */
export function loadRunnerConfig(path: string, env: NodeJS.ProcessEnv = process.env): LoadedConfig {
  let raw: unknown;
  try {
    const text = readFileSync(path, 'utf8');
    raw = /\.json$/i.test(path) ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    return { apiUrl: undefined, bots: [], errors: [`${path}: ${(error as Error).message}`] };
  }
  const file = fileSchema.safeParse(raw);
  if (!file.success) return { apiUrl: undefined, bots: [], errors: describe('', file.error.issues) };

  const bots: ReadyBot[] = [];
  const errors: string[] = [];
  file.data.bots.forEach((candidate, index) => {
    const parsed = botEntrySchema.safeParse(candidate);
    if (!parsed.success) {
      errors.push(...describe(`bots[${index}]`, parsed.error.issues));
      return;
    }
    const token = env[parsed.data.tokenEnv]?.trim();
    if (!token) errors.push(`bots[${index}].tokenEnv: environment variable ${parsed.data.tokenEnv} is not set`);
    else bots.push({ entry: parsed.data, index, token });
  });
  return { apiUrl: file.data.apiUrl, bots, errors };
}
