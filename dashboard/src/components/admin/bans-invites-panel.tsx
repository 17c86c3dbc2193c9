'use client';

import { useEffect, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { Alert } from '@/components/ui/alert';
import { ErrorState, LoadingState } from '@/components/ui/states';
import { useReadAgain } from '@/hooks/use-read-again';
import { apiErrorOf } from '@/lib/api-errors';
import { BansQuery, CreateInviteMutation, InvitesQuery, RevokeInviteMutation, UnbanMutation } from './admin.operations';
import { can, type Me } from '@/components/permissions/hierarchy';

const COPIED_FOR_MS = 2000;

const EXPIRY: ReadonlyArray<[number, string]> = [
  [1800, '30 minutes'],
  [3600, '1 hour'],
  [86400, '1 day'],
  [604800, '7 days'],
  [0, 'Never'],
];

export function BansInvitesPanel({ serverId, me }: { serverId: string; me: Me }) {
  return (
    <div className="stack">
      {can(me, 'BAN_MEMBERS') && <BansSection serverId={serverId} />}
      {can(me, 'MANAGE_SERVER') && <InvitesSection serverId={serverId} />}
    </div>
  );
}

function BansSection({ serverId }: { serverId: string }) {
  const [{ data, error, fetching }, refetch] = useQuery({ query: BansQuery, variables: { serverId } });
  const [unbanState, unban] = useMutation(UnbanMutation);
  const reload = () => refetch({ requestPolicy: 'network-only' });
  useReadAgain(serverId, reload);
  return (
    <section className="admin-section" aria-labelledby="bans-title">
      <h2 id="bans-title">Bans</h2>
      {!data && fetching && <LoadingState label="Loading bans…" />}
      {error && <ErrorState error={apiErrorOf(error)} onRetry={reload} />}
      {data?.bans.length === 0 && <p className="muted">Nobody is banned.</p>}
      <ul className="audit-list" aria-label="Banned users">
        {data?.bans.map((ban) => (
          <li key={ban.user.id} className="audit-entry queue-item">
            <span>
              <strong>{ban.user.displayName}</strong> <span className="muted">@{ban.user.username}</span> —{' '}
              {ban.reason || 'no reason given'}
              <span className="muted small">
                {' '}
                banned by {ban.bannedBy?.displayName ?? 'the system'}, {new Date(ban.createdAt).toLocaleString()}
              </span>
            </span>
            <button type="button" className="button ghost" onClick={() => void unban({ serverId, userId: ban.user.id }).then(reload)}>
              Unban {ban.user.displayName}
            </button>
          </li>
        ))}
      </ul>
      {unbanState.error && <Alert>{apiErrorOf(unbanState.error)?.message}</Alert>}
    </section>
  );
}

function InvitesSection({ serverId }: { serverId: string }) {
  const [{ data, error, fetching }, refetch] = useQuery({ query: InvitesQuery, variables: { serverId } });
  const [createState, create] = useMutation(CreateInviteMutation);
  const [revokeState, revoke] = useMutation(RevokeInviteMutation);
  const [maxUses, setMaxUses] = useState(0);
  const [expires, setExpires] = useState(86400);
  const [problem, setProblem] = useState<string | null>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const reload = () => refetch({ requestPolicy: 'network-only' });
  useReadAgain(serverId, reload);
  const link = (code: string) => `${window.location.origin}/invite/${code}`;
  // "Copied" stays a moment, then the button reads as before.
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(null), COPIED_FOR_MS);
    return () => clearTimeout(timer);
  }, [copied]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const why =
      !Number.isInteger(maxUses) || maxUses < 0 || maxUses > 1000 ? 'Max uses must be a whole number from 0 (unlimited) to 1000.' : null;
    setProblem(why);
    if (why) return;
    const result = await create({ serverId, maxUses, expiresInSeconds: expires });
    if (!result.error) reload();
  }

  return (
    <section className="admin-section" aria-labelledby="invites-title">
      <h2 id="invites-title">Invites</h2>
      <form className="inline wrap" onSubmit={(e) => void submit(e)}>
        <label className="field">
          <span className="field-label">Max uses (0 = unlimited)</span>
          <input className="field-input" type="number" value={maxUses} onChange={(e) => setMaxUses(Number(e.target.value))} />
        </label>
        <label className="field">
          <span className="field-label">Expires after</span>
          <select className="field-input" value={expires} onChange={(e) => setExpires(Number(e.target.value))}>
            {EXPIRY.map(([seconds, label]) => (
              <option key={seconds} value={seconds}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button primary" disabled={createState.fetching}>
          Create invite
        </button>
      </form>
      {(problem || createState.error || revokeState.error) && (
        <Alert>{problem ?? apiErrorOf(createState.error ?? revokeState.error)?.message}</Alert>
      )}
      {!data && fetching && <LoadingState label="Loading invites…" />}
      {error && <ErrorState error={apiErrorOf(error)} onRetry={reload} />}
      <ul className="audit-list" aria-label="Invites">
        {data?.invites.map((invite) => (
          <li key={invite.code} className="audit-entry queue-item">
            <span>
              <code>{invite.code}</code> — used {invite.uses}
              {invite.maxUses > 0 ? ` of ${invite.maxUses}` : ''} times
              <span className="muted small">
                {' '}
                {invite.expiresAt ? `expires ${new Date(invite.expiresAt).toLocaleString()}` : 'never expires'}
              </span>
              <span className="small invite-creator">
                {invite.creator ? (
                  <>
                    created by <strong>{invite.creator.displayName}</strong> <span className="muted">@{invite.creator.username}</span>
                  </>
                ) : (
                  <span className="muted">creator's account is gone</span>
                )}
              </span>
            </span>
            <span className="inline">
              <button
                type="button"
                className="button ghost"
                aria-label={`Copy link to invite ${invite.code}`}
                onClick={() =>
                  void navigator.clipboard?.writeText(link(invite.code)).then(
                    () => setCopied(invite.code),
                    () => undefined,
                  )
                }
              >
                {copied === invite.code ? 'Copied' : 'Copy link'}
              </button>
              <button
                type="button"
                className="button danger"
                aria-label={`Revoke invite ${invite.code}`}
                onClick={() => void revoke({ code: invite.code }).then(reload)}
              >
                Revoke
              </button>
            </span>
          </li>
        ))}
      </ul>
      <p className="sr-only" role="status">
        {copied && `Copied the link to invite ${copied}.`}
      </p>
    </section>
  );
}
