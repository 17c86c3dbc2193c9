// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderWithApi } from '@/test/render-with-api';
import { owner, server } from './admin-test-kit';
import { BansInvitesPanel } from './bans-invites-panel';
import { BotsPanel } from '@/components/bots/bots-panel';
import { MembersPanel } from './members-panel';
import { RolesPanel } from './roles-panel';

afterEach(cleanup);

/** Buttons repeated down a list say what they act on; what happens in the background is said too. */
describe('invites', () => {
  const writeText = vi.fn<(text: string) => Promise<void>>();
  beforeEach(() => {
    writeText.mockReset().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
  });
  const invite = (code: string) => ({ code, uses: 0, maxUses: 0, expiresAt: null, creator: null });
  const open = () =>
    renderWithApi(<BansInvitesPanel serverId="s1" me={owner} />, () => ({ bans: [], invites: [invite('abc'), invite('def')] }));

  it('each invite names its own Copy link and Revoke buttons', async () => {
    const api = open();
    await screen.findByRole('button', { name: 'Copy link to invite abc' });
    expect(screen.getByRole('button', { name: 'Copy link to invite def' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Revoke invite def' }));
    await waitFor(() => expect(api.mutations().map((op) => op.variables)).toEqual([{ code: 'def' }]));
  });

  it('copying a link shows "Copied" and announces it', async () => {
    open();
    const copy = await screen.findByRole('button', { name: 'Copy link to invite abc' });
    fireEvent.click(copy);
    await waitFor(() => expect(copy.textContent).toBe('Copied'));
    expect(writeText).toHaveBeenCalledWith(`${window.location.origin}/invite/abc`);
    expect(screen.getByRole('status').textContent).toBe('Copied the link to invite abc.');
    expect(screen.getByRole('button', { name: 'Copy link to invite def' }).textContent).toBe('Copy link');
  });
});

describe('bots', () => {
  it('each bot names its own Regenerate token and Delete buttons', async () => {
    renderWithApi(<BotsPanel targets={[{ id: 's1', name: 'Garden Club' }]} />, () => ({
      myBots: ['Gardener', 'Weeder'].map((name) => ({ id: name, username: name.toLowerCase(), displayName: name, botServers: [] })),
    }));
    const list = await screen.findByRole('list', { name: 'Bots' });
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(2));
    for (const name of ['Gardener', 'Weeder']) {
      expect(within(list).getByRole('button', { name: `Regenerate token of ${name}` })).toBeTruthy();
      expect(within(list).getByRole('button', { name: `Delete bot ${name}` })).toBeTruthy();
    }
  });
});

describe('members', () => {
  const member = (n: number) => ({
    nickname: null,
    timedOutUntil: null,
    user: { id: `u${1000 + n}`, username: `m${n}`, displayName: `m${n}`, isBot: false },
    roles: [],
  });

  it('"Load more members" says it is loading until the next page is in', async () => {
    let release = () => undefined as void;
    const held = new Promise<void>((resolve) => (release = resolve));
    renderWithApi(<MembersPanel server={server} me={owner} onChanged={() => undefined} onExplain={() => undefined} />, (op) =>
      op.variables?.after
        ? held.then(() => ({ server: { id: 's1', members: [member(50)] } }))
        : { server: { id: 's1', members: Array.from({ length: 50 }, (_, n) => member(n)) } },
    );
    const more = await screen.findByRole('button', { name: 'Load more members' });
    expect(screen.queryByRole('status')).toBeNull();
    fireEvent.click(more);
    expect(screen.getByRole('status').textContent).toBe('Loading more members…');
    expect(more.getAttribute('aria-disabled')).toBe('true');
    release();
    await screen.findByText('@m50');
    expect(screen.queryByRole('status')).toBeNull();
  });
});

describe('roles', () => {
  it('every aria-describedby points at an element', () => {
    renderWithApi(<RolesPanel server={server} me={owner} onChanged={() => undefined} />);
    fireEvent.click(screen.getByRole('button', { name: (name) => name.includes('Helpers') && !name.startsWith('Move') }));
    for (const el of document.querySelectorAll('[aria-describedby]'))
      for (const id of el.getAttribute('aria-describedby')!.split(' ')) expect(document.getElementById(id), id).not.toBeNull();
  });
});
