import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { Client, makeErrorResult, makeResult, Provider, type Operation } from 'urql';
import { filter, map, pipe, tap } from 'wonka';

/**
 * Renders `ui` for a component test with urql's own client, whose last exchange records each
 * operation and answers it from `data` (no network); an Error answered stands for a failed request.
 */
export function renderWithApi(ui: ReactNode, data: (op: Operation) => Record<string, unknown> | Error = () => ({})) {
  const sent: Operation[] = [];
  const client = new Client({
    url: 'http://api.test/graphql',
    exchanges: [
      () => (ops$) =>
        pipe(
          ops$,
          filter((op) => op.kind !== 'teardown'),
          tap((op) => sent.push(op)),
          map((op) => {
            const answer = data(op);
            return answer instanceof Error ? makeErrorResult(op, answer) : makeResult(op, { data: answer });
          }),
        ),
    ],
  });
  render(<Provider value={client}>{ui}</Provider>);
  const named = (name: string) => sent.filter((op) => op.query.definitions.some((d) => 'name' in d && d.name?.value === name));
  return { sent, named, mutations: () => sent.filter((op) => op.kind === 'mutation') };
}
