import { describe, expect, it } from 'vitest';
import { matchesAny, patternProblem } from './safe-pattern.js';

describe('safe patterns', () => {
  it('accepts ordinary patterns', () => {
    for (const ok of ['fr[e3]+\\s*n[i1]tro', '^buy now', 'c(o|0)ins', 'a{2,5}b', '(ab)+c', '[(+*]+', '(?:ab)+', '(?<word>ab)?'])
      expect(patternProblem(ok), ok).toBeNull();
  });

  it('refuses patterns that can backtrack catastrophically, naming why', () => {
    expect(patternProblem('(a+)+$')).toMatch(/catastrophic/);
    expect(patternProblem('(a|aa)*b')).toMatch(/catastrophic/);
    expect(patternProblem('((ab)*)+')).toMatch(/catastrophic/);
    expect(patternProblem('(\\w+\\s?)*$')).toMatch(/catastrophic/);
    expect(patternProblem('(?:a+)+')).toMatch(/catastrophic/);
    expect(patternProblem('(a)\\1')).toMatch(/backreferences/);
    expect(patternProblem('(?=a)')).toMatch(/lookarounds/);
    expect(patternProblem('a'.repeat(201))).toMatch(/longer than 200/);
    expect(patternProblem('(unclosed')).toMatch(/not a valid regular expression/);
  });

  it('matches and reports which pattern matched', () => {
    const patterns = [/spam/iu, /fr[e3]+ n[i1]tro/iu];
    expect(matchesAny(patterns, 'get FREE NITRO')).toBe(1);
    expect(matchesAny(patterns, 'hello')).toBe(-1);
    expect(matchesAny([], 'anything')).toBe(-1);
  });

  it('interrupts a pattern that still backtracks badly instead of stalling', () => {
    // Refused by patternProblem; if one got through anyway, the vm timeout stops it.
    expect(() => matchesAny([/^(a+)+$/], `${'a'.repeat(40)}b`)).toThrow(/timed out/);
  });
});
