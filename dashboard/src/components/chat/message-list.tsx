'use client';

import { forwardRef, useEffect, useImperativeHandle, useRef, useState } from 'react';
import { Virtuoso, type VirtuosoHandle } from 'react-virtuoso';
import { GROUP_GAP_MS } from './chat-time';
import { MessageItem, type ChatMessageData, type MessageHandlers } from './message-item';
import { compareIds, type MessageLog } from './message-log';

export interface MessageListHandle {
  /** Scrolls to a loaded message; false when it is not loaded. */
  scrollTo: (messageId: string) => boolean;
  scrollToBottom: () => void;
}

interface MessageListProps extends MessageHandlers {
  log: MessageLog<ChatMessageData>;
  myUserId: string;
  myUsername: string;
  /** Messages of others after this id are new to the reader: a divider marks where they start. */
  unreadAfterId?: string;
  canManageMessages: boolean;
  canSend: boolean;
  /** ADD_REACTIONS and not timed out. */
  canReact: boolean;
  /** MANAGE_MESSAGES and not timed out. */
  canPin: boolean;
  /** READ_MESSAGE_HISTORY: the Reactions view. */
  canSeeReactions: boolean;
  editingId: string | undefined;
  highlightedId: string | undefined;
  loadingOlder: boolean;
  onLoadOlder: () => void;
  /** A window detached from the present (log.hasMoreAfter) grows downward as the reader nears its end. */
  loadingNewer: boolean;
  onLoadNewer: () => void;
  /** From a detached window: the latest page replaces it. */
  onJumpToPresent: () => void;
}

/** Within this many pixels of the bottom the reader is at the bottom (the jump button hides, growth is followed). */
const AT_BOTTOM_PX = 80;

/**
 * Virtualised (react-virtuoso): ten thousand messages cost what fifty do. Older pages are prepended
 * with firstItemIndex so nothing jumps; new messages follow the bottom only when the reader is there.
 * A list opens at the newest message, or, for a jump's window (log.anchorId), at the message jumped
 * to; the chat gives each run of the log a list of its own (keyed by log.generation).
 */
export const MessageList = forwardRef<MessageListHandle, MessageListProps>(function MessageList(props, ref) {
  const virtuoso = useRef<VirtuosoHandle>(null);
  // Follow new messages until the reader scrolls up themself; reaching the bottom again re-attaches.
  // (Virtuoso's own at-bottom flag flickers while a burst of messages is still being scrolled in.)
  const { log } = props;
  const detached = log.hasMoreAfter;
  const following = useRef(!log.anchorId && !detached);
  const [awayFromBottom, setAwayFromBottom] = useState(false);
  useImperativeHandle(ref, () => ({
    scrollTo(messageId) {
      const index = log.messages.findIndex((m) => m.id === messageId);
      if (index < 0) return false;
      following.current = false;
      virtuoso.current?.scrollToIndex({ index, align: 'center', behavior: 'smooth' });
      return true;
    },
    scrollToBottom() {
      following.current = true;
      virtuoso.current?.scrollToIndex({ index: log.messages.length - 1, align: 'end' });
    },
  }));

  // Open at the newest message, or at the one jumped to. (Virtuoso's initialTopMostItemIndex would do
  // it too, but renders nothing until the browser has scrolled, which a jsdom component test never does.)
  const hasMessages = log.messages.length > 0;
  const anchorIndex = log.anchorId ? log.messages.findIndex((m) => m.id === log.anchorId) : -1;
  const openAt = useRef(anchorIndex);
  useEffect(() => {
    if (!hasMessages) return;
    if (openAt.current >= 0) virtuoso.current?.scrollToIndex({ index: openAt.current, align: 'center' });
    else virtuoso.current?.scrollToIndex({ index: 'LAST', align: 'end' });
  }, [hasMessages]);

  // Whether the reader was at the bottom before a message grew below them (its first reaction, a longer
  // edit, a narrower window): by their last scroll (growth does not scroll), or as Virtuoso last said.
  const distanceFromBottom = useRef(0);
  const atBottom = useRef(true);

  if (log.messages.length === 0) {
    return (
      <div className="message-list empty-channel">
        <p className="muted">No messages yet. Say hello!</p>
      </div>
    );
  }

  return (
    <div className="message-list-frame">
      <Virtuoso
        ref={virtuoso}
        className="message-list"
        role="log"
        aria-label="Messages"
        aria-live="polite"
        data={log.messages}
        firstItemIndex={log.firstIndex}
        computeItemKey={(_, message) => message.id}
        startReached={() => props.onLoadOlder()}
        endReached={() => {
          if (detached) props.onLoadNewer();
        }}
        followOutput={() => (following.current && !detached ? 'auto' : false)}
        onScroll={(event) => {
          const el = event.currentTarget;
          distanceFromBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight;
        }}
        // Virtuoso keeps to the bottom as messages are added, not as one grows: a reader who was there stays.
        totalListHeightChanged={() => {
          if (following.current && (atBottom.current || distanceFromBottom.current <= AT_BOTTOM_PX))
            virtuoso.current?.scrollToIndex({ index: 'LAST', align: 'end' });
        }}
        atBottomStateChange={(bottom) => {
          atBottom.current = bottom;
          // The end of a detached window is not the present: newer pages load there, and stay put.
          if (bottom && !detached) following.current = true;
          setAwayFromBottom(!bottom);
        }}
        atBottomThreshold={AT_BOTTOM_PX}
        onWheel={(event) => {
          if (event.deltaY < 0) following.current = false;
        }}
        onTouchMove={() => (following.current = false)}
        onKeyDown={(event) => {
          if (event.key === 'PageUp' || event.key === 'ArrowUp' || event.key === 'Home') following.current = false;
        }}
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
          Footer: () =>
            props.loadingNewer ? (
              <p className="muted small list-edge">Loading newer messages…</p>
            ) : detached ? (
              <p className="list-edge" />
            ) : null,
        }}
        itemContent={(index, message) => {
          const previous = log.messages[index - log.firstIndex - 1];
          const own = message.author.id === props.myUserId;
          const firstUnread =
            props.unreadAfterId !== undefined &&
            !own &&
            compareIds(message.id, props.unreadAfterId) > 0 &&
            (previous === undefined || compareIds(previous.id, props.unreadAfterId) <= 0);
          const continued =
            !firstUnread &&
            previous !== undefined &&
            previous.author.id === message.author.id &&
            new Date(message.createdAt).getTime() - new Date(previous.createdAt).getTime() < GROUP_GAP_MS;
          return (
            <>
              {firstUnread && (
                <div className="unread-divider" role="separator" aria-label="New messages">
                  <span>New messages</span>
                </div>
              )}
              <MessageItem
                message={message}
                continued={continued}
                highlighted={message.id === props.highlightedId}
                editing={message.id === props.editingId}
                canEdit={own}
                canDelete={own || props.canManageMessages}
                canReply={props.canSend}
                canReact={props.canReact}
                canPin={props.canPin}
                canSeeReactions={props.canSeeReactions}
                myUserId={props.myUserId}
                myUsername={props.myUsername}
                onReply={props.onReply}
                onStartEdit={props.onStartEdit}
                onSaveEdit={props.onSaveEdit}
                onCancelEdit={props.onCancelEdit}
                onDelete={props.onDelete}
                onJumpTo={props.onJumpTo}
                onReact={props.onReact}
                onPin={props.onPin}
                onShowReactions={props.onShowReactions}
              />
            </>
          );
        }}
      />
      {(awayFromBottom || detached) && (
        <button
          type="button"
          className="jump-latest"
          onClick={() => {
            if (detached) return props.onJumpToPresent();
            following.current = true;
            virtuoso.current?.scrollToIndex({ index: log.messages.length - 1, align: 'end' });
          }}
        >
          Jump to latest messages
        </button>
      )}
    </div>
  );
});
