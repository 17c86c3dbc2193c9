import { z } from 'zod';
import { idSchema } from '../../kernel/validation/id.js';
import { asksForSomething, parseSearchText } from './search-filters.js';

const id = idSchema;

export const MAX_SEARCH_QUERY_LENGTH = 200;

/**
 * Searches a member may run in one server per window: a person refining a query stays well under
 * it; a script asking the database for every word in turn does not.
 */
export const SEARCHES = { limit: 20, windowMs: 10_000 };

/**
 * Words as a web search engine reads them (PostgreSQL's websearch_to_tsquery): every word must
 * appear, "quoted words" in that order, `-word` must not, `or` between words allows either. Matching
 * is by whole word, case-insensitive, in any language (the 'simple' configuration: no stemming).
 * `from:` and `in:` among them narrow the search (search-filters.ts); filters alone are a search.
 */
export const searchSchema = z.object({
  serverId: id,
  query: z
    .string()
    .transform((s) => s.trim())
    .pipe(
      z
        .string()
        .min(1, 'must not be empty')
        .max(MAX_SEARCH_QUERY_LENGTH, `must be at most ${MAX_SEARCH_QUERY_LENGTH} characters`)
        .transform(parseSearchText)
        .refine(asksForSomething, 'must contain a word, or from: or in:'),
    ),
  channelId: id.nullish(),
  authorId: id.nullish(),
  before: id.nullish(),
  limit: z.number().int().min(1, 'must be 1-50').max(50, 'must be 1-50'),
});

export type SearchQuery = z.output<typeof searchSchema>;
