'use client';

import { useResumableSubscription } from '@/hooks/use-resumable-subscription';
import { ChannelActivitySubscription } from './channels.operations';

interface ChannelActivityProps {
  channelId: string;
  /**
   * Where the listener takes up the channel (channelEvents' `since`): the newest message the sidebar
   * knows of, so one sent while the listener was still subscribing is replayed, not missed. Null when
   * the member may not read history, which `since` needs.
   */
  since: string | null;
}

/**
 * Listens to a channel the member is not reading, so its unread dot lights up live; the cache
 * updater (lib/cache-config.ts) moves the channel's lastMessageId. Renders nothing.
 */
export function ChannelActivity({ channelId, since }: ChannelActivityProps) {
  useResumableSubscription({
    document: ChannelActivitySubscription,
    variables: () => ({ channelId, since }),
    key: channelId,
    onData: () => undefined,
  });
  return null;
}

/**
 * A channel's `since` for its listener: its newest message, or for a channel with none yet its own id
 * (every message in it is newer), so a message sent in a channel that just appeared lights it up.
 */
export function activitySince(channel: { id: string; lastMessageId?: string | null; myPermissions: readonly string[] }): string | null {
  if (!channel.myPermissions.includes('READ_MESSAGE_HISTORY')) return null;
  return channel.lastMessageId ?? channel.id;
}
