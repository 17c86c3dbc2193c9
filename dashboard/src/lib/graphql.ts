// A tiny GraphQL-over-HTTP client: one POST per operation, the session token in the Authorization header.

/** NEXT_PUBLIC_API_URL is inlined at build time; without it, the API on port 4000 of the dashboard's host. */
export function apiUrl(): string {
  const configured = process.env.NEXT_PUBLIC_API_URL;
  if (configured) return configured;
  if (typeof window === 'undefined') return 'http://localhost:4000/graphql';
  return `${window.location.protocol}//${window.location.hostname}:4000/graphql`;
}

/** A GraphQL error carried to the UI, with the API's `extensions.code` (UNAUTHENTICATED, CONFLICT, ...). */
export class GraphqlRequestError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
    this.name = 'GraphqlRequestError';
  }
}

interface GraphqlResponse<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

export async function graphql<T>(query: string, variables: Record<string, unknown> = {}, token?: string | null): Promise<T> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;

  let response: Response;
  try {
    response = await fetch(apiUrl(), { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  } catch {
    throw new GraphqlRequestError(`Cannot reach the API at ${apiUrl()}`, 'NETWORK_ERROR');
  }

  const body = (await response.json().catch(() => ({}))) as GraphqlResponse<T>;
  const first = body.errors?.[0];
  if (first) throw new GraphqlRequestError(first.message, first.extensions?.code);
  if (!response.ok || body.data == null) throw new GraphqlRequestError(`The API answered HTTP ${response.status}`, 'HTTP_ERROR');
  return body.data;
}
