/**
 * The subset of Discord's markdown a message shows: ```code blocks```, `inline code`, **bold**,
 * *italic* or _italic_, __underline__, ~~strikethrough~~, http(s) links, @mentions, @everyone and
 * backslash escapes. Parsed into nodes that React renders as elements, so nothing typed ever becomes HTML.
 * What does not close (`**open`) stays as typed.
 */
export type MarkupNode =
  | { kind: 'text'; text: string }
  | { kind: 'code'; text: string }
  | { kind: 'codeblock'; text: string; language: string | null }
  | { kind: 'link'; href: string; text: string }
  | { kind: 'mention'; username: string }
  /** "@everyone" as typed (lower case, as the API reads it): a mention only in a message marked mentionsEveryone. */
  | { kind: 'everyone' }
  | { kind: 'bold' | 'italic' | 'underline' | 'strike'; children: MarkupNode[] };

type Styled = Extract<MarkupNode, { children: MarkupNode[] }>['kind'];

interface Rule {
  /** Sticky (`y`): tried at one position. */
  pattern: RegExp;
  node: (match: RegExpExecArray, depth: number) => MarkupNode;
  /** A style, whose content is parsed again (up to MAX_DEPTH). */
  nests?: true;
}

// http(s) URLs only: javascript:, data: and the like stay plain text. No trailing punctuation.
const URL_SOURCE = String.raw`\bhttps?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]`;
/** Usernames as the API accepts them (3-32 of letters, digits, "_" and "."), not inside a word or an address. */
const MENTION_SOURCE = String.raw`(?<![\w.@])@([a-z0-9_.]{3,32})(?<!\.)`;
/** The API's @everyone (api/src/features/messages/mentions.ts): lower case, then nothing that continues a name but dots. */
const EVERYONE_SOURCE = String.raw`(?<![\w.@])@everyone(?=\.*(?![a-zA-Z0-9_.]))`;
/** Styles nest this deep at most; deeper markers stay as typed (a bound on work per message). */
const MAX_DEPTH = 4;

const style = (pattern: RegExp, kind: Styled, inner?: Styled): Rule => ({
  pattern,
  nests: true,
  node: (match, depth) => {
    const children = parse(match[1]!, depth + 1);
    return { kind, children: inner ? [{ kind: inner, children }] : children };
  },
});

// Earlier rules win where two start at the same place: code before styles, ** before *, __ before _.
const RULES: Rule[] = [
  {
    pattern: /```(?:([a-z0-9+#-]{1,20})\n)?\n?([\s\S]*?)\n?```/iy,
    node: (m) => ({ kind: 'codeblock', language: m[1]?.toLowerCase() ?? null, text: m[2]! }),
  },
  { pattern: /`([^`]+)`/y, node: (m) => ({ kind: 'code', text: m[1]! }) },
  { pattern: /\\([\\*_~`@|>])/y, node: (m) => ({ kind: 'text', text: m[1]! }) },
  { pattern: new RegExp(URL_SOURCE, 'iy'), node: (m) => ({ kind: 'link', href: m[0], text: m[0] }) },
  { pattern: new RegExp(EVERYONE_SOURCE, 'y'), node: () => ({ kind: 'everyone' }) },
  { pattern: new RegExp(MENTION_SOURCE, 'iy'), node: (m) => ({ kind: 'mention', username: m[1]!.toLowerCase() }) },
  style(/\*\*\*(?!\s)([\s\S]+?)\*\*\*/y, 'bold', 'italic'),
  style(/\*\*(?!\s)([\s\S]+?)\*\*/y, 'bold'),
  style(/__(?!\s)([\s\S]+?)__(?!_)/y, 'underline'),
  style(/~~(?!\s)([\s\S]+?)~~/y, 'strike'),
  style(/\*(?![\s*])([\s\S]*?[^\s\\])\*(?!\*)/y, 'italic'),
  style(/(?<!\w)_(?![\s_])([\s\S]*?[^\s\\])_(?!\w)/y, 'italic'),
];
/** Where a rule may start: a character any rule begins with. Plain text in between is taken whole. */
const MAY_START = /[`\\hH@*_~]/g;

export function parseMarkup(text: string): MarkupNode[] {
  return parse(text, 0);
}

function parse(text: string, depth: number): MarkupNode[] {
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
    const found = matchAt(text, at, depth);
    if (!found) {
      plain += text[at];
      at += 1;
      continue;
    }
    const [node, length] = found;
    if (node.kind === 'text') plain += node.text;
    else {
      flush();
      nodes.push(node);
    }
    at += length;
  }
  plain += text.slice(at);
  flush();
  return nodes;
}

function matchAt(text: string, at: number, depth: number): [MarkupNode, number] | null {
  for (const rule of RULES) {
    if (rule.nests && depth >= MAX_DEPTH) continue;
    rule.pattern.lastIndex = at;
    const match = rule.pattern.exec(text);
    if (match) return [rule.node(match, depth), match[0].length];
  }
  return null;
}

/** Whether the text mentions `username` (compared as the API stores usernames: lower case; none is "everyone"). */
export function mentions(nodes: readonly MarkupNode[], username: string): boolean {
  const wanted = username.toLowerCase();
  return nodes.some((node) => (node.kind === 'mention' ? node.username === wanted : 'children' in node && mentions(node.children, wanted)));
}

/**
 * Whether someone else's message calls the reader: mentions everyone (the API decided the author
 * could), mentions them or replies to one of their messages. The API's Channel.mentionCount counts
 * the unread ones the same way.
 */
export function callsReader(
  message: { content: string; authorId: string; replyToAuthorId?: string | null; mentionsEveryone?: boolean },
  reader: { id: string; username: string },
): boolean {
  if (message.authorId === reader.id) return false;
  return !!message.mentionsEveryone || message.replyToAuthorId === reader.id || mentions(parseMarkup(message.content), reader.username);
}

/** The text without its markers (mentions as "@name"): for one-line previews and labels. */
export function plainText(nodes: readonly MarkupNode[]): string {
  return nodes
    .map((node) => {
      if ('children' in node) return plainText(node.children);
      return node.kind === 'mention' ? `@${node.username}` : node.kind === 'everyone' ? '@everyone' : node.text;
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
