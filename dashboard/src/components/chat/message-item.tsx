'use client';

import { AlertDialog } from 'radix-ui';
import { memo, useMemo, useState, type KeyboardEvent } from 'react';
import { Avatar } from '@/components/members/avatar';
import { graphql } from '@/gql';
import type { ChatMessageFragment as ChatMessageFields } from '@/gql/graphql';
import { formatDateTime, formatMessageTime } from './chat-time';
import { MessageContent } from './message-content';
import { readRoleMentions, writeRoleMentions } from './mention-token';
import { mentions, mentionsRoleOf, parseMarkup, plainText } from './message-markup';
import type { ReactionState } from './message-log';
import { ReactionChips } from './message-reactions';
import { PinIcon } from './pin-icon';
import { memberNamesOf } from './mentioned-members';
import { EmojiPicker } from './emoji-picker';
import { ReactionsIcon } from './reactions-dialog';
import { channelNameOf, roleNameOf, useServerRoles } from './server-roles';

export const ChatMessageFragment = graphql(`
  fragment ChatMessage on Message {
    id
    channel {
      id
    }
    content
    createdAt
    editedAt
    pinnedAt
    mentionsEveryone
    mentionsHere
    mentionRoleIds
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
      username
      displayName
      avatarUrl
    }
    replyTo {
      id
      content
      author {
        id
        displayName
        avatarUrl
      }
    }
  }
`);

/**
 * A message as the chat holds it: the fragment's fields, and its reactions (MessageReactions, kept
 * current by the message log; live events leave them out, see message-reactions.tsx).
 */
export type ChatMessageData = ChatMessageFields & { reactions: readonly ReactionState[] };

/** What a member can do to a message; the chat view implements them once for every message. */
export interface MessageHandlers {
  onReply: (message: ChatMessageData) => void;
  onStartEdit: (messageId: string) => void;
  /** Resolves to an error to show under the editor, or undefined once saved. */
  onSaveEdit: (messageId: string, content: string) => Promise<string | undefined>;
  onCancelEdit: () => void;
  onDelete: (messageId: string) => void;
  onJumpTo: (messageId: string) => void;
  /** Adds the reader's reaction with `emoji` (`add`) or takes it back. */
  onReact: (messageId: string, emoji: string, add: boolean) => void;
  /** Pins the message to its channel (`pinned`) or unpins it. */
  onPin: (messageId: string, pinned: boolean) => void;
  /** Opens the Reactions view (who reacted with each emoji); focus goes back to `opener` when it closes. */
  onShowReactions: (messageId: string, opener: HTMLElement) => void;
}

interface MessageItemProps extends MessageHandlers {
  message: ChatMessageData;
  /** Follows a message of the same author closely: no header. */
  continued: boolean;
  highlighted: boolean;
  editing: boolean;
  canEdit: boolean;
  canDelete: boolean;
  canReply: boolean;
  /** ADD_REACTIONS and not timed out: the picker, and chips that add. */
  canReact: boolean;
  /** MANAGE_MESSAGES and not timed out: Pin or Unpin. */
  canPin: boolean;
  /** READ_MESSAGE_HISTORY: who reacted, in the Reactions view, for a message with reactions. */
  canSeeReactions: boolean;
  /**
   * The reader: a message that mentions them (or everyone, those online, or a role they hold, by
   * someone else) or replies to them stands out. Their roles come from ServerRolesContext.
   */
  myUserId: string;
  myUsername: string;
}

export const MessageItem = memo(function MessageItem(props: MessageItemProps) {
  const { message } = props;
  const roles = useServerRoles();
  const roleName = useMemo(() => roleNameOf(roles), [roles]);
  const nodes = useMemo(() => parseMarkup(message.content), [message.content]);
  const memberNames = useMemo(() => memberNamesOf(message.mentionedMembers), [message.mentionedMembers]);
  const quoted = message.replyTo?.content;
  // The quoted message's mentioned members are not fetched (they would put a page over the query
  // cost limit): its "<@id>" shows as "@member"; its channels and roles by name.
  const quote = useMemo(
    () => (quoted === undefined ? '' : plainText(parseMarkup(quoted), roleName, undefined, channelNameOf(roles))),
    [quoted, roleName, roles],
  );
  const someoneElses = message.author.id !== props.myUserId;
  const mentionsMe =
    (someoneElses && (message.mentionsEveryone || message.mentionsHere || mentionsRoleOf(message.mentionRoleIds, roles.mine))) ||
    mentions(nodes, props.myUsername, props.myUserId) ||
    message.replyTo?.author.id === props.myUserId;
  const headed = !props.continued || !!message.replyTo;
  const showReactions = props.canSeeReactions && message.reactions.length > 0;
  const classes = ['message', headed ? '' : 'continued', props.highlighted ? 'highlighted' : '', mentionsMe ? 'mentions-me' : ''];
  return (
    <article
      className={classes.filter(Boolean).join(' ')}
      aria-label={`${message.author.displayName}: ${plainText(nodes, roleName, memberNames, channelNameOf(roles))}`}
      data-message-id={message.id}
      // A tap (or click) focuses it: on a touch screen that is what shows its actions.
      tabIndex={-1}
    >
      {message.replyTo && (
        <button
          type="button"
          className="reply-quote"
          onClick={() => props.onJumpTo(message.replyTo!.id)}
          aria-label={`Jump to the message replied to`}
        >
          <Avatar user={message.replyTo.author} size={16} /> <span className="reply-author">@{message.replyTo.author.displayName}</span>{' '}
          <span className="reply-text">{quote}</span>
        </button>
      )}
      {headed && (
        <header className="message-header">
          {/* In the gutter beside the header, as on Discord: continued messages align under the text. */}
          <span className="message-avatar">
            <Avatar user={message.author} size={40} />
          </span>
          <span className="message-author">{message.author.displayName}</span>
          <time className="message-time" dateTime={message.createdAt} title={formatDateTime(message.createdAt)}>
            {formatMessageTime(message.createdAt)}
          </time>
          {message.pinnedAt && <PinnedMarker pinnedAt={message.pinnedAt} />}
        </header>
      )}
      {props.editing ? (
        <EditForm message={message} onSave={props.onSaveEdit} onCancel={props.onCancelEdit} />
      ) : (
        <div className="message-body">
          <MessageContent
            nodes={nodes}
            myUsername={props.myUsername}
            memberNames={memberNames}
            mentionsEveryone={message.mentionsEveryone}
            mentionsHere={message.mentionsHere}
            revealKey={`${message.id}@${message.editedAt ?? ''}`}
          />
          {message.editedAt && (
            <span className="edited" title={`Edited ${formatDateTime(message.editedAt)}`}>
              {' '}
              (edited)
            </span>
          )}
          {/* Without a header, the marker ends the text, as "(edited)" does. */}
          {!headed && message.pinnedAt && (
            <>
              {' '}
              <PinnedMarker pinnedAt={message.pinnedAt} />
            </>
          )}
        </div>
      )}
      <ReactionChips messageId={message.id} reactions={message.reactions} canReact={props.canReact} onToggle={props.onReact} />
      {!props.editing && (props.canReact || showReactions || props.canPin || props.canReply || props.canEdit || props.canDelete) && (
        <div className="message-actions" role="group" aria-label="Message actions">
          {props.canReact && <EmojiPicker purpose="reaction" onPick={(emoji) => props.onReact(message.id, emoji, true)} />}
          {showReactions && (
            <button
              type="button"
              className="action icon-action"
              aria-label="Reactions"
              aria-haspopup="dialog"
              title="Who reacted"
              onClick={(event) => props.onShowReactions(message.id, event.currentTarget)}
            >
              <ReactionsIcon size={18} />
            </button>
          )}
          {props.canPin && (
            <button
              type="button"
              className="action icon-action"
              aria-label={message.pinnedAt ? 'Unpin' : 'Pin'}
              title={message.pinnedAt ? 'Unpin from the channel' : 'Pin to the channel'}
              onClick={() => props.onPin(message.id, !message.pinnedAt)}
            >
              <PinIcon size={18} off={!!message.pinnedAt} />
            </button>
          )}
          {props.canReply && (
            <button type="button" className="action" onClick={() => props.onReply(message)}>
              Reply
            </button>
          )}
          {props.canEdit && (
            <button type="button" className="action" onClick={() => props.onStartEdit(message.id)}>
              Edit
            </button>
          )}
          {props.canDelete && <DeleteButton onConfirm={() => props.onDelete(message.id)} />}
        </div>
      )}
    </article>
  );
});

/** Says the message is pinned; hovering it says since when. */
function PinnedMarker({ pinnedAt }: { pinnedAt: string }) {
  return (
    <span className="pinned-marker" title={`Pinned ${formatDateTime(pinnedAt)}`}>
      <PinIcon size={12} />
      Pinned
    </span>
  );
}

function EditForm({
  message,
  onSave,
  onCancel,
}: {
  message: ChatMessageData;
  onSave: (id: string, content: string) => Promise<string | undefined>;
  onCancel: () => void;
}) {
  const roles = useServerRoles();
  // Its role mentions as "@Name", as they were picked, and written back as `<@&id>` on save.
  const [shown] = useState(() =>
    readRoleMentions(message.content, (roleId) => {
      const role = roles.byId.get(roleId);
      // Not @everyone's role: its "@everyone" would take a real @everyone along on the way back.
      return role && !role.isDefault ? role.name : undefined;
    }),
  );
  const [draft, setDraft] = useState(shown.text);
  const [error, setError] = useState<string>();

  async function save() {
    if (!draft.trim()) return setError('A message cannot be empty; delete it instead.');
    if (draft === shown.text) return onCancel();
    setError(await onSave(message.id, writeRoleMentions(draft, shown.picked)));
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Escape') {
      event.preventDefault();
      onCancel();
    } else if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      void save();
    }
  }

  return (
    <div className="edit-form">
      <textarea
        className="field-input edit-input"
        aria-label="Edit message"
        value={draft}
        autoFocus
        rows={Math.min(8, draft.split('\n').length)}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={onKeyDown}
        onFocus={(e) => e.currentTarget.setSelectionRange(draft.length, draft.length)}
      />
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <p className="muted small">
        Escape to{' '}
        <button type="button" className="link-button" onClick={onCancel}>
          cancel
        </button>{' '}
        · Enter to{' '}
        <button type="button" className="link-button" onClick={() => void save()}>
          save
        </button>
      </p>
    </div>
  );
}

function DeleteButton({ onConfirm }: { onConfirm: () => void }) {
  return (
    <AlertDialog.Root>
      <AlertDialog.Trigger className="action danger">Delete</AlertDialog.Trigger>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="dialog-overlay" />
        <AlertDialog.Content className="dialog">
          <AlertDialog.Title>Delete message</AlertDialog.Title>
          <AlertDialog.Description className="muted">This cannot be undone.</AlertDialog.Description>
          <div className="dialog-actions">
            <AlertDialog.Cancel className="button ghost">Cancel</AlertDialog.Cancel>
            <AlertDialog.Action className="button danger-button" onClick={onConfirm}>
              Delete
            </AlertDialog.Action>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
