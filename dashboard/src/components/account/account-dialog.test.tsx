// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { GraphQLError } from 'graphql';
import { Provider, useQuery, type Operation } from 'urql';
import { afterEach, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { UserPanel } from '@/components/app/user-panel';
import { ShellQuery } from '@/components/servers/servers.operations';
import { cachedApi, operationName } from '@/test/cached-api';
import { description } from '@/test/locked';
import { passwordRefusal } from './password-form';
import { scaleAvatar } from './scale-avatar';

vi.mock('next/navigation', () => ({ useRouter: () => ({ push: vi.fn(), replace: vi.fn() }) }));
vi.mock('@/components/session/api-provider', () => ({ useSession: () => ({ setToken: vi.fn() }) }));
// jsdom has no canvas: each test says what scaling the picked image gives.
vi.mock('./scale-avatar', () => ({ scaleAvatar: vi.fn() }));

const ME = { __typename: 'User', id: 'u1', username: 'bea', displayName: 'Bea', avatarUrl: null as string | null, presence: 'ONLINE' };

/** The API's refusal of a mutation, as formatError shapes it. */
const refusal = (code: string, message: string, extensions: Record<string, unknown> = {}) =>
  new GraphQLError(message, { extensions: { code, ...extensions } });

type Mutations = Partial<
  Record<
    'UpdateProfile' | 'ChangePassword' | 'SetAvatar' | 'MySessions' | 'EndSession' | 'EndOtherSessions',
    // null: never answered, so the request stays on its way.
    (variables: Record<string, unknown>) => Record<string, unknown> | Error | null
  >
>;

function Shell() {
  const [{ data }] = useQuery({ query: ShellQuery });
  return data?.me ? <UserPanel user={data.me} /> : null;
}

/** The user panel over the app's cache, as the shell shows it; `mutations` (and MySessions) answer for the API. */
async function renderPanel(mutations: Mutations = {}, me = ME) {
  const api = cachedApi((op: Operation) => {
    const name = operationName(op) as keyof Mutations | 'Shell';
    if (name === 'Shell') return { me, myServers: [] };
    return mutations[name]?.(op.variables as Record<string, unknown>) ?? null;
  }, []);
  render(
    <Provider value={api.client}>
      <Shell />
    </Provider>,
  );
  await screen.findByRole('button', { name: /^Status: Online/ });
  const sent = (name: keyof Mutations) => api.sent.filter((op) => operationName(op) === name).map((op) => op.variables);
  return { sent };
}

/** Hidden from the accessibility tree while the modal dialog is open, and read through it. */
const userButton = () => screen.getByRole('button', { name: /^Status: Online/, hidden: true });

async function openAccount() {
  fireEvent.keyDown(userButton(), { key: 'Enter' });
  const menu = await screen.findByRole('menu');
  fireEvent.click(within(menu).getByRole('menuitem', { name: 'My account' }));
  return screen.findByRole('dialog', { name: 'My account' });
}

const field = (name: string) => screen.getByLabelText(name, { selector: 'input' }) as HTMLInputElement;
const type = (name: string, value: string) => fireEvent.change(field(name), { target: { value } });
/** What a form says in its polite status line. */
const statusOf = (form: string) => within(screen.getByRole('form', { name: form })).getByRole('status').textContent;
const submit = (button: string) => act(async () => fireEvent.click(screen.getByRole('button', { name: button })));

async function fillPasswords(current: string, next: string, confirm = next) {
  type('Current password', current);
  type('New password', next);
  type('Confirm new password', confirm);
  await submit('Change password');
}

describe('My account', () => {
  beforeAll(() => {
    // Radix menus measure themselves; jsdom has no ResizeObserver.
    globalThis.ResizeObserver ??= class {
      observe() {}
      unobserve() {}
      disconnect() {}
    };
  });
  afterEach(cleanup);

  it('opens from the user menu, above My bots, with the username and the display name; Escape closes it', async () => {
    await renderPanel();
    expect(userButton().getAttribute('aria-label')).toBe('Status: Online. Change status, or open My account or My bots');
    fireEvent.keyDown(userButton(), { key: 'Enter' });
    const items = within(await screen.findByRole('menu'))
      .getAllByRole('menuitem')
      .map((item) => item.textContent);
    expect(items).toEqual(['My account', 'My bots']);
    fireEvent.keyDown(screen.getByRole('menu'), { key: 'Escape' });

    const dialog = await openAccount();
    expect(within(dialog).getByText('@bea')).toBeTruthy();
    expect(field('Display name').value).toBe('Bea');
    await waitFor(() => expect(document.activeElement).toBe(field('Display name')));
    expect(field('Current password').autocomplete).toBe('current-password');
    expect([field('New password').autocomplete, field('Confirm new password').autocomplete]).toEqual(['new-password', 'new-password']);
    fireEvent.keyDown(dialog, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    // Back on the button that opened the menu: the menu item it came from is gone.
    expect(document.activeElement).toBe(userButton());

    fireEvent.click(within(await openAccount()).getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('saves a changed display name: updateProfile gets it, the panel shows it at once and the dialog says so', async () => {
    const { sent } = await renderPanel({
      UpdateProfile: ({ displayName }) => ({ updateProfile: { __typename: 'User', id: 'u1', displayName } }),
    });
    await openAccount();
    const save = () => screen.getByRole('button', { name: 'Save' }) as HTMLButtonElement;
    expect(save().disabled).toBe(true);
    type('Display name', '   ');
    expect(save().disabled).toBe(true);
    expect(description(field('Display name'))).toBe('Enter a display name.');

    type('Display name', '  Bea Green ');
    expect(save().disabled).toBe(false);
    await submit('Save');
    expect(sent('UpdateProfile')).toEqual([{ displayName: 'Bea Green' }]);
    expect(statusOf('Display name')).toBe('Display name saved.');
    expect(userButton().textContent).toContain('Bea Green');
    expect(field('Display name').value).toBe('Bea Green');
    expect(save().disabled).toBe(true);
  });

  it('shows the API’s refusal of a display name under the field', async () => {
    await renderPanel({ UpdateProfile: () => refusal('BAD_USER_INPUT', 'displayName: must be 1-64 characters', { field: 'displayName' }) });
    await openAccount();
    type('Display name', 'Bea\u200b');
    await submit('Save');
    const input = field('Display name');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(description(input)).toBe('Your display name must be 1-64 characters.');
    expect(statusOf('Display name')).toBe('');
    expect(userButton().textContent).toContain('Bea');
  });

  it('checks the new password before sending: too short, or not confirmed, sends nothing', async () => {
    const { sent } = await renderPanel({ ChangePassword: () => ({ changePassword: true }) });
    await openAccount();
    await fillPasswords('old password', 'short');
    expect(field('New password').getAttribute('aria-invalid')).toBe('true');
    expect(description(field('New password'))).toBe('Your new password must be 8 to 256 characters.');
    expect(document.activeElement).toBe(field('New password'));

    await fillPasswords('old password', 'long enough now', 'long enough n0w');
    expect(field('New password').getAttribute('aria-invalid')).toBeNull();
    expect(description(field('New password'))).toBe('8 to 256 characters.');
    expect(description(field('Confirm new password'))).toBe('The new passwords do not match.');
    expect(document.activeElement).toBe(field('Confirm new password'));
    expect(sent('ChangePassword')).toEqual([]);
  });

  it('shows a wrong current password on that field, and keeps what was typed', async () => {
    const { sent } = await renderPanel({
      ChangePassword: () => refusal('BAD_USER_INPUT', 'currentPassword: is not your current password', { field: 'currentPassword' }),
    });
    await openAccount();
    await fillPasswords('not my password', 'a new password');
    expect(sent('ChangePassword')).toEqual([{ currentPassword: 'not my password', newPassword: 'a new password' }]);
    const current = field('Current password');
    expect(current.getAttribute('aria-invalid')).toBe('true');
    expect(description(current)).toBe('That is not your current password.');
    expect(document.activeElement).toBe(current);
    expect(field('New password').value).toBe('a new password');
    expect(statusOf('Change password')).toBe('');
  });

  it('changes the password: the fields are cleared and the dialog says the other sessions were signed out', async () => {
    const { sent } = await renderPanel({ ChangePassword: () => ({ changePassword: true }) });
    await openAccount();
    await fillPasswords('correct horse battery', 'a new password');
    expect(sent('ChangePassword')).toEqual([{ currentPassword: 'correct horse battery', newPassword: 'a new password' }]);
    expect(['Current password', 'New password', 'Confirm new password'].map((name) => field(name).value)).toEqual(['', '', '']);
    expect(statusOf('Change password')).toBe('Password changed. Your other sessions were signed out.');
  });

  it('says how long to wait when throttled, and to try again on any other failure', async () => {
    await renderPanel({ ChangePassword: () => refusal('RATE_LIMITED', 'Too many attempts', { retryAfterMs: 41_200 }) });
    await openAccount();
    await fillPasswords('correct horse battery', 'a new password');
    expect(screen.getByRole('alert').textContent).toBe('Too many attempts: try again in 42 s.');
    expect(field('Current password').getAttribute('aria-invalid')).toBeNull();
    expect(passwordRefusal({ code: 'NETWORK_ERROR', message: 'Cannot reach the server.' }).message).toBe(
      'Your password was not changed. Try again.',
    );
  });

  describe('where you’re signed in', () => {
    const FIREFOX_LINUX = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0';
    const SAFARI_IPHONE =
      'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';
    const CHROME_WINDOWS =
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
    const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
    const session = (id: string, client: string | null, current: boolean, activeMinutesAgo: number) => ({
      __typename: 'AccountSession',
      id,
      client,
      current,
      createdAt: ago(40 * 24 * 60),
      lastActiveAt: ago(activeMinutesAgo),
    });
    // As the API orders them, most recently active first: the phone was used after this browser.
    const SESSIONS = [
      session('s2', SAFARI_IPHONE, false, 0),
      session('s1', FIREFOX_LINUX, true, 1),
      session('s3', CHROME_WINDOWS, false, 5),
      session('s4', null, false, 3 * 60),
    ];
    const mySessions =
      (sessions: unknown[] = SESSIONS) =>
      () => ({ mySessions: sessions });
    const section = () => screen.getByRole('region', { name: 'Where you’re signed in' });
    const rows = () => within(section()).queryAllByRole('listitem');
    const labels = () => rows().map((row) => row.querySelector('.session-client')?.textContent);
    const sessionsStatus = () => within(section()).getByRole('status').textContent;
    const click = (button: HTMLElement) => act(async () => fireEvent.click(button));

    it('lists this device first and marked, then the others with when they were last used and a Sign out each', async () => {
      await renderPanel({ MySessions: mySessions() });
      await openAccount();
      await waitFor(() => expect(labels()).toEqual(['Firefox on Linux', 'Safari on iPhone', 'Chrome on Windows', 'Unknown client']));
      const [mine, phone, windows, unknown] = rows();
      expect(within(mine!).getByText('This device').className).toContain('badge');
      expect(within(mine!).queryByRole('button')).toBeNull();
      expect(mine!.querySelector('.session-client')?.getAttribute('title')).toBe(FIREFOX_LINUX);
      expect(phone!.textContent).toContain('Active now · Signed in ');
      expect(windows!.textContent).toContain('Active 5 minutes ago');
      expect(unknown!.textContent).toContain('Active 3 hours ago');
      expect(unknown!.querySelector('.session-client')?.hasAttribute('title')).toBe(false);
      const times = [...windows!.querySelectorAll('time')].map((time) => time.dateTime);
      expect(times).toEqual([SESSIONS[2]!.lastActiveAt, SESSIONS[2]!.createdAt]);
      const signOut = within(windows!).getByRole('button', { name: 'Sign out Chrome on Windows' });
      expect(description(signOut)).toMatch(/^Active 5 minutes ago · Signed in /);
      expect(within(section()).getByRole('button', { name: 'Sign out all other sessions' })).toBeTruthy();
    });

    it('Sign out on a row ends that session: endSession gets its id, the row goes and the dialog says so', async () => {
      const { sent } = await renderPanel({ MySessions: mySessions(), EndSession: () => ({ endSession: true }) });
      await openAccount();
      const signOut = await within(section()).findByRole('button', { name: 'Sign out Chrome on Windows' });
      const asked = sent('MySessions').length;
      await click(signOut);
      expect(sent('EndSession')).toEqual([{ id: 's3' }]);
      expect(labels()).toEqual(['Firefox on Linux', 'Safari on iPhone', 'Unknown client']);
      expect(sessionsStatus()).toBe('Signed out Chrome on Windows.');
      // The cache takes it out of the list: no need to ask for the list again.
      expect(sent('MySessions')).toHaveLength(asked);
    });

    it('moves focus on from a signed-out row: to the next row’s Sign out, the one before for the last row, then the heading', async () => {
      await renderPanel({ MySessions: mySessions(), EndSession: () => ({ endSession: true }) });
      await openAccount();
      const signOut = (label: string) => within(section()).getByRole('button', { name: `Sign out ${label}` });
      /** Signs that row out from its focused Sign out, as a keyboard would. */
      const signOutFocused = async (label: string) => {
        signOut(label).focus();
        await click(signOut(label));
      };
      await within(section()).findByRole('button', { name: 'Sign out Chrome on Windows' });

      await signOutFocused('Chrome on Windows');
      expect(document.activeElement).toBe(signOut('Unknown client'));
      await signOutFocused('Unknown client');
      expect(document.activeElement).toBe(signOut('Safari on iPhone'));
      await signOutFocused('Safari on iPhone');
      expect(labels()).toEqual(['Firefox on Linux']);
      expect(document.activeElement).toBe(within(section()).getByRole('heading', { name: 'Where you’re signed in' }));
    });

    it('leaves focus alone when the member has moved on from the list before the sign-out ends', async () => {
      await renderPanel({ MySessions: mySessions(), EndSession: () => ({ endSession: true }) });
      await openAccount();
      const signOut = await within(section()).findByRole('button', { name: 'Sign out Chrome on Windows' });
      field('Display name').focus();
      await click(signOut);
      expect(labels()).toHaveLength(3);
      expect(document.activeElement).toBe(field('Display name'));
    });

    it('keeps focus on a Sign out while it is sent: marked unavailable, not disabled, and a second press sends nothing', async () => {
      // Never answered: the sign-out stays on its way.
      const { sent } = await renderPanel({ MySessions: mySessions(), EndSession: () => null });
      await openAccount();
      const signOut = await within(section()).findByRole('button', { name: 'Sign out Chrome on Windows' });
      signOut.focus();
      await click(signOut);
      expect(signOut.textContent).toBe('Signing out…');
      expect(signOut.getAttribute('aria-disabled')).toBe('true');
      expect((signOut as HTMLButtonElement).disabled).toBe(false);
      expect(document.activeElement).toBe(signOut);
      await click(signOut);
      expect(sent('EndSession')).toEqual([{ id: 's3' }]);
    });

    it('a refused sign-out leaves the focus on its Sign out, the row in the list and says to try again', async () => {
      await renderPanel({ MySessions: mySessions(), EndSession: () => refusal('INTERNAL_SERVER_ERROR', 'Unexpected error.') });
      await openAccount();
      const signOut = await within(section()).findByRole('button', { name: 'Sign out Chrome on Windows' });
      signOut.focus();
      await click(signOut);
      expect(within(section()).getByRole('alert').textContent).toBe('That session was not signed out. Try again.');
      expect(labels()).toHaveLength(4);
      expect(signOut.getAttribute('aria-disabled')).toBe('false');
      expect(document.activeElement).toBe(signOut);
    });

    it('says again how long ago each session was active while the dialog stays open', async () => {
      // Intervals and the clock only: the queries and Radix keep their real timeouts.
      vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
      onTestFinished(() => void vi.useRealTimers());
      vi.setSystemTime(new Date(2026, 11, 10, 15, 30));
      // The phone signed in a quarter of an hour ago, and was used just now.
      const justNow = [session('s1', FIREFOX_LINUX, true, 0), { ...session('s2', SAFARI_IPHONE, false, 0), createdAt: ago(15) }];
      await renderPanel({ MySessions: mySessions(justNow) });
      await openAccount();
      await waitFor(() => expect(labels()).toHaveLength(2));
      const phone = () => rows()[1]!.textContent;
      expect(phone()).toMatch(/^Safari on iPhoneActive now · Signed in today at /);
      act(() => vi.advanceTimersByTime(90_000));
      expect(phone()).toContain('Active now');
      act(() => vi.advanceTimersByTime(30_000));
      expect(phone()).toContain('Active 2 minutes ago');
      act(() => vi.advanceTimersByTime(60 * 60_000));
      expect(phone()).toContain('Active 1 hour ago');
    });

    it('a session that had already ended: the dialog says so and asks for the list again', async () => {
      let listed = SESSIONS;
      const { sent } = await renderPanel({
        MySessions: () => ({ mySessions: listed }),
        EndSession: () => refusal('NOT_FOUND', 'Session not found'),
      });
      await openAccount();
      const signOut = await within(section()).findByRole('button', { name: 'Sign out Unknown client' });
      const asked = sent('MySessions').length;
      listed = SESSIONS.slice(0, 3);
      await click(signOut);
      expect(within(section()).getByRole('alert').textContent).toBe('That session had already ended.');
      expect(sent('MySessions')).toHaveLength(asked + 1);
      await waitFor(() => expect(labels()).toEqual(['Firefox on Linux', 'Safari on iPhone', 'Chrome on Windows']));
      expect(sessionsStatus()).toBe('');
    });

    it('Sign out all other sessions asks first; confirmed, endOtherSessions leaves this device alone in the list', async () => {
      const { sent } = await renderPanel({ MySessions: mySessions(), EndOtherSessions: () => ({ endOtherSessions: 3 }) });
      await openAccount();
      const signOutAll = await within(section()).findByRole('button', { name: 'Sign out all other sessions' });
      await click(signOutAll);
      const confirm = await screen.findByRole('alertdialog', { name: 'Sign out 3 other sessions?' });
      await click(within(confirm).getByRole('button', { name: 'Cancel' }));
      await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
      expect(sent('EndOtherSessions')).toEqual([]);

      await click(signOutAll);
      await click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Sign out' }));
      expect(sent('EndOtherSessions')).toHaveLength(1);
      await waitFor(() => expect(labels()).toEqual(['Firefox on Linux']));
      expect(sessionsStatus()).toBe('Signed out 3 other sessions.');
      expect(within(section()).queryByRole('button', { name: 'Sign out all other sessions' })).toBeNull();
      // Its button is gone with them: focus goes to the section's heading, not back to the dialog.
      await waitFor(() => expect(document.activeElement).toBe(within(section()).getByRole('heading', { name: 'Where you’re signed in' })));
    });

    it('says when signing the others out failed, and keeps the list', async () => {
      await renderPanel({ MySessions: mySessions(), EndOtherSessions: () => new Error('offline') });
      await openAccount();
      await click(await within(section()).findByRole('button', { name: 'Sign out all other sessions' }));
      await click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Sign out' }));
      expect(within(section()).getByRole('alert').textContent).toBe('Cannot reach the server. Check your connection and try again.');
      expect(labels()).toHaveLength(4);
    });

    it('while the others are being signed out, their button keeps the focus it gets back and does not ask again', async () => {
      const { sent } = await renderPanel({ MySessions: mySessions(), EndOtherSessions: () => null });
      await openAccount();
      await click(await within(section()).findByRole('button', { name: 'Sign out all other sessions' }));
      await click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Sign out' }));
      const pending = within(section()).getByRole('button', { name: 'Signing out…' });
      expect(pending.getAttribute('aria-disabled')).toBe('true');
      expect((pending as HTMLButtonElement).disabled).toBe(false);
      await waitFor(() => expect(document.activeElement).toBe(pending));
      await click(pending);
      expect(screen.queryByRole('alertdialog')).toBeNull();
      expect(sent('EndOtherSessions')).toHaveLength(1);
    });

    it('a new password takes the other sessions out of the list, as the API ended them', async () => {
      await renderPanel({ MySessions: mySessions(), ChangePassword: () => ({ changePassword: true }) });
      await openAccount();
      await waitFor(() => expect(labels()).toHaveLength(4));
      await fillPasswords('correct horse battery', 'a new password');
      expect(labels()).toEqual(['Firefox on Linux']);
    });

    it('says when the list could not be loaded, and Try again asks for it again', async () => {
      let answer: Record<string, unknown> | Error = new Error('offline');
      const { sent } = await renderPanel({ MySessions: () => answer });
      await openAccount();
      expect(await within(section()).findByRole('alert')).toHaveProperty('textContent', 'Your sessions could not be loaded.');
      const asked = sent('MySessions').length;
      answer = { mySessions: SESSIONS.slice(0, 2) };
      await click(within(section()).getByRole('button', { name: 'Try again' }));
      await waitFor(() => expect(labels()).toEqual(['Firefox on Linux', 'Safari on iPhone']));
      expect(sent('MySessions').length).toBeGreaterThan(asked);
      expect(within(section()).queryByRole('alert')).toBeNull();
    });

    it('shows Loading… while the list is on its way', async () => {
      await renderPanel();
      await openAccount();
      expect(within(section()).getByText('Loading…')).toBeTruthy();
      expect(rows()).toEqual([]);
    });
  });

  describe('avatar', () => {
    const PICTURED = { ...ME, avatarUrl: '/avatars/u1/0123abcd' };
    const SCALED = 'data:image/webp;base64,UklGRg==';
    const setAvatar = ({ image }: Record<string, unknown>) => ({
      setAvatar: { __typename: 'User', id: 'u1', avatarUrl: image ? '/avatars/u1/4567cdef' : null },
    });
    const upload = () => screen.getByLabelText('Upload image') as HTMLInputElement;
    const pick = (file = new File(['picture'], 'me.png', { type: 'image/png' })) =>
      act(async () => fireEvent.change(upload(), { target: { files: [file] } }));
    const panelAvatar = () => userButton().querySelector('.avatar');

    it('sends the picked image as scaled, and the panel shows the new avatar at once', async () => {
      vi.mocked(scaleAvatar).mockResolvedValue(SCALED);
      const { sent } = await renderPanel({ SetAvatar: setAvatar });
      expect(panelAvatar()?.textContent).toBe('B');
      const dialog = await openAccount();
      expect(upload().type).toBe('file');
      expect(upload().accept).toBe('image/png,image/jpeg,image/gif,image/webp');
      expect(within(dialog).queryByRole('button', { name: 'Remove' })).toBeNull();
      const file = new File(['picture'], 'me.png', { type: 'image/png' });
      await pick(file);
      expect(scaleAvatar).toHaveBeenCalledWith(file);
      expect(sent('SetAvatar')).toEqual([{ image: SCALED }]);
      expect(within(dialog).getByText('Avatar updated.').getAttribute('role')).toBe('status');
      expect(panelAvatar()?.getAttribute('src')).toBe('http://localhost:4000/avatars/u1/4567cdef');
      expect(within(dialog).getByRole('button', { name: 'Remove' })).toBeTruthy();
    });

    it('Remove sends null: the initials come back and the dialog says so', async () => {
      const { sent } = await renderPanel({ SetAvatar: setAvatar }, PICTURED);
      expect(panelAvatar()?.getAttribute('src')).toBe('http://localhost:4000/avatars/u1/0123abcd');
      const dialog = await openAccount();
      await act(async () => fireEvent.click(within(dialog).getByRole('button', { name: 'Remove' })));
      expect(sent('SetAvatar')).toEqual([{ image: null }]);
      expect(within(dialog).getByText('Avatar removed.').getAttribute('role')).toBe('status');
      expect(panelAvatar()?.textContent).toBe('B');
      expect(within(dialog).queryByRole('button', { name: 'Remove' })).toBeNull();
    });

    it('shows the API’s refusal of the image beside the upload button; the avatar stays', async () => {
      vi.mocked(scaleAvatar).mockResolvedValue(SCALED);
      await renderPanel(
        { SetAvatar: () => refusal('BAD_USER_INPUT', 'image: must be a PNG, JPEG, GIF or WebP image', { field: 'image' }) },
        PICTURED,
      );
      await openAccount();
      await pick();
      expect(upload().getAttribute('aria-invalid')).toBe('true');
      expect(description(upload())).toBe('Your image must be a PNG, JPEG, GIF or WebP image.');
      expect(screen.getByRole('alert').textContent).toBe('Your image must be a PNG, JPEG, GIF or WebP image.');
      expect(panelAvatar()?.getAttribute('src')).toBe('http://localhost:4000/avatars/u1/0123abcd');
    });

    it('refuses without a request an image still over 192 KiB once scaled, or one the browser cannot read', async () => {
      // 192 KiB and one byte, decoded.
      vi.mocked(scaleAvatar).mockResolvedValue(`data:image/png;base64,${'A'.repeat(262_148)}`);
      const { sent } = await renderPanel({ SetAvatar: setAvatar });
      await openAccount();
      await pick();
      expect(description(upload())).toBe('This image is still over 192 KiB at 256×256. Pick a simpler one.');
      vi.mocked(scaleAvatar).mockResolvedValue(undefined);
      await pick(new File(['not a picture'], 'notes.png', { type: 'image/png' }));
      expect(description(upload())).toBe('That file is not an image this browser can read. Pick a PNG, JPEG, GIF or WebP image.');
      expect(sent('SetAvatar')).toEqual([]);
      // Exactly 192 KiB goes.
      vi.mocked(scaleAvatar).mockResolvedValue(`data:image/png;base64,${'A'.repeat(262_144)}`);
      await pick();
      expect(sent('SetAvatar')).toHaveLength(1);
      expect(upload().getAttribute('aria-invalid')).toBeNull();
    });
  });
});
