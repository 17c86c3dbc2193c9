// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import type { ComponentType, RefAttributes } from 'react';
import { type FlatIndexLocationWithAlign, type VirtuosoHandle, type VirtuosoProps } from 'react-virtuoso';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BOB, chatMessage, messageList, noop } from './chat-test-kit';
import type { ChatMessageData } from './message-item';
import { emptyLog, messageLogReducer, type MessageLog, type MessageLogAction } from './message-log';

/**
 * What the list asks of Virtuoso, which jsdom cannot lay out: whether it may follow the output (any
 * followOutput but false lets Virtuoso scroll to the bottom as the list grows), and where it scrolls.
 */
const virtuoso = vi.hoisted(() => ({
  props: {} as VirtuosoProps<ChatMessageData, unknown>,
  scrolls: [] as FlatIndexLocationWithAlign[],
}));
vi.mock('react-virtuoso', async (importOriginal) => {
  const actual = await importOriginal<Record<string, unknown>>();
  const Actual = actual.Virtuoso as ComponentType<VirtuosoProps<ChatMessageData, unknown> & RefAttributes<VirtuosoHandle>>;
  const { createElement, forwardRef, useImperativeHandle, useRef } = await import('react');
  const Virtuoso = forwardRef<VirtuosoHandle, VirtuosoProps<ChatMessageData, unknown>>(function Virtuoso(props, ref) {
    const inner = useRef<VirtuosoHandle>(null);
    virtuoso.props = props;
    useImperativeHandle(
      ref,
      () =>
        ({
          scrollToIndex(location: FlatIndexLocationWithAlign) {
            virtuoso.scrolls.push(location);
            inner.current?.scrollToIndex(location);
          },
        }) as VirtuosoHandle,
    );
    return createElement(Actual, { ...props, ref: inner });
  });
  return { ...actual, Virtuoso };
});

// Virtuoso keeps the view in place with it as an older page goes in above.
Element.prototype.scrollBy ??= noop;

const messages = (...ids: number[]) =>
  ids.map((id) => chatMessage(id, BOB, `m${id}`, new Date(Date.UTC(2026, 11, 2, 12, id)).toISOString()));
const list = (log: MessageLog<ChatMessageData>) => messageList(log);

const apply = (log: MessageLog<ChatMessageData>, ...actions: MessageLogAction<ChatMessageData>[]) =>
  actions.reduce(messageLogReducer<ChatMessageData>, log);
/** Opened at m11, as from a search result or a link; `hasMoreAfter`: detached from the present. */
const openedAt11 = (hasMoreAfter: boolean) =>
  apply(emptyLog(), { type: 'around', messageId: '11', messages: messages(10, 11, 12), hasMoreBefore: true, hasMoreAfter });
/**
 * What the list gives Virtuoso as followOutput, a function as its answer: false only when it is false
 * itself, as any other (a function answering false too) has Virtuoso keep to the bottom as the list grows.
 */
const follows = () => {
  const followOutput = virtuoso.props.followOutput;
  return typeof followOutput === 'function' ? followOutput(true) || 'a function answering false' : followOutput;
};
/** What Virtuoso reports as the list is laid out or scrolled. */
const atBottom = (bottom: boolean) => act(() => virtuoso.props.atBottomStateChange?.(bottom));
const grown = () => act(() => virtuoso.props.totalListHeightChanged?.(5000));
const wheel = () => fireEvent.wheel(screen.getByRole('log', { name: 'Messages' }), { deltaY: 100 });

describe('message list following the newest message', () => {
  afterEach(() => {
    cleanup();
    virtuoso.scrolls = [];
  });

  it('at the present follows new messages', () => {
    render(list(apply(emptyLog(), { type: 'latest', messages: messages(10, 11, 12), hasMoreBefore: true })));
    expect(follows()).toBe('auto');
    expect(virtuoso.scrolls[0]).toEqual({ index: 'LAST', align: 'end' });
  });

  it('opened at a message stays there: Virtuoso follows nothing, and looking at the bottom before the reader moves is no reason to', () => {
    render(list(openedAt11(false)));
    expect(virtuoso.scrolls).toEqual([{ index: 1, align: 'center' }]);
    expect(follows()).toBe(false);
    // Before its messages are measured the list looks scrolled to the bottom, and then grows.
    atBottom(true);
    grown();
    expect(follows()).toBe(false);
    expect(virtuoso.scrolls).toEqual([{ index: 1, align: 'center' }]);

    // The reader scrolls down to the newest message: from then on the list follows.
    wheel();
    atBottom(false);
    atBottom(true);
    expect(follows()).toBe('auto');
  });

  it('opened at the newest message of the present opens at the bottom and follows, as at the present', () => {
    render(
      list(
        apply(emptyLog(), { type: 'around', messageId: '12', messages: messages(10, 11, 12), hasMoreBefore: true, hasMoreAfter: false }),
      ),
    );
    expect(virtuoso.scrolls[0]).toEqual({ index: 'LAST', align: 'end' });
    // Never to the message's middle, as a list held at a message would.
    expect(virtuoso.scrolls.every((scroll) => scroll.index === 'LAST')).toBe(true);
    expect(follows()).toBe('auto');
  });

  it('a window detached from the present follows nothing, even at its end', () => {
    render(list(openedAt11(true)));
    expect(follows()).toBe(false);
    wheel();
    atBottom(true);
    expect(follows()).toBe(false);
  });

  it('an older page in before the reader moves keeps the list at the message, whose index it moved', () => {
    const opened = openedAt11(true);
    const { rerender } = render(list(opened));
    const older = apply(opened, { type: 'older', messages: messages(7, 8, 9), hasMoreBefore: true });
    rerender(list(older));
    expect(virtuoso.scrolls).toEqual([
      { index: 1, align: 'center' },
      { index: 4, align: 'center' },
    ]);

    // Once the reader moves, where they scroll is theirs.
    wheel();
    rerender(list(apply(older, { type: 'older', messages: messages(5, 6), hasMoreBefore: false })));
    expect(virtuoso.scrolls).toHaveLength(2);
  });
});
