// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { Provider } from 'urql';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ServerSidebarQuery } from '@/components/channels/channels.operations';
import { cachedApi } from '@/test/cached-api';
import { MessageContent } from './message-content';
import { parseMarkup } from './message-markup';
import { mentionableRoles, ServerRolesProvider, serverRoles, useServerRoles, type MentionRole } from './server-roles';

const role = (id: string, name: string, position: number, mentionable = false): MentionRole & { __typename: 'Role' } => ({
  __typename: 'Role',
  id,
  name,
  color: '#E67E22',
  position,
  isDefault: position === 0,
  mentionable,
});

function Mine() {
  return <p aria-label="mine">{[...useServerRoles().mine].join(',')}</p>;
}

describe('ServerRolesProvider', () => {
  afterEach(cleanup);

  it('gives the chat the server’s roles and the reader’s, from the sidebar’s query, following a deleted role', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    let roles = [role('10', '@everyone', 0), role('11', 'Raid Team', 1, true)];
    const server = () => ({
      __typename: 'Server',
      id: '1',
      name: 'Book Club',
      description: '',
      memberCount: 2,
      myPermissions: [],
      owner: { __typename: 'User', id: '7' },
      myMember: { __typename: 'Member', timedOutUntil: null, user: { __typename: 'User', id: '7' }, roles: roles.slice(1) },
      roles,
      channels: [],
    });
    const { client, sent } = cachedApi(() => ({ server: server() }), []);
    await client.query(ServerSidebarQuery, { serverId: '1' }).toPromise();
    const before = sent.length;
    render(
      <Provider value={client}>
        <ServerRolesProvider serverId="1">
          <MessageContent nodes={parseMarkup('<@&11> meet at 8')} />
          <Mine />
        </ServerRolesProvider>
      </Provider>,
    );
    expect(screen.getByText('@Raid Team').className).toBe('mention role-mention coloured');
    expect(screen.getByLabelText('mine').textContent).toBe('11');
    // Never a request of its own.
    expect(sent.length).toBe(before);

    // The sidebar reads the server again after RoleDeleted.
    roles = roles.slice(0, 1);
    await act(() => client.query(ServerSidebarQuery, { serverId: '1' }, { requestPolicy: 'network-only' }).toPromise());
    expect(screen.getByText('@deleted-role').className).toBe('mention role-mention deleted');
    expect(screen.getByLabelText('mine').textContent).toBe('');
    warn.mockRestore();
  });

  it('without the sidebar’s answer, knows no role', () => {
    const { client } = cachedApi(() => null, []);
    render(
      <Provider value={client}>
        <ServerRolesProvider serverId="1">
          <MessageContent nodes={parseMarkup('<@&11>')} />
        </ServerRolesProvider>
      </Provider>,
    );
    expect(screen.getByText('@deleted-role')).toBeTruthy();
  });
});

describe('mentionableRoles', () => {
  it('offers the mentionable roles, or with MENTION_EVERYONE every role, never @everyone’s, highest first', () => {
    const roles = serverRoles(
      [role('10', '@everyone', 0), role('11', 'Low', 1, true), role('12', 'Staff', 3), role('13', 'High', 2, true)],
      [],
    );
    expect(mentionableRoles(roles, false).map((r) => r.name)).toEqual(['High', 'Low']);
    expect(mentionableRoles(roles, true).map((r) => r.name)).toEqual(['Staff', 'High', 'Low']);
  });
});
