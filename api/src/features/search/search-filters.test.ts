import { describe, expect, it } from 'vitest';
import { asksForSomething, parseSearchText } from './search-filters.js';

describe('search text', () => {
  it('takes from: and in: out of the words, anywhere and in any case', () => {
    expect(parseSearchText('release from:Alice notes IN:#General')).toEqual({ words: 'release notes', from: ['alice'], in: ['general'] });
    expect(parseSearchText('from:alice FROM:bob')).toEqual({ words: '', from: ['alice', 'bob'], in: [] });
    expect(parseSearchText('in:"Voice Chat" "two words"')).toEqual({ words: '"two words"', from: [], in: ['voice chat'] });
  });

  it('leaves what only looks like a filter among the words', () => {
    // Not at a word's start, no value, or an unclosed quote read as it stands.
    expect(parseSearchText('sent-from:alice')).toEqual({ words: 'sent-from:alice', from: [], in: [] });
    expect(parseSearchText('from: alice')).toEqual({ words: 'from: alice', from: [], in: [] });
    expect(parseSearchText('in:"general')).toEqual({ words: '', from: [], in: ['"general'] });
  });

  it('asks for something when there is a word or a filter, not for punctuation alone', () => {
    expect(asksForSomething(parseSearchText('from:alice'))).toBe(true);
    expect(asksForSomething(parseSearchText('hello'))).toBe(true);
    expect(asksForSomething(parseSearchText('!!! ???'))).toBe(false);
    expect(asksForSomething(parseSearchText('in:""'))).toBe(false);
    expect(parseSearchText('from:alice !!!').words).toBe('');
  });
});
