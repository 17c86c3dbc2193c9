// @vitest-environment jsdom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderWithApi } from '@/test/render-with-api';
import { Composer } from './composer';

const EVAN = { __typename: 'Member', nickname: null, user: { __typename: 'User', id: '5', username: 'evan', displayName: 'Evan' } };
const noop = () => undefined;

/** The composer of #general, whose server's member search finds Evan for any name. */
function renderComposer(canMentionEveryone: boolean) {
  renderWithApi(
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
      sendMessage={async () => ({})}
    />,
    (op) => (op.kind === 'query' ? { server: { __typename: 'Server', id: '1', members: [EVAN] } } : {}),
  );
  const input = screen.getByRole('textbox', { name: 'Message #general' }) as HTMLTextAreaElement;
  // jsdom puts the caret at the end of the new value, as typing does.
  const type = (value: string) => fireEvent.change(input, { target: { value } });
  const options = async () => (await screen.findAllByRole('option')).map((option) => option.textContent);
  return { input, type, options };
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
    // The members follow once the search answers; @everyone stays first and chosen.
    await screen.findByText('@evan');
    expect(await options()).toEqual(['@everyone Notify everyone who can read this channel', 'Evan @evan']);
    expect(screen.getAllByRole('option')[0]!.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(input.value).toBe('hi @everyone ');
    // Not for a name it does not start.
    type('hi @everyone @evx');
    expect(await options()).toEqual(['Evan @evan']);
  });

  it('does not offer @everyone to a member without MENTION_EVERYONE', async () => {
    const { type, options } = renderComposer(false);
    type('@ev');
    expect(await options()).toEqual(['Evan @evan']);
    expect(screen.queryByText('@everyone')).toBeNull();
  });
});
