import { parse, validate, GraphQLError, type DocumentNode, type GraphQLSchema } from 'graphql';
import { assertCostWithinLimit, assertShapeWithinLimits, assertTokensWithinLimits, type QueryLimits } from './limits.js';

/** `id` is distinct per query string while cached: fan-out groups subscribers by it. */
export type PreparedDocument =
  | { id: number; document: DocumentNode; errors: null }
  /** Syntax errors, limits the document alone breaks, or validation errors: the operation is refused with them. */
  | { id: number; document: null; errors: readonly GraphQLError[] };

/** The error with the code clients know for it (graphql-js leaves codes to servers). */
const withCode = (error: GraphQLError, code: string) =>
  new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    originalError: error.originalError,
    extensions: { ...error.extensions, code },
  });

/**
 * What DocumentCache holds at most: entries, and characters of query text in all (a character takes
 * at most 2 bytes, so 8 MiB of keys; each key's document, bounded by the token limit, comes with it).
 * Our clients' operations are a few hundred characters each, so a thousand fit many times over, while
 * a client sending distinct 1 MiB documents cannot make the cache hold more than the budget.
 */
export const DOCUMENT_CACHE_CAPACITY = { entries: 1000, chars: 4 * 1024 * 1024 };

/**
 * Parse and validate once per distinct query string (thousands of subscribers send the same one),
 * least recently used first out. The limits a document breaks whatever its variables are checked
 * first, on the text and then on the parsed document, so validation only ever sees documents of
 * bounded size. Documents those checks refuse (and syntax errors) are not cached: refusing them again
 * costs no more than the checks, and caching them would let a client fill the cache with large
 * documents that were never going to run.
 */
export class DocumentCache {
  private readonly entries = new Map<string, PreparedDocument>();
  private nextId = 0;
  /** Characters of the cached query strings, in all. */
  private heldChars = 0;

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly limits: QueryLimits,
    private readonly capacity = DOCUMENT_CACHE_CAPACITY,
  ) {}

  /** Characters of query text held, for the bound's test. */
  get chars(): number {
    return this.heldChars;
  }

  get(query: string): PreparedDocument {
    const cached = this.entries.get(query);
    if (cached) {
      // Most recently used last.
      this.entries.delete(query);
      this.entries.set(query, cached);
      return cached;
    }
    const { entry, cacheable } = this.prepare(query);
    if (cacheable && query.length <= this.capacity.chars) {
      while (this.entries.size >= this.capacity.entries || this.heldChars + query.length > this.capacity.chars) {
        const oldest = this.entries.keys().next().value!;
        this.entries.delete(oldest);
        this.heldChars -= oldest.length;
      }
      this.entries.set(query, entry);
      this.heldChars += query.length;
    }
    return entry;
  }

  /** The document or its errors, and whether it is worth caching (it got as far as validation). */
  private prepare(query: string): { entry: PreparedDocument; cacheable: boolean } {
    const id = (this.nextId += 1);
    let document: DocumentNode;
    try {
      assertTokensWithinLimits(query, this.limits);
      document = parse(query);
      assertShapeWithinLimits(document, this.limits);
    } catch (error) {
      if (!(error instanceof GraphQLError)) throw error;
      // A limit's refusal has its code; a syntax error gets the one clients know.
      const errors = [error.extensions.code ? error : withCode(error, 'GRAPHQL_PARSE_FAILED')];
      return { entry: { id, document: null, errors }, cacheable: false };
    }
    const errors = validate(this.schema, document);
    const entry: PreparedDocument = errors.length
      ? { id, document: null, errors: errors.map((e) => withCode(e, 'GRAPHQL_VALIDATION_FAILED')) }
      : { id, document, errors: null };
    return { entry, cacheable: true };
  }
}

/**
 * assertCostWithinLimit (the limit that depends on variables; the others are DocumentCache's), remembered per document (each transport's DocumentCache hands out
 * the same DocumentNode for the same query) and per the variables that can change the cost. Only
 * numbers and booleans can (page sizes, @skip/@include); strings (ids, message content) cannot, so a
 * send with new content every time still hits the cache.
 */
export function cachedLimits(schema: GraphQLSchema, limits: QueryLimits) {
  const byDocument = new WeakMap<DocumentNode, Map<string, GraphQLError | null>>();
  return (document: DocumentNode, variables: Record<string, unknown> | undefined, operationName: string | null | undefined): void => {
    let outcomes = byDocument.get(document);
    if (!outcomes) {
      outcomes = new Map();
      byDocument.set(document, outcomes);
    }
    const key = `${operationName ?? ''}\0${JSON.stringify(variables ?? {}, (_k, v: unknown) => (typeof v === 'string' ? undefined : v))}`;
    let outcome = outcomes.get(key);
    if (outcome === undefined) {
      try {
        assertCostWithinLimit(schema, document, variables, operationName, limits);
        outcome = null;
      } catch (error) {
        if (!(error instanceof GraphQLError)) throw error;
        outcome = error;
      }
      if (outcomes.size >= 100) outcomes.clear();
      outcomes.set(key, outcome);
    }
    if (outcome) throw outcome;
  };
}
