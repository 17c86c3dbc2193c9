// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ReactionChips, reactionRefusal, whoReacted } from './message-reactions';
import { EmojiPicker, PICKER_EMOJI } from './emoji-picker';

const REACTIONS = [
  { emoji: '👍', count: 2, me: true },
  { emoji: '🎉', count: 1, me: false },
];

describe('reaction chips', () => {
  afterEach(cleanup);

  it('shows each emoji with its count, pressed when the reader reacted, in the order given', () => {
    render(<ReactionChips messageId="7" reactions={REACTIONS} canReact onToggle={vi.fn()} />);
    const chips = within(screen.getByRole('group', { name: 'Reactions' })).getAllByRole('button');
    expect(chips.map((c) => [c.getAttribute('aria-label'), c.getAttribute('aria-pressed'), c.textContent])).toEqual([
      ['👍 2 reactions, including yours', 'true', '👍2'],
      ['🎉 1 reaction, react with 🎉', 'false', '🎉1'],
    ]);
    // The spans globals.css styles (the count apart, and coloured when pressed), hidden as the chip's name says it all.
    expect(chips[0]!.innerHTML).toBe(
      '<span class="reaction-emoji" aria-hidden="true">👍</span><span class="reaction-count" aria-hidden="true">2</span>',
    );
  });

  it('a click adds the reaction the reader has not made and takes back the one they have', () => {
    const onToggle = vi.fn();
    render(<ReactionChips messageId="7" reactions={REACTIONS} canReact onToggle={onToggle} />);
    fireEvent.click(screen.getByRole('button', { name: '🎉 1 reaction, react with 🎉' }));
    fireEvent.click(screen.getByRole('button', { name: '👍 2 reactions, including yours' }));
    expect(onToggle.mock.calls).toEqual([
      ['7', '🎉', true],
      ['7', '👍', false],
    ]);
  });

  it('without ADD_REACTIONS the chips still show, and only the reader’s own can be clicked (to take it back)', () => {
    const onToggle = vi.fn();
    render(<ReactionChips messageId="7" reactions={REACTIONS} canReact={false} onToggle={onToggle} />);
    const others = screen.getByRole('button', { name: '🎉 1 reaction' });
    expect(others.getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(others);
    fireEvent.click(screen.getByRole('button', { name: '👍 2 reactions, including yours' }));
    expect(onToggle.mock.calls).toEqual([['7', '👍', false]]);
  });

  it('names who reacted: up to three, then how many others', () => {
    const names = ['Ann', 'Bob', 'Cy', 'Dee'];
    const who = (count: number, shown = count) => whoReacted(names.slice(0, shown), { emoji: '👍', count });
    expect(who(1)).toBe('Ann reacted with 👍');
    expect(who(2)).toBe('Ann and Bob reacted with 👍');
    expect(who(3)).toBe('Ann, Bob and Cy reacted with 👍');
    expect(who(4, 3)).toBe('Ann, Bob, Cy and 1 other reacted with 👍');
    expect(who(12, 3)).toBe('Ann, Bob, Cy and 9 others reacted with 👍');
    // The count moved on since the names were read: the names still add up with it.
    expect(who(1, 3)).toBe('Ann, Bob and Cy reacted with 👍');
    expect(who(0, 0)).toBe('Nobody reacted with 👍 any more');
  });

  it('shows nothing for a message without reactions', () => {
    render(<ReactionChips messageId="7" reactions={[]} canReact onToggle={vi.fn()} />);
    expect(screen.queryByRole('group', { name: 'Reactions' })).toBeNull();
  });
});

describe('reaction picker', () => {
  afterEach(cleanup);

  const open = async () => {
    await act(async () => {
      fireEvent.pointerDown(screen.getByRole('button', { name: 'Add reaction' }), { button: 0, pointerType: 'mouse' });
      fireEvent.click(screen.getByRole('button', { name: 'Add reaction' }));
    });
    return screen.getByRole('dialog', { name: 'Pick a reaction' });
  };

  it('offers two dozen fully-qualified emoji, as the API requires (RGI: "❤️", never a bare "❤")', () => {
    expect(PICKER_EMOJI).toHaveLength(24);
    const rgi = new RegExp('^\\p{RGI_Emoji}$', 'v');
    expect(PICKER_EMOJI.filter(({ emoji }) => !rgi.test(emoji))).toEqual([]);
    expect(new Set(PICKER_EMOJI.map((e) => e.emoji)).size).toBe(24);
  });

  it('opens from the Add reaction button, picks with a click and closes', async () => {
    const onPick = vi.fn();
    render(<EmojiPicker purpose="reaction" onPick={onPick} />);
    const picker = await open();
    await act(async () => fireEvent.click(within(picker).getByRole('button', { name: '❤️' })));
    expect(onPick).toHaveBeenCalledWith('❤️');
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('is one tab stop moved with the arrow keys; Escape closes it without a pick', async () => {
    const onPick = vi.fn();
    render(<EmojiPicker purpose="reaction" onPick={onPick} />);
    const picker = await open();
    const grid = within(picker).getByRole('group', { name: 'Emoji' });
    const tabbable = () =>
      within(grid)
        .getAllByRole('button')
        .filter((b) => b.tabIndex === 0);
    expect(tabbable().map((b) => b.textContent)).toEqual(['👍']);
    fireEvent.keyDown(grid, { key: 'ArrowRight' });
    fireEvent.keyDown(grid, { key: 'ArrowDown' });
    expect(document.activeElement?.textContent).toBe(PICKER_EMOJI[1 + 6]!.emoji);
    expect(tabbable().map((b) => b.textContent)).toEqual([PICKER_EMOJI[7]!.emoji]);
    fireEvent.keyDown(grid, { key: 'End' });
    expect(document.activeElement?.textContent).toBe('⭐');
    await act(async () => fireEvent.keyDown(document.activeElement!, { key: 'Escape' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(onPick).not.toHaveBeenCalled();
  });
});

describe('reaction refusals', () => {
  it('names the limit for a 21st emoji, and the reason for the other refusals', () => {
    expect(
      reactionRefusal({ code: 'BAD_USER_INPUT', field: 'emoji', message: 'emoji: a message holds at most 20 different reactions' }).message,
    ).toBe('A message can have at most 20 different reactions: add yours to one already there.');
    expect(reactionRefusal({ code: 'FORBIDDEN', permission: 'ADD_REACTIONS', message: 'Missing permission ADD_REACTIONS' }).message).toBe(
      'You do not have permission to add reactions in this channel.',
    );
    expect(reactionRefusal({ code: 'NOT_FOUND', message: 'Message not found' }).message).toBe('That message was deleted.');
    expect(
      reactionRefusal({ code: 'RATE_LIMITED', retryAfterMs: 7_200, scope: 'channel', message: 'You are reacting too fast' }).message,
    ).toBe('Too many reactions at once: try again in 8 s.');
    expect(reactionRefusal({ code: 'NETWORK_ERROR', message: 'Cannot reach the server.' }).message).toBe('Cannot reach the server.');
  });
});
