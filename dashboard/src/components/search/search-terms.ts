/**
 * The words a search looks for, as the API reads its query (PostgreSQL's websearch_to_tsquery in the
 * 'simple' configuration): every word must appear, whole and in any case; "quoted words" in that
 * order; `-word` must not appear; `or` between words allows either. The results mark these words.
 */

/** A word as PostgreSQL's parser cuts one out of text: letters and digits, in any script. */
const WORD = /[\p{L}\p{N}]+/gu;
/** A quoted phrase (perhaps unclosed at the end), or a run of other characters. */
const TOKEN = /(-?)"([^"]*)"?|\S+/g;

/**
 * The query's words a matching message contains, lower case, each once, longest first: plain and
 * quoted words, but not the `-excluded` ones, nor `or`.
 */
export function highlightTerms(query: string): string[] {
  const terms = new Set<string>();
  const add = (text: string) => {
    for (const [word] of text.matchAll(WORD)) terms.add(word.toLowerCase());
  };
  for (const token of query.matchAll(TOKEN)) {
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
