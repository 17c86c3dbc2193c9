'use client';

import { useSession } from '@/components/session/api-provider';

/** A notice for the whole page: the channel was deleted, access was lost. Dismissable. */
export function PageNotice() {
  const { notice, dismissNotice } = useSession();
  if (!notice) return null;
  return (
    <div className="page-notice" role="alert">
      <span>{notice.message}</span>
      <button type="button" className="button ghost small-button" onClick={dismissNotice}>
        Dismiss
      </button>
    </div>
  );
}
