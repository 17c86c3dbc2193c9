'use client';

import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { useClient } from 'urql';
import { useUserChanges } from '@/components/members/user-changes';
import { getFragmentData, type FragmentType } from '@/gql';
import { useOnReconnect } from '@/hooks/use-on-reconnect';
import { useResumableSubscription } from '@/hooks/use-resumable-subscription';
import { apiErrorOf, type ApiError } from '@/lib/api-errors';
import { ChannelEventsSubscription, ChannelHistoryQuery, PAGE_SIZE } from './chat.operations';
import { ChatMessageFragment, type ChatMessageData } from './message-item';
import { emptyLog, isAtPresent, messageLogReducer, newestId, rereadWindow, type MessageLogAction } from './message-log';
import { MessageReactionsFragment } from './message-reactions';
import { useTypingUsers } from './use-typing-users';

/** Where a jump landed: on the message, near where it was (deleted meanwhile), or nowhere (refused). */
export type JumpOutcome = { found: boolean } | { error: ApiError | undefined };

interface ChannelMessagesOptions {
  /** Open at this message (a search result, a link) rather than at the newest. */
  openAtId?: string;
  /** Once the window around `openAtId` is in. */
  onOpenedAt?: (messageId: string, found: boolean) => void;
}

/**
 * A channel's messages: the latest page, older pages on demand, then channelEvents live. After a
 * drop the subscription resumes with `since` = the newest message held, and the latest page is
 * fetched again for edits, deletes and reactions that changed meanwhile (the replay carries creations only).
 *
 * A jump loads the page around a message instead, detached from the present when newer messages
 * follow it: newer pages load as the reader scrolls down, and the subscription then runs without
 * `since` (only what the window holds changes); after a drop the window's range is read again, where
 * the reader is. Reaching the present again (the last newer page, or the latest page) subscribes
 * afresh with `since`, so nothing sent meanwhile is missed.
 */
export function useChannelMessages(
  channelId: string,
  myUserId: string,
  onLost: (error: ApiError | undefined) => void,
  options: ChannelMessagesOptions = {},
) {
  const client = useClient();
  const [log, dispatch] = useReducer(messageLogReducer<ChatMessageData>, emptyLog<ChatMessageData>());
  const [error, setError] = useState<ApiError>();
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [loadingNewer, setLoadingNewer] = useState(false);
  // A page at either end that could not be loaded (a refusal, no network, a request that timed out):
  // the list says so where the page would be, with a way to try again.
  const [olderFailed, setOlderFailed] = useState(false);
  const [newerFailed, setNewerFailed] = useState(false);
  const typing = useTypingUsers(myUserId);
  const logRef = useRef(log);
  const optionsRef = useRef(options);
  // Read once: later changes of the target are jumps, which the view asks for itself.
  const openAt = useRef(options.openAtId);
  useEffect(() => {
    logRef.current = log;
    optionsRef.current = options;
  });

  const fetchPage = useCallback(
    (cursor: { before?: string; after?: string; around?: string }) =>
      client
        .query(
          ChannelHistoryQuery,
          { channelId, limit: PAGE_SIZE, before: cursor.before ?? null, after: cursor.after ?? null, around: cursor.around ?? null },
          { requestPolicy: 'network-only' },
        )
        .toPromise(),
    [client, channelId],
  );

  /** The newest page: the first load, a refresh after a reconnect, or the way back from a detached window. */
  const loadLatest = useCallback(async () => {
    const { generation } = logRef.current;
    const heldNewest = newestId(logRef.current);
    const result = await fetchPage({});
    if (!result.data) return setError(apiErrorOf(result.error));
    setError(undefined);
    const page = result.data.messages;
    const messages = page.messages.map(withReactions);
    dispatch({ type: 'latest', messages, hasMoreBefore: page.hasMoreBefore, generation, heldNewest });
  }, [fetchPage]);

  /** The page around a message, replacing what the log holds (a jump). */
  const loadAround = useCallback(
    async (messageId: string): Promise<JumpOutcome> => {
      const result = await fetchPage({ around: messageId });
      if (!result.data) return { error: apiErrorOf(result.error) };
      const page = result.data.messages;
      const messages = page.messages.map(withReactions);
      dispatch({ type: 'around', messageId, messages, hasMoreBefore: page.hasMoreBefore, hasMoreAfter: page.hasMoreAfter });
      return { found: messages.some((m) => m.id === messageId) };
    },
    [fetchPage],
  );

  const loadFirst = useCallback(async () => {
    const messageId = openAt.current;
    if (!messageId) return loadLatest();
    const outcome = await loadAround(messageId);
    if ('error' in outcome) return setError(outcome.error);
    setError(undefined);
    // A retry or a reconnect after this refreshes as usual.
    openAt.current = undefined;
    optionsRef.current.onOpenedAt?.(messageId, outcome.found);
  }, [loadLatest, loadAround]);

  /** A detached window read again after a drop, for what changed in it meanwhile: the reader stays where they are. */
  const refreshWindow = useCallback(async () => {
    const action = await rereadWindow(logRef.current, async (cursor) => {
      const result = await fetchPage({ after: cursor });
      const page = result.data?.messages;
      return page && { ...page, messages: page.messages.map(withReactions) };
    });
    if (!action || action.generation !== logRef.current.generation) return;
    // Everything from the window on was deleted: nowhere is left to stay, so back to the present.
    if (action.messages.length === 0) return loadLatest();
    dispatch(action);
  }, [fetchPage, loadLatest]);

  useEffect(() => {
    void loadFirst();
  }, [loadFirst]);
  // After a drop, or the API's EventsMissed (its event bus was away: edits, deletions and reactions of
  // that time never come): at the present the latest page again; a detached window its own range,
  // and the reader stays there.
  const readAgain = useCallback(() => {
    if (!logRef.current.loaded) void loadFirst();
    else if (isAtPresent(logRef.current)) void loadLatest();
    else void refreshWindow();
  }, [loadFirst, loadLatest, refreshWindow]);
  useOnReconnect(readAgain);

  const loadOlder = useCallback(async () => {
    const current = logRef.current;
    const oldest = current.messages[0]?.id;
    if (!current.hasMoreBefore || !oldest || loadingOlder) return;
    setLoadingOlder(true);
    const result = await fetchPage({ before: oldest });
    setLoadingOlder(false);
    setOlderFailed(!result.data);
    if (result.data) {
      const page = result.data.messages;
      const messages = page.messages.map(withReactions);
      dispatch({ type: 'older', messages, hasMoreBefore: page.hasMoreBefore, generation: current.generation });
    }
  }, [fetchPage, loadingOlder]);

  const loadNewer = useCallback(async () => {
    const current = logRef.current;
    const newest = newestId(current);
    if (!current.hasMoreAfter || !newest || loadingNewer) return;
    setLoadingNewer(true);
    const result = await fetchPage({ after: newest });
    setLoadingNewer(false);
    setNewerFailed(!result.data);
    if (result.data) {
      const page = result.data.messages;
      const messages = page.messages.map(withReactions);
      dispatch({ type: 'newer', messages, hasMoreAfter: page.hasMoreAfter, generation: current.generation });
    }
  }, [fetchPage, loadingNewer]);

  const atPresent = isAtPresent(log);
  useResumableSubscription({
    document: ChannelEventsSubscription,
    // At the present, `since` closes the gap between the page and the stream (an empty channel's own id
    // is older than any message in it); a detached window needs no replay.
    variables: () => ({ channelId, since: isAtPresent(logRef.current) ? (newestId(logRef.current) ?? channelId) : null }),
    // Subscribe once the first page is in; again on reaching the present (a new run, or the last newer page).
    key: log.loaded ? `${channelId}:${atPresent ? log.generation : 'detached'}` : undefined,
    onData: ({ channelEvents: event }) => {
      switch (event.__typename) {
        case 'MessageCreated': {
          // New, so without reactions (the API answers none for a MessageCreated either).
          const message = { ...unmask(event.message), reactions: [] };
          typing.stopped(message.author.id);
          return dispatch({ type: 'created', message });
        }
        case 'MessageUpdated':
          return dispatch({ type: 'updated', message: unmask(event.message) });
        case 'MessageDeleted':
          return dispatch({ type: 'deleted', messageId: event.messageId });
        case 'MessageReactionChanged':
          return dispatch({ type: 'reaction', change: event, readerId: myUserId });
        case 'TypingStarted':
          return typing.started(event.user.id, event.user.displayName);
        case 'EventsMissed':
          return readAgain();
      }
    },
    onEnded: onLost,
  });

  useUserChanges((user) => dispatch({ type: 'userChanged', user }));

  /** What the member's own mutations return goes in at once; the live event then merges by id. */
  const apply = useCallback((action: MessageLogAction<ChatMessageData>) => dispatch(action), []);

  return {
    log,
    error,
    retry: loadFirst,
    loadOlder,
    loadingOlder,
    olderFailed,
    loadNewer,
    loadingNewer,
    newerFailed,
    loadAround,
    jumpToPresent: loadLatest,
    typingNames: typing.names,
    apply,
  };
}

function unmask(ref: FragmentType<typeof ChatMessageFragment>) {
  return getFragmentData(ChatMessageFragment, ref);
}

/** A history page's message, with its reactions. */
function withReactions(ref: FragmentType<typeof ChatMessageFragment> & FragmentType<typeof MessageReactionsFragment>): ChatMessageData {
  return { ...unmask(ref), reactions: getFragmentData(MessageReactionsFragment, ref).reactions };
}
