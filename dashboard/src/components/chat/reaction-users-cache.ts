import type { Cache } from '@urql/exchange-graphcache';
import { removeFromList } from '@/lib/cache-lists';

/** A member's reaction with one emoji that is gone: MessageReactionChanged (`reacted: false`), or a removal the API confirmed. */
export interface ReactionRemoval {
  messageId: string;
  emoji: string;
  userId: string;
}

/**
 * Keeps the cached "who reacted" lists (reactionUsers: a chip's tooltip, the Reactions dialog) current
 * as reactions go: whoever's reaction went leaves every list of that emoji at once. A new reaction
 * is not added here (its event names an id, not a person): the dialog asks again when its count rises,
 * and the tooltip asks each time it opens.
 */
export function applyReactionRemoval(cache: Cache, { messageId, emoji, userId }: ReactionRemoval): void {
  const key = cache.keyOfEntity({ __typename: 'User', id: userId });
  if (!key) return;
  for (const field of cache.inspectFields('Query')) {
    if (field.fieldName !== 'reactionUsers') continue;
    if (field.arguments?.messageId === messageId && field.arguments.emoji === emoji) removeFromList(cache, 'Query', field, key);
  }
}

/**
 * removeReaction's answer: the reaction named (`userId`), or the reader's own, is gone. Its event
 * says the same a moment later; this takes the person off the lists as soon as the API confirmed it.
 */
export function applyReactionRemoved(cache: Cache, args: Record<string, unknown>): void {
  const { messageId, emoji } = args;
  const userId = typeof args.userId === 'string' ? args.userId : readerId(cache);
  if (typeof messageId !== 'string' || typeof emoji !== 'string' || !userId) return;
  applyReactionRemoval(cache, { messageId, emoji, userId });
}

/** The signed-in reader's id, when the cache holds it (every page asks for `me`). */
function readerId(cache: Cache): string | undefined {
  const me = cache.resolve('Query', 'me');
  const id = typeof me === 'string' ? cache.resolve(me, 'id') : undefined;
  return typeof id === 'string' ? id : undefined;
}
