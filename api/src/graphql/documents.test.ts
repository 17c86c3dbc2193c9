import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DOCUMENT_CACHE_CAPACITY, DocumentCache } from './documents.js';

const schema = buildSchema('type Query { ok: String }');
// 200 tokens at most: a document past that is refused before it is parsed.
const limits = { maxDepth: 10, maxComplexity: 20 };
/** A distinct query string of about `chars` characters: `body`, then a comment that makes it unique and long. */
const padded = (body: string, i: number, chars: number) => `${body} # ${i} ${'x'.repeat(chars)}`;

describe('DocumentCache', () => {
  it('serves a document parsed once to every request for it', () => {
    const cache = new DocumentCache(schema, limits);
    const first = cache.get('{ ok }');
    expect(first.errors).toBeNull();
    // The same entry, so the same DocumentNode: parsed and validated once.
    expect(cache.get('{ ok }')).toBe(first);
  });

  it('holds no document refused before validation, however many large ones arrive', () => {
    const cache = new DocumentCache(schema, limits);
    const ordinary = cache.get('{ ok }');
    const refusals = [
      (i: number) => padded(`{ ${'ok '.repeat(300)}}`, i, 100_000), // too many tokens
      (i: number) => padded(`{ ok(a: ${'['.repeat(150)}`, i, 100_000), // brackets too deep
      (i: number) => padded('{ ok ', i, 100_000), // syntax error
    ];
    for (const refused of refusals) {
      for (let i = 0; i < 100; i += 1) expect(cache.get(refused(i)).errors).not.toBeNull();
    }
    expect(cache.chars).toBe('{ ok }'.length);
    expect(cache.get('{ ok }')).toBe(ordinary);
  });

  it('holds no more query text than its budget, dropping the least recently used', () => {
    const cache = new DocumentCache(schema, limits);
    const large = DOCUMENT_CACHE_CAPACITY.chars / 10;
    // Valid documents made large by a comment: each is cached until the budget is reached.
    for (let i = 0; i < 30; i += 1) {
      expect(cache.get(padded('{ ok }', i, large)).errors).toBeNull();
      expect(cache.chars).toBeLessThanOrEqual(DOCUMENT_CACHE_CAPACITY.chars);
    }
    expect(cache.chars).toBeGreaterThan(DOCUMENT_CACHE_CAPACITY.chars - 2 * large);
    const latest = cache.get(padded('{ ok }', 29, large));
    expect(cache.get(padded('{ ok }', 29, large))).toBe(latest);
    // A document longer than the whole budget is answered but not kept.
    const huge = padded('{ ok }', 0, DOCUMENT_CACHE_CAPACITY.chars);
    expect(cache.get(huge).errors).toBeNull();
    expect(cache.chars).toBeLessThanOrEqual(DOCUMENT_CACHE_CAPACITY.chars);
    expect(cache.get(padded('{ ok }', 29, large))).toBe(latest);
  });
});
