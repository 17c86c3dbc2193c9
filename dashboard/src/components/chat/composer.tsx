'use client';

import {
  useCallback,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
  type FormEvent,
  type KeyboardEvent,
  type RefObject,
} from 'react';
import { useMutation } from 'urql';
import type { ApiError } from '@/lib/api-errors';
import { StartTypingMutation } from './chat.operations';
import { formatDateTime } from './chat-time';
import { EmojiPicker } from './emoji-picker';
import type { ChatMessageData } from './message-item';
import { completeMention, mentionAt, offersGroup, writeRoleMentions, type GroupMention, type PickedRole } from './mention-token';
import { mentionableRoles, roleColourStyle, useServerRoles } from './server-roles';
import { formatInterval, formatRemaining, useCountdown } from './use-countdown';
import { useDraft } from './use-draft';
import { useMentionCandidates } from './use-mention-candidates';

/** The API's limit (api/src/features/messages/messages.inputs.ts), counted in code points as it does. */
export const MAX_MESSAGE_LENGTH = 4000;
/** startTyping at most this often while the member types. */
const TYPING_EVERY_MS = 4_000;

interface ComposerProps {
  serverId: string;
  channelId: string;
  channelName: string;
  canSend: boolean;
  /**
   * MENTION_EVERYONE in this channel: "@everyone" and "@here" are suggested first, and every role after
   * the members (else the mentionable ones).
   */
  canMentionEveryone: boolean;
  /** The member's timeout end (ISO), when timed out. */
  timedOutUntil: string | null | undefined;
  slowmodeSeconds: number;
  replyTo: ChatMessageData | undefined;
  onCancelReply: () => void;
  /** The API accepted it; `message` is its copy when the client could read one back. */
  onSent: (message: ChatMessageData | undefined) => void;
  /** Up in an empty composer: edit the member's last message. */
  onEditLast: () => void;
  sendMessage: (
    channelId: string,
    content: string,
    replyToId: string | undefined,
  ) => Promise<{ message?: ChatMessageData; error?: ApiError }>;
}

type Refusal = ApiError & { deadline?: number };

export function Composer(props: ComposerProps) {
  const [draft, setDraft, restoreDraft] = useDraft(props.channelId);
  const [refusal, setRefusal] = useState<Refusal>();
  const [, startTyping] = useMutation(StartTypingMutation);
  const lastTyping = useRef(0);
  const input = useRef<HTMLTextAreaElement>(null);
  const remaining = useCountdown(refusal?.deadline);
  const waiting = refusal?.deadline !== undefined && remaining > 0;
  const length = [...draft.trim()].length;
  const tooLong = length > MAX_MESSAGE_LENGTH;
  const [pickedRoles, pickRole] = usePickedRoles(props.channelId);
  const mentions = useMentionSuggestions(props.serverId, props.canMentionEveryone, draft, input, onChange, pickRole);

  // A refusal with a countdown clears itself when the countdown ends.
  useEffect(() => {
    if (refusal?.deadline !== undefined && remaining === 0) setRefusal(undefined);
  }, [refusal, remaining]);

  useEffect(() => {
    if (props.replyTo) input.current?.focus();
  }, [props.replyTo]);

  const timedOut = props.timedOutUntil && new Date(props.timedOutUntil).getTime() > Date.now() ? props.timedOutUntil : undefined;
  const readOnlyReason = timedOut
    ? `You are timed out until ${formatDateTime(timedOut)}. You can read but not send.`
    : refusal?.code === 'TIMED_OUT' && refusal.until
      ? `You are timed out until ${formatDateTime(refusal.until)}. You can read but not send.`
      : !props.canSend || refusal?.code === 'FORBIDDEN'
        ? 'You do not have permission to send messages in this channel.'
        : undefined;

  async function send() {
    const content = draft.trim();
    // Empty or whitespace-only drafts are never sent; over-long ones are refused here, with the limit.
    if (!content || tooLong || waiting) return;
    // The composer clears at once so the next message can be typed; a refusal puts the text back.
    setDraft('');
    lastTyping.current = 0;
    // Picked roles go as `<@&id>`; a refusal puts back the text as typed.
    const result = await props.sendMessage(props.channelId, writeRoleMentions(content, pickedRoles), props.replyTo?.id);
    if (!result.error) {
      setRefusal(undefined);
      props.onSent(result.message);
      return;
    }
    restoreDraft(content);
    const error = result.error;
    setRefusal({ ...error, deadline: error.retryAfterMs !== undefined ? Date.now() + error.retryAfterMs : undefined });
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (mentions.onKeyDown(event)) return;
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void send();
    } else if (event.key === 'ArrowUp' && draft === '') {
      event.preventDefault();
      props.onEditLast();
    } else if (event.key === 'Escape' && props.replyTo) {
      props.onCancelReply();
    }
  }

  /** An emoji from the picker goes where the caret was (over the selection), and the caret after it. */
  const caretAfterEmoji = useRef<number>(undefined);
  function insertEmoji(emoji: string) {
    const start = input.current?.selectionStart ?? draft.length;
    const end = input.current?.selectionEnd ?? start;
    onChange(draft.slice(0, start) + emoji + draft.slice(end));
    caretAfterEmoji.current = start + emoji.length;
  }
  // In the commit that shows the emoji: what is typed next lands after it, never in the closing picker.
  useLayoutEffect(() => {
    const caret = caretAfterEmoji.current;
    if (caret === undefined || !input.current) return;
    caretAfterEmoji.current = undefined;
    input.current.focus();
    input.current.setSelectionRange(caret, caret);
    mentions.setCaret(caret);
  }, [draft, mentions]);
  /** The picker closing (a pick, or Escape) hands focus back to the box, not to the smiley. */
  function returnToBox(event: Event) {
    event.preventDefault();
    input.current?.focus();
  }

  function onChange(value: string) {
    setDraft(value);
    if (value.trim() && Date.now() - lastTyping.current > TYPING_EVERY_MS) {
      lastTyping.current = Date.now();
      void startTyping({ channelId: props.channelId });
    }
  }

  if (readOnlyReason) {
    return (
      <div className="composer read-only" role="status">
        <textarea className="composer-input" aria-label={`Message #${props.channelName}`} value={draft} disabled rows={1} readOnly />
        <p className="composer-note">{readOnlyReason}</p>
      </div>
    );
  }

  return (
    <form className="composer" onSubmit={(e: FormEvent) => (e.preventDefault(), void send())}>
      {props.replyTo && (
        <div className="replying">
          <span>
            Replying to <strong>{props.replyTo.author.displayName}</strong>
          </span>
          <button type="button" className="link-button" onClick={props.onCancelReply} aria-label="Cancel reply">
            Cancel
          </button>
        </div>
      )}
      {mentions.open && (
        <ul className="mention-list" role="listbox" id={mentions.listId} aria-label="Members to mention">
          {mentions.suggestions.map((suggestion, i) => (
            <li
              key={suggestion.key}
              className={suggestion.explains && 'explains'}
              id={`${mentions.listId}-${i}`}
              role="option"
              aria-selected={i === mentions.active}
              // Before the textarea loses focus: the pick keeps the caret where it was.
              onMouseDown={(e) => (e.preventDefault(), mentions.pick(suggestion))}
            >
              <span className="mention-option-name" style={suggestion.style}>
                {suggestion.role && <span className="role-dot" aria-hidden />}
                {suggestion.label}
              </span>{' '}
              <span className="muted">{suggestion.detail}</span>
            </li>
          ))}
        </ul>
      )}
      <div className="composer-row">
        <textarea
          ref={input}
          className="composer-input"
          aria-label={`Message #${props.channelName}`}
          placeholder={`Message #${props.channelName}`}
          value={draft}
          rows={Math.min(6, Math.max(1, draft.split('\n').length))}
          onChange={(e) => (onChange(e.target.value), mentions.setCaret(e.target.selectionStart))}
          onSelect={(e) => mentions.setCaret(e.currentTarget.selectionStart)}
          onKeyDown={onKeyDown}
          aria-autocomplete="list"
          aria-controls={mentions.open ? mentions.listId : undefined}
          aria-activedescendant={mentions.open ? `${mentions.listId}-${mentions.active}` : undefined}
          aria-invalid={tooLong || undefined}
          aria-describedby={`composer-status-${props.channelId}`}
        />
        <EmojiPicker purpose="insert" onPick={insertEmoji} onCloseAutoFocus={returnToBox} />
        <button type="submit" className="button primary send-button" disabled={!draft.trim() || tooLong || waiting}>
          Send
        </button>
      </div>
      <div className="composer-status" id={`composer-status-${props.channelId}`} aria-live="polite">
        {tooLong ? (
          <span className="field-error">
            Too long: {length} of {MAX_MESSAGE_LENGTH} characters. Shorten it to send.
          </span>
        ) : refusal ? (
          <span className="field-error" role="alert">
            {sentence(refusal.message)}
            {waiting && <> You can send again in {formatRemaining(remaining)}.</>}
            {!waiting && refusal.code === 'NETWORK_ERROR' && ' Your message is kept; press Enter to try again.'}
          </span>
        ) : props.slowmodeSeconds > 0 ? (
          <span className="muted small">Slowmode: one message every {formatInterval(props.slowmodeSeconds)}.</span>
        ) : length > MAX_MESSAGE_LENGTH - 200 ? (
          <span className="muted small">
            {length} / {MAX_MESSAGE_LENGTH}
          </span>
        ) : null}
      </div>
    </form>
  );
}

/** One line of the suggestions: what a pick puts in ("@username", "@Role Name"), a name, a detail in grey. */
interface Suggestion {
  key: string;
  /** What goes after the "@". */
  insert: string;
  label: string;
  detail: string;
  /** The detail is a sentence: shown whole (wrapped on a phone), not cut short as a long name is. */
  explains?: true;
  /** A role: its name stands for `<@&id>` once picked, and shows in the role's colour. */
  role?: PickedRole;
  style?: CSSProperties;
}

type GroupSuggestion = Suggestion & { insert: GroupMention };

const EVERYONE: GroupSuggestion = {
  key: 'everyone',
  insert: 'everyone',
  label: '@everyone',
  detail: 'Notify everyone who can read this channel',
  explains: true,
};

const HERE: GroupSuggestion = {
  key: 'here',
  insert: 'here',
  label: '@here',
  detail: 'Notify everyone online who can read this channel',
  explains: true,
};

/** The group mentions, in the order they are suggested (before anyone's name). */
const GROUPS: readonly GroupSuggestion[] = [EVERYONE, HERE];

/** Roles suggested at most, after the members. */
const ROLES_SHOWN = 5;

/**
 * Suggestions while an "@name" is typed: "@everyone" and "@here" for a member who may use them, then
 * members of the server, then the roles they may mention whose name holds what is typed (once the
 * members are in, so nothing moves under the reader); the first one active. Up and Down move, Enter or
 * Tab (or a click) put "@username" or "@Role Name" in its place, Escape closes them until the next "@".
 */
function useMentionSuggestions(
  serverId: string,
  mayMentionEveryone: boolean,
  draft: string,
  input: RefObject<HTMLTextAreaElement | null>,
  setDraft: (value: string) => void,
  onPickRole: (role: PickedRole) => void,
) {
  const listId = useId();
  const [caret, setCaret] = useState(0);
  const [dismissedAt, setDismissedAt] = useState<number>();
  const [chosen, setChosen] = useState(0);
  const token = mentionAt(draft, caret);
  const shown = token && token.start !== dismissedAt ? token.query : null;
  const candidates = useMentionCandidates(serverId, shown);
  const serverRoles = useServerRoles();
  const roles = useMemo(() => mentionableRoles(serverRoles, mayMentionEveryone), [serverRoles, mayMentionEveryone]);
  const suggestions: Suggestion[] = [
    ...(shown !== null ? GROUPS.filter((group) => offersGroup(group.insert, shown, mayMentionEveryone)) : []),
    ...(candidates ?? []).map((c) => ({ key: c.userId, insert: c.username, label: c.name, detail: `@${c.username}` })),
    ...(shown !== null && candidates
      ? roles
          .filter((role) => role.name.toLowerCase().includes(shown.toLowerCase()))
          .slice(0, ROLES_SHOWN)
          .map((role) => ({
            key: `role-${role.id}`,
            insert: role.name,
            label: `@${role.name}`,
            detail: 'role',
            role: { id: role.id, name: role.name },
            style: roleColourStyle(role),
          }))
      : []),
  ];
  const open = token !== null && suggestions.length > 0;
  const active = Math.min(chosen, suggestions.length - 1);
  const caretAfterPick = useRef<number>(undefined);

  // Another name typed: its first candidate is active. None typed: the next "@" suggests again, even
  // where a dismissed one was.
  const typing = token !== null;
  useEffect(() => setChosen(0), [token?.start, token?.query]);
  useEffect(() => {
    if (!typing) setDismissedAt(undefined);
  }, [typing]);
  useEffect(() => {
    if (caretAfterPick.current === undefined) return;
    input.current?.setSelectionRange(caretAfterPick.current, caretAfterPick.current);
    caretAfterPick.current = undefined;
  }, [draft, input]);
  // A long list scrolls: the active one stays in sight as Up and Down move.
  useEffect(() => {
    if (open) document.getElementById(`${listId}-${active}`)?.scrollIntoView?.({ block: 'nearest' });
  }, [open, active, listId]);

  function pick(suggestion: Suggestion) {
    if (!token) return;
    const done = completeMention(draft, token, caret, suggestion.insert);
    if (suggestion.role) onPickRole(suggestion.role);
    caretAfterPick.current = done.caret;
    setCaret(done.caret);
    setDraft(done.text);
  }

  /** True when the key was the suggestions'. */
  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>): boolean {
    if (!open || event.nativeEvent.isComposing) return false;
    const count = suggestions.length;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') setChosen((active + (event.key === 'ArrowDown' ? 1 : count - 1)) % count);
    else if ((event.key === 'Enter' && !event.shiftKey) || event.key === 'Tab') pick(suggestions[active]!);
    else if (event.key === 'Escape') setDismissedAt(token.start);
    else return false;
    event.preventDefault();
    return true;
  }

  return { listId, open, suggestions, active, pick, onKeyDown, setCaret };
}

const pickedKey = (channelId: string) => `rashigo.draft.${channelId}.roles`;

/**
 * The roles picked for the channel's draft (kept with the draft in sessionStorage, so a draft read back
 * still sends them as mentions): the send writes their "@Name" as `<@&id>`. A name picked again takes
 * the newer role.
 */
function usePickedRoles(channelId: string): [readonly PickedRole[], (role: PickedRole) => void] {
  const [picked, setPicked] = useState<readonly PickedRole[]>(() => readPicked(channelId));
  const pickRole = useCallback(
    (role: PickedRole) =>
      setPicked((current) => {
        const next = [...current.filter((r) => r.name !== role.name), role];
        window.sessionStorage.setItem(pickedKey(channelId), JSON.stringify(next));
        return next;
      }),
    [channelId],
  );
  return [picked, pickRole];
}

function readPicked(channelId: string): PickedRole[] {
  if (typeof window === 'undefined') return [];
  try {
    const stored: unknown = JSON.parse(window.sessionStorage.getItem(pickedKey(channelId)) ?? '[]');
    return Array.isArray(stored)
      ? stored
          .filter((r): r is PickedRole => typeof r?.id === 'string' && typeof r?.name === 'string')
          .map(({ id, name }) => ({ id, name }))
      : [];
  } catch {
    return [];
  }
}

/** API messages may lack a full stop; the composer adds a sentence after them. */
function sentence(text: string): string {
  return /[.!?…]$/.test(text) ? text : `${text}.`;
}
