import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

/** One graphql-ws connection to Rashigo, for requests and subscriptions alike. */
export class GraphqlConnection {
  readonly client: Client;

  constructor(apiUrl: string, authorization: string, options: { retryAttempts?: number } = {}) {
    this.client = createClient({
      url: apiUrl.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: { authorization },
      retryAttempts: options.retryAttempts ?? 5,
      lazy: true,
    });
  }

  /** A query or mutation; throws with the server's message and code on error. */
  async request<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const result = await new Promise<{ data?: T | null; errors?: readonly { message: string; extensions?: Record<string, unknown> }[] }>(
      (resolve, reject) => {
        let value: { data?: T | null; errors?: readonly { message: string; extensions?: Record<string, unknown> }[] } | undefined;
        this.client.subscribe<T>(
          { query, variables },
          { next: (v) => (value = v as typeof value), error: reject, complete: () => resolve(value ?? {}) },
        );
      },
    );
    if (result.errors?.length) {
      const [first] = result.errors;
      throw Object.assign(new Error(first!.message), { code: first!.extensions?.code, extensions: first!.extensions });
    }
    return result.data as T;
  }

  /** A subscription as a callback stream; returns a function that ends it. */
  subscribe<T>(
    query: string,
    variables: Record<string, unknown>,
    onData: (data: T) => void,
    onError: (error: unknown) => void = () => {},
    onComplete: () => void = () => {},
  ): () => void {
    return this.client.subscribe<T>(
      { query, variables },
      {
        next: (value) => (value.errors?.length ? onError(value.errors) : onData(value.data as T)),
        error: onError,
        complete: onComplete,
      },
    );
  }

  dispose(): Promise<void> {
    return Promise.resolve(this.client.dispose());
  }
}
