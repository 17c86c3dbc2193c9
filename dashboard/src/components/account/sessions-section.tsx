'use client';

import { AlertDialog } from 'radix-ui';
import { useId, useRef, useState, type Ref } from 'react';
import { useMutation, useQuery } from 'urql';
import { formatDateTime } from '@/components/chat/chat-time';
import { Alert } from '@/components/ui/alert';
import { getFragmentData, graphql, type FragmentType } from '@/gql';
import { useNow } from '@/hooks/use-now';
import { apiErrorOf, type ApiError } from '@/lib/api-errors';
import { EndOtherSessionsMutation, EndSessionMutation, MySessionsQuery } from './account.operations';
import { describeClient } from './describe-client';
import { describeLastActive, describeSignedIn } from './session-time';

/** Often enough that "Active 5 minutes ago" stays right to the minute, give or take. */
const REFRESH_TIMES_MS = 30_000;

export const SessionRowFragment = graphql(`
  fragment SessionRow on AccountSession {
    id
    client
    createdAt
    lastActiveAt
    current
  }
`);

/**
 * Where the member is signed in (Discord's Devices): each session with its client and when it was
 * last used, this device first and marked; any other can be signed out, one or all at once. Asked
 * afresh each time the dialog opens; endSession, endOtherSessions and a new password take the ended
 * sessions out of the cached list (sessions-cache.ts). The times are said again every half minute
 * while it is open.
 */
export function SessionsSection() {
  const [{ data, error }, reload] = useQuery({ query: MySessionsQuery, requestPolicy: 'cache-and-network' });
  const [ending, endSession] = useMutation(EndSessionMutation);
  const [endingOthers, endOtherSessions] = useMutation(EndOtherSessionsMutation);
  const [endingId, setEndingId] = useState<string>();
  const [refusal, setRefusal] = useState<string>();
  const [status, setStatus] = useState('');
  const sectionRef = useRef<HTMLElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const signOutButtons = useRef(new Map<string, HTMLButtonElement>());
  // This device first, the others as the API orders them (most recently active first).
  const sessions = [...(data?.mySessions ?? [])].sort((a, b) => Number(b.current) - Number(a.current));
  const otherIds = sessions.filter((session) => !session.current).map((session) => session.id);
  const others = otherIds.length;
  const now = useNow(REFRESH_TIMES_MS);

  async function signOut(id: string, label: string) {
    setRefusal(undefined);
    setStatus('');
    setEndingId(id);
    // Chosen from the list as it was clicked: this row's neighbours are still there once it has gone.
    const heir = heirOf(otherIds, id);
    const result = await endSession({ id });
    setEndingId(undefined);
    if (result.data?.endSession) {
      focusAfterEnded(heir);
      return setStatus(`Signed out ${label}.`);
    }
    const refused = apiErrorOf(result.error);
    // Ended meanwhile (from that device, or another one): the list is asked again, and the row goes too.
    if (refused?.code === 'NOT_FOUND') {
      reload({ requestPolicy: 'network-only' });
      focusAfterEnded(heir);
    }
    setRefusal(endRefusal(refused, 'That session was not signed out. Try again.'));
  }

  /**
   * Focus would fall back to the dialog with the ended row: it goes to the Sign out of the row that
   * takes its place (`heir`), or to the heading when none is left.
   */
  function focusAfterEnded(heir: string | undefined) {
    const section = sectionRef.current;
    if (!section || focusMovedAway(section)) return;
    ((heir && signOutButtons.current.get(heir)) || headingRef.current)?.focus();
  }

  async function signOutOthers() {
    setRefusal(undefined);
    setStatus('');
    const result = await endOtherSessions({});
    const ended = result.data?.endOtherSessions;
    if (typeof ended === 'number') {
      // The button that asked went with the sessions: focus goes to the heading.
      focusAfterEnded(undefined);
      return setStatus(`Signed out ${ended} other ${ended === 1 ? 'session' : 'sessions'}.`);
    }
    setRefusal(endRefusal(apiErrorOf(result.error), 'Your other sessions were not signed out. Try again.'));
  }

  return (
    <section ref={sectionRef} className="stack account-form" aria-labelledby="account-sessions-title">
      {/* Focusable from code only: where focus goes once the last other session is signed out. */}
      <h3 ref={headingRef} id="account-sessions-title" className="account-form-title" tabIndex={-1}>
        Where you’re signed in
      </h3>
      {!data && !error && <p className="muted small">Loading…</p>}
      {!data && error && (
        <div className="account-actions">
          <Alert>Your sessions could not be loaded.</Alert>
          <button type="button" className="button ghost small-button" onClick={() => reload({ requestPolicy: 'network-only' })}>
            Try again
          </button>
        </div>
      )}
      {data && (
        <ul className="session-list" aria-label="Sessions">
          {sessions.map((session) => (
            <SessionRow
              key={session.id}
              session={session}
              now={now}
              ending={ending.fetching && endingId === session.id}
              onSignOut={(label) => void signOut(session.id, label)}
              signOutRef={(button) => {
                if (button) signOutButtons.current.set(session.id, button);
                else signOutButtons.current.delete(session.id);
              }}
            />
          ))}
        </ul>
      )}
      {refusal && <Alert>{refusal}</Alert>}
      <div className="account-actions">
        <p className="muted small" role="status">
          {status}
        </p>
        {others > 0 && <EndOthersButton count={others} pending={endingOthers.fetching} onConfirm={() => void signOutOthers()} />}
      </div>
    </section>
  );
}

interface SessionRowProps {
  session: FragmentType<typeof SessionRowFragment>;
  now: Date;
  ending: boolean;
  onSignOut: (label: string) => void;
  signOutRef: Ref<HTMLButtonElement>;
}

/** One sign-in: its client (the raw User-Agent as the title), this device's badge or when it was last used, and when it signed in. */
function SessionRow({ session: ref, now, ending, onSignOut, signOutRef }: SessionRowProps) {
  const session = getFragmentData(SessionRowFragment, ref);
  const label = describeClient(session.client);
  const timesId = useId();
  return (
    <li className="session-row">
      <div className="session-info">
        <span className="session-client" title={session.client ?? undefined}>
          {label}
        </span>
        <p className="muted small" id={timesId}>
          {session.current ? (
            <span className="badge session-badge">This device</span>
          ) : (
            <time dateTime={session.lastActiveAt} title={formatDateTime(session.lastActiveAt)}>
              {describeLastActive(session.lastActiveAt, now)}
            </time>
          )}
          {' · '}
          <time dateTime={session.createdAt} title={formatDateTime(session.createdAt)}>
            {describeSignedIn(session.createdAt, now)}
          </time>
        </p>
      </div>
      {!session.current && (
        <button
          ref={signOutRef}
          type="button"
          className="button ghost small-button"
          aria-label={`Sign out ${label}`}
          aria-describedby={timesId}
          // aria-disabled, not disabled: the button keeps the focus while its sign-out is sent, so a
          // refused one leaves the member where they were.
          aria-disabled={ending}
          onClick={() => !ending && onSignOut(label)}
        >
          {ending ? 'Signing out…' : 'Sign out'}
        </button>
      )}
    </li>
  );
}

/** Signs out every other session, once confirmed in an alert dialog above My account. */
function EndOthersButton({ count, pending, onConfirm }: { count: number; pending: boolean; onConfirm: () => void }) {
  const sessions = count === 1 ? '1 other session' : `${count} other sessions`;
  return (
    <AlertDialog.Root>
      {/* aria-disabled, not disabled: Radix gives the focus back to the trigger, which keeps it while the sign-out is sent. */}
      <AlertDialog.Trigger className="button ghost" aria-disabled={pending} onClick={(event) => pending && event.preventDefault()}>
        {pending ? 'Signing out…' : 'Sign out all other sessions'}
      </AlertDialog.Trigger>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="dialog-overlay" />
        <AlertDialog.Content className="dialog">
          <AlertDialog.Title>Sign out {sessions}?</AlertDialog.Title>
          <AlertDialog.Description className="muted">Every device but this one goes back to the sign-in page.</AlertDialog.Description>
          <div className="dialog-actions">
            <AlertDialog.Cancel className="button ghost">Cancel</AlertDialog.Cancel>
            <AlertDialog.Action className="button danger-button" onClick={onConfirm}>
              Sign out
            </AlertDialog.Action>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}

/** Whose Sign out takes focus once `id` leaves the list: the next session's, or the one before for the last; none if it was alone. */
function heirOf(ids: readonly string[], id: string): string | undefined {
  const at = ids.indexOf(id);
  return ids[at + 1] ?? ids[at - 1];
}

/**
 * The member moved on while the sign-out was sent (to the password form, say): focus is outside
 * `section` and not on what holds it (the dialog or the page, where a lost focus lands).
 */
function focusMovedAway(section: HTMLElement): boolean {
  const focused = document.activeElement;
  return !!focused && !section.contains(focused) && !focused.contains(section);
}

/** Why a sign-out did not happen, in a sentence: the network's words, or `otherwise`. */
function endRefusal(error: ApiError | undefined, otherwise: string): string {
  if (error?.code === 'NOT_FOUND') return 'That session had already ended.';
  if (error?.code === 'NETWORK_ERROR') return error.message;
  return otherwise;
}
