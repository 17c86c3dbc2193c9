'use client';

import { useState } from 'react';
import { useMutation } from 'urql';
import { Alert } from '@/components/ui/alert';
import type { OverwriteTarget } from '@/gql/graphql';
import { apiErrorOf } from '@/lib/api-errors';
import { RemoveOverwriteMutation, SetOverwriteMutation } from './admin.operations';
import type { AdminChannel, AdminMember, AdminServer } from './admin-types';
import { memberLock, needs, roleLock, type Me } from '@/components/permissions/hierarchy';
import { useLockReasons } from '@/components/permissions/lock-reasons';
import { MemberPicker } from './member-picker';
import { OverwriteGrid, type OverwriteValue } from './overwrite-grid';

/** One channel's overwrites, one role or member at a time, on the three-way grid. */
export function ChannelOverwrites({
  me,
  channel,
  server,
  onChanged,
}: {
  me: Me;
  channel: AdminChannel;
  server: AdminServer;
  onChanged: () => void;
}) {
  const [target, setTarget] = useState(`ROLE:${server.roles.find((r) => r.isDefault)?.id ?? ''}`);
  const [pickedMember, setPickedMember] = useState<AdminMember | undefined>();
  const [targetType, targetId] = target.split(':') as [OverwriteTarget, string];
  const existing = channel.overwrites.find((o) => o.targetType === targetType && o.targetId === targetId);
  const [draft, setDraft] = useState<OverwriteValue | null>(null);
  const value: OverwriteValue = draft ?? existing ?? { allow: [], deny: [] };
  const [setState, setOverwrite] = useMutation(SetOverwriteMutation);
  const [removeState, removeOverwrite] = useMutation(RemoveOverwriteMutation);
  const targetRole = targetType === 'ROLE' ? server.roles.find((r) => r.id === targetId) : undefined;
  const targetMember = targetType === 'MEMBER' ? pickedMember : undefined;
  const targetName = targetType === 'ROLE' ? (targetRole?.name ?? 'role') : (targetMember?.user.displayName ?? 'member');
  // The API's rule: MANAGE_ROLES, and a role below mine or a member below me (or myself).
  const lock = targetRole
    ? roleLock(me, targetRole)
    : (needs(me, 'MANAGE_ROLES') ?? memberLock(me, server.owner.id, targetMember ?? { user: { id: targetId } }, { onSelf: true }));
  const reasons = useLockReasons(me, lock);
  const manage = reasons.control('MANAGE_ROLES');

  async function save() {
    const result = await setOverwrite({
      channelId: channel.id,
      input: { targetType, targetId, allow: [...value.allow], deny: [...value.deny] },
    });
    if (!result.error) {
      setDraft(null);
      onChanged();
    }
  }

  async function clear() {
    const result = await removeOverwrite({ channelId: channel.id, targetType, targetId });
    if (!result.error) {
      setDraft(null);
      onChanged();
    }
  }

  return (
    <section className="stack" aria-labelledby="overwrites-title">
      <h3 id="overwrites-title">Permissions in #{channel.name}</h3>
      <MemberPicker
        serverId={server.id}
        label="Overwrite for"
        value={target}
        optionValue={(m) => `MEMBER:${m.user.id}`}
        optionLabel={(m) => `${m.nickname ?? m.user.displayName}${channel.overwrites.some((o) => o.targetId === m.user.id) ? ' •' : ''}`}
        onChange={(next, member) => {
          setTarget(next);
          setPickedMember(member);
          setDraft(null);
        }}
      >
        <optgroup label="Roles">
          {server.roles.map((r) => (
            <option key={r.id} value={`ROLE:${r.id}`}>
              {r.name}
              {channel.overwrites.some((o) => o.targetId === r.id) ? ' •' : ''}
            </option>
          ))}
        </optgroup>
      </MemberPicker>
      {reasons.lockNote}
      <OverwriteGrid
        targetName={targetName}
        value={value}
        onChange={setDraft}
        disabled={manage.disabled}
        describedBy={manage['aria-describedby']}
      />
      {(setState.error || removeState.error) && <Alert>{apiErrorOf(setState.error ?? removeState.error)?.message}</Alert>}
      <div className="inline">
        <button
          type="button"
          className="button primary"
          {...manage}
          disabled={manage.disabled || !draft || setState.fetching}
          onClick={() => void save()}
        >
          Save overwrites
        </button>
        {existing && (
          <button type="button" className="button ghost" onClick={() => void clear()} {...manage}>
            Remove overwrite for {targetName}
          </button>
        )}
      </div>
    </section>
  );
}
