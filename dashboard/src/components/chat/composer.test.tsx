// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithApi } from '@/test/render-with-api';
import { Composer } from './composer';
import { ServerRolesContext, serverRoles, type MentionRole } from './server-roles';

const EVAN = { __typename: 'Member', nickname: null, user: { __typename: 'User', id: '5', username: 'evan', displayName: 'Evan' } };
const noop = () => undefined;

const role = (id: string, name: string, position: number, mentionable: boolean, color = '#99AAB5'): MentionRole => ({
  id,
  name,
  color,
  position,
  isDefault: position === 0,
  mentionable,
});
/** Evan's server's roles: @everyone's, two mentionable ones and one that is not. */
const ROLES = serverRoles(
  [
    role('10', '@everyone', 0, false),
    role('11', 'Event Team', 1, true, '#E67E22'),
    role('12', 'Evergreen', 2, true),
    role('13', 'Elders', 3, false),
  ],
  [],
);

/** The composer of #general, whose server's member search finds Evan for any name starting "ev". */
function renderComposer(canMentionEveryone: boolean, sendMessage = vi.fn(async () => ({}))) {
  renderWithApi(
    <ServerRolesContext.Provider value={ROLES}>
      <Composer
        serverId="1"
        channelId="9"
        channelName="general"
        canSend
        canMentionEveryone={canMentionEveryone}
        timedOutUntil={null}
        slowmodeSeconds={0}
        replyTo={undefined}
        onCancelReply={noop}
        onSent={noop}
        onEditLast={noop}
        sendMessage={sendMessage}
      />
    </ServerRolesContext.Provider>,
    (op) =>
      op.kind === 'query'
        ? { server: { __typename: 'Server', id: '1', members: /^ev/i.test(String(op.variables?.query ?? 'ev')) ? [EVAN] : [] } }
        : {},
  );
  const input = screen.getByRole('textbox', { name: 'Message #general' }) as HTMLTextAreaElement;
  // jsdom puts the caret at the end of the new value, as typing does.
  const type = (value: string) => fireEvent.change(input, { target: { value } });
  const options = async () => (await screen.findAllByRole('option')).map((option) => option.textContent);
  return { input, type, options, sendMessage };
}

describe('composer mention suggestions', () => {
  afterEach(() => {
    cleanup();
    window.sessionStorage.clear();
  });

  it('offers @everyone first, with what it does, to a member who may mention everyone; a pick puts it in', async () => {
    const { input, type, options } = renderComposer(true);
    type('hi @ev');
    expect(await options()).toEqual(['@everyone Notify everyone who can read this channel']);
    // The members follow once the search answers, then the roles; @everyone stays first and chosen.
    await screen.findByText('@evan');
    expect(await options()).toEqual([
      '@everyone Notify everyone who can read this channel',
      'Evan @evan',
      '@Evergreen role',
      '@Event Team role',
    ]);
    expect(screen.getAllByRole('option')[0]!.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(input.value).toBe('hi @everyone ');
    // Not for a name it does not start.
    type('hi @everyone @evx');
    expect(await options()).toEqual(['Evan @evan']);
    // Every role but @everyone's, mentionable or not.
    type('hi @everyone @eld');
    expect(await options()).toEqual(['@Elders role']);
  });

  it('offers @here right after @everyone to a member who may mention everyone, alone for "@he"; a pick puts it in', async () => {
    const { input, type, options } = renderComposer(true);
    type('@');
    await screen.findByText('@evan');
    expect(await options()).toEqual([
      '@everyone Notify everyone who can read this channel',
      '@here Notify everyone online who can read this channel',
      'Evan @evan',
      '@Elders role',
      '@Evergreen role',
      '@Event Team role',
    ]);
    type('hi @He');
    expect(await options()).toEqual(['@here Notify everyone online who can read this channel']);
    fireEvent.keyDown(input, { key: 'Tab' });
    expect(input.value).toBe('hi @here ');
  });

  it('does not offer @everyone or @here to a member without MENTION_EVERYONE, nor roles that are not mentionable', async () => {
    const { type, options } = renderComposer(false);
    type('@ev');
    expect(await options()).toEqual(['Evan @evan', '@Evergreen role', '@Event Team role']);
    expect(screen.queryByText('@everyone')).toBeNull();
    expect(screen.queryByText('@Elders')).toBeNull();
    // A bare "@" offers every name they may mention: no group among them.
    type('hi @');
    expect(await options()).toEqual(['Evan @evan', '@Evergreen role', '@Event Team role']);
    expect(screen.queryByText('@here')).toBeNull();
  });

  it('suggests the roles a member may mention after the members, in their colour; the pick shows "@Name" and sends <@&id>', async () => {
    const { input, type, options, sendMessage } = renderComposer(false);
    type('Calling @team');
    // No member is called that: the role alone, by any part of its name.
    expect(await options()).toEqual(['@Event Team role']);
    const option = screen.getByRole('option', { name: /Event Team/ });
    expect(option.getAttribute('aria-selected')).toBe('true');
    expect(option.querySelector<HTMLElement>('.mention-option-name')!.style.getPropertyValue('--role-colour')).toBe('#E67E22');
    fireEvent.keyDown(input, { key: 'Tab' });
    expect(input.value).toBe('Calling @Event Team ');
    expect(screen.queryByRole('listbox')).toBeNull();
    // Down from the member to the role, Enter picks it.
    type('Calling @Event Team and @ever');
    await screen.findByText('@evan');
    expect(await options()).toEqual(['Evan @evan', '@Evergreen role']);
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    expect(screen.getAllByRole('option')[1]!.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(input.value).toBe('Calling @Event Team and @Evergreen ');
    // Escape closes the suggestions; the next Enter sends, with the picked names as the API reads them.
    type('Calling @Event Team and @Evergreen `@Evergreen` @ev');
    await screen.findByText('@evan');
    fireEvent.keyDown(input, { key: 'Escape' });
    expect(screen.queryByRole('listbox')).toBeNull();
    fireEvent.keyDown(input, { key: 'Enter' });
    await waitFor(() => expect(sendMessage).toHaveBeenCalledWith('9', 'Calling <@&11> and <@&12> `@Evergreen` @ev', undefined));
    expect(input.value).toBe('');
  });

  it('a refused message comes back as typed, and still sends its picked roles as mentions', async () => {
    const sendMessage = vi
      .fn()
      .mockResolvedValueOnce({ error: { code: 'NETWORK_ERROR', message: 'No connection' } })
      .mockResolvedValueOnce({});
    const { input, type, options } = renderComposer(false, sendMessage);
    type('@team');
    expect(await options()).toEqual(['@Event Team role']);
    fireEvent.keyDown(input, { key: 'Enter' });
    fireEvent.keyDown(input, { key: 'Enter' });
    await waitFor(() => expect(input.value).toBe('@Event Team'));
    fireEvent.keyDown(input, { key: 'Enter' });
    await waitFor(() => expect(sendMessage).toHaveBeenCalledTimes(2));
    expect(sendMessage.mock.calls.map((call) => call[1])).toEqual(['<@&11>', '<@&11>']);
  });
});

describe('composer emoji button', () => {
  afterEach(() => {
    cleanup();
    window.sessionStorage.clear();
  });

  it('puts the picked emoji where the caret was, over a selection, and gives the caret back after it', async () => {
    const { input, type } = renderComposer(false);
    type('see you there');
    input.setSelectionRange(8, 8);
    fireEvent.click(screen.getByRole('button', { name: 'Insert emoji' }));
    fireEvent.click(await screen.findByRole('button', { name: '🎉' }));
    expect(input.value).toBe('see you 🎉there');
    await waitFor(() => expect(document.activeElement).toBe(input));
    expect(input.selectionStart).toBe(8 + '🎉'.length);
    expect(screen.queryByRole('dialog', { name: 'Pick an emoji' })).toBeNull();

    // A selection is replaced, as typing would replace it.
    input.setSelectionRange(8, 10);
    fireEvent.click(screen.getByRole('button', { name: 'Insert emoji' }));
    fireEvent.click(await screen.findByRole('button', { name: '👋' }));
    expect(input.value).toBe('see you 👋there');
  });
});
