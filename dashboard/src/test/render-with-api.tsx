import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { Client, makeErrorResult, makeResult, Provider, type Operation, type OperationResult } from 'urql';
import { filter, fromPromise, fromValue, mergeMap, pipe, tap } from 'wonka';

type Answer = Record<string, unknown> | Error;

/**
 * Renders `ui` for a component test with urql's own client, whose last exchange records each
 * operation and answers it from `data` (no network): an Error stands for a failed request, and a
 * promise holds its answer back (to see a loading state).
 */
export function renderWithApi(ui: ReactNode, data: (op: Operation) => Answer | Promise<Answer> = () => ({})) {
  const sent: Operation[] = [];
  const resultOf = (op: Operation, answer: Answer): OperationResult =>
    answer instanceof Error ? makeErrorResult(op, answer) : makeResult(op, { data: answer });
  const client = new Client({
    url: 'http://api.test/graphql',
    exchanges: [
      () => (ops$) =>
        pipe(
          ops$,
          filter((op) => op.kind !== 'teardown'),
          tap((op) => sent.push(op)),
          mergeMap((op) => {
            const answer = data(op);
            return answer instanceof Promise ? fromPromise(answer.then((a) => resultOf(op, a))) : fromValue(resultOf(op, answer));
          }),
        ),
    ],
  });
  render(<Provider value={client}>{ui}</Provider>);
  const named = (name: string) => sent.filter((op) => op.query.definitions.some((d) => 'name' in d && d.name?.value === name));
  return { sent, named, mutations: () => sent.filter((op) => op.kind === 'mutation') };
}
