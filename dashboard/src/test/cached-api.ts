import { cacheExchange } from '@urql/exchange-graphcache';
import { GraphQLError, type OperationDefinitionNode } from 'graphql';
import { Client, makeErrorResult, makeResult, type Operation, type OperationResult } from 'urql';
import { filter, fromValue, makeSubject, map, mergeMap, never, pipe, type Source } from 'wonka';
import { cacheKeys, cacheUpdates } from '@/lib/cache-config';

export interface CachedApi {
  /** urql's client behind the app's normalised cache (its keys and updaters), as the app runs it. */
  client: Client;
  /** Every operation that reached the API, in order. */
  sent: Operation[];
  /** An event for the live subscriptions named in `streams`, as their root field's value. */
  push(event: Record<string, unknown>): void;
}

/** An operation's name, e.g. "ChannelHistory". */
export const operationName = (op: Operation): string | undefined =>
  op.query.definitions.map((d) => ('name' in d ? d.name?.value : undefined)).find(Boolean);

const rootField = (op: Operation): string => {
  const definition = op.query.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')!;
  const [field] = definition.selectionSet.selections;
  return field && 'name' in field ? field.name.value : '';
};

/**
 * The app's cache in front of a stand-in API for component and cache tests (no network): `answer`
 * gives each query's data (null: never answered, so a read shows what the cache holds; a GraphQLError:
 * the API refused it, its code in the extensions; another Error: the request failed, as when the
 * network is gone); the subscriptions named in `streams` get what the test pushes, any other stays silent.
 */
export function cachedApi(answer: (op: Operation) => Record<string, unknown> | Error | null, streams: readonly string[]): CachedApi {
  const sent: Operation[] = [];
  const events = makeSubject<Record<string, unknown>>();
  const client = new Client({
    url: 'http://api.test/graphql',
    exchanges: [
      cacheExchange({ keys: cacheKeys, updates: cacheUpdates }),
      () => (ops$) =>
        pipe(
          ops$,
          filter((op) => op.kind !== 'teardown'),
          mergeMap((op): Source<OperationResult> => {
            sent.push(op);
            if (op.kind === 'subscription') {
              if (!streams.includes(operationName(op) ?? '')) return never;
              const field = rootField(op);
              return pipe(
                events.source,
                map((event) => makeResult(op, { data: { [field]: event } })),
              );
            }
            const data = answer(op);
            if (data instanceof GraphQLError) return fromValue(makeResult(op, { data: null, errors: [data] }));
            if (data instanceof Error) return fromValue(makeErrorResult(op, data));
            return data ? fromValue(makeResult(op, { data })) : never;
          }),
        ),
    ],
  });
  return { client, sent, push: (event) => events.next(event) };
}
