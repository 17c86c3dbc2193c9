import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { Client, makeResult, Provider, type Operation } from 'urql';
import { filter, map, pipe, tap } from 'wonka';
import type { AdminServer } from './admin-types';
import type { Me } from './hierarchy';

// Shared by the admin component tests (never imported by the app).

/**
 * Renders `ui` against urql's own client with a last exchange that records each operation and answers from `data`.
 */
export function renderWithApi(ui: ReactNode, data: (op: Operation) => Record<string, unknown> = () => ({})) {
  const sent: Operation[] = [];
  const client = new Client({
    url: 'http://api.test/graphql',
    exchanges: [
      () => (ops$) =>
        pipe(
          ops$,
          filter((op) => op.kind !== 'teardown'),
          tap((op) => sent.push(op)),
          map((op) => makeResult(op, { data: data(op) })),
        ),
    ],
  });
  render(<Provider value={client}>{ui}</Provider>);
  const named = (name: string) => sent.filter((op) => op.query.definitions.some((d) => 'name' in d && d.name?.value === name));
  return { sent, named, mutations: () => sent.filter((op) => op.kind === 'mutation') };
}

export const owner: Me = { userId: 'u1', isOwner: true, top: 0, permissions: [] };
export const role = (id: string, name: string, position: number, isDefault = false) => ({
  id,
  name,
  color: '#99AAB5',
  position,
  isDefault,
  permissions: [],
});
export const channel = (id: string, name: string, type: 'TEXT' | 'VOICE', extra: Partial<AdminServer['channels'][number]> = {}) => ({
  id,
  name,
  type,
  position: 0,
  description: '',
  topic: null,
  bitrate: 64_000,
  isPrivate: false,
  slowmodeSeconds: 0,
  userLimit: 0,
  voiceStates: [],
  overwrites: [],
  ...extra,
});
export const server: AdminServer = {
  id: 's1',
  name: 'Garden Club',
  description: '',
  icon: null,
  isPrivate: false,
  myPermissions: [],
  owner: { id: 'u1' },
  myMember: { roles: [] },
  roles: [role('r0', '@everyone', 0, true), role('r1', 'Helpers', 1)],
  channels: [channel('c1', 'general', 'TEXT'), channel('c2', 'Lounge', 'VOICE', { position: 1 })],
};
