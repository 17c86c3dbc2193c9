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

/** Names that mention a group, never one person: no username may take them. */
export const GROUP_MENTIONS: readonly string[] = ['everyone', 'here'];

const NO_MENTION = new RegExp(NO_MENTION_PATTERN, 'gi');
const GROUP_PATTERNS = { everyone: new RegExp(mentionPattern('everyone')), here: new RegExp(mentionPattern('here')) };
/** A member's mention, as the dashboard reads it (MENTION_SOURCE): a username (3–32 letters, digits, "_" and "."), no trailing dot. */
const USER_MENTION = /(?<![\w.@])@([a-z0-9_.]{3,32})(?<!\.)/gi;
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

/** Names a message resolves to members at most (its mentionedMembers); a longer list stays text. */
export const MAX_MEMBER_MENTIONS = 20;

/** The usernames the text mentions outside code, links and escapes (groups aside), lower case, each once, in order, at most MAX_MEMBER_MENTIONS. */
export function mentionedUsernames(content: string): string[] {
  if (!content.includes('@')) return [];
  const names = new Set<string>();
  for (const [, name] of content.replace(NO_MENTION, ' ').matchAll(USER_MENTION)) {
    const username = name!.toLowerCase();
    if (GROUP_MENTIONS.includes(username)) continue;
    if (names.size === MAX_MEMBER_MENTIONS) break;
    names.add(username);
  }
  return [...names];
}
