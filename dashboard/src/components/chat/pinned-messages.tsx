'use client';

import { Popover } from 'radix-ui';
import { useId, useMemo, useRef, useState } from 'react';
import { useQuery } from 'urql';
import { ErrorState, LoadingState } from '@/components/ui/states';
import { getFragmentData, graphql } from '@/gql';
import type { PinnedMessageFragment as PinnedMessageFields } from '@/gql/graphql';
import { apiErrorOf, type ApiError } from '@/lib/api-errors';
import { formatDateTime, formatMessageTime } from './chat-time';
import { memberNamesOf } from './mentioned-members';
import { MessageContent } from './message-content';
import { compareIds } from './message-log';
import { parseMarkup } from './message-markup';
import { PinIcon } from './pin-icon';

/** The API's limit (api/src/features/pins/pins.inputs.ts): pinned messages in one channel. */
export const MAX_PINS = 50;

/**
 * A row of the pins panel. Every field is one the chat's live MessageUpdated carries too
 * (ChatMessage), so an edit or an unpin elsewhere reaches an open panel through the cache.
 */
export const PinnedMessageFragment = graphql(`
  fragment PinnedMessage on Message {
    id
    content
    createdAt
    pinnedAt
    mentionsEveryone
    mentionsHere
    mentionedMembers {
      nickname
      user {
        id
        username
        displayName
      }
    }
    author {
      id
      displayName
    }
  }
`);

export const PinnedMessagesQuery = graphql(`
  query PinnedMessages($channelId: ID!) {
    pinnedMessages(channelId: $channelId) {
      id
      ...PinnedMessage
    }
  }
`);

interface PinnedMessagesProps {
  channelId: string;
  /** MANAGE_MESSAGES and not timed out: an Unpin on each row. */
  canPin: boolean;
  /** Scrolls the chat to the message (loading older pages as needed). */
  onJump: (messageId: string) => void;
  onUnpin: (messageId: string) => void;
}

/**
 * The channel header's "Pinned messages" button and its panel (a Radix popover: focus moves in,
 * Escape or a click outside closes it and focus returns to the button). The list is asked for
 * each time it opens.
 */
export function PinnedMessagesButton({ channelId, canPin, onJump, onUnpin }: PinnedMessagesProps) {
  const [open, setOpen] = useState(false);
  const titleId = useId();
  const panel = useRef<HTMLDivElement>(null);
  return (
    <Popover.Root open={open} onOpenChange={setOpen}>
      <Popover.Trigger className="icon-button" aria-label="Pinned messages" title="Pinned messages">
        <PinIcon size={20} />
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content
          ref={panel}
          className="menu pins-panel"
          aria-labelledby={titleId}
          side="bottom"
          align="end"
          sideOffset={6}
          collisionPadding={8}
        >
          <h2 className="pins-title" id={titleId}>
            Pinned messages
          </h2>
          <PinnedMessageList
            channelId={channelId}
            canPin={canPin}
            onJump={(messageId) => {
              setOpen(false);
              onJump(messageId);
            }}
            onUnpin={(messageId) => {
              // Its row goes once the API answers: focus stays in the panel rather than on a removed button.
              panel.current?.focus();
              onUnpin(messageId);
            }}
          />
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}

/** The panel's list: loading, an error with a retry, empty, or the pins latest first. */
export function PinnedMessageList({ channelId, canPin, onJump, onUnpin }: PinnedMessagesProps) {
  const [{ data, error }, refetch] = useQuery({
    query: PinnedMessagesQuery,
    variables: { channelId },
    requestPolicy: 'cache-and-network',
  });
  const pins = useMemo(() => stillPinned(getFragmentData(PinnedMessageFragment, data?.pinnedMessages ?? [])), [data]);
  if (!data && error) return <ErrorState error={apiErrorOf(error)} onRetry={() => refetch({ requestPolicy: 'network-only' })} />;
  if (!data) return <LoadingState label="Loading pinned messages…" />;
  if (pins.length === 0)
    return (
      <div className="state">
        <p className="muted">No pinned messages yet.</p>
        {canPin && <p className="muted small">To pin a message, use the pin button among its actions.</p>}
      </div>
    );
  return (
    <ol className="pins-list" aria-label="Pins">
      {pins.map((pin) => (
        <PinnedItem key={pin.id} pin={pin} canPin={canPin} onJump={onJump} onUnpin={onUnpin} />
      ))}
    </ol>
  );
}

function PinnedItem({
  pin,
  canPin,
  onJump,
  onUnpin,
}: {
  pin: PinnedMessageFields & { pinnedAt: string };
  canPin: boolean;
  onJump: (messageId: string) => void;
  onUnpin: (messageId: string) => void;
}) {
  const nodes = useMemo(() => parseMarkup(pin.content), [pin.content]);
  const memberNames = useMemo(() => memberNamesOf(pin.mentionedMembers), [pin.mentionedMembers]);
  return (
    <li className="pin-item">
      <div className="message-header">
        <span className="message-author">{pin.author.displayName}</span>
        <time
          className="message-time"
          dateTime={pin.createdAt}
          title={`Sent ${formatDateTime(pin.createdAt)}, pinned ${formatDateTime(pin.pinnedAt)}`}
        >
          {formatMessageTime(pin.createdAt)}
        </time>
        <span className="spacer" />
        <button type="button" className="action" onClick={() => onJump(pin.id)}>
          Jump
        </button>
        {canPin && (
          <button type="button" className="action" onClick={() => onUnpin(pin.id)}>
            Unpin
          </button>
        )}
      </div>
      <div className="message-body pin-content">
        <MessageContent nodes={nodes} memberNames={memberNames} mentionsEveryone={pin.mentionsEveryone} mentionsHere={pin.mentionsHere} />
      </div>
    </li>
  );
}

/**
 * The pins to show: those the cache still holds as pinned (an unpin elsewhere arrives as
 * MessageUpdated with no pinnedAt), latest pinned first as the API orders them.
 */
export function stillPinned<T extends { id: string; pinnedAt?: string | null }>(pins: readonly T[]): (T & { pinnedAt: string })[] {
  return pins
    .filter((pin): pin is T & { pinnedAt: string } => !!pin.pinnedAt)
    .sort((a, b) => Date.parse(b.pinnedAt) - Date.parse(a.pinnedAt) || compareIds(b.id, a.id));
}

/** What the chat says when a pin or an unpin was refused (the API's words name the field). */
export function pinRefusal(error: ApiError | undefined, pinning: boolean): ApiError {
  const verb = pinning ? 'pin' : 'unpin';
  if (!error) return { code: 'INTERNAL', message: `The message was not ${verb}ned. Try again.` };
  switch (error.code) {
    case 'BAD_USER_INPUT':
      // The only input is the message, which the chat took from the API: the refusal is the limit.
      return { ...error, message: `A channel holds at most ${MAX_PINS} pinned messages: unpin one first.` };
    case 'FORBIDDEN':
      return { ...error, message: `You do not have permission to ${verb} messages in this channel.` };
    case 'TIMED_OUT':
      return {
        ...error,
        message: error.until
          ? `You are timed out until ${formatDateTime(error.until)} and cannot ${verb} messages.`
          : `You are timed out and cannot ${verb} messages.`,
      };
    case 'NOT_FOUND':
      return { ...error, message: 'That message was deleted.' };
    default:
      return error;
  }
}
