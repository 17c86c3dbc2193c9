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

/**
 * Whether "@everyone" is suggested for the name being typed (`query`, after the "@"): to a member who
 * may mention everyone in the channel (MENTION_EVERYONE), while what is typed starts it.
 */
export function offersEveryone(query: string, mayMentionEveryone: boolean): boolean {
  return mayMentionEveryone && 'everyone'.startsWith(query.toLowerCase());
}
