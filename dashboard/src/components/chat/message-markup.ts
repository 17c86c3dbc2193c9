/**
 * The subset of Discord's markdown a message shows: ```code blocks```, `inline code`, **bold**,
 * *italic* or _italic_, __underline__, ~~strikethrough~~, ||spoilers||, block quotes ("> " starts a
 * quoted line, ">>> " quotes the rest of the message), headings ("# ", "## ", "### "), subtext ("-# "),
 * lists ("- " or "* " bullets, "1. " numbered, nested by indenting), http(s) links (bare, in `<>`, or
 * masked: `[text](https://…)`), @mentions, @everyone, @here, role
 * mentions (`<@&roleId>`, Discord's form, which the composer writes for a picked role) and backslash escapes (\> at a line's start is no quote, \| no spoiler). Parsed into nodes that React
 * renders as elements, so nothing typed ever becomes HTML. What does not close (`**open`) stays as
 * typed. Quotes, headings, subtext and lists are of the message itself: not inside a style or a quote.
 */
import type { MemberNames } from './mentioned-members';

export type MarkupNode =
  | { kind: 'text'; text: string }
  | { kind: 'code'; text: string }
  | { kind: 'codeblock'; text: string; language: string | null }
  | { kind: 'link'; href: string; text: string }
  | { kind: 'mention'; username: string }
  /** "@everyone" as typed (lower case, as the API reads it): a mention only in a message marked mentionsEveryone. */
  | { kind: 'everyone' }
  /** "@here", read as "@everyone" is: a mention only in a message marked mentionsHere. */
  | { kind: 'here' }
  /** `<@&roleId>`: a role of the server, shown by its name (whether it notified is the message's mentionRoleIds). */
  | { kind: 'role'; roleId: string }
  /** `<#channelId>`, Discord's form of a channel's mention (bots write it): shown as "#name". */
  | { kind: 'channel'; channelId: string }
  /** `<@userId>`, Discord's form of a member's mention (bots write it): shown by their name (the message's mentionedMembers). */
  | { kind: 'user'; userId: string }
  | { kind: 'bold' | 'italic' | 'underline' | 'strike' | 'spoiler'; children: MarkupNode[] }
  /** Quoted lines, without their markers; a block (shown on lines of its own). */
  | { kind: 'quote'; children: MarkupNode[] }
  /** A line after "# ", "## " or "### ": a heading, largest first (a block). */
  | { kind: 'heading'; level: 1 | 2 | 3; children: MarkupNode[] }
  /** A line after "-# ": small, muted text (a block). */
  | { kind: 'subtext'; children: MarkupNode[] }
  /** Lines of bullets ("- ", "* ") or numbers ("1. ", counted from the first); a block. Its children are items. */
  | { kind: 'list'; ordered: boolean; start: number; children: MarkupNode[] }
  /** One line of a list: its text, then the list of the lines indented under it, if any. */
  | { kind: 'item'; children: MarkupNode[] };

type Styled = 'bold' | 'italic' | 'underline' | 'strike' | 'spoiler';

interface Rule {
  /** Sticky (`y`): tried at one position. */
  pattern: RegExp;
  /** Several nodes for a run of lists; null: no match here after all. */
  node: (match: RegExpExecArray, depth: number) => MarkupNode | MarkupNode[] | null;
  /** A style, whose content is parsed again (up to MAX_DEPTH). */
  nests?: true;
  /** Only where a line of the message itself starts: not in a style, nor in a quote. */
  lineStart?: true;
}

// http(s) URLs only: javascript:, data: and the like stay plain text. No trailing punctuation.
const URL_SOURCE = String.raw`\bhttps?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]`;
/** Usernames as the API accepts them (3-32 of letters, digits, "_" and "."), not inside a word or an address. */
const MENTION_SOURCE = String.raw`(?<![\w.@])@([a-z0-9_.]{3,32})(?<!\.)`;
/** The API's @everyone and @here (api/src/features/messages/mentions.ts): lower case, then nothing that continues a name but dots. */
const GROUP_SOURCE = String.raw`(?<![\w.@])@(everyone|here)(?=\.*(?![a-zA-Z0-9_.]))`;
/** The API's role mention (api/src/features/messages/mentions.ts): anywhere outside code, links and escapes. */
const ROLE_SOURCE = String.raw`<@&(\d{1,20})>`;
/** Discord's channel mention, `<#id>`. */
const CHANNEL_SOURCE = String.raw`<#(\d{1,20})>`;
/** The API's `<@id>` member mention (api/src/features/messages/mentions.ts). */
const USER_SOURCE = String.raw`<@!?(\d{1,20})>`;
/** Styles nest this deep at most; deeper markers stay as typed (a bound on work per message). */
const MAX_DEPTH = 4;
/** Lists nest this deep at most; a line indented further is an item of the deepest one. */
const MAX_LIST_DEPTH = 3;
/** One line of a list: its indent, its marker ("-", "*" or "12."), its text. */
const LIST_LINE = /^( *)([-*]|\d{1,3}\.) (.*)$/;
/** A masked link's text that reads as an address stays as typed, so no link shows one place and goes to another. */
const LOOKS_LIKE_ADDRESS = /:\/\/|[a-z0-9-]\.[a-z]{2,}/i;

const style = (pattern: RegExp, kind: Styled, inner?: Styled): Rule => ({
  pattern,
  nests: true,
  node: (match, depth) => {
    const children = parse(match[1]!, depth + 1);
    return { kind, children: inner ? [{ kind: inner, children }] : children };
  },
});

/** A block's line(s), parsed as the message's own text is (no style level used up), but with no block inside. */
const inline = (content: string): MarkupNode[] => parse(content, 0, false);

const quote = (content: string): MarkupNode => ({ kind: 'quote', children: inline(content) });

/** A run of list lines as lists: a change of marker kind starts a new one, a deeper indent one inside the last item. */
function lists(run: string): MarkupNode[] {
  const lines = run
    .replace(/\n$/, '')
    .split('\n')
    .map((line) => {
      const [, indent, marker, content] = LIST_LINE.exec(line)!;
      return { indent: indent!.length, ordered: marker!.endsWith('.'), number: parseInt(marker!, 10), content: content! };
    });
  const found: MarkupNode[] = [];
  let at = 0;
  // One list from lines[at], at its first line's indent; returns it and moves `at` past it.
  const list = (depth: number): MarkupNode => {
    const { indent, ordered, number } = lines[at]!;
    const items: { kind: 'item'; children: MarkupNode[] }[] = [];
    while (at < lines.length && lines[at]!.indent >= indent) {
      const line = lines[at]!;
      if (line.indent > indent && items.length > 0 && depth < MAX_LIST_DEPTH) items.at(-1)!.children.push(list(depth + 1));
      else if (line.ordered !== ordered) break;
      else {
        items.push({ kind: 'item', children: inline(line.content) });
        at += 1;
      }
    }
    return { kind: 'list', ordered, start: ordered ? number : 1, children: items };
  };
  while (at < lines.length) found.push(list(1));
  return found;
}

const heading = (hashes: number, content: string): MarkupNode => ({
  kind: 'heading',
  level: hashes as 1 | 2 | 3,
  children: inline(content.trim()),
});

/** No link where its text reads as an address: the "[", and the address inside, are read on as they are. */
function maskedLink(match: RegExpExecArray): MarkupNode | null {
  const [, label, href] = match as unknown as [string, string, string];
  return LOOKS_LIKE_ADDRESS.test(label) ? null : { kind: 'link', href, text: label };
}

// Earlier rules win where two start at the same place: code before styles, ** before *, __ before _.
const RULES: Rule[] = [
  { pattern: /(#{1,3}) (?=[^\n]*\S)([^\n]+)\n?/y, lineStart: true, node: (m) => heading(m[1]!.length, m[2]!) },
  { pattern: /-# (?=[^\n]*\S)([^\n]+)\n?/y, lineStart: true, node: (m) => ({ kind: 'subtext', children: inline(m[1]!.trim()) }) },
  { pattern: /(?:[-*]|\d{1,3}\.) [^\n]*(?:\n *(?:[-*]|\d{1,3}\.) [^\n]*)*\n?/y, lineStart: true, node: (m) => lists(m[0]) },
  // ">>> " quotes everything after it; "> " lines one by one, a run of them one quote, which takes
  // its line break along (the quote is a block of its own).
  { pattern: />>> ([\s\S]*)/y, lineStart: true, node: (m) => quote(m[1]!) },
  {
    pattern: /> [^\n]*(?:\n> [^\n]*)*\n?/y,
    lineStart: true,
    node: (m) =>
      quote(
        m[0]
          .replace(/\n$/, '')
          .split('\n')
          .map((line) => line.slice(2))
          .join('\n'),
      ),
  },
  {
    pattern: /```(?:([a-z0-9+#-]{1,20})\n)?\n?([\s\S]*?)\n?```/iy,
    node: (m) => ({ kind: 'codeblock', language: m[1]?.toLowerCase() ?? null, text: m[2]! }),
  },
  { pattern: /`([^`]+)`/y, node: (m) => ({ kind: 'code', text: m[1]! }) },
  { pattern: /\\([\\*_~`@|>#\-.[\]])/y, node: (m) => ({ kind: 'text', text: m[1]! }) },
  { pattern: new RegExp(URL_SOURCE, 'iy'), node: (m) => ({ kind: 'link', href: m[0], text: m[0] }) },
  // Discord's `<https://…>` (a link it shows no preview of) and masked `[text](https://…)`.
  { pattern: /<(https?:\/\/[^\s<>]+)>/iy, node: (m) => ({ kind: 'link', href: m[1]!, text: m[1]! }) },
  // No "@" or "<" in the text: a mention there stays one, as the API counts it.
  { pattern: /\[([^[\]\n@<]{1,256})\]\((https?:\/\/[^\s()<>]+)\)/iy, node: maskedLink },
  { pattern: new RegExp(GROUP_SOURCE, 'y'), node: (m) => ({ kind: m[1] as 'everyone' | 'here' }) },
  { pattern: new RegExp(ROLE_SOURCE, 'y'), node: (m) => ({ kind: 'role', roleId: m[1]! }) },
  { pattern: new RegExp(USER_SOURCE, 'y'), node: (m) => ({ kind: 'user', userId: m[1]! }) },
  { pattern: new RegExp(CHANNEL_SOURCE, 'y'), node: (m) => ({ kind: 'channel', channelId: m[1]! }) },
  { pattern: new RegExp(MENTION_SOURCE, 'iy'), node: (m) => ({ kind: 'mention', username: m[1]!.toLowerCase() }) },
  style(/\*\*\*(?!\s)([\s\S]+?)\*\*\*/y, 'bold', 'italic'),
  style(/\*\*(?!\s)([\s\S]+?)\*\*/y, 'bold'),
  style(/__(?!\s)([\s\S]+?)__(?!_)/y, 'underline'),
  style(/~~(?!\s)([\s\S]+?)~~/y, 'strike'),
  // Spaces inside are fine ("|| the end ||"); an escaped "\|" does not close.
  style(/\|\|([\s\S]*?[^\\])\|\|/y, 'spoiler'),
  style(/\*(?![\s*])([\s\S]*?[^\s\\])\*(?!\*)/y, 'italic'),
  style(/(?<!\w)_(?![\s_])([\s\S]*?[^\s\\])_(?!\w)/y, 'italic'),
];
/** Where a rule may start: a character any rule begins with. Plain text in between is taken whole. */
const MAY_START = /[`\\hH@<*_~|>#\-\d[]/g;

export function parseMarkup(text: string): MarkupNode[] {
  return parse(text, 0);
}

/** `quotes`: a quote may start at a line's start (the message's own text, not a style's or a quote's). */
function parse(text: string, depth: number, quotes = depth === 0): MarkupNode[] {
  const nodes: MarkupNode[] = [];
  let plain = '';
  let at = 0;
  const flush = () => {
    if (plain) nodes.push({ kind: 'text', text: plain });
    plain = '';
  };
  while (at < text.length) {
    MAY_START.lastIndex = at;
    const next = MAY_START.exec(text);
    if (!next) break;
    plain += text.slice(at, next.index);
    at = next.index;
    const found = matchAt(text, at, depth, quotes);
    if (!found) {
      plain += text[at];
      at += 1;
      continue;
    }
    const [node, length] = found;
    if (!Array.isArray(node) && node.kind === 'text') plain += node.text;
    else {
      flush();
      nodes.push(...[node].flat());
    }
    at += length;
  }
  plain += text.slice(at);
  flush();
  return nodes;
}

function matchAt(text: string, at: number, depth: number, quotes: boolean): [MarkupNode | MarkupNode[], number] | null {
  const lineStart = quotes && (at === 0 || text[at - 1] === '\n');
  for (const rule of RULES) {
    if (rule.nests && depth >= MAX_DEPTH) continue;
    if (rule.lineStart && !lineStart) continue;
    rule.pattern.lastIndex = at;
    const match = rule.pattern.exec(text);
    const node = match && rule.node(match, depth);
    if (node) return [node, match[0].length];
  }
  return null;
}

/**
 * Whether the text mentions `username` (compared as the API stores usernames: lower case; none is
 * "everyone" or "here") or, as bots write it, `<@userId>`.
 */
export function mentions(nodes: readonly MarkupNode[], username: string, userId?: string): boolean {
  const wanted = username.toLowerCase();
  return nodes.some((node) =>
    node.kind === 'mention'
      ? node.username === wanted
      : node.kind === 'user'
        ? node.userId === userId
        : 'children' in node && mentions(node.children, wanted, userId),
  );
}

/**
 * Whether someone else's message calls the reader: mentions everyone, or those online (@here: a
 * reader it reaches live is online; either way the API decided the author could), mentions a role
 * they hold (the API's mentionRoleIds: the roles it decided the message mentions), mentions them or
 * replies to one of their messages. The API's Channel.mentionCount counts the unread ones the same way.
 */
export function callsReader(
  message: {
    content: string;
    authorId: string;
    replyToAuthorId?: string | null;
    mentionsEveryone?: boolean;
    mentionsHere?: boolean;
    mentionRoleIds?: readonly string[] | null;
  },
  reader: { id: string; username: string; roleIds?: readonly string[] },
): boolean {
  if (message.authorId === reader.id) return false;
  return (
    !!message.mentionsEveryone ||
    !!message.mentionsHere ||
    message.replyToAuthorId === reader.id ||
    mentionsRoleOf(message.mentionRoleIds, reader.roleIds) ||
    mentions(parseMarkup(message.content), reader.username, reader.id)
  );
}

/** Whether a message's mentionRoleIds name one of `roleIds` (the reader's roles). */
export function mentionsRoleOf(mentionRoleIds: readonly string[] | null | undefined, roleIds: Iterable<string> | undefined): boolean {
  if (!mentionRoleIds?.length || !roleIds) return false;
  const held = new Set(roleIds);
  return mentionRoleIds.some((id) => held.has(id));
}

/** What a role's mention shows when the role is not one of the server's (deleted since, or unknown), as Discord shows it. */
export const DELETED_ROLE = 'deleted-role';

/** A role's name by id, as a mention shows it (without its "@"); undefined for a role not known. */
export type RoleNameOf = (roleId: string) => string | undefined;

/** What a `<#id>` shows when the channel is not one the reader sees (deleted, hidden, or another server's). */
export const DELETED_CHANNEL = 'deleted-channel';

/** What a `<@id>` mention shows when that user is no member (left since, or unknown), as Discord shows it. */
export const UNKNOWN_USER = 'unknown-user';

/** What plainText shows for a spoiler: never its content. */
export const SPOILER_PLAIN_TEXT = '[spoiler]';

/**
 * The text without its markers (a member's mention as "@Name" by `memberNames`, else "@username"
 * as typed, "<@id>" as "@unknown-user", or "@member" without `memberNames`; a channel's as "#name"
 * by `channelName`, else "#deleted-channel"; a role's as "@RoleName" by `roleName`, else "@deleted-role"; a quote, heading or
 * subtext as its text on lines of its own, a list as a line per item, a spoiler as SPOILER_PLAIN_TEXT so a
 * preview never gives it away): for one-line previews and labels.
 */
export function plainText(
  nodes: readonly MarkupNode[],
  roleName: RoleNameOf = () => undefined,
  memberNames?: MemberNames,
  channelName: RoleNameOf = () => undefined,
): string {
  const inner = (children: readonly MarkupNode[]) => plainText(children, roleName, memberNames, channelName);
  return nodes
    .map((node, i) => {
      if (node.kind === 'spoiler') return SPOILER_PLAIN_TEXT;
      // A block took its line break along: what follows it starts a line again.
      const lineBreak = i < nodes.length - 1 ? '\n' : '';
      if (node.kind === 'quote' || node.kind === 'heading' || node.kind === 'subtext') return inner(node.children) + lineBreak;
      if (node.kind === 'list') return node.children.map((item) => inner([item])).join('\n') + lineBreak;
      // An item's own list goes on the lines under it.
      if (node.kind === 'item')
        return node.children.map((child) => (child.kind === 'list' ? `\n${inner([child])}` : inner([child]))).join('');
      if ('children' in node) return inner(node.children);
      if (node.kind === 'mention') return `@${memberNames?.byUsername.get(node.username)?.name ?? node.username}`;
      // Without the message's members (a quoted message's text): who it was is not known here.
      if (node.kind === 'user') return `@${memberNames ? (memberNames.byId.get(node.userId)?.name ?? UNKNOWN_USER) : 'member'}`;
      if (node.kind === 'everyone' || node.kind === 'here') return `@${node.kind}`;
      if (node.kind === 'channel') return `#${channelName(node.channelId) ?? DELETED_CHANNEL}`;
      if (node.kind === 'role') return `@${roleName(node.roleId) ?? DELETED_ROLE}`;
      return node.text;
    })
    .join('');
}

/** A run of text, and whether a highlight pattern matched it. */
export interface TextPart {
  text: string;
  match: boolean;
}

/**
 * `text` cut where `pattern` (global) matches, in order; one unmatched part when nothing does. Empty
 * matches are skipped, so a pattern that can match nothing never loops or marks nothing.
 */
export function splitMatches(text: string, pattern: RegExp): TextPart[] {
  const parts: TextPart[] = [];
  let at = 0;
  for (const found of text.matchAll(pattern)) {
    if (found[0] === '') continue;
    if (found.index > at) parts.push({ text: text.slice(at, found.index), match: false });
    parts.push({ text: found[0], match: true });
    at = found.index + found[0].length;
  }
  if (at < text.length || parts.length === 0) parts.push({ text: text.slice(at), match: false });
  return parts;
}
