'use client';

import { useCallback, useEffect, useState } from 'react';
import { graphql, GraphqlRequestError } from '@/lib/graphql';

export interface QueryState<T> {
  data: T | undefined;
  error: GraphqlRequestError | undefined;
  loading: boolean;
  reload: () => void;
}

/** Runs a query when mounted and whenever the query, variables or token change. `skip` holds it back. */
export function useGraphqlQuery<T>(
  query: string,
  variables: Record<string, unknown>,
  token: string | null | undefined,
  skip = false,
): QueryState<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<GraphqlRequestError>();
  const [loading, setLoading] = useState(!skip);
  const [generation, setGeneration] = useState(0);
  const variablesKey = JSON.stringify(variables);

  useEffect(() => {
    if (skip) return;
    let current = true;
    setLoading(true);
    graphql<T>(query, JSON.parse(variablesKey) as Record<string, unknown>, token)
      .then((result) => {
        if (!current) return;
        setData(result);
        setError(undefined);
      })
      .catch((err: unknown) => {
        if (!current) return;
        setError(err instanceof GraphqlRequestError ? err : new GraphqlRequestError(String(err), undefined));
      })
      .finally(() => {
        if (current) setLoading(false);
      });
    return () => {
      current = false;
    };
  }, [query, variablesKey, token, skip, generation]);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  return { data, error, loading, reload };
}
