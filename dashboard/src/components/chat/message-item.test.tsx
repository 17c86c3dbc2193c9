// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ALICE, BOB, chatMessage, noHandlers, type TestAuthor } from './chat-test-kit';
import { MessageItem, type ChatMessageData } from './message-item';
import { ServerRolesContext, serverRoles, type MentionRole } from './server-roles';

const role = (id: string, name: string, position: number, color = '#99AAB5'): MentionRole => ({
  id,
  name,
  color,
  position,
  isDefault: position === 0,
  mentionable: true,
});
const ROLES = [role('10', '@everyone', 0), role('11', 'Raid Team', 2, '#E67E22'), role('12', 'Plain', 1, '#000000')];

const message = (author: TestAuthor, content: string, mentionRoleIds: string[], extra: Partial<ChatMessageData> = {}) =>
  chatMessage(100, author, content, '2026-12-02T10:00:00.000Z', { mentionRoleIds, ...extra });

/** The message as Alice reads it, holding `myRoleIds`. */
function renderItem(
  item: ChatMessageData,
  { myRoleIds = [] as string[], editing = false, onSaveEdit = vi.fn(async () => undefined), onCancelEdit = vi.fn() } = {},
) {
  render(
    <ServerRolesContext.Provider value={serverRoles(ROLES, myRoleIds, [{ id: '9', name: 'mod-log' }], '1')}>
      <MessageItem
        message={item}
        continued={false}
        highlighted={false}
        editing={editing}
        canEdit
        canDelete={false}
        canReply={false}
        canReact={false}
        canPin={false}
        canSeeReactions={false}
        myUserId={ALICE.id}
        myUsername={ALICE.username}
        {...noHandlers}
        onSaveEdit={onSaveEdit}
        onCancelEdit={onCancelEdit}
      />
    </ServerRolesContext.Provider>,
  );
  return { article: screen.getByRole('article'), onSaveEdit, onCancelEdit };
}

describe('role mentions in a message', () => {
  afterEach(cleanup);

  it('shows each <@&id> as "@Name" in the role’s colour, and a role not known as @deleted-role', () => {
    const { article } = renderItem(message(BOB, '**<@&11>** meet at 8; <@&12>, <@&99> and `<@&11>`', ['11']));
    const chips = [...article.querySelectorAll<HTMLElement>('.role-mention')];
    expect(chips.map((chip) => [chip.textContent, chip.className, chip.style.getPropertyValue('--role-colour')])).toEqual([
      ['@Raid Team', 'mention role-mention coloured', '#E67E22'],
      // Black is no colour: the plain mention style.
      ['@Plain', 'mention role-mention', ''],
      ['@deleted-role', 'mention role-mention deleted', ''],
    ]);
    expect(chips[0]!.parentElement?.tagName).toBe('STRONG');
    expect(article.querySelector('code')?.textContent).toBe('<@&11>');
    expect(article.getAttribute('aria-label')).toBe('Bob: @Raid Team meet at 8; @Plain, @deleted-role and <@&11>');
  });

  it('marks it for a holder of a role it mentions, as a mention of them', () => {
    const { article } = renderItem(message(BOB, '<@&11> meet at 8', ['11']), { myRoleIds: ['11'] });
    expect(article.classList.contains('mentions-me')).toBe(true);
  });

  it('does not mark it for a reader without the role, for its author, or where the API decided it mentions no role', () => {
    const { article: other } = renderItem(message(BOB, '<@&11> meet at 8', ['11']), { myRoleIds: ['12'] });
    expect(other.classList.contains('mentions-me')).toBe(false);
    expect(other.querySelector('.role-mention')?.textContent).toBe('@Raid Team');
    cleanup();
    const { article: mine } = renderItem(message(ALICE, '<@&11> meet at 8', ['11']), { myRoleIds: ['11'] });
    expect(mine.classList.contains('mentions-me')).toBe(false);
    cleanup();
    // Not mentionable for its author: the chip, but nobody called.
    const { article: words } = renderItem(message(BOB, '<@&11> meet at 8', []), { myRoleIds: ['11'] });
    expect(words.classList.contains('mentions-me')).toBe(false);
    expect(words.querySelector('.role-mention')?.textContent).toBe('@Raid Team');
  });

  it('names the role and the channel in the preview of the message replied to', () => {
    const replyTo = {
      __typename: 'Message' as const,
      id: '99',
      content: '**<@&11>** who is in? See <#9>',
      author: BOB,
    };
    const { article } = renderItem(message(BOB, 'me', [], { replyTo }));
    expect(article.querySelector('.reply-text')?.textContent).toBe('@Raid Team who is in? See #mod-log');
  });

  it('edits its role mentions as "@Name" and saves them as <@&id>; unchanged, Enter saves nothing', async () => {
    const content = '<@&11> meet at 8, <@&99> too, `<@&11>`';
    const { onSaveEdit, onCancelEdit } = renderItem(message(ALICE, content, ['11']), { editing: true });
    const box = screen.getByRole('textbox', { name: 'Edit message' }) as HTMLTextAreaElement;
    expect(box.value).toBe('@Raid Team meet at 8, <@&99> too, `<@&11>`');
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(onCancelEdit).toHaveBeenCalled();
    expect(onSaveEdit).not.toHaveBeenCalled();
    fireEvent.change(box, { target: { value: '@Raid Team meet at 9, <@&99> too, `<@&11>`' } });
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(onSaveEdit).toHaveBeenCalledWith('100', '<@&11> meet at 9, <@&99> too, `<@&11>`');
  });
});

describe('member mentions in a message', () => {
  afterEach(cleanup);

  const member = (user: TestAuthor, nickname: string | null) => ({
    __typename: 'Member' as const,
    nickname,
    user: { __typename: 'User' as const, id: user.id, username: user.username, displayName: user.displayName },
  });

  it('shows @username and <@id> as the member’s nickname, else display name, with the username on hover; no member’s as typed or @unknown-user', () => {
    const item = message(BOB, 'hey @alice, @bob and @carol: `@alice`; <@2>, <@!1> and <@77> as bots write', [], {
      mentionedMembers: [member(ALICE, 'Ally'), member(BOB, null)],
    });
    const { article } = renderItem(item);
    const chips = [...article.querySelectorAll<HTMLElement>('.mention')];
    expect(chips.map((chip) => [chip.textContent, chip.className, chip.title])).toEqual([
      ['@Ally', 'mention me', '@alice'],
      ['@Bob', 'mention', '@bob'],
      ['@carol', 'mention', ''],
      ['@Bob', 'mention', '@bob'],
      ['@Ally', 'mention me', '@alice'],
      ['@unknown-user', 'mention deleted', ''],
    ]);
    expect(article.querySelector('code')?.textContent).toBe('@alice');
    expect(article.getAttribute('aria-label')).toBe('Bob: hey @Ally, @Bob and @carol: @alice; @Bob, @Ally and @unknown-user as bots write');
    expect(article.classList.contains('mentions-me')).toBe(true);
  });
});

describe('channel mentions in a message', () => {
  afterEach(cleanup);

  it('shows <#id> as "#name" linking to a channel the reader sees, else as #deleted-channel, greyed', () => {
    const { article } = renderItem(message(BOB, 'see <#9> and <#99>, not `<#9>`', []));
    const chips = [...article.querySelectorAll<HTMLElement>('.channel-mention')];
    expect(chips.map((chip) => [chip.tagName, chip.textContent, chip.className, chip.getAttribute('href')])).toEqual([
      ['A', '#mod-log', 'mention channel-mention', '/servers/1/9'],
      ['SPAN', '#deleted-channel', 'mention channel-mention deleted', null],
    ]);
    expect(article.getAttribute('aria-label')).toBe('Bob: see #mod-log and #deleted-channel, not <#9>');
  });
});
