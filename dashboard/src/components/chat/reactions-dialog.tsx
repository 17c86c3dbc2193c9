'use client';

import { Dialog, Tabs } from 'radix-ui';
import { useEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import { useQuery } from 'urql';
import { CrossIcon, LineIcon } from '@/components/ui/line-icon';
import { ErrorState, LoadingState } from '@/components/ui/states';
import { getFragmentData, graphql } from '@/gql';
import type { ReactorFragment as ReactorFields } from '@/gql/graphql';
import { useMediaQuery } from '@/hooks/use-media-query';
import { apiErrorOf, type ApiError } from '@/lib/api-errors';
import { parseMarkup, plainText } from './message-markup';
import { memberNamesOf, type MentionedMember } from './mentioned-members';
import { channelNameOf, roleNameOf, useServerRoles } from './server-roles';
import type { ReactionState } from './message-log';
import { chipName, reactionRefusal } from './message-reactions';
import { ReactionFace } from './reaction-face';

/** One person in the list: who they are, as the member list names them. */
export const ReactorFragment = graphql(`
  fragment Reactor on User {
    id
    username
    displayName
    isBot
  }
`);

/** Who reacted with one emoji, first reactions first: asked for when its tab is chosen. */
export const ReactionListQuery = graphql(`
  query ReactionList($messageId: ID!, $emoji: String!, $limit: Int!) {
    reactionUsers(messageId: $messageId, emoji: $emoji, limit: $limit) {
      id
      ...Reactor
    }
  }
`);

/** The API's most per reactionUsers call; beyond it the dialog says how many more there are. */
export const LISTED = 100;

/** Where the emoji go on top of the list rather than beside it (globals.css places them the same way). */
const PHONE_SCREEN = '(max-width: 600px)';

export interface ReactionsDialogMessage {
  id: string;
  content: string;
  author: { displayName: string };
  /** The members its text mentions: "@username" and "<@id>" show as their names in the quote. */
  mentionedMembers?: readonly MentionedMember[];
  /** As the chat holds them, kept current by live events: the tabs and their counts. */
  reactions: readonly ReactionState[];
}

interface ReactionsDialogProps {
  /** The message whose reactions show; undefined when it was deleted while the dialog was open. */
  message: ReactionsDialogMessage | undefined;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  myUserId: string;
  /** MANAGE_MESSAGES in the channel: a remove button for everyone's reaction, not only the reader's own. */
  canRemoveOthers: boolean;
  /** Removes `userId`'s reaction, or the reader's own (undefined); resolves to the API's refusal, if any. */
  onRemove: (messageId: string, emoji: string, userId: string | undefined) => Promise<ApiError | undefined>;
  /** Where focus goes back when it closes: the button that opened it, when it is still there. */
  returnFocusTo?: HTMLElement | null;
}

/**
 * Who reacted to a message, emoji by emoji, as Discord's "Reactions" view: a Radix dialog (focus trapped,
 * Escape closes) with the emoji as tabs beside the list (on top of it on phones), and the people who
 * reacted with the chosen one. The reader may take their own reaction back there, and moderators
 * anyone's. Refusals show inside it: the page behind a modal dialog is out of reach.
 */
export function ReactionsDialog({ message, open, onOpenChange, myUserId, canRemoveOthers, onRemove, returnFocusTo }: ReactionsDialogProps) {
  const [chosen, setChosen] = useState<string>();
  const [refusal, setRefusal] = useState<ApiError>();
  const [removing, setRemoving] = useState<ReadonlySet<string>>(() => new Set());
  const phone = useMediaQuery(PHONE_SCREEN);
  const content = useRef<HTMLDivElement>(null);
  const reactions = message?.reactions ?? [];
  const selected = selectedEmoji(reactions, chosen);
  const messageText = message?.content;
  const mentioned = message?.mentionedMembers;
  const roles = useServerRoles();
  const quoted = useMemo(
    () =>
      messageText === undefined
        ? ''
        : plainText(parseMarkup(messageText), roleNameOf(roles), memberNamesOf(mentioned), channelNameOf(roles)),
    [messageText, mentioned, roles],
  );

  async function remove(event: MouseEvent<HTMLButtonElement>, emoji: string, user: ReactorFields) {
    if (!message) return;
    const key = removalKey(emoji, user.id);
    if (removing.has(key)) return;
    const button = event.currentTarget;
    // The row goes once the API answers: focus waits in the list rather than on a button about to go.
    button.closest<HTMLElement>('[role="tabpanel"]')?.focus();
    setRefusal(undefined);
    setRemoving((keys) => new Set(keys).add(key));
    const refused = await onRemove(message.id, emoji, user.id === myUserId ? undefined : user.id);
    setRemoving((keys) => {
      const next = new Set(keys);
      next.delete(key);
      return next;
    });
    if (!refused) return;
    setRefusal(removalRefusal(refused));
    if (button.isConnected) button.focus();
  }

  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content
          ref={content}
          className="dialog reactions-dialog"
          // Focus starts on the chosen emoji: the arrow keys move between them, Tab goes on to the list.
          onOpenAutoFocus={(event) => {
            const tab = content.current?.querySelector<HTMLElement>('[role="tab"][aria-selected="true"]');
            if (!tab) return;
            event.preventDefault();
            tab.focus();
          }}
          onCloseAutoFocus={(event) => {
            if (!returnFocusTo?.isConnected) return;
            event.preventDefault();
            returnFocusTo.focus();
          }}
        >
          <div className="reactions-dialog-head">
            <Dialog.Title>Reactions</Dialog.Title>
            <Dialog.Close className="icon-button" aria-label="Close" title="Close">
              <CrossIcon size={18} />
            </Dialog.Close>
          </div>
          <Dialog.Description className="muted small reactions-dialog-of">
            {message ? `On ${message.author.displayName}’s message: ${quoted}` : 'That message was deleted.'}
          </Dialog.Description>
          {message && selected === undefined && <p className="muted reactions-none">No reactions any more.</p>}
          {message && selected !== undefined && (
            <Tabs.Root
              className="reactions-tabs"
              value={selected}
              onValueChange={(emoji) => {
                setChosen(emoji);
                setRefusal(undefined);
              }}
              orientation={phone ? 'horizontal' : 'vertical'}
            >
              <Tabs.List className="reaction-tab-list" aria-label="Emoji">
                {reactions.map((reaction) => (
                  <Tabs.Trigger key={reaction.emoji} value={reaction.emoji} className="reaction-tab" aria-label={chipName(reaction, false)}>
                    <ReactionFace emoji={reaction.emoji} count={reaction.count} />
                  </Tabs.Trigger>
                ))}
              </Tabs.List>
              <Tabs.Content key={selected} value={selected} className="reaction-people">
                <Reactors
                  messageId={message.id}
                  reaction={reactions.find((r) => r.emoji === selected)!}
                  myUserId={myUserId}
                  canRemoveOthers={canRemoveOthers}
                  removing={removing}
                  onRemove={(event, user) => void remove(event, selected, user)}
                />
              </Tabs.Content>
            </Tabs.Root>
          )}
          {refusal && (
            <p className="field-error reactions-refusal" role="alert">
              {refusal.message}
            </p>
          )}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

interface ReactorsProps {
  messageId: string;
  reaction: ReactionState;
  myUserId: string;
  canRemoveOthers: boolean;
  /** Removals asked for and not answered yet (removalKey): their buttons wait. */
  removing: ReadonlySet<string>;
  onRemove: (event: MouseEvent<HTMLButtonElement>, user: ReactorFields) => void;
}

/** The people who reacted with one emoji, each with a remove button where the reader may remove theirs. */
function Reactors({ messageId, reaction, myUserId, canRemoveOthers, removing, onRemove }: ReactorsProps) {
  const { emoji } = reaction;
  const [{ data, error }, refetch] = useQuery({
    query: ReactionListQuery,
    variables: { messageId, emoji, limit: LISTED },
    requestPolicy: 'cache-and-network',
  });
  const users = getFragmentData(ReactorFragment, data?.reactionUsers ?? []);
  // Someone reacted since the list was read (the live event names an id, not a person): ask again.
  // A removal needs nothing: the cache takes the person off (reaction-users-cache.ts).
  const { count } = reaction;
  const listed = users.length;
  const loaded = !!data;
  const seenCount = useRef(count);
  useEffect(() => {
    const rose = count > seenCount.current;
    seenCount.current = count;
    if (rose && loaded && listed < Math.min(count, LISTED)) refetch({ requestPolicy: 'network-only' });
  }, [count, listed, loaded, refetch]);
  if (!data && error) return <ErrorState error={apiErrorOf(error)} onRetry={() => refetch({ requestPolicy: 'network-only' })} />;
  if (!data) return <LoadingState label="Loading who reacted…" />;
  if (users.length === 0) return <p className="muted reactions-none">Nobody reacted with {emoji} any more.</p>;
  const more = notListed(count, listed);
  return (
    <>
      <ul className="reactors" aria-label={`Reacted with ${emoji}`}>
        {users.map((user) => {
          const mine = user.id === myUserId;
          const waiting = removing.has(removalKey(emoji, user.id));
          return (
            <li key={user.id} className="reactor">
              <span className="reactor-names">
                <span className="reactor-name">{user.displayName}</span> <span className="reactor-username">@{user.username}</span>
              </span>
              {user.isBot && <span className="badge">BOT</span>}
              {(mine || canRemoveOthers) && (
                <button
                  type="button"
                  className="icon-button reactor-remove"
                  aria-label={removeLabel(user.displayName, mine)}
                  title={removeLabel(user.displayName, mine)}
                  aria-disabled={waiting || undefined}
                  onClick={(event) => onRemove(event, user)}
                >
                  <CrossIcon size={16} />
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {more > 0 && <p className="muted small reactors-more">{`And ${more} more, not listed here.`}</p>}
    </>
  );
}

/** The emoji whose people show: the one chosen while it is still there, else the first (none without reactions). */
export function selectedEmoji(reactions: readonly ReactionState[], chosen: string | undefined): string | undefined {
  return reactions.some((r) => r.emoji === chosen) ? chosen : reactions[0]?.emoji;
}

/** How many reacted beyond those listed (the list holds the first LISTED; the count is live). */
export function notListed(count: number, listed: number): number {
  return Math.max(0, count - listed);
}

/** "Remove Bob's reaction", or "Remove your reaction" for the reader's own. */
export function removeLabel(displayName: string, mine: boolean): string {
  return mine ? 'Remove your reaction' : `Remove ${displayName}'s reaction`;
}

/** What the dialog says when a removal was refused; the chat's words for a refused reaction otherwise. */
export function removalRefusal(error: ApiError | undefined): ApiError {
  if (!error) return { code: 'INTERNAL', message: 'The reaction was not removed. Try again.' };
  switch (error.code) {
    case 'FORBIDDEN':
      return { ...error, message: 'You do not have permission to remove other people’s reactions in this channel.' };
    case 'BAD_USER_INPUT':
      // reactionRefusal reads it as the emoji limit, which only adding meets: the API's own words.
      return error;
    default:
      return reactionRefusal(error);
  }
}

function removalKey(emoji: string, userId: string): string {
  return `${emoji} ${userId}`;
}

/** The message action that opens the dialog: a face beside a list. */
export function ReactionsIcon({ size }: { size: number }) {
  return (
    <LineIcon size={size} strokeWidth={1.8}>
      <circle cx="8" cy="12" r="6.5" />
      <path d="M5.3 14c.7.8 1.6 1.2 2.7 1.2s2-.4 2.7-1.2" />
      <circle cx="5.9" cy="10.3" r="0.6" fill="currentColor" />
      <circle cx="10.1" cy="10.3" r="0.6" fill="currentColor" />
      <path d="M17.5 8h4.5M17.5 12h4.5M17.5 16h4.5" />
    </LineIcon>
  );
}
