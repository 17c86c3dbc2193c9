'use client';

import { useId, useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { Alert } from '@/components/ui/alert';
import type { Permission } from '@/gql/graphql';
import { apiErrorOf } from '@/lib/api-errors';
import { CreateRoleMutation, DeleteRoleMutation, ReorderRolesMutation, UpdateRoleMutation } from './admin.operations';
import type { AdminRole, AdminServer } from './admin-types';
import { roleLock, type Me } from '@/components/permissions/hierarchy';
import { DANGER_WARNING, DANGEROUS, PERMISSION_LINES } from '@/components/permissions/permission-text';
import { ReorderList } from './reorder-list';

const COLOUR = /^#[0-9a-fA-F]{6}$/;

/** Checks the form before asking the API (which checks again): the reason, or null. */
export function roleFormProblem(name: string, color: string): string | null {
  if (name.trim() === '') return 'A role needs a name.';
  if (!COLOUR.test(color)) return 'The colour must look like #RRGGBB.';
  return null;
}

export function RolesPanel({ server, me, onChanged }: { server: AdminServer; me: Me; onChanged: () => void }) {
  const roles = [...server.roles].sort((a, b) => b.position - a.position);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const selected = roles.find((r) => r.id === selectedId);
  const [createState, createRole] = useMutation(CreateRoleMutation);
  const [, reorderRoles] = useMutation(ReorderRolesMutation);
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  async function create(event: FormEvent) {
    event.preventDefault();
    const reason = roleFormProblem(name, '#99AAB5');
    setProblem(reason);
    if (reason) return;
    const result = await createRole({ serverId: server.id, input: { name: name.trim() } });
    if (result.data) {
      setName('');
      setSelectedId(result.data.createRole.id);
      onChanged();
    }
  }

  return (
    <section className="admin-section" aria-labelledby="roles-title">
      <h2 id="roles-title">Roles</h2>
      <div className="roles-layout">
        <div>
          <ReorderList
            label="Roles, highest first"
            noun="role"
            selectedId={selectedId}
            onSelect={setSelectedId}
            onReorder={async (ids) => {
              const roleIds = ids.filter((id) => !roles.find((r) => r.id === id)?.isDefault);
              const result = await reorderRoles({ serverId: server.id, roleIds });
              if (!result.error) return null;
              // The refusal may come from a list that is out of date (someone added one meanwhile): load it afresh.
              onChanged();
              return apiErrorOf(result.error)?.message ?? 'The roles could not be reordered.';
            }}
            items={roles.map((role) => ({
              id: role.id,
              name: role.name,
              pinned: role.isDefault ? 'Always last: every member has it.' : roleLock(me, role),
              content: (
                <>
                  <span className="role-swatch" style={{ background: role.color }} aria-hidden />
                  {role.name}
                </>
              ),
            }))}
          />
          <form className="inline" onSubmit={(e) => void create(e)}>
            <input
              className="field-input"
              aria-label="New role name"
              value={name}
              onChange={(e) => setName(e.target.value)}
              placeholder="New role"
            />
            <button className="button primary" type="submit" disabled={createState.fetching}>
              Create role
            </button>
          </form>
          {(problem || createState.error) && <Alert>{problem ?? apiErrorOf(createState.error)?.message}</Alert>}
        </div>
        {selected ? (
          <RoleEditor
            key={selected.id}
            role={selected}
            lock={roleLock(me, selected)}
            onChanged={onChanged}
            onDeleted={() => setSelectedId(null)}
          />
        ) : (
          <p className="muted">Pick a role to edit it.</p>
        )}
      </div>
    </section>
  );
}

function RoleEditor({
  role,
  lock,
  onChanged,
  onDeleted,
}: {
  role: AdminRole;
  lock: string | null;
  onChanged: () => void;
  onDeleted: () => void;
}) {
  const [name, setName] = useState(role.name);
  const [color, setColor] = useState(role.color);
  const [permissions, setPermissions] = useState<Permission[]>([...role.permissions]);
  const [mentionable, setMentionable] = useState(role.mentionable);
  const mentionableId = useId();
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [updateState, updateRole] = useMutation(UpdateRoleMutation);
  const [deleteState, deleteRole] = useMutation(DeleteRoleMutation);
  const error = apiErrorOf(updateState.error ?? deleteState.error);

  async function save(event: FormEvent) {
    event.preventDefault();
    const reason = roleFormProblem(role.isDefault ? 'everyone' : name, color);
    setProblem(reason);
    setSaved(false);
    if (reason) return;
    const input = role.isDefault ? { permissions } : { name: name.trim(), color, permissions, mentionable };
    const result = await updateRole({ roleId: role.id, input });
    if (result.error) return;
    setSaved(true);
    onChanged();
  }

  async function remove() {
    if (!window.confirm(`Delete the role ${role.name}? Members who hold it lose it.`)) return;
    const result = await deleteRole({ roleId: role.id });
    if (!result.error) {
      onDeleted();
      onChanged();
    }
  }

  const toggle = (permission: Permission, on: boolean) =>
    setPermissions((current) => (on ? [...current, permission] : current.filter((p) => p !== permission)));

  return (
    <form className="role-editor" onSubmit={(e) => void save(e)} aria-label={`Edit role ${role.name}`}>
      {lock && <p className="lock-reason">{lock}</p>}
      <fieldset disabled={lock !== null} className="plain-fieldset">
        {!role.isDefault && (
          <div className="admin-filters">
            <label className="field">
              <span className="field-label">Name</span>
              <input className="field-input" value={name} onChange={(e) => setName(e.target.value)} />
            </label>
            <label className="field">
              <span className="field-label">Colour (#RRGGBB)</span>
              <span className="inline">
                <input className="field-input" value={color} onChange={(e) => setColor(e.target.value)} />
                <input
                  type="color"
                  aria-label="Pick a colour"
                  value={COLOUR.test(color) ? color : '#000000'}
                  onChange={(e) => setColor(e.target.value.toUpperCase())}
                />
              </span>
            </label>
          </div>
        )}
        {/* @everyone's role is mentioned as @everyone (MENTION_EVERYONE), never as a role. */}
        {!role.isDefault && (
          <div className="switch-field">
            <input
              id={mentionableId}
              type="checkbox"
              role="switch"
              className="switch"
              checked={mentionable}
              onChange={(e) => setMentionable(e.target.checked)}
              aria-describedby={`${mentionableId}-line`}
            />
            <label htmlFor={mentionableId} className="overwrite-label">
              Allow anyone to @mention this role
            </label>
            <span id={`${mentionableId}-line`} className="muted small switch-line">
              Anyone who can send messages can notify its members with @{name.trim() || role.name}.
            </span>
          </div>
        )}
        <ul className="permission-toggles" aria-label="Permissions">
          {PERMISSION_LINES.map(({ permission, label, line }) => {
            const on = permissions.includes(permission);
            return (
              <li key={permission} className="permission-toggle">
                <label>
                  <input type="checkbox" checked={on} onChange={(e) => toggle(permission, e.target.checked)} />
                  <span className="overwrite-label">{label}</span>
                </label>
                <span className="muted small">{line}</span>
                {DANGEROUS.has(permission) && on && <span className="danger-text small">{DANGER_WARNING[permission]}</span>}
              </li>
            );
          })}
        </ul>
        {(problem || error) && <Alert>{problem ?? error?.message}</Alert>}
        {saved && (
          <p className="muted" role="status">
            Saved.
          </p>
        )}
        <div className="inline">
          <button type="submit" className="button primary" disabled={updateState.fetching}>
            Save role
          </button>
          {!role.isDefault && (
            <button type="button" className="button danger" onClick={() => void remove()}>
              Delete role
            </button>
          )}
        </div>
      </fieldset>
    </form>
  );
}
