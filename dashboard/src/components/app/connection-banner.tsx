'use client';

import { useSession } from '@/components/session/api-provider';
import { useConnectionStatus } from '@/lib/connection-status';

/** A thin bar while the realtime connection is down; messages typed meanwhile wait in their drafts. */
export function ConnectionBanner() {
  const { api } = useSession();
  const status = useConnectionStatus(api.connection);
  if (status !== 'reconnecting') return null;
  return (
    <div className="connection-banner" role="status">
      Connection lost, reconnecting…
    </div>
  );
}
