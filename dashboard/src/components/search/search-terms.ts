/**
 * A search's text as the API reads it. `from:username` and `in:channel` narrow it (api/src/features/
 * search/search-filters.ts); the rest are the words (PostgreSQL's websearch_to_tsquery in the 'simple'
 * configuration): every word must appear, whole and in any case; "quoted words" in that order; `-word`
 * must not appear; `or` between words allows either. The results mark these words.
 */

export interface SearchText {
  /** The text without its filters: the words, as typed. */
  words: string;
  /** The usernames after `from:`, lower case. */
  from: string[];
  /** The channel names after `in:`, lower case, without a leading `#`. */
  in: string[];
}

/** A filter as the API cuts one out: at the start or after a space, in any case; "quotes" hold a name with spaces. */
const FILTER = /(^|\s)(from|in):("[^"]*"|\S+)/gi;

/** The filters and the words of a search, cut as the API cuts them. */
export function readSearchText(text: string): SearchText {
  const found: SearchText = { words: '', from: [], in: [] };
  const rest = text.replace(FILTER, (_match, space: string, kind: string, raw: string) => {
    const key = kind.toLowerCase() as 'from' | 'in';
    const unquoted = raw.length > 1 && raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1) : raw;
    const name = (key === 'in' ? unquoted.replace(/^#/, '') : unquoted).trim().toLowerCase();
    if (name) found[key].push(name);
    return space;
  });
  found.words = rest.trim().replace(/\s+/g, ' ');
  return found;
}

/** A word as PostgreSQL's parser cuts one out of text: letters and digits, in any script. */
const WORD = /[\p{L}\p{N}]+/gu;
/** A quoted phrase (perhaps unclosed at the end), or a run of other characters. */
const TOKEN = /(-?)"([^"]*)"?|\S+/g;

/**
 * The query's words a matching message contains, lower case, each once, longest first: plain and
 * quoted words, but not the `-excluded` ones, nor `or`, nor the filters' names.
 */
export function highlightTerms(query: string): string[] {
  const terms = new Set<string>();
  const add = (text: string) => {
    for (const [word] of text.matchAll(WORD)) terms.add(word.toLowerCase());
  };
  for (const token of readSearchText(query).words.matchAll(TOKEN)) {
    const [whole, negated, phrase] = token;
    if (phrase !== undefined) {
      if (!negated) add(phrase);
    } else if (!whole.startsWith('-') && whole.toLowerCase() !== 'or') add(whole);
  }
  return [...terms].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
}

/**
 * A global, case-insensitive pattern matching the terms as whole words (not inside a longer word, as
 * the API matches them); undefined when there are none.
 */
export function highlightPattern(terms: readonly string[]): RegExp | undefined {
  if (terms.length === 0) return undefined;
  const alternatives = terms.map((term) => term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives})(?![\\p{L}\\p{N}])`, 'giu');
}
