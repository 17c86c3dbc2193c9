import { describe, expect, it } from 'vitest';
import { splitMatches } from '@/components/chat/message-markup';
import { highlightPattern, highlightTerms, readSearchText } from './search-terms';

const marks = (text: string, query: string) => {
  const pattern = highlightPattern(highlightTerms(query));
  return pattern
    ? splitMatches(text, pattern)
        .filter((part) => part.match)
        .map((part) => part.text)
    : [];
};

describe('search terms', () => {
  it('takes the plain words, lower case, each once, longest first', () => {
    expect(highlightTerms('Release  notes release')).toEqual(['release', 'notes']);
    expect(highlightTerms('  ')).toEqual([]);
    expect(highlightTerms('!!!')).toEqual([]);
  });

  it('takes the words of a quoted phrase, and leaves out -excluded words and phrases and `or`', () => {
    expect(highlightTerms('"book club" -spoilers')).toEqual(['book', 'club']);
    expect(highlightTerms('cats OR dogs or -"hot dogs"')).toEqual(['cats', 'dogs']);
    // An unclosed quote runs to the end, as the API reads it.
    expect(highlightTerms('"friday meeting')).toEqual(['meeting', 'friday']);
  });

  it('cuts words as the API does: at punctuation, in any script, digits included', () => {
    expect(highlightTerms("don't v2.0 café Привет")).toEqual(['привет', 'café', 'don', 'v2', '0', 't']);
  });

  it('marks whole words in any case, never inside a longer word (no stemming)', () => {
    expect(marks('Release day! The release was released; pre-release too.', 'release')).toEqual(['Release', 'release', 'release']);
    expect(marks('CAFÉ au lait, caféine', 'café')).toEqual(['CAFÉ']);
    expect(marks('book club: the Book Club meets', '"book club" -meets')).toEqual(['book', 'club', 'Book', 'Club']);
  });

  it('cuts out from: and in: anywhere, in any case, the names lower case (in: without its #); the rest are the words', () => {
    expect(readSearchText('from:Alice hello  IN:#General world from:bob')).toEqual({
      words: 'hello world',
      from: ['alice', 'bob'],
      in: ['general'],
    });
    expect(readSearchText('in:"Book Club" from:alice')).toEqual({ words: '', from: ['alice'], in: ['book club'] });
    // Only at the start of a token and with a name: otherwise words, as the API reads them.
    expect(readSearchText('x-from:alice from: bob -in:general')).toEqual({ words: 'x-from:alice from: bob -in:general', from: [], in: [] });
    expect(readSearchText('release notes')).toEqual({ words: 'release notes', from: [], in: [] });
  });

  it('marks no filter: from:alice hello marks only hello, a search of filters alone marks nothing', () => {
    expect(highlightTerms('from:alice hello')).toEqual(['hello']);
    expect(highlightTerms('in:#general "book club" FROM:bob')).toEqual(['book', 'club']);
    expect(highlightTerms('from:alice')).toEqual([]);
    expect(highlightTerms('from:alice in:general')).toEqual([]);
    expect(highlightPattern(highlightTerms('from:alice in:general'))).toBeUndefined();
    expect(marks('alice said hello in general', 'from:alice in:general hello')).toEqual(['hello']);
  });

  it('treats the words as text, not as a pattern', () => {
    expect(marks('a.b and axb', 'a.b')).toEqual(['a', 'b']);
    expect(marks('(x) [y]', '(x) [y]')).toEqual(['x', 'y']);
    expect(highlightPattern([])).toBeUndefined();
  });
});
