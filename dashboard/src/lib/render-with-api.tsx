import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { Client, makeResult, Provider, type Operation } from 'urql';
import { filter, fromPromise, fromValue, mergeMap, pipe, tap } from 'wonka';

// For component tests (never imported by the app).

/**
 * Renders `ui` against urql's own client with a last exchange that records each operation and answers
 * from `data`.
 */
export function renderWithApi(
  ui: ReactNode,
  data: (op: Operation) => Record<string, unknown> | Promise<Record<string, unknown>> = () => ({}),
) {
  const sent: Operation[] = [];
  const client = new Client({
    url: 'http://api.test/graphql',
    exchanges: [
      () => (ops$) =>
        pipe(
          ops$,
          filter((op) => op.kind !== 'teardown'),
          tap((op) => sent.push(op)),
          mergeMap((op) => {
            // A promise holds its answer back (to see a loading state); a plain value answers at once.
            const answer = data(op);
            return answer instanceof Promise
              ? fromPromise(answer.then((d) => makeResult(op, { data: d })))
              : fromValue(makeResult(op, { data: answer }));
          }),
        ),
    ],
  });
  render(<Provider value={client}>{ui}</Provider>);
  const named = (name: string) => sent.filter((op) => op.query.definitions.some((d) => 'name' in d && d.name?.value === name));
  return { sent, named, mutations: () => sent.filter((op) => op.kind === 'mutation') };
}
