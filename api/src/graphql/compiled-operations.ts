import { execute, parse, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';

/** Executes an operation's selection on a root value, as graphql-js's `execute` would. */
export type OperationRunner = (
  rootValue: unknown,
  contextValue: unknown,
  variableValues: Record<string, unknown> | null | undefined,
) => ExecutionResult | Promise<ExecutionResult>;

/** An operation's runner, and how often it ran before it was compiled. */
interface Operation {
  runs: number;
  run: OperationRunner;
}

/**
 * What every chat client runs first, a history page and its channel's events: variables, arguments,
 * lists, nested objects and a union, the paths graphql-jit's compiler walks for most operations.
 */
const COMPILER_WARM_UP = [
  `query ($c: ID!, $b: ID) { messages(channelId: $c, before: $b, limit: 50) {
    hasMoreBefore hasMoreAfter messages { id content createdAt editedAt author { id username displayName } } } }`,
  `subscription ($c: ID!) { channelEvents(channelId: $c) {
    __typename ... on MessageCreated { message { id content author { id username } } } ... on MessageDeleted { messageId } } }`,
].map((source) => parse(source));

/**
 * Operations compiled to JavaScript (graphql-jit). Push feeds execute one operation for every
 * event: a compiled execution of a message event takes about a third of graphql-js's CPU, and
 * executions are most of what a process spends per event besides its writes. Over HTTP, the
 * dashboard's 50-message history page takes about 3 ms of CPU compiled against 5–6 ms on
 * graphql-js, which builds argument maps and a resolve-info object for every field. Compiling costs
 * a few milliseconds (about a hundred executions), so an operation runs on graphql-js until it has
 * run `compileAfter` times (GRAPHQL_COMPILE_AFTER): a document used a handful of times, or sent to
 * make the server compile, costs no compile. Kept per parsed document (the document cache's, so a
 * compiled operation goes with its document); one graphql-jit cannot compile stays on graphql-js.
 */
export class CompiledOperations {
  private readonly byDocument = new WeakMap<DocumentNode, Map<string, Operation>>();
  /** Operations compiled so far. */
  compiled = 0;

  constructor(private readonly compileAfter = 100) {}

  /**
   * Compiles the warm-up documents and drops them. The first compile in a process runs graphql-jit's
   * compiler cold: a 50-message history page took about 5 ms to compile first, 1.5 ms after one
   * like it (a pinned core, Node 20), and the request that reaches GRAPHQL_COMPILE_AFTER waits for
   * its compile. Warming at start moves that cost out of every process's first compiled request.
   * Returns the documents that compiled.
   */
  warmUp(schema: GraphQLSchema): number {
    return COMPILER_WARM_UP.filter((document) => compiled(schema, document, undefined) !== null).length;
  }

  /** A process has one schema, so a document's operations are keyed by the document alone. */
  runner(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined): OperationRunner {
    let byName = this.byDocument.get(document);
    if (!byName) this.byDocument.set(document, (byName = new Map()));
    const name = operationName ?? undefined;
    let operation = byName.get(name ?? '');
    if (!operation) byName.set(name ?? '', (operation = { runs: 0, run: interpreted(schema, document, name) }));
    if (operation.runs <= this.compileAfter && ++operation.runs > this.compileAfter) {
      const run = compiled(schema, document, name);
      if (run) {
        operation.run = run;
        this.compiled += 1;
      }
    }
    return operation.run;
  }
}

function interpreted(schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined): OperationRunner {
  return (rootValue, contextValue, variableValues) => execute({ schema, document, operationName, rootValue, contextValue, variableValues });
}

/** Null when graphql-jit refuses the document or fails on it: the operation stays on graphql-js. */
function compiled(schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined): OperationRunner | null {
  let query: CompiledQuery | ExecutionResult;
  try {
    query = compileQuery(schema, document, operationName);
  } catch {
    return null;
  }
  return isCompiledQuery(query) ? (root, context, variables) => query.query(root, context, variables ?? {}) : null;
}
