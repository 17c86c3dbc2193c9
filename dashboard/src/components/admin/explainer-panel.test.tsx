// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { Operation } from 'urql';
import { afterEach, describe, expect, it } from 'vitest';
import type { PermissionReason } from '@/gql/graphql';
import { renderWithApi } from '@/test/render-with-api';
import { channel, server as kitServer } from './admin-test-kit';
import type { AdminMember, AdminServer } from './admin-types';
import { ExplainerPanel } from './explainer-panel';
import { SettingsPage } from './settings-page';

afterEach(cleanup);

const member = (id: string, username: string, displayName: string): AdminMember => ({
  nickname: null,
  timedOutUntil: null,
  user: { id, username, displayName, isBot: false },
  roles: [],
});
const alice = member('u2', 'alice', 'Alice');
// Not on the first page of members: only a search finds her.
const tess = member('u3', 'tess', 'Tess');

// The kit's server, with a private channel to explain.
const server: AdminServer = {
  ...kitServer,
  channels: [channel('c1', 'general', 'TEXT'), channel('c2', 'staff', 'TEXT', { isPrivate: true })],
};

/** The engine's answer, as the API gives it: in #staff nobody but Helpers sees the channel. */
function explain(variables: Record<string, unknown>) {
  const inStaff = variables.channelId === 'c2';
  const helper = variables.roleId === 'r1';
  const reason: PermissionReason = !inStaff ? 'EVERYONE_ROLE' : helper ? 'ROLE_OVERWRITE' : 'PRIVATE_CHANNEL';
  const sees = !inStaff || helper;
  return {
    explainPermissions: {
      userId: variables.userId ?? null,
      roleId: variables.roleId ?? null,
      channelId: variables.channelId ?? null,
      timedOutUntil: null,
      visibleChannelIds: helper ? ['c1', 'c2'] : ['c1'],
      decisions: [
        { permission: 'VIEW_CHANNEL', allowed: sees, reason, roleIds: helper ? ['r1'] : ['r0'] },
        { permission: 'SEND_MESSAGES', allowed: sees, reason: sees ? reason : 'NO_VIEW_CHANNEL', roleIds: sees ? ['r0'] : [] },
      ],
    },
  };
}

const name = (op: Operation) => op.query.definitions.map((d) => ('name' in d ? d.name?.value : '')).join();

function api(op: Operation) {
  if (name(op) === 'ExplainPermissions') return explain(op.variables as Record<string, unknown>);
  if (name(op) === 'AdminMembers') {
    const query = (op.variables as { query: string | null }).query;
    return { server: { id: 's1', members: query ? [alice, tess].filter((m) => m.user.username.includes(query)) : [alice] } };
  }
  return {};
}

const row = (list: HTMLElement, permission: string) => within(list).getByText(permission, { selector: '.explanation-name' }).closest('li')!;

describe('ExplainerPanel', () => {
  it('finds a member by name, and for them in a channel names each rule and previews their sidebar', async () => {
    const sent = renderWithApi(<ExplainerPanel server={server} />, api);
    // Before anyone is picked it answers for @everyone.
    await screen.findByRole('list', { name: 'Permissions of they' });
    expect(screen.getByRole('heading', { name: 'A member with only @everyone server-wide' })).toBeTruthy();

    fireEvent.change(screen.getByLabelText('Find a member by name'), { target: { value: 'tes' } });
    const picker = screen.getByLabelText('Member or role');
    await within(picker).findByRole('option', { name: 'Tess (@tess)' });
    fireEvent.change(picker, { target: { value: 'user:u3' } });
    fireEvent.change(screen.getByLabelText('Where'), { target: { value: 'c2' } });

    const list = await screen.findByRole('list', { name: 'Permissions of Tess' });
    expect(screen.getByRole('heading', { name: 'Tess in #staff' })).toBeTruthy();
    expect(row(list, 'View channels').textContent).toContain("Denied by this channel's @everyone rule: the channel is private");
    expect(row(list, 'Send messages').textContent).toContain('they cannot view this channel');
    expect(sent.named('ExplainPermissions').at(-1)!.variables).toEqual({ serverId: 's1', userId: 'u3', roleId: null, channelId: 'c2' });

    const preview = screen.getByRole('complementary', { name: 'Sidebar as Tess sees it' });
    const items = within(preview).getAllByRole('listitem');
    expect(items.map((li) => li.textContent)).toEqual(['# general', '# staff — hidden']);

    // Clearing the search keeps Tess chosen although the first page of members lacks her.
    fireEvent.change(screen.getByLabelText('Find a member by name'), { target: { value: '' } });
    await waitFor(() => expect(sent.named('AdminMembers').at(-1)!.variables).toMatchObject({ query: null }));
    expect((picker as HTMLSelectElement).value).toBe('user:u3');
    expect(screen.getByRole('heading', { name: 'Tess in #staff' })).toBeTruthy();
  });

  it('answers for a role: a member with only that role, and the channels it opens', async () => {
    renderWithApi(<ExplainerPanel server={server} />, api);
    fireEvent.change(screen.getByLabelText('Member or role'), { target: { value: 'role:r1' } });
    fireEvent.change(screen.getByLabelText('Where'), { target: { value: 'c2' } });
    await screen.findByRole('heading', { name: 'A member with only Helpers in #staff' });
    const list = screen.getByRole('list', { name: 'Permissions of they' });
    expect(row(list, 'View channels').textContent).toContain("Allowed by this channel's overwrite for “Helpers”.");
    const preview = screen.getByRole('complementary', { name: 'Sidebar as A member with only Helpers sees it' });
    expect(within(preview).queryByText(/hidden/)).toBeNull();
  });

  it('in the settings, the tab shows the explainer and the members’ loading error with a retry, never a blank', async () => {
    let membersFail = true;
    const sent = renderWithApi(<SettingsPage serverId="s1" />, (op) => {
      if (name(op) === 'AdminServer') return { me: { id: 'u9' }, server };
      if (name(op) === 'AdminMembers' && membersFail) return new Error('The members could not be loaded.');
      return api(op);
    });
    const tab = await screen.findByRole('tab', { name: 'Permissions explainer' });
    fireEvent.mouseDown(tab, { button: 0 });
    await screen.findByRole('heading', { name: 'Permission explainer' });
    await screen.findByRole('list', { name: 'Permissions of they' });
    const panel = screen.getByRole('tabpanel');
    expect(within(panel).getByRole('alert').textContent).toContain('Try again');

    membersFail = false;
    const asked = sent.named('AdminMembers').length;
    fireEvent.click(within(panel).getByRole('button', { name: 'Try again' }));
    await within(panel).findByRole('option', { name: 'Alice (@alice)' });
    expect(sent.named('AdminMembers').length).toBeGreaterThan(asked);
    expect(within(panel).queryByRole('alert')).toBeNull();
  });
});
