import type { IncomingMessage, ServerResponse } from 'node:http';
import { getOperationAST, GraphQLError, type ExecutionResult, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import type { CompiledOperations } from './compiled-operations.js';
import type { GraphqlContext } from './context.js';
import type { DocumentCache, PreparedDocument } from './documents.js';

type Document = NonNullable<PreparedDocument['document']>;

export interface GraphqlHttpOptions {
  schema: GraphQLSchema;
  documents: DocumentCache;
  /** How each operation is executed: on graphql-js, then compiled once it repeats. */
  operations: CompiledOperations;
  /** Throws a GraphQLError for an operation over the query limits. */
  checkLimits(document: Document, variables: Record<string, unknown> | undefined, operationName: string | null | undefined): void;
  /** The request's context (its viewer from the authorization header). */
  context(req: IncomingMessage): Promise<GraphqlContext>;
  /** Errors as clients see them (internals hidden). */
  formatErrors(errors: readonly GraphQLError[]): GraphQLFormattedError[];
  /** Bodies larger than this are refused with 413 before they are read to the end. */
  maxBodyBytes: number;
  /** Called once per answered request with its status (metrics). */
  answered?(status: number): void;
}

interface GraphqlRequest {
  query: string;
  variables: Record<string, unknown> | undefined;
  operationName: string | null;
}

/** A refusal before execution: its HTTP status and one error with a code. */
class RequestRefused extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code = 'BAD_REQUEST',
  ) {
    super(message);
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const utf8 = new TextDecoder('utf-8', { fatal: true });
const JSON_TYPE = /^application\/(graphql-response\+)?json\s*(;|$)/i;
/** The dashboard runs on another origin; tokens travel in a header, never in cookies, so * is safe. */
const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': 'authorization, content-type, x-request-id, graphql-require-preflight',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
};
/** The status of a request that failed before or outside execution, by its error's code. */
const statusOf = (code: unknown) => (code === 'INTERNAL_SERVER_ERROR' ? 500 : code === 'SERVICE_UNAVAILABLE' ? 503 : 400);

/**
 * GraphQL over HTTP, served lean (the send path is a hot path): POST with a JSON body, or GET for
 * queries. Documents are parsed, validated and priced once per query string (DocumentCache,
 * checkLimits — shared with graphql-ws), then executed directly, compiled to JavaScript once the
 * operation repeats (CompiledOperations); nothing else runs per request.
 * Errors keep the codes clients know: GRAPHQL_PARSE_FAILED / GRAPHQL_VALIDATION_FAILED (400),
 * BAD_USER_INPUT for variables that do not fit (400), BAD_REQUEST for a body that is not a GraphQL
 * request (4xx), everything from execution with 200.
 */
export function graphqlHttpHandler(options: GraphqlHttpOptions) {
  const respond = (res: ServerResponse, status: number, body: string, extraHeaders: Record<string, string> = {}) => {
    res.writeHead(status, {
      ...CORS,
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(body),
      ...extraHeaders,
    });
    res.end(body);
    options.answered?.(status);
  };
  const refuse = (res: ServerResponse, status: number, errors: readonly GraphQLFormattedError[], headers?: Record<string, string>) =>
    respond(res, status, JSON.stringify({ errors }), headers);

  async function run(req: IncomingMessage, res: ServerResponse, request: GraphqlRequest, method: string): Promise<void> {
    const prepared = options.documents.get(request.query);
    if (prepared.errors) return refuse(res, 400, options.formatErrors(prepared.errors));
    const { document } = prepared;
    const operation = getOperationAST(document, request.operationName);
    if (!operation) throw new RequestRefused(400, 'Unable to identify the operation to run', 'OPERATION_RESOLUTION_FAILURE');
    if (operation.operation === 'subscription') throw new RequestRefused(400, 'Subscriptions are served over graphql-ws on this path');
    // GET must not change anything (it can be sent cross-site and cached).
    if (method === 'GET' && operation.operation !== 'query') throw new RequestRefused(405, 'Mutations must be sent with POST');
    try {
      options.checkLimits(document, request.variables, request.operationName);
    } catch (error) {
      if (error instanceof GraphQLError) return refuse(res, 400, options.formatErrors([error]));
      throw error;
    }
    const contextValue = await options.context(req);
    const execute = options.operations.runner(options.schema, document, request.operationName);
    const result: ExecutionResult = await execute(undefined, contextValue, request.variables);
    // No data at all: the variables did not fit the operation (execution never started).
    if (!('data' in result) && result.errors) {
      const errors = result.errors.map((e) => new GraphQLError(e.message, { nodes: e.nodes, extensions: { code: 'BAD_USER_INPUT' } }));
      return refuse(res, 400, options.formatErrors(errors));
    }
    respond(res, 200, JSON.stringify(result.errors ? { ...result, errors: options.formatErrors(result.errors) } : result));
  }

  return (req: IncomingMessage, res: ServerResponse): void => {
    const method = req.method ?? 'GET';
    if (method === 'OPTIONS') {
      res.writeHead(204, CORS).end();
      options.answered?.(204);
      return;
    }
    const answer = (request: GraphqlRequest) => run(req, res, request, method);
    const failed = (error: unknown) => {
      if (res.headersSent) return void res.destroy();
      if (error instanceof RequestRefused) {
        const headers: Record<string, string> = error.status === 405 ? { allow: 'GET, POST, OPTIONS' } : {};
        if (error.status === 413) headers.connection = 'close';
        return refuse(res, error.status, [{ message: error.message, extensions: { code: error.code } }], headers);
      }
      const errors = options.formatErrors([new GraphQLError('Internal server error', { originalError: error as Error })]);
      refuse(res, statusOf(errors[0]?.extensions?.code), errors);
    };
    if (method === 'GET') {
      new Promise<GraphqlRequest>((resolve) => resolve(fromSearchParams(req))).then(answer).catch(failed);
    } else if (method === 'POST') {
      readBody(req, options.maxBodyBytes).then(fromBody).then(answer).catch(failed);
    } else {
      failed(new RequestRefused(405, `${method} is not supported; use POST (or GET for queries)`));
    }
  };
}

/**
 * The body as text. A JSON content type is required: a form or text/plain POST can be sent
 * cross-site without a preflight, and must not reach a mutation.
 */
function readBody(req: IncomingMessage, maxBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    if (!JSON_TYPE.test(req.headers['content-type'] ?? '')) {
      req.resume();
      reject(new RequestRefused(415, 'Send the operation as JSON (content-type: application/json)'));
      return;
    }
    const tooLarge = () => new RequestRefused(413, 'Request body is too large');
    if (Number(req.headers['content-length'] ?? 0) > maxBytes) {
      req.resume();
      reject(tooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        req.removeAllListeners('data');
        req.resume();
        reject(tooLarge());
      } else chunks.push(chunk);
    });
    req.on('end', () => {
      try {
        resolve(utf8.decode(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
      } catch {
        reject(new RequestRefused(400, 'Request body is not valid JSON in UTF-8'));
      }
    });
    req.on('error', reject);
  });
}

function fromBody(text: string): GraphqlRequest {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new RequestRefused(400, 'Request body is not valid JSON in UTF-8');
  }
  if (Array.isArray(body)) throw new RequestRefused(400, 'Batched operations are not supported; send one operation per request');
  if (!isObject(body)) throw new RequestRefused(400, 'Request body must be a JSON object with a query');
  return graphqlRequest(body.query, body.variables, body.operationName);
}

function fromSearchParams(req: IncomingMessage): GraphqlRequest {
  // Like POST's content type: a header a cross-site form cannot send forces a CORS preflight.
  if (!req.headers['graphql-require-preflight'] && !req.headers['apollo-require-preflight'] && !req.headers['x-apollo-operation-name'])
    throw new RequestRefused(400, 'GET needs a graphql-require-preflight header (a cross-site request could otherwise run it)');
  const params = new URL(req.url ?? '/', 'http://localhost').searchParams;
  let variables: unknown;
  try {
    variables = params.has('variables') ? JSON.parse(params.get('variables')!) : undefined;
  } catch {
    throw new RequestRefused(400, 'variables must be a JSON object');
  }
  return graphqlRequest(params.get('query'), variables, params.get('operationName'));
}

function graphqlRequest(query: unknown, variables: unknown, operationName: unknown): GraphqlRequest {
  if (typeof query !== 'string' || !query) throw new RequestRefused(400, 'The request has no query string');
  if (variables !== undefined && variables !== null && !isObject(variables))
    throw new RequestRefused(400, 'variables must be a JSON object');
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string')
    throw new RequestRefused(400, 'operationName must be a string');
  return { query, variables: (variables as Record<string, unknown> | null) ?? undefined, operationName: operationName || null };
}
