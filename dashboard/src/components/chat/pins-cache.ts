import type { Cache } from '@urql/exchange-graphcache';
import { keysOf } from '@/lib/cache-lists';

/** A channel stream's event as the cache updater sees it (lib/cache-config.ts). */
export interface PinEvent {
  __typename?: string;
  message?: { id?: string; pinnedAt?: string | null; channel?: { id?: string } };
}

/**
 * Keeps the cached pins lists (pinnedMessages, what an open pins panel shows) current with the
 * channel's events: a message pinned elsewhere joins its channel's list (a deleted one leaves it:
 * deleted-message-cache.ts). An unpinned one stays listed with no pinnedAt, which the panel hides
 * (a pin again shows it).
 */
export function applyPinEvent(cache: Cache, event: PinEvent | null | undefined): void {
  if (event?.__typename !== 'MessageUpdated') return;
  const { id, pinnedAt, channel } = event.message ?? {};
  if (!id || !pinnedAt || !channel?.id) return;
  const args = { channelId: channel.id };
  const pins = keysOf(cache.resolve('Query', 'pinnedMessages', args));
  const key = cache.keyOfEntity({ __typename: 'Message', id });
  // Not asked for yet: the panel asks when it opens.
  if (!pins || !key || pins.includes(key)) return;
  cache.link('Query', 'pinnedMessages', args, [key, ...pins]);
}
