/**
 * A search box's text as Discord reads it: `from:<username>` and `in:<channel>` (a leading `#` is
 * dropped; "quotes" hold a name with spaces) narrow the search, anywhere in the text and in any
 * case; several of one kind mean any of them. What is left are the words.
 */
export interface SearchText {
  /** The words, as websearch_to_tsquery reads them; empty when there are none. */
  words: string;
  /** Usernames, lower-case (usernames are stored so). */
  from: string[];
  /** Channel names, lower-case. */
  in: string[];
}

const FILTER = /(^|\s)(from|in):("[^"]*"|\S+)/gi;
/** Something websearch_to_tsquery turns into a word: punctuation alone is no word. */
const WORD = /[\p{L}\p{N}]/u;

const filterValue = (raw: string, kind: string) => {
  const unquoted = raw.length > 1 && raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1) : raw;
  return (kind === 'in' ? unquoted.replace(/^#/, '') : unquoted).trim().toLowerCase();
};

export function parseSearchText(text: string): SearchText {
  const found: SearchText = { words: '', from: [], in: [] };
  const rest = text.replace(FILTER, (_match, space: string, kind: string, raw: string) => {
    const value = filterValue(raw, kind.toLowerCase());
    if (value) found[kind.toLowerCase() as 'from' | 'in'].push(value);
    return space;
  });
  found.words = WORD.test(rest) ? rest.trim().replace(/\s+/g, ' ') : '';
  return found;
}

/** Whether the text asks for anything: some words or a filter. */
export const asksForSomething = (text: SearchText): boolean => text.words !== '' || text.from.length > 0 || text.in.length > 0;
