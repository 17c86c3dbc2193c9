'use client';

import { forwardRef, useImperativeHandle, useRef } from 'react';
import { Virtuoso, type VirtuosoHandle } from 'react-virtuoso';
import { GROUP_GAP_MS } from './chat-time';
import { MessageItem, type ChatMessageData } from './message-item';
import type { MessageLog } from './message-log';

export interface MessageListHandle {
  /** Scrolls to a loaded message; false when it is not loaded. */
  scrollTo: (messageId: string) => boolean;
  scrollToBottom: () => void;
}

interface MessageListProps {
  log: MessageLog<ChatMessageData>;
  myUserId: string;
  canManageMessages: boolean;
  canSend: boolean;
  editingId: string | undefined;
  highlightedId: string | undefined;
  loadingOlder: boolean;
  onLoadOlder: () => void;
  onReply: (message: ChatMessageData) => void;
  onStartEdit: (messageId: string) => void;
  onSaveEdit: (messageId: string, content: string) => Promise<string | undefined>;
  onCancelEdit: () => void;
  onDelete: (messageId: string) => void;
  onJumpTo: (messageId: string) => void;
}

/**
 * Virtualised (react-virtuoso): ten thousand messages cost what fifty do. Older pages are prepended
 * with firstItemIndex so nothing jumps; new messages follow the bottom only when the reader is there.
 */
export const MessageList = forwardRef<MessageListHandle, MessageListProps>(function MessageList(props, ref) {
  const virtuoso = useRef<VirtuosoHandle>(null);
  const { log } = props;
  useImperativeHandle(ref, () => ({
    scrollTo(messageId) {
      const index = log.messages.findIndex((m) => m.id === messageId);
      if (index < 0) return false;
      virtuoso.current?.scrollToIndex({ index, align: 'center', behavior: 'smooth' });
      return true;
    },
    scrollToBottom() {
      virtuoso.current?.scrollToIndex({ index: log.messages.length - 1, align: 'end' });
    },
  }));

  if (log.messages.length === 0) {
    return (
      <div className="message-list empty-channel">
        <p className="muted">No messages yet. Say hello!</p>
      </div>
    );
  }

  return (
    <Virtuoso
      ref={virtuoso}
      className="message-list"
      role="log"
      aria-label="Messages"
      aria-live="polite"
      data={log.messages}
      firstItemIndex={log.firstIndex}
      initialTopMostItemIndex={log.messages.length - 1}
      computeItemKey={(_, message) => message.id}
      startReached={() => props.onLoadOlder()}
      followOutput={(atBottom) => (atBottom ? 'auto' : false)}
      alignToBottom
      increaseViewportBy={{ top: 400, bottom: 200 }}
      components={{
        Header: () =>
          props.loadingOlder ? (
            <p className="muted small list-edge">Loading older messages…</p>
          ) : log.hasMoreBefore ? (
            <p className="list-edge" />
          ) : (
            <p className="muted small list-edge">This is the beginning of the channel.</p>
          ),
      }}
      itemContent={(index, message) => {
        const previous = log.messages[index - log.firstIndex - 1];
        const continued =
          previous !== undefined &&
          previous.author.id === message.author.id &&
          new Date(message.createdAt).getTime() - new Date(previous.createdAt).getTime() < GROUP_GAP_MS;
        const own = message.author.id === props.myUserId;
        return (
          <MessageItem
            message={message}
            continued={continued}
            highlighted={message.id === props.highlightedId}
            editing={message.id === props.editingId}
            canEdit={own}
            canDelete={own || props.canManageMessages}
            canReply={props.canSend}
            onReply={props.onReply}
            onStartEdit={props.onStartEdit}
            onSaveEdit={props.onSaveEdit}
            onCancelEdit={props.onCancelEdit}
            onDelete={props.onDelete}
            onJumpTo={props.onJumpTo}
          />
        );
      }}
    />
  );
});
