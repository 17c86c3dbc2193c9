'use client';

import { useMutation, useQuery } from 'urql';
import { Alert } from '@/components/ui/alert';
import { ErrorState, LoadingState } from '@/components/ui/states';
import { getFragmentData } from '@/gql';
import { useReadAgain } from '@/hooks/use-read-again';
import { apiErrorOf } from '@/lib/api-errors';
import {
  AuditEntryFragment,
  ModerationItemFragment,
  ModerationQueueAddedSubscription,
  ModerationQueueQuery,
  TimeoutMemberMutation,
  UnbanMutation,
} from './admin.operations';
import { AuditEntry } from './audit-entry';
import { targetText } from './audit-text';
import { useAuditReload } from './use-audit-reload';

/**
 * What needs a moderator's eye, newest first, live: every moderation action by a moderator, a bot or
 * the system arrives over moderationQueueAdded (no polling), with the undo that still applies.
 */
export function ModerationQueuePanel({ serverId }: { serverId: string }) {
  const [{ data, error, fetching }, refetch] = useQuery({
    query: ModerationQueueQuery,
    variables: { serverId },
    requestPolicy: 'cache-and-network',
  });
  const reload = () => refetch({ requestPolicy: 'network-only' });
  // A new action may also change what older ones can undo (a lifted timeout): reload the list.
  const newest = data?.moderationQueue[0];
  useAuditReload({
    document: ModerationQueueAddedSubscription,
    serverId,
    newestRead: data ? (newest ? getFragmentData(ModerationItemFragment, newest).entry.id : null) : undefined,
    live: true,
    idOf: (added) => getFragmentData(ModerationItemFragment, added.moderationQueueAdded).entry.id,
    reload,
  });
  useReadAgain(serverId, reload);
  const [undoTimeoutState, undoTimeout] = useMutation(TimeoutMemberMutation);
  const [unbanState, unban] = useMutation(UnbanMutation);

  if (!data && fetching) return <LoadingState label="Loading the moderation queue…" />;
  if (!data) return <ErrorState error={apiErrorOf(error)} onRetry={reload} />;
  const items = data.moderationQueue.map((ref) => getFragmentData(ModerationItemFragment, ref));
  const undoError = apiErrorOf(undoTimeoutState.error ?? unbanState.error);

  return (
    <section className="admin-section" aria-labelledby="queue-title">
      <h2 id="queue-title">Moderation queue</h2>
      <p className="muted">Live: timeouts (automatic ones from the rate limits too), bans, kicks, deleted messages and voice moderation.</p>
      {undoError && <Alert>{undoError.message}</Alert>}
      {items.length === 0 && <p className="muted">Nothing yet.</p>}
      <ol className="audit-list" aria-label="Moderation actions">
        {items.map(({ entry, undo }) => {
          const target = getFragmentData(AuditEntryFragment, entry).target;
          const whom = target ? targetText(target) : 'them';
          return (
            <AuditEntry key={entry.id} entry={entry} showChanges={false} className="queue-item">
              {undo === 'REMOVE_TIMEOUT' && (
                <button
                  type="button"
                  className="button ghost"
                  onClick={() =>
                    void undoTimeout({ serverId, userId: entry.targetId!, seconds: 0, reason: 'undone from the moderation queue' }).then(
                      reload,
                    )
                  }
                >
                  Remove timeout of {whom}
                </button>
              )}
              {undo === 'UNBAN' && (
                <button
                  type="button"
                  className="button ghost"
                  onClick={() => void unban({ serverId, userId: entry.targetId! }).then(reload)}
                >
                  Unban {whom}
                </button>
              )}
            </AuditEntry>
          );
        })}
      </ol>
    </section>
  );
}
