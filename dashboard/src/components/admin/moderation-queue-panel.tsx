'use client';

import { useMutation, useQuery } from 'urql';
import { Alert } from '@/components/ui/alert';
import { ErrorState, LoadingState } from '@/components/ui/states';
import { getFragmentData } from '@/gql';
import { useResumableSubscription } from '@/hooks/use-resumable-subscription';
import { apiErrorOf } from '@/lib/api-errors';
import {
  ModerationItemFragment,
  ModerationQueueAddedSubscription,
  ModerationQueueQuery,
  TimeoutMemberMutation,
  UnbanMutation,
} from './admin.operations';
import type { AdminMember } from './admin-types';

const ACTION_TEXT: Record<string, string> = {
  MEMBER_TIMEOUT: 'timed out',
  MEMBER_BAN: 'banned',
  MEMBER_UNBAN: 'unbanned',
  MEMBER_KICK: 'kicked',
  MESSAGE_DELETE: 'deleted a message of',
  VOICE_MUTE: 'server-muted',
  VOICE_DEAFEN: 'server-deafened',
  VOICE_DISCONNECT: 'disconnected from voice',
  VOICE_MOVE: 'moved in voice',
};

/**
 * What needs a moderator's eye, newest first, live: every moderation action by a moderator, a bot or
 * the system arrives over moderationQueueAdded (no polling), with the undo that still applies.
 */
export function ModerationQueuePanel({ serverId, members }: { serverId: string; members: readonly AdminMember[] }) {
  const [{ data, error, fetching }, refetch] = useQuery({
    query: ModerationQueueQuery,
    variables: { serverId },
    requestPolicy: 'cache-and-network',
  });
  const reload = () => refetch({ requestPolicy: 'network-only' });
  // A new action may also change what older ones can undo (a lifted timeout): reload the list.
  useResumableSubscription({ document: ModerationQueueAddedSubscription, variables: () => ({ serverId }), key: serverId, onData: reload });
  const [undoTimeoutState, undoTimeout] = useMutation(TimeoutMemberMutation);
  const [unbanState, unban] = useMutation(UnbanMutation);
  const nameOf = (id: string | null | undefined) => members.find((m) => m.user.id === id)?.user.displayName ?? 'a former member';

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
        {items.map(({ entry, undo, automatic }) => {
          const who = automatic ? 'System' : (entry.actor?.displayName ?? 'A deleted user');
          const target = nameOf(entry.targetId);
          return (
            <li key={entry.id} className="audit-entry queue-item">
              <span>
                {automatic && <span className="badge">AUTO</span>} <span className="audit-actor">{who}</span>{' '}
                {ACTION_TEXT[entry.action] ?? entry.action} <strong>{target}</strong>
                {entry.reason && <span className="muted"> — {entry.reason}</span>}
                <time className="muted small" dateTime={entry.createdAt}>
                  {' '}
                  {new Date(entry.createdAt).toLocaleString()}
                </time>
              </span>
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
                  Remove timeout of {target}
                </button>
              )}
              {undo === 'UNBAN' && (
                <button
                  type="button"
                  className="button ghost"
                  onClick={() => void unban({ serverId, userId: entry.targetId! }).then(reload)}
                >
                  Unban {target}
                </button>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
