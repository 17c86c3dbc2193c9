/** The "@name" being typed where the caret is: `start` is the index of its "@". */
export interface MentionToken {
  start: number;
  query: string;
}

// After the start or a space, as message-markup.ts reads mentions; a username's characters only.
const TYPING_MENTION = /(?:^|[\s(])@([a-z0-9_.]{0,32})$/i;

export function mentionAt(text: string, caret: number): MentionToken | null {
  const match = TYPING_MENTION.exec(text.slice(0, caret));
  if (!match) return null;
  return { start: caret - match[1]!.length - 1, query: match[1]! };
}

/**
 * The text with the token (and the rest of its name after the caret) replaced by "@username", a
 * space after it unless a space or punctuation follows already, and the caret after both.
 */
export function completeMention(text: string, token: MentionToken, caret: number, username: string): { text: string; caret: number } {
  const rest = text.slice(caret).replace(/^[a-z0-9_.]*/i, '');
  const mention = `@${username}`;
  const end = token.start + mention.length;
  if (/^\s/.test(rest)) return { text: text.slice(0, token.start) + mention + rest, caret: end + 1 };
  if (/^[,.!?;:)]/.test(rest)) return { text: text.slice(0, token.start) + mention + rest, caret: end };
  return { text: `${text.slice(0, token.start)}${mention} ${rest}`, caret: end + 1 };
}

/** A mention of a group rather than a name: everyone who can read the channel, or those of them online. */
export type GroupMention = 'everyone' | 'here';

/**
 * Whether "@everyone" or "@here" (`group`) is suggested for the name being typed (`query`, after the
 * "@"): to a member who may mention everyone in the channel (MENTION_EVERYONE, which both take), while
 * what is typed starts it.
 */
export function offersGroup(group: GroupMention, query: string, mayMentionEveryone: boolean): boolean {
  return mayMentionEveryone && group.startsWith(query.toLowerCase());
}

/** A role picked from the suggestions: its "@name" in the text box stands for `<@&id>`. */
export interface PickedRole {
  id: string;
  name: string;
}

/**
 * What mentions nobody, as message-markup.ts and the API read it (api/src/features/messages/mentions.ts):
 * code blocks, inline code, a backslash escape, an http(s) link. Left as typed by the conversions below.
 */
const NO_MENTION = ['```[\\s\\S]*?```', '`[^`]*`', '\\\\[\\\\*_~`@|>]', '(?<![a-zA-Z0-9_])https?://[^\\s<>"\']+'].join('|');
const ROLE_TOKEN = '<@&(\\d{1,20})>';
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The text as sent: each picked role's "@Name" where it would mention (not in code, a link or after
 * "\", not inside a word) becomes `<@&id>`, the form the API reads, so names with spaces work. The
 * longest name first: "@Raid Team" is not "@Raid" and " Team".
 */
export function writeRoleMentions(text: string, picked: readonly PickedRole[]): string {
  if (picked.length === 0 || !text.includes('@')) return text;
  const idOf = new Map(picked.map((role) => [role.name, role.id]));
  const names = [...idOf.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
  const pattern = new RegExp(`(${NO_MENTION})|(?<![\\w.@])@(${names.join('|')})(?!\\w)`, 'g');
  return text.replace(pattern, (whole, skipped: string | undefined, name: string) =>
    skipped !== undefined ? whole : `<@&${idOf.get(name)!}>`,
  );
}

/**
 * A message's text as its edit box shows it: each `<@&id>` where it mentions, of a role known by
 * `nameOf`, as "@Name"; `picked` are those roles, for writeRoleMentions to write back on save. A role
 * not known, or whose name another one mentioned shares, keeps its `<@&id>` (it would not come back).
 */
export function readRoleMentions(content: string, nameOf: (roleId: string) => string | undefined): { text: string; picked: PickedRole[] } {
  if (!content.includes('<@&')) return { text: content, picked: [] };
  const pattern = new RegExp(`(${NO_MENTION})|${ROLE_TOKEN}`, 'g');
  const named = new Map<string, string>();
  for (const [, skipped, id] of content.matchAll(pattern)) {
    const name = skipped === undefined ? nameOf(id!) : undefined;
    if (name !== undefined) named.set(id!, name);
  }
  const shared = new Set([...named.values()].filter((name, i, all) => all.indexOf(name) !== i));
  const picked = [...named].filter(([, name]) => !shared.has(name)).map(([id, name]) => ({ id, name }));
  const nameById = new Map(picked.map((role) => [role.id, role.name]));
  const text = content.replace(pattern, (whole, skipped: string | undefined, id: string) =>
    skipped === undefined && nameById.has(id) ? `@${nameById.get(id)!}` : whole,
  );
  return { text, picked };
}
