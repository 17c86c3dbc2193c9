'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { TypedDocumentNode } from 'urql';
import { compareIds } from '@/components/chat/message-log';
import { useResumableSubscription } from '@/hooks/use-resumable-subscription';

/** Entries that arrive together (a replay) reload the panel once, this long after the first. */
const RELOAD_COALESCE_MS = 100;

interface AuditReloadOptions<Data> {
  /** auditLogAdded or moderationQueueAdded, taking `since`. */
  document: TypedDocumentNode<Data, { serverId: string; since?: string | null }>;
  serverId: string;
  /**
   * The newest entry of the newest page the panel read (null: it holds none), undefined while there is
   * none to go by (not read yet, or a filtered or older page, which says nothing of what is newest).
   */
  newestRead: string | null | undefined;
  /** Whether the panel shows the newest page, which new entries change. */
  live: boolean;
  /** The id of the entry an event brings. */
  idOf: (data: Data) => string;
  reload: () => void;
}

/**
 * Keeps an admin panel's list of audit entries current: each new entry reloads it (one reload for a
 * burst). It subscribes once the newest page is read, with `since` = that page's newest entry (the
 * server's id, older than any entry, for an empty log), so an entry committed between the read and
 * the subscription is replayed rather than missed; a resubscription goes on from the newest entry heard.
 */
export function useAuditReload<Data>({ document, serverId, newestRead, live, idOf, reload }: AuditReloadOptions<Data>): void {
  // The newest entry known, of the server it is of (a panel shown for another server starts over).
  const [known, setKnown] = useState<{ serverId: string; id: string }>();
  const since = known?.serverId === serverId ? known.id : undefined;
  const heard = useCallback(
    (id: string) => setKnown((current) => (current?.serverId === serverId && compareIds(current.id, id) >= 0 ? current : { serverId, id })),
    [serverId],
  );
  useEffect(() => {
    if (newestRead !== undefined) heard(newestRead ?? serverId);
  }, [newestRead, serverId, heard]);

  const pending = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(pending.current), []);
  useResumableSubscription({
    document,
    variables: () => ({ serverId, since }),
    key: live && since !== undefined ? serverId : undefined,
    onData: (data) => {
      heard(idOf(data));
      pending.current ??= setTimeout(() => {
        pending.current = undefined;
        reload();
      }, RELOAD_COALESCE_MS);
    },
  });
}
