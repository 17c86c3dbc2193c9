// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Permission } from '@/gql/graphql';
import { expectLocked, isDisabled } from '@/test/locked';
import { renderWithApi } from '@/test/render-with-api';
import { channel, server } from './admin-test-kit';
import type { AdminServer } from './admin-types';
import { ChannelsPanel } from './channels-panel';
import type { Me } from '@/components/permissions/hierarchy';
import { MembersPanel } from './members-panel';
import { SettingsPage } from './settings-page';

afterEach(cleanup);

const noop = () => undefined;
/** A moderator (not the owner) whose highest role is at position 1. */
const moderator = (...permissions: Permission[]): Me => ({ userId: 'u5', isOwner: false, top: 1, permissions });

describe('channels panel', () => {
  const open = (me: Me, name: RegExp, at: AdminServer = server) => {
    const api = renderWithApi(<ChannelsPanel server={at} me={me} onChanged={noop} />);
    fireEvent.click(screen.getByRole('button', { name }));
    return api;
  };

  it('with Manage channels only: the overwrite grid is disabled, saying Manage roles is needed; the channel itself stays editable', () => {
    open(moderator('MANAGE_CHANNELS'), /# general/);
    const overwrites = screen.getByRole('region', { name: 'Permissions in #general' });
    expect(within(overwrites).getByText('You need Manage roles.')).toBeTruthy();
    expectLocked(within(overwrites).getByRole('radio', { name: 'Allow View channels' }), 'You need Manage roles.');
    expectLocked(within(overwrites).getByRole('button', { name: 'Save overwrites' }), 'You need Manage roles.');
    expect(isDisabled(screen.getByRole('button', { name: 'Save channel' }))).toBe(false);
    expect(isDisabled(screen.getByRole('button', { name: 'Create channel' }))).toBe(false);
    expect(isDisabled(screen.getByRole('button', { name: 'Move channel general' }))).toBe(false);
  });

  it('with Manage roles only: create, edit, delete and reorder are disabled, saying Manage channels is needed; overwrites stay editable', () => {
    open(moderator('MANAGE_ROLES'), /# general/);
    expectLocked(screen.getByRole('button', { name: 'Create channel' }), 'You need Manage channels.');
    expectLocked(screen.getByRole('textbox', { name: 'New channel name' }), 'You need Manage channels.');
    expectLocked(screen.getByRole('button', { name: 'Move channel general' }), 'You need Manage channels.');
    const editor = screen.getByRole('form', { name: 'Edit channel general' });
    expect(within(editor).getByText('You need Manage channels.')).toBeTruthy();
    expectLocked(within(editor).getByRole('button', { name: 'Save channel' }), 'You need Manage channels.');
    expectLocked(within(editor).getByRole('button', { name: 'Delete channel' }), 'You need Manage channels.');
    expect(isDisabled(screen.getByRole('radio', { name: 'Allow View channels' }))).toBe(false);
  });

  it('an overwrite for a role at or above mine is locked with the reason', () => {
    const withStaff = { ...server, roles: [...server.roles, { ...server.roles[1]!, id: 'r2', name: 'Staff', position: 2 }] };
    open(moderator('MANAGE_ROLES'), /# general/, withStaff);
    fireEvent.change(screen.getByLabelText('Overwrite for'), { target: { value: 'ROLE:r2' } });
    expectLocked(screen.getByRole('radio', { name: 'Allow View channels' }), 'Locked: this role is at or above your highest role.');
  });
});

describe('voice participants (settings)', () => {
  const voiceStates = [
    { sessionId: 's-rex', serverMute: false, serverDeaf: false, user: { id: 'u7', displayName: 'Rex', username: 'rex' } },
    { sessionId: 's-pia', serverMute: false, serverDeaf: false, user: { id: 'u8', displayName: 'Pia', username: 'pia' } },
  ];
  const rolesOf: Record<string, { id: string; position: number }[]> = { u7: [{ id: 'r2', position: 2 }], u8: [] };
  /** `inLounge`: my permissions in the voice channel (by default my server's, as without overwrites). */
  const open = (me: Me, inLounge: readonly Permission[] = me.permissions) => {
    const lounge = channel('c2', 'Lounge', 'VOICE', { voiceStates, myPermissions: [...inLounge] });
    const studio = channel('c3', 'Studio', 'VOICE', { position: 2, myPermissions: [...me.permissions] });
    const api = renderWithApi(
      <ChannelsPanel server={{ ...server, channels: [server.channels[0]!, lounge, studio] }} me={me} onChanged={noop} />,
      (op) => {
        const userId = op.variables?.userId as string | undefined;
        return userId ? { server: { id: 's1', member: { roles: rolesOf[userId] } } } : {};
      },
    );
    fireEvent.click(screen.getByRole('button', { name: /Lounge \(voice\)/ }));
    return api;
  };
  const row = (name: string) =>
    within(screen.getByRole('list', { name: 'Participants of Lounge' }))
      .getByText(name)
      .closest('li')!;

  it('on a member ranked above me every action is disabled, with the reason in view', async () => {
    const api = open(moderator('MUTE_MEMBERS', 'DEAFEN_MEMBERS', 'MOVE_MEMBERS'));
    await waitFor(() => expect(within(row('Rex')).getByText('Their highest role is at or above yours.')).toBeTruthy());
    for (const name of ['Server mute Rex', 'Server deafen Rex', 'Disconnect Rex'])
      expectLocked(within(row('Rex')).getByRole('button', { name }), 'Their highest role is at or above yours.');
    expectLocked(within(row('Rex')).getByRole('combobox', { name: 'Move Rex to' }), 'Their highest role is at or above yours.');
    // Below me: all three usable.
    await waitFor(() => expect(isDisabled(within(row('Pia')).getByRole('button', { name: 'Server mute Pia' }))).toBe(false));
    expect(isDisabled(within(row('Pia')).getByRole('button', { name: 'Disconnect Pia' }))).toBe(false);
    // Their rank comes from the member looked up by user id, not a search by name.
    expect(api.named('VoiceTargetRank').map((op) => op.variables)).toEqual(
      expect.arrayContaining([
        { serverId: 's1', userId: 'u7' },
        { serverId: 's1', userId: 'u8' },
      ]),
    );
  });

  it('a permission I lack disables its action and says which', async () => {
    open(moderator('MUTE_MEMBERS'));
    await waitFor(() => expect(within(row('Rex')).getByText('Their highest role is at or above yours.')).toBeTruthy());
    await waitFor(() => expect(isDisabled(within(row('Pia')).getByRole('button', { name: 'Server mute Pia' }))).toBe(false));
    expectLocked(within(row('Pia')).getByRole('button', { name: 'Server deafen Pia' }), 'You need Deafen members.');
    expectLocked(within(row('Pia')).getByRole('button', { name: 'Disconnect Pia' }), 'You need Move members.');
    expect(within(row('Pia')).getByText('You need Move members.')).toBeTruthy();
  });

  it("goes by my permissions in the participant's channel, as the API does", async () => {
    // Muting is mine server-wide, but the Lounge's overwrites take it away.
    open(moderator('MUTE_MEMBERS', 'MOVE_MEMBERS'), ['MOVE_MEMBERS']);
    await waitFor(() => expect(isDisabled(within(row('Pia')).getByRole('button', { name: 'Disconnect Pia' }))).toBe(false));
    expectLocked(within(row('Pia')).getByRole('button', { name: 'Server mute Pia' }), 'You need Mute members.');
  });
});

describe('members panel', () => {
  const member = (id: string, username: string, roles: { id: string; name: string; position: number }[]) => ({
    nickname: null,
    timedOutUntil: null,
    user: { id, username, displayName: username, isBot: false },
    roles,
  });
  const open = (me: Me) =>
    renderWithApi(<MembersPanel server={server} me={me} onChanged={noop} onExplain={noop} />, () => ({
      server: {
        id: 's1',
        members: [member('u1', 'olive', []), member('u5', 'mia', [{ id: 'r1', name: 'Helpers', position: 1 }]), member('u9', 'zelda', [])],
      },
    }));
  const card = async (username: string) => {
    fireEvent.click(await screen.findByText(`@${username}`));
    return screen.getByText(`@${username}`).closest('li')!;
  };

  it('a moderator sees Kick, Ban, timeouts and the nickname disabled on the owner, with the reason in view', async () => {
    open(moderator('KICK_MEMBERS', 'BAN_MEMBERS', 'MODERATE_MEMBERS'));
    const olive = await card('olive');
    expect(within(olive).getByText('The owner cannot be moderated.')).toBeTruthy();
    for (const name of ['Kick olive', 'Ban olive', 'Time out olive for 5 min', 'Set nickname of olive'])
      expectLocked(within(olive).getByRole('button', { name }), 'The owner cannot be moderated.');
    expectLocked(within(olive).getByRole('textbox', { name: 'Nickname of olive' }), 'The owner cannot be moderated.');
    // A reason serves no action there.
    expectLocked(within(olive).getByRole('textbox', { name: 'Reason (kept in the audit log)' }), 'The owner cannot be moderated.');
  });

  it('the reason field stays open while any action it serves is allowed, and names every missing one once none is', async () => {
    open(moderator('KICK_MEMBERS'));
    expect(isDisabled(within(await card('zelda')).getByRole('textbox', { name: 'Reason (kept in the audit log)' }))).toBe(false);
    cleanup();
    open(moderator('MANAGE_ROLES'));
    expectLocked(
      within(await card('zelda')).getByRole('textbox', { name: 'Reason (kept in the audit log)' }),
      'You need Time out members. You need Kick members. You need Ban members.',
    );
  });

  it('a missing permission disables only what needs it, saying which, and one may always rename oneself', async () => {
    open(moderator('KICK_MEMBERS'));
    const zelda = await card('zelda');
    expect(isDisabled(within(zelda).getByRole('button', { name: 'Kick zelda' }))).toBe(false);
    expectLocked(within(zelda).getByRole('button', { name: 'Ban zelda' }), 'You need Ban members.');
    expectLocked(within(zelda).getByRole('button', { name: 'Set nickname of zelda' }), 'You need Time out members.');
    expect(within(zelda).getByText('You need Ban members.')).toBeTruthy();
    const mia = await card('mia');
    expect(within(mia).getByText('This is you.')).toBeTruthy();
    expect(isDisabled(within(mia).getByRole('button', { name: 'Set nickname of mia' }))).toBe(false);
    expectLocked(within(mia).getByRole('button', { name: 'Kick mia' }), 'This is you.');
  });
});

describe('settings page', () => {
  it('a voice-only moderator gets the channels tab, where the voice participant lists are', async () => {
    renderWithApi(<SettingsPage serverId="s1" />, (op) =>
      op.variables && 'after' in op.variables
        ? { server: { id: 's1', members: [] } }
        : { me: { id: 'u5' }, server: { ...server, myPermissions: ['MUTE_MEMBERS', 'SEND_MESSAGES'] } },
    );
    await screen.findByRole('heading', { name: 'Garden Club — settings' });
    expect(screen.getAllByRole('tab').map((tab) => tab.textContent)).toEqual(['Channels', 'Members', 'Permissions explainer']);
  });
});
