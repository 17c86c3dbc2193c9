'use client';

import { useClient, type AnyVariables, type TypedDocumentNode } from 'urql';
import { serverSignal } from './server-signal';

const readAgain = serverSignal();

/**
 * What was read of a server may be out of date with no event to say what changed: our socket dropped
 * and came back, or the API lost its event bus (ServerEventsMissed). The sidebar container holds the
 * server's one serverEvents subscription and stays mounted on all its pages, so it says so here, and
 * every reader of the server (useReadAgain) reads again.
 */
export const readServerAgain = (serverId: string): void => readAgain.raise(serverId);

/** Runs `callback` on each readServerAgain(serverId). */
export const useReadAgain = (serverId: string, callback: () => void): void => readAgain.useOn(serverId, callback);

/**
 * For a query shown by a component that cannot refetch it from here: reads the same query and
 * variables from the API on each readServerAgain(serverId), and the cache hands the answer to it.
 */
export function useReadQueryAgain<Data, Variables extends AnyVariables>(
  serverId: string,
  query: TypedDocumentNode<Data, Variables>,
  variables: Variables,
): void {
  const client = useClient();
  useReadAgain(serverId, () => void client.query(query, variables, { requestPolicy: 'network-only' }).toPromise());
}
