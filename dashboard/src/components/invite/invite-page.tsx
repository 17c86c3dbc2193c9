'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { SignInPage } from '@/components/auth/sign-in-page';
import { initials } from '@/components/servers/server-rail';
import { JoinServerMutation } from '@/components/servers/servers.operations';
import { useSession } from '@/components/session/api-provider';
import { Alert } from '@/components/ui/alert';
import { ErrorState, LoadingState } from '@/components/ui/states';
import { graphql } from '@/gql';
import { apiErrorOf } from '@/lib/api-errors';

const InvitePreviewQuery = graphql(`
  query InvitePreview($code: String!) {
    invitePreview(code: $code) {
      code
      serverId
      serverName
      serverDescription
      memberCount
      alreadyMember
    }
  }
`);

/**
 * /invite/<code>: the server's name and member count for anyone; one click joins. Signed out, the
 * sign-in and register form is on this page, so the member comes back to the same invite.
 */
export function InvitePage({ code }: { code: string }) {
  const router = useRouter();
  const { token } = useSession();
  const [{ data, error, fetching }, refetch] = useQuery({ query: InvitePreviewQuery, variables: { code }, pause: token === undefined });
  const [joinState, join] = useMutation(JoinServerMutation);
  const [joinError, setJoinError] = useState<string>();

  if (token === undefined || (!data && fetching)) return <LoadingState label="Opening invite…" fullPage />;
  if (!data) return <ErrorState error={apiErrorOf(error)} onRetry={() => refetch({ requestPolicy: 'network-only' })} fullPage />;

  const invite = data.invitePreview;
  if (!invite) {
    return (
      <main className="auth">
        <div className="auth-card">
          <h1>Invite not valid</h1>
          <p className="muted">This invite link is invalid, has expired or has been used up. Ask whoever sent it for a new one.</p>
          <Link className="button primary" href="/">
            Go to Rashigo
          </Link>
        </div>
      </main>
    );
  }

  async function onJoin() {
    setJoinError(undefined);
    const result = await join({ inviteCode: code, serverId: null });
    if (result.data) router.push(`/servers/${result.data.joinServer.id}`);
    else setJoinError(apiErrorOf(result.error)?.message);
  }

  const card = (
    <section className="invite-card" aria-label="Invitation">
      <span className="invite-avatar" aria-hidden>
        {initials(invite.serverName)}
      </span>
      <p className="muted small">You have been invited to join</p>
      <h1 className="invite-name">{invite.serverName}</h1>
      {invite.serverDescription && <p className="muted">{invite.serverDescription}</p>}
      <p className="muted small">
        {invite.memberCount} {invite.memberCount === 1 ? 'member' : 'members'}
      </p>
    </section>
  );

  if (token === null) {
    return (
      <div className="invite-signed-out">
        {card}
        <SignInPage reason={`Sign in or create an account to join ${invite.serverName}.`} />
      </div>
    );
  }

  return (
    <main className="auth">
      <div className="auth-card">
        {card}
        {invite.alreadyMember ? (
          <Link className="button primary" href={`/servers/${invite.serverId}`}>
            You are a member: open {invite.serverName}
          </Link>
        ) : (
          <button type="button" className="button primary" onClick={() => void onJoin()} disabled={joinState.fetching}>
            {joinState.fetching ? 'Joining…' : `Join ${invite.serverName}`}
          </button>
        )}
        {joinError && <Alert>{joinError}</Alert>}
      </div>
    </main>
  );
}
