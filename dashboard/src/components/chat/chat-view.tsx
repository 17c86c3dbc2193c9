'use client';

import { useRouter } from 'next/navigation';
import { forwardRef, useCallback, useEffect, useImperativeHandle, useRef, useState } from 'react';
import { useClient, useMutation } from 'urql';
import { ServerSidebarQuery } from '@/components/channels/channels.operations';
import { useSession } from '@/components/session/api-provider';
import { ErrorState, LoadingState } from '@/components/ui/states';
import { getFragmentData, type FragmentType } from '@/gql';
import type { Permission } from '@/gql/graphql';
import { apiErrorOf, type ApiError } from '@/lib/api-errors';
import {
  AddReactionMutation,
  DeleteMessageMutation,
  EditMessageMutation,
  PinMessageMutation,
  RemoveReactionMutation,
  SendMessageMutation,
  UnpinMessageMutation,
} from './chat.operations';
import { Composer } from './composer';
import { ChatMessageFragment, type ChatMessageData } from './message-item';
import { MessageList, type MessageListHandle } from './message-list';
import { MessageReactionsFragment, reactionRefusal } from './message-reactions';
import { pinRefusal } from './pinned-messages';
import { ReactionsDialog } from './reactions-dialog';
import { typingText } from './use-typing-users';
import { isAtPresent, newestId } from './message-log';
import { useChannelMessages } from './use-channel-messages';
import { useMarkRead } from './use-mark-read';

interface ChatViewProps {
  serverId: string;
  channel: { id: string; name: string; slowmodeSeconds: number; myPermissions: readonly Permission[] };
  myUserId: string;
  myUsername: string;
  timedOutUntil: string | null | undefined;
  /** The read marker when the channel was opened: a "new messages" line goes after it. */
  lastReadAtOpen: string | null | undefined;
  /** Open at this message, in context (a search result in this channel, a link), rather than at the newest. */
  openAtId?: string;
  /** The chat has opened at `openAtId` (or said why it could not). */
  onOpenedAt?: () => void;
}

/** What the channel's header asks of the chat: its pins and search panels jump, and pins unpin, here. */
export interface ChatViewHandle {
  /** Shows the message highlighted in its context, loading the history around it when it is not held. */
  jumpTo: (messageId: string) => void;
  setPinned: (messageId: string, pinned: boolean) => void;
}

/**
 * What the reader may do in a channel, as the API rules it: ADMINISTRATOR holds every permission;
 * a running timeout stops adding reactions and pinning.
 */
export function chatAbilities(myPermissions: readonly Permission[], timedOutUntil: string | null | undefined) {
  const can = (permission: Permission) => myPermissions.includes(permission) || myPermissions.includes('ADMINISTRATOR');
  const timedOut = !!timedOutUntil && new Date(timedOutUntil).getTime() > Date.now();
  return {
    can,
    // The API's rule for adding one (taking one's own back needs nothing): ADD_REACTIONS, history, no running timeout.
    canReact: can('ADD_REACTIONS') && can('READ_MESSAGE_HISTORY') && !timedOut,
    canPin: can('MANAGE_MESSAGES') && !timedOut,
    // Who reacted needs the history; removing someone else's reaction needs MANAGE_MESSAGES (a timeout does not stop it).
    canSeeReactions: can('READ_MESSAGE_HISTORY'),
    canRemoveReactions: can('MANAGE_MESSAGES'),
  };
}

/** How long a message jumped to stays highlighted. */
const HIGHLIGHT_MS = 3_000;

export const ChatView = forwardRef<ChatViewHandle, ChatViewProps>(function ChatView(
  { serverId, channel, myUserId, myUsername, timedOutUntil, lastReadAtOpen, openAtId, onOpenedAt },
  ref,
) {
  const router = useRouter();
  const { setNotice, reportLoss } = useSession();
  const list = useRef<MessageListHandle>(null);
  const [editingId, setEditingId] = useState<string>();
  const [replyTo, setReplyTo] = useState<ChatMessageData>();
  const [highlightedId, setHighlightedId] = useState<string>();
  /** The message whose Reactions view is open, and the button that opened it. */
  const [reactionsOf, setReactionsOf] = useState<{ messageId: string; opener: HTMLElement }>();
  const [, sendMutation] = useMutation(SendMessageMutation);
  const [, editMutation] = useMutation(EditMessageMutation);
  const [, deleteMutation] = useMutation(DeleteMessageMutation);
  const [, addReactionMutation] = useMutation(AddReactionMutation);
  const [, removeReactionMutation] = useMutation(RemoveReactionMutation);
  const [, pinMutation] = useMutation(PinMessageMutation);
  const [, unpinMutation] = useMutation(UnpinMessageMutation);

  const client = useClient();
  const open = useRef(true);
  useEffect(() => {
    // Set here too: development's strict mode mounts, unmounts and mounts again.
    open.current = true;
    return () => {
      open.current = false;
    };
  }, []);
  const onLost = useCallback(
    async (error: ApiError | undefined) => {
      reportLoss({ code: error?.code ?? 'FORBIDDEN', message: `#${channel.name} was deleted, or you can no longer see it.` });
      // The server may be lost with it (deleted, or they were removed). Ask afresh: a cached channel list would
      // send them back into the channel they just lost, over the server's own way home.
      const fresh = await client.query(ServerSidebarQuery, { serverId }, { requestPolicy: 'network-only' }).toPromise();
      if (open.current) router.replace(fresh.data && !fresh.data.server ? '/' : `/servers/${serverId}`);
    },
    [channel.name, client, router, serverId, reportLoss],
  );
  // One timer: a second jump to the same message must not end early by the first one's.
  const highlightTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(highlightTimer.current), []);
  const highlight = useCallback((messageId: string) => {
    setHighlightedId(messageId);
    clearTimeout(highlightTimer.current);
    highlightTimer.current = setTimeout(() => setHighlightedId(undefined), HIGHLIGHT_MS);
  }, []);
  const onOpened = useCallback(
    (messageId: string, found: boolean) => {
      if (found) highlight(messageId);
      else setNotice({ code: 'NOT_FOUND', message: 'That message was deleted: these are the messages around where it was.' });
      onOpenedAt?.();
    },
    [highlight, onOpenedAt, setNotice],
  );
  const messages = useChannelMessages(channel.id, myUserId, onLost, { openAtId, onOpenedAt: onOpened });
  const { log, apply } = messages;
  const atPresent = isAtPresent(log);
  // A window back in the history is not read up to its newest message: only the present is.
  useMarkRead(channel.id, atPresent ? newestId(log) : undefined);

  const { can, canReact, canPin, canSeeReactions, canRemoveReactions } = chatAbilities(channel.myPermissions, timedOutUntil);
  const canSend = can('SEND_MESSAGES');

  const sendMessage = useCallback(
    async (channelId: string, content: string, replyToId: string | undefined) => {
      const result = await sendMutation({ channelId, content, replyToId: replyToId ?? null });
      if (result.error) return { error: apiErrorOf(result.error) };
      // graphcache can hand back a null root field for a message that quotes another (its read-back of
      // the nested entity); no error means the API took it, and channelEvents brings it either way.
      const sent = result.data?.sendMessage;
      return { message: sent ? { ...getFragmentData(ChatMessageFragment, sent), reactions: [] } : undefined };
    },
    [sendMutation],
  );

  const jumpToPresent = messages.jumpToPresent;
  const onSent = useCallback(
    (message: ChatMessageData | undefined) => {
      setReplyTo(undefined);
      // Sent from a window back in the history: the present, where it went, replaces the window.
      if (!atPresent) return void jumpToPresent();
      if (message) apply({ type: 'created', message });
      list.current?.scrollToBottom();
    },
    [apply, atPresent, jumpToPresent],
  );

  const onSaveEdit = useCallback(
    async (messageId: string, content: string) => {
      const result = await editMutation({ messageId, content });
      if (result.error) return apiErrorOf(result.error)?.message ?? 'Not saved.';
      const edited = result.data?.editMessage;
      if (edited) apply({ type: 'updated', message: getFragmentData(ChatMessageFragment, edited) });
      setEditingId(undefined);
      return undefined;
    },
    [apply, editMutation],
  );

  const onDelete = useCallback(
    async (messageId: string) => {
      const result = await deleteMutation({ messageId });
      if (result.data?.deleteMessage) apply({ type: 'deleted', messageId });
      else reportLoss(apiErrorOf(result.error));
    },
    [apply, deleteMutation, reportLoss],
  );

  /**
   * A reaction mutation's answer: the message's reactions as they are now. Only this emoji goes in, as
   * `userId`'s change (its event says the same); the others keep what live events said, which may be newer.
   */
  const applyAnswer = useCallback(
    (messageId: string, emoji: string, userId: string, answered: FragmentType<typeof MessageReactionsFragment> | undefined) => {
      if (!answered) return;
      const reaction = getFragmentData(MessageReactionsFragment, answered).reactions.find((r) => r.emoji === emoji);
      // The answer's `me` is the reader's: someone else's reaction was removed (only removals name another).
      const reacted = userId === myUserId ? (reaction?.me ?? false) : false;
      apply({ type: 'reaction', change: { messageId, emoji, userId, reacted, count: reaction?.count ?? 0 }, readerId: myUserId });
    },
    [apply, myUserId],
  );

  const onReact = useCallback(
    async (messageId: string, emoji: string, add: boolean) => {
      const result = add ? await addReactionMutation({ messageId, emoji }) : await removeReactionMutation({ messageId, emoji });
      if (result.error) return setNotice(reactionRefusal(apiErrorOf(result.error)));
      const data = result.data;
      applyAnswer(messageId, emoji, myUserId, data && ('addReaction' in data ? data.addReaction : data.removeReaction));
    },
    [addReactionMutation, removeReactionMutation, applyAnswer, myUserId, setNotice],
  );

  /** From the Reactions view: `userId`'s reaction (a moderator's removal), or the reader's own. Resolves to the refusal. */
  const onRemoveReaction = useCallback(
    async (messageId: string, emoji: string, userId: string | undefined) => {
      const result = await removeReactionMutation({ messageId, emoji, userId: userId ?? null });
      if (result.error) return apiErrorOf(result.error) ?? { code: 'INTERNAL' as const, message: 'The reaction was not removed.' };
      applyAnswer(messageId, emoji, userId ?? myUserId, result.data?.removeReaction);
      return undefined;
    },
    [removeReactionMutation, applyAnswer, myUserId],
  );

  const onShowReactions = useCallback((messageId: string, opener: HTMLElement) => setReactionsOf({ messageId, opener }), []);

  const onPin = useCallback(
    async (messageId: string, pinned: boolean) => {
      const result = pinned ? await pinMutation({ messageId }) : await unpinMutation({ messageId });
      if (result.error) return setNotice(pinRefusal(apiErrorOf(result.error), pinned));
      // The message with its pinnedAt now; its MessageUpdated brings the same to every reader.
      const data = result.data;
      const answered = data && ('pinMessage' in data ? data.pinMessage : data.unpinMessage);
      if (answered) apply({ type: 'updated', message: getFragmentData(ChatMessageFragment, answered) });
    },
    [pinMutation, unpinMutation, apply, setNotice],
  );

  const { loadOlder, loadNewer, loadAround } = messages;
  const onJumpTo = useCallback(
    async (messageId: string) => {
      if (list.current?.scrollTo(messageId)) return highlight(messageId);
      // Not held: the history around it replaces the log, however far back it is.
      const outcome = await loadAround(messageId);
      if ('error' in outcome) return setNotice(outcome.error ?? { code: 'INTERNAL', message: 'That message could not be loaded.' });
      if (outcome.found) highlight(messageId);
      else setNotice({ code: 'NOT_FOUND', message: 'That message was deleted.' });
    },
    [highlight, loadAround, setNotice],
  );

  useImperativeHandle(
    ref,
    () => ({ jumpTo: (messageId) => void onJumpTo(messageId), setPinned: (messageId, pinned) => void onPin(messageId, pinned) }),
    [onJumpTo, onPin],
  );

  const onEditLast = useCallback(() => {
    const last = [...log.messages].reverse().find((m) => m.author.id === myUserId);
    if (last) setEditingId(last.id);
  }, [log.messages, myUserId]);

  if (messages.error && !log.loaded) return <ErrorState error={messages.error} onRetry={() => void messages.retry()} />;
  if (!log.loaded) return <LoadingState label="Loading messages…" />;

  return (
    <div className="chat">
      <MessageList
        // A jump's window or the way back to the present is another run of the channel: a fresh list
        // opens at the message jumped to, or at the newest.
        key={log.generation}
        ref={list}
        log={log}
        myUserId={myUserId}
        myUsername={myUsername}
        unreadAfterId={lastReadAtOpen ?? undefined}
        canManageMessages={can('MANAGE_MESSAGES')}
        canSend={canSend}
        canReact={canReact}
        canPin={canPin}
        canSeeReactions={canSeeReactions}
        editingId={editingId}
        highlightedId={highlightedId}
        loadingOlder={messages.loadingOlder}
        olderFailed={messages.olderFailed}
        onLoadOlder={() => void loadOlder()}
        loadingNewer={messages.loadingNewer}
        newerFailed={messages.newerFailed}
        onLoadNewer={() => void loadNewer()}
        onJumpToPresent={() => void jumpToPresent()}
        onReply={setReplyTo}
        onStartEdit={setEditingId}
        onSaveEdit={onSaveEdit}
        onCancelEdit={() => setEditingId(undefined)}
        onDelete={(id) => void onDelete(id)}
        onJumpTo={(id) => void onJumpTo(id)}
        onReact={(id, emoji, add) => void onReact(id, emoji, add)}
        onPin={(id, pinned) => void onPin(id, pinned)}
        onShowReactions={onShowReactions}
      />
      <ReactionsDialog
        // Each message's view starts afresh: on its first emoji, with no refusal from another.
        key={reactionsOf?.messageId}
        open={!!reactionsOf}
        onOpenChange={(open) => {
          if (!open) setReactionsOf(undefined);
        }}
        message={reactionsOf && log.messages.find((m) => m.id === reactionsOf.messageId)}
        myUserId={myUserId}
        canRemoveOthers={canRemoveReactions}
        onRemove={onRemoveReaction}
        returnFocusTo={reactionsOf?.opener}
      />
      <p className="typing" aria-live="polite">
        {typingText(messages.typingNames)}
      </p>
      <Composer
        serverId={serverId}
        channelId={channel.id}
        channelName={channel.name}
        canSend={canSend}
        canMentionEveryone={can('MENTION_EVERYONE')}
        timedOutUntil={timedOutUntil}
        // Moderators (MANAGE_MESSAGES or MANAGE_CHANNELS) are exempt from slowmode, as the API rules.
        slowmodeSeconds={can('MANAGE_MESSAGES') || can('MANAGE_CHANNELS') ? 0 : channel.slowmodeSeconds}
        replyTo={replyTo}
        onCancelReply={() => setReplyTo(undefined)}
        onSent={onSent}
        onEditLast={onEditLast}
        sendMessage={sendMessage}
      />
    </div>
  );
});
