import {
  GraphQLError,
  Kind,
  Lexer,
  Source,
  TokenKind,
  getVariableValues,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  TypeNameMetaFieldDef,
} from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';

/**
 * The largest request body (HTTP) and graphql-ws message accepted. The largest legal message is a
 * voice signal (64 KiB of payload) or a long document; 1 MiB leaves room, where ws's default is 100 MiB.
 */
export const MAX_REQUEST_BYTES = 1024 * 1024;

/** Aliased fields one operation may hold: a flood of aliases repeats one field's cost under new names. */
export const MAX_ALIASES = 50;
/** Top-level fields one operation may hold (each is a separate resolver call, a mutation each a write). */
export const MAX_ROOT_FIELDS = 20;
/**
 * Brackets a document may nest, arguments' lists and objects included: far more than any operation
 * within QUERY_MAX_DEPTH needs, far fewer than the ~3,000 at which graphql-js's recursive parser
 * overflows the stack (which answered 500, or closed the socket).
 */
export const MAX_NESTING = 100;
/**
 * Tokens a document may hold per unit of QUERY_MAX_COMPLEXITY: an operation within the limit selects
 * at most that many fields, and ten tokens each leave room for aliases, arguments and directives
 * (our clients' largest operation has about 120 tokens in all).
 */
export const TOKENS_PER_COMPLEXITY = 10;
/**
 * What an unpaged list of objects (myServers, channels, roles, invites) is costed at: the size a
 * server or a member's server list grows to in practice, so nesting such lists is not priced as one row.
 */
export const UNPAGED_LIST_SIZE = 20;

/** A list field costs its page size times its children: `members(first: 1000) { user { ... } }` is not cheap. */
const pagedListEstimator: ComplexityEstimator = ({ args, childComplexity }) => {
  const size = [args.first, args.limit].find((v): v is number => typeof v === 'number');
  return size === undefined ? undefined : 1 + size * Math.max(childComplexity, 1);
};

/**
 * `__typename` is answered from the type already resolved, with no work; normalising clients (urql,
 * Apollo) add it to every selection, so pricing it would make the same query cost a fifth more from
 * the dashboard than from curl. Aliases of it are bounded by MAX_ALIASES, the document by its tokens.
 */
const typenameIsFree: ComplexityEstimator = ({ field }) => (field === TypeNameMetaFieldDef ? 0 : undefined);

/**
 * For a list field with no page argument whose length grows with use (myServers, a server's channels
 * and roles, invites, bans, a user's bots, a voice session's participants):
 * `@Query(() => [ServerObject], { complexity: unpagedListCost })`. It costs UNPAGED_LIST_SIZE rows, so
 * nesting such lists is not priced as one row. Every list of objects needs a page argument or an
 * estimator (test/schema.test.ts).
 */
export const unpagedListCost: ComplexityEstimator = ({ childComplexity }) => 1 + UNPAGED_LIST_SIZE * Math.max(childComplexity, 1);

/**
 * What a list hanging off each item of another list is costed at (a channel's overwrites and voice
 * states, a voice session's participants, a bot's servers): a few per item in practice, and loaded for
 * the whole parent list in one batch. Pricing each at UNPAGED_LIST_SIZE would price a server's
 * sidebar (channels × voice states) at twenty full rooms.
 */
export const NESTED_LIST_SIZE = 5;

/** For such a nested list: `@Field(() => [VoiceStateObject], { complexity: nestedListCost })`. */
export const nestedListCost: ComplexityEstimator = ({ childComplexity }) => 1 + NESTED_LIST_SIZE * Math.max(childComplexity, 1);

/**
 * For a list field whose items are few and already in memory (a member's roles, from the server's
 * cached roles): it costs its children once, as a single object would.
 */
export const smallListCost: ComplexityEstimator = ({ childComplexity }) => 1 + childComplexity;

export interface QueryLimits {
  maxDepth: number;
  maxComplexity: number;
}

const refuse = (message: string) => new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });

interface Shape {
  fields: number;
  aliases: number;
  depth: number;
}

/**
 * Walks the operation with fragments expanded, counting fields, aliases and depth, and stops as soon
 * as there are more fields than `budget`: every field costs at least 1, so such an operation is over
 * the complexity limit whatever the estimators say, and the walk stays cheap for hostile documents
 * (fragments spreading each other twice per level would otherwise expand exponentially).
 */
function shapeOf(operation: OperationDefinitionNode, fragments: Map<string, FragmentDefinitionNode>, budget: number): Shape {
  const shape: Shape = { fields: 0, aliases: 0, depth: 0 };
  const walk = (selectionSet: SelectionSetNode | undefined, depth: number, path: ReadonlySet<string>): void => {
    if (!selectionSet) return;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        shape.fields += 1;
        if (selection.alias) shape.aliases += 1;
        if (shape.fields > budget) throw refuse(`Query selects more than ${budget} fields; the limit is ${budget}`);
        shape.depth = Math.max(shape.depth, depth + 1);
        walk(selection.selectionSet, depth + 1, path);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        walk(selection.selectionSet, depth, path);
      } else if (!path.has(selection.name.value)) {
        walk(fragments.get(selection.name.value)?.selectionSet, depth, new Set([...path, selection.name.value]));
      }
    }
  };
  walk(operation.selectionSet, 0, new Set());
  return shape;
}

function rootFieldCount(operation: OperationDefinitionNode, fragments: Map<string, FragmentDefinitionNode>): number {
  const count = (selectionSet: SelectionSetNode | undefined, path: ReadonlySet<string>): number =>
    (selectionSet?.selections ?? []).reduce((sum, selection) => {
      if (selection.kind === Kind.FIELD) return sum + 1;
      if (selection.kind === Kind.INLINE_FRAGMENT) return sum + count(selection.selectionSet, path);
      if (path.has(selection.name.value)) return sum;
      return sum + count(fragments.get(selection.name.value)?.selectionSet, new Set([...path, selection.name.value]));
    }, 0);
  return count(operation.selectionSet, new Set());
}

/**
 * Refuses (BAD_USER_INPUT) a query string with more tokens, or brackets nested deeper, than any
 * operation within the limits has. One pass of the lexer, before parsing: a 1 MiB document of
 * ~140,000 fields cost seconds to parse and validate (graphql-js compares same-named fields pairwise)
 * before the limits below refused it. A syntax error throws as the parser's would.
 */
export function assertTokensWithinLimits(query: string, limits: QueryLimits): void {
  const maxTokens = TOKENS_PER_COMPLEXITY * limits.maxComplexity;
  const lexer = new Lexer(new Source(query));
  let tokens = 0;
  let nesting = 0;
  for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
    if ((tokens += 1) > maxTokens) throw refuse(`Query holds more than ${maxTokens} tokens; the limit is ${maxTokens}`);
    if (token.kind === TokenKind.BRACE_L || token.kind === TokenKind.BRACKET_L || token.kind === TokenKind.PAREN_L) {
      if ((nesting += 1) > MAX_NESTING) throw refuse(`Query nests brackets more than ${MAX_NESTING} deep; the limit is ${MAX_NESTING}`);
    } else if (token.kind === TokenKind.BRACE_R || token.kind === TokenKind.BRACKET_R || token.kind === TokenKind.PAREN_R) nesting -= 1;
  }
}

const definitionsOf = (document: DocumentNode) => {
  const fragments = new Map<string, FragmentDefinitionNode>();
  const operations: OperationDefinitionNode[] = [];
  for (const def of document.definitions) {
    if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
    else if (def.kind === Kind.OPERATION_DEFINITION) operations.push(def);
  }
  return { fragments, operations };
};

/**
 * Refuses (BAD_USER_INPUT) operations nested deeper, or holding more fields, aliases or root fields,
 * than allowed. It needs the parsed document only, not a validated one, so it runs before graphql-js's
 * validation, whose cost grows with the fields these limits cap.
 */
export function assertShapeWithinLimits(document: DocumentNode, limits: QueryLimits): void {
  const { fragments, operations } = definitionsOf(document);
  for (const operation of operations) {
    const shape = shapeOf(operation, fragments, limits.maxComplexity);
    if (shape.depth > limits.maxDepth) throw refuse(`Query is nested ${shape.depth} levels deep; the limit is ${limits.maxDepth}`);
    if (shape.aliases > MAX_ALIASES) throw refuse(`Query uses ${shape.aliases} aliases; the limit is ${MAX_ALIASES}`);
    const roots = rootFieldCount(operation, fragments);
    if (roots > MAX_ROOT_FIELDS) throw refuse(`Operation selects ${roots} top-level fields; the limit is ${MAX_ROOT_FIELDS}`);
  }
}

/**
 * What an operation of a validated document costs with these variables, by the estimators above
 * (a field without one costs 1 plus its children); undefined when execution should report the
 * operation instead (no such operation, variables that do not fit it).
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName: string | undefined | null,
): number | undefined {
  const { operations } = definitionsOf(document);
  const operation = operationName ? operations.find((op) => op.name?.value === operationName) : operations[0];
  if (!operation) return undefined;
  if (getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {}).errors) return undefined;
  try {
    return getComplexity({
      schema,
      query: document,
      variables: variables ?? {},
      ...(operationName ? { operationName } : {}),
      estimators: [typenameIsFree, fieldExtensionsEstimator(), pagedListEstimator, simpleEstimator({ defaultComplexity: 1 })],
    });
  } catch {
    // Anything the estimator cannot price is refused, never let through unpriced.
    throw refuse('Query complexity could not be computed');
  }
}

/**
 * Refuses (BAD_USER_INPUT) an operation of a validated document that costs more than allowed with
 * these variables. Every refusal is decided before execution.
 */
export function assertCostWithinLimit(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName: string | undefined | null,
  limits: QueryLimits,
): void {
  // No such operation, or variables that do not fit it: execution reports that precisely.
  const complexity = operationCost(schema, document, variables, operationName);
  if (complexity !== undefined && complexity > limits.maxComplexity)
    throw refuse(`Query complexity ${complexity} exceeds the limit of ${limits.maxComplexity}`);
}
