'use client';

import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { useClient } from 'urql';
import { getFragmentData, type FragmentType } from '@/gql';
import { useOnReconnect } from '@/hooks/use-on-reconnect';
import { useResumableSubscription } from '@/hooks/use-resumable-subscription';
import { apiErrorOf, type ApiError } from '@/lib/api-errors';
import { ChannelEventsSubscription, ChannelHistoryQuery, PAGE_SIZE } from './chat.operations';
import { ChatMessageFragment, type ChatMessageData } from './message-item';
import { emptyLog, messageLogReducer, newestId, type MessageLogAction } from './message-log';
import { MessageReactionsFragment } from './message-reactions';
import { useTypingUsers } from './use-typing-users';

/**
 * A channel's messages: the latest page, older pages on demand, then channelEvents live. After a
 * drop the subscription resumes with `since` = the newest message held, and the latest page is
 * fetched again for edits, deletes and reactions that changed meanwhile (the replay carries creations only).
 */
export function useChannelMessages(channelId: string, myUserId: string, onLost: (error: ApiError | undefined) => void) {
  const client = useClient();
  const [log, dispatch] = useReducer(messageLogReducer<ChatMessageData>, emptyLog<ChatMessageData>());
  const [error, setError] = useState<ApiError>();
  const [loadingOlder, setLoadingOlder] = useState(false);
  const typing = useTypingUsers(myUserId);
  const logRef = useRef(log);
  useEffect(() => {
    logRef.current = log;
  });

  const loadLatest = useCallback(async () => {
    const result = await client.query(ChannelHistoryQuery, { channelId, limit: PAGE_SIZE }, { requestPolicy: 'network-only' }).toPromise();
    if (!result.data) return setError(apiErrorOf(result.error));
    setError(undefined);
    const page = result.data.messages;
    dispatch({ type: 'latest', messages: page.messages.map(withReactions), hasMoreBefore: page.hasMoreBefore });
  }, [client, channelId]);

  useEffect(() => {
    void loadLatest();
  }, [loadLatest]);
  useOnReconnect(() => void loadLatest());

  const loadOlder = useCallback(async () => {
    const current = logRef.current;
    const oldest = current.messages[0]?.id;
    if (!current.hasMoreBefore || !oldest || loadingOlder) return;
    setLoadingOlder(true);
    const result = await client
      .query(ChannelHistoryQuery, { channelId, before: oldest, limit: PAGE_SIZE }, { requestPolicy: 'network-only' })
      .toPromise();
    setLoadingOlder(false);
    if (result.data) {
      const page = result.data.messages;
      dispatch({ type: 'older', messages: page.messages.map(withReactions), hasMoreBefore: page.hasMoreBefore });
    }
  }, [client, channelId, loadingOlder]);

  useResumableSubscription({
    document: ChannelEventsSubscription,
    variables: () => ({ channelId, since: newestId(logRef.current) ?? null }),
    // Subscribe once the first page is in, so `since` closes the gap between the two.
    key: log.loaded ? channelId : undefined,
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
      }
    },
    onEnded: onLost,
  });

  /** What the member's own mutations return goes in at once; the live event then merges by id. */
  const apply = useCallback((action: MessageLogAction<ChatMessageData>) => dispatch(action), []);

  return { log, error, retry: loadLatest, loadOlder, loadingOlder, typingNames: typing.names, apply };
}

function unmask(ref: FragmentType<typeof ChatMessageFragment>) {
  return getFragmentData(ChatMessageFragment, ref);
}

/** A history page's message, with its reactions. */
function withReactions(ref: FragmentType<typeof ChatMessageFragment> & FragmentType<typeof MessageReactionsFragment>): ChatMessageData {
  return { ...unmask(ref), reactions: getFragmentData(MessageReactionsFragment, ref).reactions };
}
