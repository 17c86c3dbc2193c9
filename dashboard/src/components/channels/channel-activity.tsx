'use client';

import { useResumableSubscription } from '@/hooks/use-resumable-subscription';
import { ChannelActivitySubscription } from './channels.operations';

/**
 * Listens to a channel the member is not reading, so its unread dot lights up live; the cache
 * updater (lib/cache-config.ts) moves the channel's lastMessageId. Renders nothing.
 */
export function ChannelActivity({ channelId }: { channelId: string }) {
  useResumableSubscription({
    document: ChannelActivitySubscription,
    variables: () => ({ channelId }),
    key: channelId,
    onData: () => undefined,
  });
  return null;
}
