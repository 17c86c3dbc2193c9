'use client';

import { Tooltip } from 'radix-ui';
import { useQuery } from 'urql';
import { graphql } from '@/gql';
import type { ApiError } from '@/lib/api-errors';
import { formatDateTime } from './chat-time';
import type { ReactionState } from './message-log';
import { ReactionFace } from './reaction-face';

/**
 * What the chips show. Selected by the history page and the reaction mutations' answers, never by the
 * channel's live events: `me` is personal, and an event stream selecting it would be executed once per
 * reader rather than once for all. Live, MessageReactionChanged keeps them current.
 */
export const MessageReactionsFragment = graphql(`
  fragment MessageReactions on Message {
    reactions {
      emoji
      count
      me
    }
  }
`);

/** The API's limit (api/src/features/reactions/reactions.inputs.ts): different emoji on one message. */
export const MAX_REACTIONS = 20;

interface ReactionChipsProps {
  messageId: string;
  reactions: readonly ReactionState[];
  /** ADD_REACTIONS (and not timed out): without it the chips show but only the reader's own can be taken back. */
  canReact: boolean;
  /** Adds the reader's reaction (`add`) or takes it back. */
  onToggle: (messageId: string, emoji: string, add: boolean) => void;
}

/**
 * A message's reactions, as chips under it: the emoji and how many reacted with it, pressed when the
 * reader did. A click adds the reader's reaction or takes it back.
 */
export function ReactionChips({ messageId, reactions, canReact, onToggle }: ReactionChipsProps) {
  if (reactions.length === 0) return null;
  return (
    <Tooltip.Provider delayDuration={300}>
      <div className="reactions" role="group" aria-label="Reactions">
        {reactions.map((reaction) => {
          // Taking one's own back needs no permission; adding does. Not `disabled`: a chip that cannot
          // be clicked still says who reacted, on hover and on focus.
          const clickable = reaction.me || canReact;
          return (
            <Tooltip.Root key={reaction.emoji}>
              <Tooltip.Trigger asChild>
                <button
                  type="button"
                  className="reaction-chip"
                  aria-pressed={reaction.me}
                  aria-label={chipName(reaction, clickable)}
                  aria-disabled={!clickable || undefined}
                  onClick={() => clickable && onToggle(messageId, reaction.emoji, !reaction.me)}
                >
                  <ReactionFace emoji={reaction.emoji} count={reaction.count} />
                </button>
              </Tooltip.Trigger>
              <Tooltip.Portal>
                <Tooltip.Content className="reaction-who" side="top" sideOffset={6} collisionPadding={8}>
                  <ReactionWho messageId={messageId} reaction={reaction} />
                  <Tooltip.Arrow className="reaction-who-arrow" />
                </Tooltip.Content>
              </Tooltip.Portal>
            </Tooltip.Root>
          );
        })}
      </div>
    </Tooltip.Provider>
  );
}

/** Asked for only while its tooltip is open: the first few who reacted. */
function ReactionWho({ messageId, reaction }: { messageId: string; reaction: ReactionState }) {
  const [{ data, error }] = useQuery({
    query: ReactionUsersQuery,
    variables: { messageId, emoji: reaction.emoji, limit: NAMED },
    requestPolicy: 'cache-and-network',
  });
  if (error) return <>{reaction.emoji}</>;
  if (!data) return <>Who reacted with {reaction.emoji}…</>;
  return (
    <>
      {whoReacted(
        data.reactionUsers.map((user) => user.displayName),
        reaction,
      )}
    </>
  );
}

/** How many names a tooltip shows before "and N others". */
const NAMED = 3;

export const ReactionUsersQuery = graphql(`
  query ReactionUsers($messageId: ID!, $emoji: String!, $limit: Int!) {
    reactionUsers(messageId: $messageId, emoji: $emoji, limit: $limit) {
      id
      displayName
    }
  }
`);

/** "Ann reacted with 👍", "Ann and Bob …", "Ann, Bob and Cy …", "Ann, Bob, Cy and 2 others …". */
export function whoReacted(names: readonly string[], { emoji, count }: Pick<ReactionState, 'emoji' | 'count'>): string {
  const shown = names.slice(0, NAMED);
  const others = Math.max(0, count - shown.length);
  const parts = others > 0 ? [...shown, `${others} ${others === 1 ? 'other' : 'others'}`] : shown;
  if (parts.length === 0) return `Nobody reacted with ${emoji} any more`;
  const list = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
  return `${list} reacted with ${emoji}`;
}

/** "👍 2 reactions, including yours", "🎉 1 reaction, react with 🎉", or without the offer when it is not theirs to make. */
export function chipName({ emoji, count, me }: ReactionState, clickable: boolean): string {
  const counted = `${emoji} ${count} ${count === 1 ? 'reaction' : 'reactions'}`;
  if (me) return `${counted}, including yours`;
  return clickable ? `${counted}, react with ${emoji}` : counted;
}

/** What the chat says when a reaction was refused (the API's words name the field). */
export function reactionRefusal(error: ApiError | undefined): ApiError {
  if (!error) return { code: 'INTERNAL', message: 'The reaction was not saved. Try again.' };
  switch (error.code) {
    case 'BAD_USER_INPUT':
      // Every emoji offered here is one the API takes (the picker's are tested, the chips' came from
      // the API), so the refusal is the limit: a 21st different emoji.
      return { ...error, message: `A message can have at most ${MAX_REACTIONS} different reactions: add yours to one already there.` };
    case 'FORBIDDEN':
      return { ...error, message: 'You do not have permission to add reactions in this channel.' };
    case 'TIMED_OUT':
      return {
        ...error,
        message: error.until
          ? `You are timed out until ${formatDateTime(error.until)} and cannot react.`
          : 'You are timed out and cannot react.',
      };
    case 'NOT_FOUND':
      return { ...error, message: 'That message was deleted.' };
    case 'RATE_LIMITED': {
      // At most 20 changes per member and channel every 10 s.
      const seconds = Math.max(1, Math.ceil((error.retryAfterMs ?? 1_000) / 1_000));
      return { ...error, message: `Too many reactions at once: try again in ${seconds} s.` };
    }
    default:
      return error;
  }
}
