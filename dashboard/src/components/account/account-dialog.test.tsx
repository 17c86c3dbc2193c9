// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { GraphQLError } from 'graphql';
import { Provider, useQuery, type Operation } from 'urql';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { UserPanel } from '@/components/app/user-panel';
import { ShellQuery } from '@/components/servers/servers.operations';
import { cachedApi, operationName } from '@/test/cached-api';
import { description } from '@/test/locked';
import { passwordRefusal } from './password-form';

vi.mock('next/navigation', () => ({ useRouter: () => ({ push: vi.fn(), replace: vi.fn() }) }));
vi.mock('@/components/session/api-provider', () => ({ useSession: () => ({ setToken: vi.fn() }) }));

const ME = { __typename: 'User', id: 'u1', username: 'bea', displayName: 'Bea', presence: 'ONLINE' };

/** The API's refusal of a mutation, as formatError shapes it. */
const refusal = (code: string, message: string, extensions: Record<string, unknown> = {}) =>
  new GraphQLError(message, { extensions: { code, ...extensions } });

type Mutations = Partial<
  Record<'UpdateProfile' | 'ChangePassword', (variables: Record<string, unknown>) => Record<string, unknown> | Error>
>;

function Shell() {
  const [{ data }] = useQuery({ query: ShellQuery });
  return data?.me ? <UserPanel user={data.me} /> : null;
}

/** The user panel over the app's cache, as the shell shows it; `mutations` answer for the API. */
async function renderPanel(mutations: Mutations = {}) {
  const api = cachedApi((op: Operation) => {
    const name = operationName(op) as keyof Mutations | 'Shell';
    if (name === 'Shell') return { me: ME, myServers: [] };
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
});
