'use client';

import { useState } from 'react';
import { useQuery } from 'urql';
import { ErrorState, LoadingState } from '@/components/ui/states';
import { useReadAgain } from '@/hooks/use-read-again';
import { apiErrorOf } from '@/lib/api-errors';
import { ExplainQuery } from './admin.operations';
import type { AdminServer, AdminMember } from './admin-types';
import { ExplanationList } from './explanation-list';
import { MemberPicker } from './member-picker';

interface ExplainerPanelProps {
  server: AdminServer;
  /** Preselects a member (from the members page's "Why?"). */
  initialMember?: AdminMember;
}

/**
 * "Why can (or can't) this member do that?": pick a member or a role, and a channel or the whole
 * server; the API's engine answers per permission. Also previews the sidebar they would see.
 * Until someone is picked it answers for @everyone: what any member is left with.
 */
export function ExplainerPanel({ server, initialMember }: ExplainerPanelProps) {
  const everyone = server.roles.find((r) => r.isDefault);
  const [subject, setSubject] = useState(initialMember ? `user:${initialMember.user.id}` : `role:${everyone?.id ?? ''}`);
  const [member, setMember] = useState(initialMember);
  const [channelId, setChannelId] = useState('');
  const [kind, id] = subject.split(':') as ['user' | 'role', string];
  const [{ data, error, fetching }, refetch] = useQuery({
    query: ExplainQuery,
    variables: {
      serverId: server.id,
      userId: kind === 'user' ? id : null,
      roleId: kind === 'role' ? id : null,
      channelId: channelId || null,
    },
    pause: !id,
    requestPolicy: 'network-only',
  });
  useReadAgain(server.id, () => id && refetch({ requestPolicy: 'network-only' }));
  const role = server.roles.find((r) => r.id === id);
  const name =
    kind === 'user' ? (member?.nickname ?? member?.user.displayName ?? 'This member') : `A member with only ${role?.name ?? 'this role'}`;
  const explanation = data?.explainPermissions;
  const channel = server.channels.find((c) => c.id === channelId);

  return (
    <section className="admin-section" aria-labelledby="explainer-title">
      <h2 id="explainer-title">Permission explainer</h2>
      <p className="muted">Pick a member or a role and a channel: each permission shows the rule that decided it.</p>
      <div className="admin-filters">
        <MemberPicker
          serverId={server.id}
          label="Member or role"
          value={subject}
          optionValue={(m) => `user:${m.user.id}`}
          initialMember={initialMember}
          onChange={(next, picked) => {
            setSubject(next);
            setMember(picked);
          }}
        >
          <optgroup label="Roles">
            {server.roles.map((r) => (
              <option key={r.id} value={`role:${r.id}`}>
                {r.name}
              </option>
            ))}
          </optgroup>
        </MemberPicker>
        <label className="field">
          <span className="field-label">Where</span>
          <select className="field-input" value={channelId} onChange={(e) => setChannelId(e.target.value)}>
            <option value="">The whole server</option>
            {server.channels.map((c) => (
              <option key={c.id} value={c.id}>
                {c.type === 'VOICE' ? `${c.name} (voice)` : `#${c.name}`}
              </option>
            ))}
          </select>
        </label>
      </div>
      {!explanation && fetching && <LoadingState label="Asking the permission engine…" />}
      {error && <ErrorState error={apiErrorOf(error)} />}
      {explanation && (
        <div className="explainer-body">
          <div>
            <h3 className="group-title">
              {name} {channel ? `in #${channel.name}` : 'server-wide'}
            </h3>
            <ExplanationList
              decisions={explanation.decisions}
              roles={server.roles}
              subject={kind === 'user' ? name : 'they'}
              timedOutUntil={explanation.timedOutUntil}
            />
          </div>
          <aside className="view-as" aria-label={`Sidebar as ${name} sees it`}>
            <h3 className="group-title">View the server as {name}</h3>
            <ul className="view-as-channels">
              {server.channels.map((c) => {
                const visible = explanation.visibleChannelIds.includes(c.id);
                return (
                  <li key={c.id} className={visible ? 'visible' : 'hidden-channel'}>
                    {c.type === 'VOICE' ? `${c.name} (voice)` : `# ${c.name}`}
                    {!visible && <span className="muted small"> — hidden</span>}
                  </li>
                );
              })}
            </ul>
          </aside>
        </div>
      )}
    </section>
  );
}
