/**
 * One argument of a command: `user` takes a mention (a member's `@username`, as the dashboard's
 * composer writes it, or `<@id>`) or a bare id; `rest` takes the remaining text.
 */
export interface ArgSpec {
  name: string;
  type: 'string' | 'number' | 'user' | 'rest';
  optional?: boolean;
}

export type ParsedArgs = Record<string, string | number | undefined>;

export interface CommandTrigger {
  /** e.g. "!" */
  prefix: string;
  /** The bot's own user id: "<@id> ping" triggers too. */
  botId: string;
  /** The bot's own username: "@name ping" triggers too (the dashboard writes mentions so). */
  botUsername?: string;
}

/** Usernames (lower case) to user ids: the members a command's "@name" words name. */
export type MentionedIds = ReadonlyMap<string, string>;

export interface Invocation {
  name: string;
  /** Raw words after the name (quotes group words). */
  words: string[];
  /** The text after the name, as typed. */
  rest: string;
}

const MENTION = /^<@!?(\d{1,20})>$/;
/** A word that is a mention as the dashboard writes it: "@" and a username (3–32 letters, digits, "_", "."). */
export const USERNAME_MENTION = /^@[a-z0-9_.]{3,32}$/i;

/** "!ping a b" or "<@bot> ping a b" -> { name: 'ping', words: ['a', 'b'] }; anything else -> null. */
export function parseInvocation(content: string, trigger: CommandTrigger): Invocation | null {
  const text = content.trim();
  let body: string | null = null;
  if (trigger.prefix && text.startsWith(trigger.prefix)) body = text.slice(trigger.prefix.length);
  else {
    const mention = /^<@!?(\d{1,20})>\s*/.exec(text) ?? /^@([a-z0-9_.]{3,32})(?:\s+|$)/i.exec(text);
    if (mention && (mention[1] === trigger.botId || mention[1]!.toLowerCase() === trigger.botUsername?.toLowerCase()))
      body = text.slice(mention[0].length);
  }
  if (body === null) return null;
  const match = /^(\S+)\s*([\s\S]*)$/.exec(body);
  if (!match) return null;
  return { name: match[1]!.toLowerCase(), words: splitWords(match[2]!), rest: match[2]!.trim() };
}

/** Splits on whitespace; "double quotes" keep words together. */
export function splitWords(text: string): string[] {
  const words: string[] = [];
  for (const m of text.matchAll(/"([^"]*)"|(\S+)/g)) words.push(m[1] ?? m[2]!);
  return words;
}

/** The id in "<@123>", "123", or "@name" of a member in `mentioned`; null otherwise. */
export function parseUserRef(word: string, mentioned: MentionedIds = new Map()): string | null {
  const mention = MENTION.exec(word);
  if (mention) return mention[1]!;
  if (USERNAME_MENTION.test(word)) return mentioned.get(word.slice(1).toLowerCase()) ?? null;
  return /^\d{1,20}$/.test(word) ? word : null;
}

export type ArgsResult = { ok: true; args: ParsedArgs } | { ok: false; problem: string };

/** Matches words to the specs (`mentioned`: the members its "@name" words name); a problem names the argument. */
export function parseArgs(invocation: Invocation, specs: readonly ArgSpec[], mentioned?: MentionedIds): ArgsResult {
  const args: ParsedArgs = {};
  let index = 0;
  for (const spec of specs) {
    if (spec.type === 'rest') {
      const rest = invocation.words.slice(index).join(' ');
      if (!rest && !spec.optional) return { ok: false, problem: `missing <${spec.name}>` };
      args[spec.name] = rest || undefined;
      index = invocation.words.length;
      continue;
    }
    const word = invocation.words[index];
    if (word === undefined) {
      if (spec.optional) continue;
      return { ok: false, problem: `missing <${spec.name}>` };
    }
    index += 1;
    if (spec.type === 'number') {
      const value = Number(word);
      if (!Number.isFinite(value)) return { ok: false, problem: `<${spec.name}> must be a number` };
      args[spec.name] = value;
    } else if (spec.type === 'user') {
      const id = parseUserRef(word, mentioned);
      if (!id) return { ok: false, problem: `<${spec.name}> must mention a member` };
      args[spec.name] = id;
    } else args[spec.name] = word;
  }
  if (index < invocation.words.length) return { ok: false, problem: `unexpected "${invocation.words[index]}"` };
  return { ok: true, args };
}

/** "!timeout <user> <minutes> [reason…]" */
export function usageOf(prefix: string, name: string, specs: readonly ArgSpec[]): string {
  const parts = specs.map((s) => {
    const label = s.type === 'rest' ? `${s.name}…` : s.name;
    return s.optional ? `[${label}]` : `<${label}>`;
  });
  return [`${prefix}${name}`, ...parts].join(' ');
}
