'use client';

import { useState, type ReactNode } from 'react';
import { ErrorState, LoadingState } from '@/components/ui/states';
import { useDebounced } from '@/hooks/use-debounced';
import { apiErrorOf } from '@/lib/api-errors';
import type { AdminMember } from './admin-types';
import { SEARCH_PAUSE_MS, useAdminMembers } from './use-admin-members';

interface MemberPickerProps {
  serverId: string;
  /** The list's visible label. */
  label: string;
  /** The chosen option's value: `optionValue` of a member, or one of `children`'s. */
  value: string;
  onChange: (value: string, member: AdminMember | undefined) => void;
  /** A member's option value (a prefix tells members from the roles among `children`). */
  optionValue?: (member: AdminMember) => string;
  optionLabel?: (member: AdminMember) => string;
  /** Leaves members out (bots, oneself). */
  include?: (member: AdminMember) => boolean;
  /** The member chosen before this list opened (a "Why?" from the members page), shown until another is picked. */
  initialMember?: AdminMember;
  /** Options shown before the members: roles, or a "Pick a member…" placeholder. */
  children?: ReactNode;
}

const byId = (member: AdminMember) => member.user.id;
const displayed = (member: AdminMember) => `${member.nickname ?? member.user.displayName} (@${member.user.username})`;

/**
 * Any member of the server, found by name: the API searches (as on the members page), a page at a
 * time, and the member already chosen stays listed whatever the search.
 */
export function MemberPicker({
  serverId,
  label,
  value,
  onChange,
  optionValue = byId,
  optionLabel = displayed,
  include = () => true,
  initialMember,
  children,
}: MemberPickerProps) {
  const [search, setSearch] = useState('');
  const list = useAdminMembers(serverId, { query: useDebounced(search, SEARCH_PAUSE_MS) });
  const [picked, setPicked] = useState(initialMember);
  const found = list.members.filter(include);
  const shown = picked && value === optionValue(picked) && !found.some((m) => m.user.id === picked.user.id) ? [picked, ...found] : found;

  function choose(next: string) {
    const member = shown.find((m) => optionValue(m) === next);
    setPicked(member);
    onChange(next, member);
  }

  return (
    <div className="member-picker">
      <label className="field">
        <span className="field-label">{label}</span>
        <select className="field-input" value={value} onChange={(e) => choose(e.target.value)}>
          {children}
          <optgroup label={search.trim() ? `Members matching “${search.trim()}”` : 'Members'}>
            {shown.map((m) => (
              <option key={m.user.id} value={optionValue(m)}>
                {optionLabel(m)}
              </option>
            ))}
          </optgroup>
        </select>
      </label>
      <label className="field">
        <span className="field-label">Find a member by name</span>
        <input className="field-input" type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
      </label>
      {list.loading && <LoadingState label="Loading members…" />}
      {list.error && <ErrorState error={apiErrorOf(list.error)} onRetry={list.reload} />}
      {!list.loading && !list.error && found.length === 0 && <p className="muted small">No member matches.</p>}
      {list.hasMore && !list.loading && (
        <button type="button" className="button ghost" onClick={list.more}>
          List more members
        </button>
      )}
    </div>
  );
}
