/**
 * The messages a channel view holds, oldest first, merged from three sources that overlap: history
 * pages (loaded upward), live channelEvents, and the replay a resumed subscription sends after
 * `since`. Every merge is by id, so the same message arriving twice shows once.
 *
 * The log is one contiguous run of the channel. Usually it reaches the present (the newest message),
 * but a jump to an old message replaces it with a window around that message, detached from the
 * present (`hasMoreAfter`): newer pages extend it downward until it reaches the present again, and
 * live creations are left out meanwhile, as they would not be contiguous with it. After a reconnect
 * its range is read again (`refreshed`), as the latest page is read again for a log at the present.
 */

import type { ShownUser } from '@/components/members/user-changes';

/** One emoji on a message: how many reacted with it, and whether the reader did. */
export interface ReactionState {
  emoji: string;
  count: number;
  me: boolean;
}

export interface LogEntry {
  id: string;
  content: string;
  /** Kept current as they change their name or avatar (`userChanged`), as is the author a reply quotes. */
  author?: ShownUser;
  /** The message it replies to, as quoted: kept current as that message is edited or deleted. */
  replyTo?: { id: string; content: string; author?: ShownUser } | null;
  /** In order of first use. */
  reactions: readonly ReactionState[];
}

/**
 * One member's reaction as it is now and the emoji's count after the change (MessageReactionChanged).
 * It carries state, not a delta: applying it again changes nothing.
 */
export interface ReactionChange {
  messageId: string;
  emoji: string;
  userId: string;
  reacted: boolean;
  count: number;
}

export interface MessageLog<T extends LogEntry> {
  messages: T[];
  /** False until the first (latest) page arrived. */
  loaded: boolean;
  hasMoreBefore: boolean;
  /** Newer messages exist that the log does not hold: a window detached from the present. */
  hasMoreAfter: boolean;
  /**
   * Which run of the channel this is: a jump's window or a return to the present replaces the log
   * and moves it on, so a view starts afresh (and a page asked for the previous run is not merged).
   */
  generation: number;
  /** The message a jump's window was loaded around: a fresh view opens there, not at the bottom. */
  anchorId?: string;
  /**
   * Index of the first message for a list that grows upward (react-virtuoso's firstItemIndex):
   * it decreases by the number of messages an older page added, so the view does not jump.
   */
  firstIndex: number;
}

/**
 * What changes the log. A page may name the `generation` it was asked for: one that arrives after a
 * jump replaced the log belongs to another run of the channel and is dropped.
 */
export type MessageLogAction<T extends LogEntry> =
  /**
   * The newest page: the initial load, and again after a reconnect to pick up edits and deletes.
   * `heldNewest`: the newest message the log held when the page was asked for.
   */
  | { type: 'latest'; messages: T[]; hasMoreBefore: boolean; generation?: number; heldNewest?: string }
  | { type: 'older'; messages: T[]; hasMoreBefore: boolean; generation?: number }
  /** A page around a message (a jump): replaces the log, detached from the present while `hasMoreAfter`. */
  | { type: 'around'; messageId: string; messages: T[]; hasMoreBefore: boolean; hasMoreAfter: boolean }
  /** The page after the newest message a detached log holds. */
  | { type: 'newer'; messages: T[]; hasMoreAfter: boolean; generation?: number }
  /**
   * A detached window read again after a reconnect (rereadWindow), for the edits, deletions and
   * reactions missed meanwhile: every message after `after`, oldest first, through the window's newest
   * and the rest of the last page, with the first page's `hasMoreBefore` and the last's `hasMoreAfter`.
   */
  | { type: 'refreshed'; after: string; messages: T[]; hasMoreBefore: boolean; hasMoreAfter: boolean; generation?: number }
  /** A created message, live or replayed, or as sendMessage answered: without reactions yet. */
  | { type: 'created'; message: T }
  /** An edit, live or as editMessage answered: the message without its reactions, which stay as the log has them. */
  | { type: 'updated'; message: Omit<T, 'reactions'> }
  | { type: 'deleted'; messageId: string }
  /** A user's display name and avatar as they are now: their messages, and the replies quoting them, show them. */
  | { type: 'userChanged'; user: ShownUser }
  /** `readerId`: whose `me` this log shows; another member's change moves the count only. */
  | { type: 'reaction'; change: ReactionChange; readerId: string };

const START_INDEX = 10_000_000;

export function emptyLog<T extends LogEntry>(): MessageLog<T> {
  return { messages: [], loaded: false, hasMoreBefore: false, hasMoreAfter: false, generation: 0, firstIndex: START_INDEX };
}

/** Snowflake ids are decimal strings without leading zeros: longer is newer, then lexicographic. */
export function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

export function newestId<T extends LogEntry>(log: MessageLog<T>): string | undefined {
  return log.messages[log.messages.length - 1]?.id;
}

/** A page of history after a cursor, oldest first, as the API answers `messages(after:)`. */
export interface PageAfter<T extends LogEntry> {
  messages: T[];
  hasMoreBefore: boolean;
  hasMoreAfter: boolean;
}

/**
 * Reads a detached window again, page after page from just before its oldest message (`after`
 * excludes its cursor) until past its newest (the reader may have loaded several pages): the
 * `refreshed` action to apply, or undefined for a log at the present or when a page failed (the
 * window then stays as it was).
 */
export async function rereadWindow<T extends LogEntry>(
  log: MessageLog<T>,
  readAfter: (cursor: string) => Promise<PageAfter<T> | undefined>,
): Promise<Extract<MessageLogAction<T>, { type: 'refreshed' }> | undefined> {
  const oldest = log.messages[0]?.id;
  const newest = newestId(log);
  if (!log.hasMoreAfter || oldest === undefined || newest === undefined) return undefined;
  const after = (BigInt(oldest) - 1n).toString();
  const messages: T[] = [];
  let hasMoreBefore: boolean | undefined;
  let hasMoreAfter = true;
  let cursor = after;
  while (hasMoreAfter && compareIds(cursor, newest) < 0) {
    const page = await readAfter(cursor);
    if (!page) return undefined;
    hasMoreBefore ??= page.hasMoreBefore;
    hasMoreAfter = page.hasMoreAfter;
    if (page.messages.length === 0) break;
    messages.push(...page.messages);
    cursor = messages[messages.length - 1]!.id;
  }
  return {
    type: 'refreshed',
    after,
    messages,
    hasMoreBefore: hasMoreBefore ?? log.hasMoreBefore,
    hasMoreAfter,
    generation: log.generation,
  };
}

/** Whether the log holds the channel's newest messages: what reading it may mark read, and where live messages go. */
export function isAtPresent<T extends LogEntry>(log: MessageLog<T>): boolean {
  return log.loaded && !log.hasMoreAfter;
}

export function messageLogReducer<T extends LogEntry>(log: MessageLog<T>, action: MessageLogAction<T>): MessageLog<T> {
  if ('generation' in action && action.generation !== undefined && action.generation !== log.generation) return log;
  switch (action.type) {
    case 'latest': {
      // Back to the present from a detached window: the two need not touch, so the page starts afresh.
      if (log.hasMoreAfter) {
        return {
          messages: sorted(action.messages),
          loaded: true,
          hasMoreBefore: action.hasMoreBefore,
          hasMoreAfter: false,
          generation: log.generation + 1,
          firstIndex: START_INDEX,
        };
      }
      const page = sorted(action.messages);
      const oldest = page[0]?.id;
      const newest = page[page.length - 1]?.id;
      const { heldNewest } = action;
      // Within the page's range the page is the truth: anything missing there was deleted meanwhile.
      // Older pages stay. Newer than the page, only what came live while it was asked for stays: a
      // message held before the page, newer than its newest and not in it, was deleted meanwhile.
      const older = (m: T) => oldest !== undefined && compareIds(m.id, oldest) < 0;
      const cameLive = (m: T) =>
        (newest === undefined || compareIds(m.id, newest) > 0) && (heldNewest === undefined || compareIds(m.id, heldNewest) > 0);
      const kept = oldest === undefined && heldNewest === undefined ? log.messages : log.messages.filter((m) => older(m) || cameLive(m));
      const messages = merge(kept, page);
      const keptOlder = oldest !== undefined && kept.some((m) => compareIds(m.id, oldest) < 0);
      const hasMoreBefore = keptOlder ? log.hasMoreBefore : action.hasMoreBefore;
      return { ...log, messages, loaded: true, hasMoreBefore };
    }
    case 'around':
      return {
        messages: sorted(action.messages),
        loaded: true,
        hasMoreBefore: action.hasMoreBefore,
        hasMoreAfter: action.hasMoreAfter,
        generation: log.generation + 1,
        anchorId: action.messageId,
        firstIndex: START_INDEX,
      };
    case 'newer':
      return { ...log, messages: merge(log.messages, action.messages), hasMoreAfter: action.hasMoreAfter };
    case 'refreshed': {
      // The pages are one run from `after` on: within it they are the truth (what is missing was deleted
      // meanwhile). The log's run, anchor and first index stay: the reader stays where they were.
      const page = sorted(action.messages);
      const through = page[page.length - 1]?.id ?? action.after;
      const inRun = (id: string) => compareIds(id, action.after) > 0 && compareIds(id, through) <= 0;
      const kept = log.messages.filter((m) => !inRun(m.id));
      // Pages loaded while it was read, on either side, still say what lies beyond them.
      const keptOlder = kept.some((m) => compareIds(m.id, action.after) <= 0);
      const keptNewer = kept.some((m) => compareIds(m.id, through) > 0);
      return {
        ...log,
        messages: merge(kept, page),
        hasMoreBefore: keptOlder ? log.hasMoreBefore : action.hasMoreBefore,
        hasMoreAfter: keptNewer ? log.hasMoreAfter : action.hasMoreAfter,
      };
    }
    case 'older': {
      const messages = merge(log.messages, action.messages);
      const added = messages.length - log.messages.length;
      return { ...log, messages, hasMoreBefore: action.hasMoreBefore, firstIndex: log.firstIndex - added };
    }
    case 'created': {
      // Newer than a detached window: not contiguous with it. Loading newer pages brings it.
      const newest = newestId(log);
      if (log.hasMoreAfter && newest !== undefined && compareIds(action.message.id, newest) > 0) return log;
      // Held already (the live event, then the send's answer or a replay): reaction events may have
      // come since, and a creation carries none.
      const held = log.messages.find((m) => m.id === action.message.id);
      const message = held ? { ...action.message, reactions: held.reactions } : action.message;
      return { ...log, messages: merge(log.messages, [message]) };
    }
    case 'updated': {
      const { message } = action;
      const quoting = (m: T) => m.replyTo?.id === message.id;
      if (!log.messages.some((m) => m.id === message.id || quoting(m))) return log;
      // Replies quote it as it is now; the API answers the same on a reload.
      const messages = log.messages.map((m) =>
        m.id === message.id
          ? { ...m, ...message, reactions: m.reactions }
          : quoting(m)
            ? { ...m, replyTo: { ...m.replyTo!, content: message.content } }
            : m,
      );
      return { ...log, messages };
    }
    case 'deleted': {
      const { messageId } = action;
      if (!log.messages.some((m) => m.id === messageId || m.replyTo?.id === messageId)) return log;
      // A reply to a deleted message quotes nothing, as the API answers on a reload.
      const messages = log.messages.flatMap((m) =>
        m.id === messageId ? [] : m.replyTo?.id === messageId ? [{ ...m, replyTo: null }] : [m],
      );
      return { ...log, messages };
    }
    case 'userChanged': {
      const { id, displayName, avatarUrl = null } = action.user;
      const update = (user: ShownUser | undefined) =>
        user?.id === id && (user.displayName !== displayName || (user.avatarUrl ?? null) !== avatarUrl)
          ? { ...user, displayName, avatarUrl }
          : user;
      let changed = false;
      // As the API answers on a reload; the same log when nobody here changes.
      const messages = log.messages.map((m) => {
        const [author, quoted] = [update(m.author), update(m.replyTo?.author)];
        if (author === m.author && quoted === m.replyTo?.author) return m;
        changed = true;
        return { ...m, author, replyTo: m.replyTo && { ...m.replyTo, author: quoted } };
      });
      return changed ? { ...log, messages } : log;
    }
    case 'reaction': {
      const { change } = action;
      const index = log.messages.findIndex((m) => m.id === change.messageId);
      const message = log.messages[index];
      if (!message) return log;
      const reactions = withReaction(
        message.reactions,
        change.emoji,
        change.count,
        change.userId === action.readerId ? change.reacted : undefined,
      );
      if (reactions === message.reactions) return log;
      const messages = log.messages.slice();
      messages[index] = { ...message, reactions };
      return { ...log, messages };
    }
  }
}

/**
 * The emoji's count set (its chip gone at 0, a new emoji last, as the API orders them by first use)
 * and, when the change is the reader's own, whether they reacted. The same list when nothing changes.
 */
function withReaction(
  reactions: readonly ReactionState[],
  emoji: string,
  count: number,
  me: boolean | undefined,
): readonly ReactionState[] {
  const index = reactions.findIndex((r) => r.emoji === emoji);
  const current = reactions[index];
  if (count <= 0) return current ? reactions.filter((r) => r !== current) : reactions;
  if (!current) return [...reactions, { emoji, count, me: me ?? false }];
  const next = { ...current, count, me: me ?? current.me };
  if (next.count === current.count && next.me === current.me) return reactions;
  return reactions.map((r) => (r === current ? next : r));
}

function sorted<T extends LogEntry>(messages: T[]): T[] {
  return messages.slice().sort((a, b) => compareIds(a.id, b.id));
}

/** Merges by id (incoming wins) and keeps the order; appending newer messages stays cheap. */
function merge<T extends LogEntry>(existing: T[], incoming: T[]): T[] {
  if (incoming.length === 0) return existing;
  const last = existing[existing.length - 1];
  const ordered = sorted(incoming);
  if (!last || compareIds(ordered[0]!.id, last.id) > 0) return existing.concat(ordered);
  const byId = new Map(existing.map((m) => [m.id, m]));
  for (const message of ordered) byId.set(message.id, message);
  return sorted([...byId.values()]);
}
