import { isSnowflake } from '../../kernel/ids/snowflake.js';

// How message text mentions someone, as the dashboard reads it (components/chat/message-markup.ts):
// `@` not preceded by a word character, `.` or `@`, then the name, then nothing that could continue
// it (trailing dots excepted); code blocks, inline code, a backslash escape (`\@name`) and http(s)
// links mention nobody.

/**
 * What mentions nobody, as a regular expression JavaScript and PostgreSQL read alike; replaced by a
 * space before looking for mentions. A code block spells out "no ``` inside": in PostgreSQL an
 * alternation is greedy as a whole, so `.*?` would run from the first block to the last.
 */
export const NO_MENTION_PATTERN = [
  '```(?:[^`]|`[^`]|``[^`])*```',
  '`[^`]*`',
  '\\\\[\\\\*_~`@|>]',
  `(?<![a-zA-Z0-9_])https?://[^\\s<>"']+`,
].join('|');

/** A mention of `name` (a username, or `everyone`), as a PostgreSQL regular expression. */
export const mentionPattern = (name: string) => `(^|[^a-zA-Z0-9_.@])@${name.replaceAll('.', '\\.')}\\.*($|[^a-zA-Z0-9_.])`;

/** A mention of the member `username` (`@username`) or `userId` (`<@userId>`, as bots write), as a PostgreSQL regular expression. */
export const memberMentionPattern = (username: string, userId: string) => `${mentionPattern(username)}|<@!?${userId}>`;

/** Names that mention a group, never one person: no username may take them. */
export const GROUP_MENTIONS: readonly string[] = ['everyone', 'here'];

const NO_MENTION = new RegExp(NO_MENTION_PATTERN, 'gi');
const GROUP_PATTERNS = { everyone: new RegExp(mentionPattern('everyone')), here: new RegExp(mentionPattern('here')) };
/**
 * A member's mention: `<@id>` (Discord's form, which bots write) or, as the dashboard's composer
 * writes it (its MENTION_SOURCE), `@username`: 3–32 letters, digits, "_" and ".", no trailing dot.
 */
const MEMBER_MENTION = /<@!?(\d{1,20})>|(?<![\w.@])@([a-z0-9_.]{3,32})(?<!\.)/gi;
/** A role's mention, as the dashboard's composer writes it (Discord's form): names change, ids do not. */
const ROLE_MENTION = /<@&(\d{1,20})>/g;
/** More would be a way to notify a whole server role by role; the rest stay text. */
export const MAX_ROLE_MENTIONS = 20;

/** Whether the text says @everyone (or @here) where it mentions (whether that notifies anyone is the author's permission). */
export const saysGroup = (content: string, group: keyof typeof GROUP_PATTERNS): boolean =>
  content.includes(`@${group}`) && GROUP_PATTERNS[group].test(content.replace(NO_MENTION, ' '));

/** The role ids the text mentions outside code, links and escapes, each once, in order, at most MAX_ROLE_MENTIONS. */
export function roleMentionIds(content: string): string[] {
  if (!content.includes('<@&')) return [];
  const ids = new Set<string>();
  for (const [, id] of content.replace(NO_MENTION, ' ').matchAll(ROLE_MENTION)) {
    if (ids.size === MAX_ROLE_MENTIONS) break;
    ids.add(id!);
  }
  return [...ids];
}

/** Members a message resolves its mentions to at most (its mentionedMembers); the rest stay text. */
export const MAX_MEMBER_MENTIONS = 20;

/** A member's mention: by user id (`<@id>`) or by username (lower case). */
export type MemberMention = { userId: string } | { username: string };

/** The members the text mentions outside code, links and escapes (groups aside), each form once, in order, at most MAX_MEMBER_MENTIONS. */
export function memberMentions(content: string): MemberMention[] {
  if (!content.includes('@')) return [];
  const mentions = new Map<string, MemberMention>();
  for (const [, userId, name] of content.replace(NO_MENTION, ' ').matchAll(MEMBER_MENTION)) {
    const username = name?.toLowerCase();
    if (username !== undefined && GROUP_MENTIONS.includes(username)) continue;
    // An id past a snowflake's range names nobody (and would fail as a bigint).
    if (userId !== undefined && !isSnowflake(userId)) continue;
    if (mentions.size === MAX_MEMBER_MENTIONS) break;
    const key = userId ?? `@${username}`;
    if (!mentions.has(key)) mentions.set(key, userId ? { userId } : { username: username! });
  }
  return [...mentions.values()];
}
