// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderWithApi } from '@/test/render-with-api';
import { owner, server } from './admin-test-kit';
import { BansInvitesPanel } from './bans-invites-panel';
import { ChannelsPanel } from './channels-panel';
import { MembersPanel } from './members-panel';
import { RolesPanel } from './roles-panel';

afterEach(cleanup);

// The forms' own checks: bad input is refused with the reason on the page and never sent.

const alertText = () => screen.getByRole('alert').textContent;

describe('channel form', () => {
  const open = (name: RegExp) => {
    const api = renderWithApi(<ChannelsPanel server={server} me={owner} onChanged={() => undefined} />);
    fireEvent.click(screen.getByRole('button', { name }));
    return api;
  };
  const field = (label: RegExp) => screen.getByLabelText(label);
  const save = () => fireEvent.click(screen.getByRole('button', { name: 'Save channel' }));

  it('refuses a slowmode past 6 hours or below 0, sending nothing', () => {
    const api = open(/# general/);
    for (const value of ['21601', '-1']) {
      fireEvent.change(field(/Slowmode \(seconds/), { target: { value } });
      save();
      expect(alertText()).toBe('Slowmode must be between 0 s and 6 h (21600 s).');
    }
    expect(api.mutations()).toEqual([]);
  });

  it('refuses a topic over 1024 characters, sending nothing', () => {
    const api = open(/# general/);
    fireEvent.change(field(/Topic/), { target: { value: 't'.repeat(1025) } });
    save();
    expect(alertText()).toBe('The topic can be at most 1024 characters.');
    expect(api.mutations()).toEqual([]);
  });

  it('refuses a bitrate outside 8-96 kbps, and sends a good one in bits/s with no topic', async () => {
    const api = open(/Lounge \(voice\)/);
    expect(screen.queryByLabelText(/Topic/)).toBeNull();
    for (const value of ['7', '97', '']) {
      fireEvent.change(field(/Bitrate/), { target: { value } });
      save();
      expect(alertText()).toBe('The bitrate must be between 8 and 96 kbps.');
    }
    expect(api.mutations()).toEqual([]);
    fireEvent.change(field(/Bitrate/), { target: { value: '32' } });
    save();
    await waitFor(() => expect(api.mutations()).toHaveLength(1));
    expect(api.mutations()[0]!.variables).toEqual({
      id: 'c2',
      input: { name: 'Lounge', slowmodeSeconds: 0, userLimit: 0, bitrate: 32_000, isPrivate: false },
    });
  });

  it('sends a text channel its topic and no bitrate', async () => {
    const api = open(/# general/);
    expect(screen.queryByLabelText(/Bitrate/)).toBeNull();
    fireEvent.change(field(/Topic/), { target: { value: 'Say hello' } });
    save();
    await waitFor(() => expect(api.mutations()).toHaveLength(1));
    expect(api.mutations()[0]!.variables).toMatchObject({ id: 'c1', input: { topic: 'Say hello', slowmodeSeconds: 0 } });
    expect(api.mutations()[0]!.variables?.input).not.toHaveProperty('bitrate');
  });
});

describe('role form', () => {
  it('refuses an empty role name and a colour that is not #RRGGBB, sending nothing', () => {
    const api = renderWithApi(<RolesPanel server={server} me={owner} onChanged={() => undefined} />);
    fireEvent.change(screen.getByLabelText('New role name'), { target: { value: '   ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create role' }));
    expect(alertText()).toBe('A role needs a name.');

    // The role itself, not its drag handle ("Move role Helpers").
    fireEvent.click(screen.getByRole('button', { name: (name) => name.includes('Helpers') && !name.startsWith('Move') }));
    const editor = screen.getByRole('form', { name: 'Edit role Helpers' });
    for (const color of ['red', '#abc', '#GGGGGG']) {
      fireEvent.change(within(editor).getByLabelText(/Colour/), { target: { value: color } });
      fireEvent.click(within(editor).getByRole('button', { name: 'Save role' }));
      expect(within(editor).getByRole('alert').textContent).toBe('The colour must look like #RRGGBB.');
    }
    fireEvent.change(within(editor).getByLabelText(/Colour/), { target: { value: '#123456' } });
    fireEvent.change(within(editor).getByLabelText('Name'), { target: { value: '' } });
    fireEvent.click(within(editor).getByRole('button', { name: 'Save role' }));
    expect(within(editor).getByRole('alert').textContent).toBe('A role needs a name.');
    expect(api.mutations()).toEqual([]);
  });

  it('saves "Allow anyone to @mention this role" with the role, said in one line; @everyone has no such switch', async () => {
    const api = renderWithApi(<RolesPanel server={server} me={owner} onChanged={() => undefined} />, (op) =>
      op.kind === 'mutation'
        ? {
            updateRole: {
              __typename: 'Role',
              id: 'r1',
              name: 'Helpers',
              color: '#99AAB5',
              position: 1,
              permissions: [],
              mentionable: true,
            },
          }
        : {},
    );
    fireEvent.click(screen.getByRole('button', { name: (name) => name.includes('Helpers') && !name.startsWith('Move') }));
    const editor = screen.getByRole('form', { name: 'Edit role Helpers' });
    const toggle = within(editor).getByRole('switch', { name: 'Allow anyone to @mention this role' }) as HTMLInputElement;
    expect(toggle.checked).toBe(false);
    expect(toggle.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(toggle.getAttribute('aria-describedby')!)?.textContent).toBe(
      'Anyone who can send messages can notify its members with @Helpers.',
    );
    fireEvent.click(toggle);
    expect(toggle.checked).toBe(true);
    fireEvent.click(within(editor).getByRole('button', { name: 'Save role' }));
    await waitFor(() => expect(api.mutations()).toHaveLength(1));
    expect(api.mutations()[0]!.variables).toEqual({
      roleId: 'r1',
      input: { name: 'Helpers', color: '#99AAB5', permissions: [], mentionable: true },
    });
    expect(await within(editor).findByRole('status')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: (name) => name.includes('@everyone') && !name.startsWith('Move') }));
    const everyone = screen.getByRole('form', { name: 'Edit role @everyone' });
    expect(within(everyone).queryByRole('switch')).toBeNull();
  });
});

describe('invite form', () => {
  it('refuses negative (and over 1000) max uses, sending nothing', () => {
    const api = renderWithApi(<BansInvitesPanel serverId="s1" me={owner} />, () => ({ invites: [], bans: [] }));
    for (const value of ['-1', '1001', '2.5']) {
      fireEvent.change(screen.getByLabelText(/Max uses/), { target: { value } });
      fireEvent.click(screen.getByRole('button', { name: 'Create invite' }));
      expect(alertText()).toBe('Max uses must be a whole number from 0 (unlimited) to 1000.');
    }
    expect(api.mutations()).toEqual([]);
  });

  it('says who created each invite', async () => {
    renderWithApi(<BansInvitesPanel serverId="s1" me={owner} />, () => ({
      bans: [],
      invites: [
        { code: 'abc', uses: 1, maxUses: 0, expiresAt: null, creator: { id: 'u2', username: 'mia', displayName: 'Mia' } },
        { code: 'def', uses: 0, maxUses: 5, expiresAt: null, creator: null },
      ],
    }));
    const list = await screen.findByRole('list', { name: 'Invites' });
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(2));
    const [mine, orphan] = within(list).getAllByRole('listitem');
    expect(mine!.textContent).toContain('created by Mia @mia');
    expect(orphan!.textContent).toContain("creator's account is gone");
  });
});

describe('members panel', () => {
  const member = (id: string, username: string) => ({
    nickname: null,
    timedOutUntil: null,
    user: { id, username, displayName: username, isBot: false },
    roles: [{ id: 'r1', name: 'Helpers', position: 1 }],
  });
  const panel = () =>
    renderWithApi(<MembersPanel server={server} me={owner} onChanged={() => undefined} onExplain={() => undefined} />, () => ({
      server: { id: 's1', members: [member('u9', 'zelda')] },
    }));

  it('asks the API with the search (after a pause in typing) and the role', async () => {
    const api = panel();
    await screen.findByText('zelda');
    expect(api.named('AdminMembers').at(-1)!.variables).toMatchObject({ serverId: 's1', query: null, roleId: null });
    fireEvent.change(screen.getByLabelText('Search by name'), { target: { value: 'z' } });
    fireEvent.change(screen.getByLabelText('Search by name'), { target: { value: 'zel ' } });
    await waitFor(() => expect(api.named('AdminMembers').at(-1)!.variables).toMatchObject({ query: 'zel' }));
    // One request for the pause, none for the key before it.
    expect(api.named('AdminMembers').filter((op) => op.variables?.query === 'z')).toEqual([]);
    fireEvent.change(screen.getByLabelText('Role'), { target: { value: 'r1' } });
    await waitFor(() => expect(api.named('AdminMembers').at(-1)!.variables).toMatchObject({ query: 'zel', roleId: 'r1' }));
  });

  it('refuses a timeout that would end more than 28 days from now, sending nothing', async () => {
    const api = panel();
    fireEvent.click(await screen.findByText('zelda'));
    const end = new Date(Date.now() + 29 * 24 * 3600 * 1000);
    const local = new Date(end.getTime() - end.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
    fireEvent.change(screen.getByLabelText('Custom timeout end for zelda'), { target: { value: local } });
    fireEvent.click(screen.getByRole('button', { name: 'Time out zelda until then' }));
    expect(alertText()).toBe('A timeout lasts at most 28 days.');
    expect(api.mutations()).toEqual([]);
  });
});
