'use client';

import { forwardRef, useEffect, useImperativeHandle, useRef, useState } from 'react';
import { Virtuoso, type VirtuosoHandle } from 'react-virtuoso';
import { GROUP_GAP_MS } from './chat-time';
import { MessageItem, type ChatMessageData, type MessageHandlers } from './message-item';
import { compareIds, newestId, type MessageLog } from './message-log';

export interface MessageListHandle {
  /** Scrolls to a loaded message; false when it is not loaded. */
  scrollTo: (messageId: string) => boolean;
  scrollToBottom: () => void;
}

export interface MessageListProps extends MessageHandlers {
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
  /** The last older page could not be loaded: the top offers to try again. */
  olderFailed: boolean;
  onLoadOlder: () => void;
  /** A window detached from the present (log.hasMoreAfter) grows downward as the reader nears its end. */
  loadingNewer: boolean;
  newerFailed: boolean;
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
  // Opened at the channel's newest message (a link to it, or a search result): the bottom is where
  // the message is, so the list opens and follows as one opened at the present.
  const openedAtNewest = !!log.anchorId && !detached && newestId(log) === log.anchorId;
  const anchored = !!log.anchorId && !openedAtNewest;
  const following = useRef(!anchored && !detached);
  // For Virtuoso's followOutput: while it is anything but false (even a function answering false) Virtuoso
  // itself scrolls to the bottom as the list grows, which would carry a list opened at a message away from it.
  const [follows, setFollows] = useState(following.current);
  const follow = (on: boolean) => {
    following.current = on;
    setFollows(on);
  };
  // A list opened at a message looks scrolled to the bottom until its messages are measured: only once the
  // reader moves does reaching the bottom follow new messages.
  const heldAtAnchor = useRef(anchored);
  const release = () => (heldAtAnchor.current = false);
  const [awayFromBottom, setAwayFromBottom] = useState(false);
  useImperativeHandle(ref, () => ({
    scrollTo(messageId) {
      const index = log.messages.findIndex((m) => m.id === messageId);
      if (index < 0) return false;
      follow(false);
      virtuoso.current?.scrollToIndex({ index, align: 'center', behavior: 'smooth' });
      return true;
    },
    scrollToBottom() {
      follow(true);
      virtuoso.current?.scrollToIndex({ index: log.messages.length - 1, align: 'end' });
    },
  }));

  // Open at the newest message, or at the one jumped to. (Virtuoso's initialTopMostItemIndex would do
  // it too, but renders nothing until the browser has scrolled, which a jsdom component test never does.)
  const hasMessages = log.messages.length > 0;
  const anchorIndex = anchored ? log.messages.findIndex((m) => m.id === log.anchorId) : -1;
  const openAt = useRef(anchorIndex);
  useEffect(() => {
    if (!hasMessages) return;
    if (openAt.current >= 0) virtuoso.current?.scrollToIndex({ index: openAt.current, align: 'center' });
    else virtuoso.current?.scrollToIndex({ index: 'LAST', align: 'end' });
  }, [hasMessages]);
  // Opening at the top of its window, the list may ask for an older page before it reaches the message:
  // that moves the message's index, and Virtuoso, still settling, would go on to the old one.
  useEffect(() => {
    if (anchorIndex < 0 || anchorIndex === openAt.current || !heldAtAnchor.current) return;
    openAt.current = anchorIndex;
    virtuoso.current?.scrollToIndex({ index: anchorIndex, align: 'center' });
  }, [anchorIndex]);

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
        followOutput={follows ? () => (following.current ? 'auto' : false) : false}
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
          if (bottom && !detached && !heldAtAnchor.current) follow(true);
          setAwayFromBottom(!bottom);
        }}
        atBottomThreshold={AT_BOTTOM_PX}
        onWheel={(event) => {
          release();
          if (event.deltaY < 0) follow(false);
        }}
        onTouchMove={() => {
          release();
          follow(false);
        }}
        onKeyDown={(event) => {
          release();
          if (event.key === 'PageUp' || event.key === 'ArrowUp' || event.key === 'Home') follow(false);
        }}
        // Dragging the scrollbar.
        onPointerDown={release}
        alignToBottom
        increaseViewportBy={{ top: 400, bottom: 200 }}
        components={{
          Header: () =>
            props.loadingOlder ? (
              <p className="muted small list-edge">Loading older messages…</p>
            ) : props.olderFailed ? (
              <PageFailed which="older" onRetry={props.onLoadOlder} />
            ) : log.hasMoreBefore ? (
              <p className="list-edge" />
            ) : (
              <p className="muted small list-edge">This is the beginning of the channel.</p>
            ),
          Footer: () =>
            props.loadingNewer ? (
              <p className="muted small list-edge">Loading newer messages…</p>
            ) : props.newerFailed ? (
              <PageFailed which="newer" onRetry={props.onLoadNewer} />
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
            follow(true);
            virtuoso.current?.scrollToIndex({ index: log.messages.length - 1, align: 'end' });
          }}
        >
          Jump to latest messages
        </button>
      )}
    </div>
  );
});

/** Where a page of messages should be and could not be loaded. */
function PageFailed({ which, onRetry }: { which: 'older' | 'newer'; onRetry: () => void }) {
  return (
    <p className="small list-edge list-edge-failed" role="alert">
      Could not load {which} messages.{' '}
      <button type="button" className="link-button" onClick={onRetry}>
        Try again
      </button>
    </p>
  );
}
