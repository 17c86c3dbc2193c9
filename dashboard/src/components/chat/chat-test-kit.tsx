import { VirtuosoMockContext } from 'react-virtuoso';
import type { ChatMessageData, MessageHandlers } from './message-item';
import { MessageList, type MessageListProps } from './message-list';
import type { MessageLog } from './message-log';

/** Fixtures for the chat's component tests: authors, a message, and the list with do-nothing handlers. */
export const ALICE = { __typename: 'User' as const, id: '1', username: 'alice', displayName: 'Alice', avatarUrl: null as string | null };
export const BOB = { __typename: 'User' as const, id: '2', username: 'bob', displayName: 'Bob', avatarUrl: null as string | null };
export type TestAuthor = typeof ALICE;

export const noop = () => undefined;

export function chatMessage(
  id: number,
  author: TestAuthor,
  content: string,
  createdAt: string,
  extra: Partial<ChatMessageData> = {},
): ChatMessageData {
  return {
    __typename: 'Message',
    id: String(id),
    channel: { __typename: 'Channel', id: '9' },
    content,
    createdAt,
    editedAt: null,
    pinnedAt: null,
    mentionsEveryone: false,
    mentionsHere: false,
    mentionRoleIds: [],
    mentionedMembers: [],
    author,
    replyTo: null,
    reactions: [],
    ...extra,
  } as ChatMessageData;
}

/** Handlers that do nothing, for a test to override the ones it watches. */
export const noHandlers: MessageHandlers = {
  onReply: noop,
  onStartEdit: noop,
  onSaveEdit: async () => undefined,
  onCancelEdit: noop,
  onDelete: noop,
  onJumpTo: noop,
  onReact: noop,
  onPin: noop,
  onShowReactions: noop,
};

// jsdom has no layout; react-virtuoso's test context supplies sizes, and it still needs the observer.
globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
} as unknown as typeof ResizeObserver;

/** The list as Alice reads it, able to send, react and see reactions, in a 2000 px viewport of 40 px rows. */
export const messageList = (log: MessageLog<ChatMessageData>, props: Partial<MessageListProps> = {}) => (
  <VirtuosoMockContext.Provider value={{ viewportHeight: 2000, itemHeight: 40 }}>
    <MessageList
      log={log}
      myUserId={ALICE.id}
      myUsername={ALICE.username}
      canManageMessages={false}
      canSend
      canReact
      canPin={false}
      canSeeReactions
      editingId={undefined}
      highlightedId={undefined}
      loadingOlder={false}
      olderFailed={false}
      onLoadOlder={noop}
      loadingNewer={false}
      newerFailed={false}
      onLoadNewer={noop}
      onJumpToPresent={noop}
      {...noHandlers}
      {...props}
    />
  </VirtuosoMockContext.Provider>
);
