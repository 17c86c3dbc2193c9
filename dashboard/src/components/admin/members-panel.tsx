'use client';

import { useState } from 'react';
import { useMutation } from 'urql';
import { Alert } from '@/components/ui/alert';
import { ErrorState, LoadingState } from '@/components/ui/states';
import { useDebounced } from '@/hooks/use-debounced';
import { apiErrorOf } from '@/lib/api-errors';
import {
  AssignRoleMutation,
  BanMemberMutation,
  KickMemberMutation,
  RemoveRoleMutation,
  SetNicknameMutation,
  TimeoutMemberMutation,
} from './admin.operations';
import type { AdminMember, AdminServer } from './admin-types';
import { memberLock, roleLock, type Me } from '@/components/permissions/hierarchy';
import { useLockReasons } from '@/components/permissions/lock-reasons';
import { SEARCH_PAUSE_MS, useAdminMembers } from './use-admin-members';

const MAX_TIMEOUT_SECONDS = 28 * 24 * 3600;
export const TIMEOUT_PRESETS: ReadonlyArray<[number, string]> = [
  [60, '60 s'],
  [300, '5 min'],
  [600, '10 min'],
  [3600, '1 hour'],
  [86400, '1 day'],
  [604800, '1 week'],
];
const DELETE_WINDOWS: ReadonlyArray<[number, string]> = [
  [0, "Don't delete any"],
  [3600, 'The last hour'],
  [21600, 'The last 6 hours'],
  [86400, 'The last 24 hours'],
  [259200, 'The last 3 days'],
  [604800, 'The last 7 days'],
];

interface MembersPanelProps {
  server: AdminServer;
  me: Me;
  onChanged: () => void;
  onExplain: (member: AdminMember) => void;
}

export function MembersPanel({ server, me, onChanged, onExplain }: MembersPanelProps) {
  const [search, setSearch] = useState('');
  const [roleId, setRoleId] = useState('');
  const query = useDebounced(search, SEARCH_PAUSE_MS);
  const list = useAdminMembers(server.id, { query, roleId });
  const changed = () => {
    list.reload();
    onChanged();
  };
  return (
    <section className="admin-section" aria-labelledby="members-title">
      <h2 id="members-title">Members</h2>
      <div className="admin-filters">
        <label className="field">
          <span className="field-label">Search by name</span>
          <input className="field-input" type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
        </label>
        <label className="field">
          <span className="field-label">Role</span>
          <select className="field-input" value={roleId} onChange={(e) => setRoleId(e.target.value)}>
            <option value="">Any role</option>
            {server.roles
              .filter((r) => !r.isDefault)
              .map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
          </select>
        </label>
      </div>
      {list.error && <ErrorState error={apiErrorOf(list.error)} onRetry={list.reload} />}
      <ul className="admin-members" aria-label="Members">
        {list.members.map((m) => (
          <MemberCard key={m.user.id} member={m} server={server} me={me} onChanged={changed} onExplain={onExplain} />
        ))}
      </ul>
      {list.loading && list.members.length === 0 && <LoadingState label="Loading members…" />}
      {!list.loading && !list.error && list.members.length === 0 && <p className="muted">No member matches.</p>}
      {list.hasMore && (
        // aria-disabled, not disabled: the button keeps the focus while the page loads.
        <button type="button" className="button ghost" aria-disabled={list.loadingMore} onClick={() => !list.loadingMore && list.more()}>
          Load more members
        </button>
      )}
      {list.loadingMore && <LoadingState label="Loading more members…" />}
    </section>
  );
}

function MemberCard({
  member,
  server,
  me,
  onChanged,
  onExplain,
}: {
  member: AdminMember;
  server: AdminServer;
  me: Me;
  onChanged: () => void;
  onExplain: (member: AdminMember) => void;
}) {
  const lock = memberLock(me, server.owner.id, member);
  const reasons = useLockReasons(me, lock);
  // One's own nickname needs no permission (the API's rule); another's needs MODERATE_MEMBERS and a higher role.
  const nickname = member.user.id === me.userId ? { disabled: false } : reasons.control('MODERATE_MEMBERS');
  const name = member.nickname ?? member.user.displayName;
  const [timeoutState, timeoutMember] = useMutation(TimeoutMemberMutation);
  const [kickState, kickMember] = useMutation(KickMemberMutation);
  const [banState, banMember] = useMutation(BanMemberMutation);
  const [nickState, setNickname] = useMutation(SetNicknameMutation);
  const [assignState, assignRole] = useMutation(AssignRoleMutation);
  const [removeState, removeRole] = useMutation(RemoveRoleMutation);
  const [custom, setCustom] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [deleteWindow, setDeleteWindow] = useState(0);
  const [reason, setReason] = useState('');
  const apiError = apiErrorOf(
    timeoutState.error ?? kickState.error ?? banState.error ?? nickState.error ?? assignState.error ?? removeState.error,
  );
  const timedOut = member.timedOutUntil && Date.parse(member.timedOutUntil) > Date.now();
  const done = (result: { error?: unknown }) => !result.error && onChanged();
  const vars = { serverId: server.id, userId: member.user.id };

  async function timeout(seconds: number) {
    const why = seconds < 0 || seconds > MAX_TIMEOUT_SECONDS ? 'A timeout lasts at most 28 days.' : null;
    setProblem(why);
    if (!why) done(await timeoutMember({ ...vars, seconds, reason: reason || null }));
  }

  function customTimeout() {
    const end = Date.parse(custom);
    if (Number.isNaN(end) || end <= Date.now()) return setProblem('Pick an end in the future.');
    void timeout(Math.ceil((end - Date.now()) / 1000));
  }

  return (
    <li className="admin-member">
      <details>
        <summary>
          <span className="member-name">{name}</span> <span className="muted small">@{member.user.username}</span>
          {member.user.isBot && <span className="badge">BOT</span>}
          {timedOut && <span className="badge danger-badge">Timed out until {new Date(member.timedOutUntil!).toLocaleString()}</span>}
          <span className="muted small"> {member.roles.map((r) => r.name).join(', ')}</span>
        </summary>
        <div className="stack member-actions">
          {reasons.lockNote}
          {reasons.needsNote('MODERATE_MEMBERS', 'KICK_MEMBERS', 'BAN_MEMBERS')}
          <button type="button" className="button ghost" onClick={() => onExplain(member)}>
            Why can {name} (not) do things?
          </button>
          <label className="field">
            <span className="field-label">Reason (kept in the audit log)</span>
            <input
              className="field-input"
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              {...reasons.anyOf('MODERATE_MEMBERS', 'KICK_MEMBERS', 'BAN_MEMBERS')}
            />
          </label>
          <fieldset className="plain-fieldset" {...reasons.control('MODERATE_MEMBERS')}>
            <legend className="field-label">Time out {name}</legend>
            <div className="inline wrap">
              {TIMEOUT_PRESETS.map(([seconds, label]) => (
                <button
                  key={seconds}
                  type="button"
                  className="chip"
                  onClick={() => void timeout(seconds)}
                  aria-label={`Time out ${name} for ${label}`}
                  {...reasons.control('MODERATE_MEMBERS')}
                >
                  {label}
                </button>
              ))}
              <input
                type="datetime-local"
                className="field-input"
                aria-label={`Custom timeout end for ${name}`}
                value={custom}
                onChange={(e) => setCustom(e.target.value)}
                {...reasons.control('MODERATE_MEMBERS')}
              />
              <button
                type="button"
                className="chip"
                onClick={customTimeout}
                aria-label={`Time out ${name} until then`}
                {...reasons.control('MODERATE_MEMBERS')}
              >
                Until then
              </button>
              {timedOut && (
                <button
                  type="button"
                  className="button ghost"
                  onClick={() => void timeout(0)}
                  aria-label={`Remove timeout of ${name}`}
                  {...reasons.control('MODERATE_MEMBERS')}
                >
                  Remove timeout
                </button>
              )}
            </div>
          </fieldset>
          <div className="inline wrap">
            <button
              type="button"
              className="button danger"
              aria-label={`Kick ${name}`}
              {...reasons.control('KICK_MEMBERS')}
              onClick={() => window.confirm(`Kick ${name}?`) && void kickMember({ ...vars, reason: reason || null }).then(done)}
            >
              Kick
            </button>
            <select
              className="field-input"
              aria-label={`When banning ${name}, delete their messages from`}
              value={deleteWindow}
              onChange={(e) => setDeleteWindow(Number(e.target.value))}
              {...reasons.control('BAN_MEMBERS')}
            >
              {DELETE_WINDOWS.map(([seconds, label]) => (
                <option key={seconds} value={seconds}>
                  Delete messages: {label}
                </option>
              ))}
            </select>
            <button
              type="button"
              className="button danger"
              aria-label={`Ban ${name}`}
              {...reasons.control('BAN_MEMBERS')}
              onClick={() =>
                window.confirm(`Ban ${name}?`) &&
                void banMember({ ...vars, reason: reason || null, deleteMessageSeconds: deleteWindow }).then(done)
              }
            >
              Ban
            </button>
          </div>
          <form
            className="inline"
            onSubmit={(e) => {
              e.preventDefault();
              const nickname = String(new FormData(e.currentTarget).get('nickname') ?? '').trim();
              void setNickname({ ...vars, nickname: nickname || null }).then(done);
            }}
          >
            <input
              className="field-input"
              name="nickname"
              aria-label={`Nickname of ${name}`}
              defaultValue={member.nickname ?? ''}
              placeholder="Nickname"
              {...nickname}
            />
            <button type="submit" className="button ghost" aria-label={`Set nickname of ${name}`} {...nickname}>
              Set nickname
            </button>
          </form>
          <fieldset className="plain-fieldset">
            <legend className="field-label">Roles</legend>
            <ul className="role-checks">
              {server.roles
                .filter((r) => !r.isDefault)
                .map((r) => {
                  const held = member.roles.some((h) => h.id === r.id);
                  // Giving or taking a role follows the member's rank too, as in the API (one's own roles excepted).
                  const roleWhy = roleLock(me, r) ?? (member.user.id === me.userId ? null : lock);
                  return (
                    <li key={r.id}>
                      <label title={roleWhy ?? undefined}>
                        <input
                          type="checkbox"
                          checked={held}
                          disabled={roleWhy !== null}
                          onChange={(e) => void (e.target.checked ? assignRole : removeRole)({ ...vars, roleId: r.id }).then(done)}
                        />{' '}
                        {r.name}
                        {roleWhy && <span className="muted small"> ({roleWhy})</span>}
                      </label>
                    </li>
                  );
                })}
            </ul>
          </fieldset>
          {(problem || apiError) && <Alert>{problem ?? apiError?.message}</Alert>}
        </div>
      </details>
    </li>
  );
}
