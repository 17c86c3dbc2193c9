'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { Alert } from '@/components/ui/alert';
import { apiErrorOf } from '@/lib/api-errors';
import { DeleteServerMutation, TransferOwnershipMutation, UpdateServerMutation } from './admin.operations';
import type { AdminMember, AdminServer } from './admin-types';
import type { Me } from '@/components/permissions/hierarchy';
import { iconFileProblem } from './icon-file';
import { MemberPicker } from './member-picker';

export function OverviewPanel({ server, me, onChanged }: { server: AdminServer; me: Me; onChanged: () => void }) {
  const router = useRouter();
  const [name, setName] = useState(server.name);
  const [description, setDescription] = useState(server.description);
  const [icon, setIcon] = useState(server.icon ?? '');
  const [isPrivate, setPrivate] = useState(server.isPrivate);
  const [problem, setProblem] = useState<string | null>(null);
  const [confirmName, setConfirmName] = useState('');
  const [updateState, updateServer] = useMutation(UpdateServerMutation);
  const [deleteState, deleteServer] = useMutation(DeleteServerMutation);
  const [transferState, transfer] = useMutation(TransferOwnershipMutation);
  const [heir, setHeir] = useState<AdminMember | undefined>();

  async function save(event: FormEvent) {
    event.preventDefault();
    const result = await updateServer({ id: server.id, input: { name, description, icon: icon || null, isPrivate } });
    if (!result.error) onChanged();
  }

  // An uploaded image travels as a data URL; the API checks it the same way (icon-file.ts).
  async function upload(file: File | undefined) {
    if (!file) return;
    const problem = iconFileProblem(file, new Uint8Array(await file.slice(0, 12).arrayBuffer()));
    setProblem(problem);
    if (problem) return;
    const reader = new FileReader();
    reader.onload = () => setIcon(String(reader.result));
    reader.readAsDataURL(file);
  }

  async function handOver() {
    if (!heir || !window.confirm(`Make ${heir.user.displayName} the owner of ${server.name}? You cannot undo this yourself.`)) return;
    const result = await transfer({ serverId: server.id, userId: heir.user.id });
    if (!result.error) onChanged();
  }

  async function remove() {
    const result = await deleteServer({ id: server.id });
    if (!result.error) router.replace('/');
  }

  return (
    <section className="admin-section" aria-labelledby="overview-title">
      <h2 id="overview-title">Server settings</h2>
      <form className="stack" onSubmit={(e) => void save(e)}>
        <label className="field">
          <span className="field-label">Name</span>
          <input className="field-input" value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label className="field">
          <span className="field-label">Description</span>
          <textarea className="field-input" value={description} onChange={(e) => setDescription(e.target.value)} />
        </label>
        <div className="inline wrap">
          {icon && <img src={icon} alt="Server icon" width={48} height={48} className="server-icon-preview" />}
          <label className="field">
            <span className="field-label">Icon URL</span>
            <input
              className="field-input"
              value={icon.startsWith('data:') ? '(uploaded image)' : icon}
              onChange={(e) => setIcon(e.target.value)}
            />
          </label>
          <label className="field">
            <span className="field-label">Or upload a PNG, JPEG, GIF or WebP (at most 192 KiB)</span>
            <input type="file" accept="image/png,image/jpeg,image/gif,image/webp" onChange={(e) => void upload(e.target.files?.[0])} />
          </label>
        </div>
        <label className="inline">
          <input type="checkbox" checked={isPrivate} onChange={(e) => setPrivate(e.target.checked)} /> Private: only people with an invite
          can find and join it
        </label>
        {(problem || updateState.error) && <Alert>{problem ?? apiErrorOf(updateState.error)?.message}</Alert>}
        <button type="submit" className="button primary" disabled={updateState.fetching}>
          Save settings
        </button>
      </form>
      {me.isOwner && (
        <section className="danger-zone" aria-labelledby="transfer-title">
          <h3 id="transfer-title">Transfer ownership</h3>
          <div className="inline wrap">
            <MemberPicker
              serverId={server.id}
              label="New owner"
              value={heir?.user.id ?? ''}
              onChange={(_, member) => setHeir(member)}
              include={(m) => !m.user.isBot && m.user.id !== me.userId}
              optionLabel={(m) => `${m.user.displayName} (@${m.user.username})`}
            >
              <option value="">Pick a member…</option>
            </MemberPicker>
            <button type="button" className="button danger" disabled={!heir || transferState.fetching} onClick={() => void handOver()}>
              Transfer ownership
            </button>
          </div>
          {transferState.error && <Alert>{apiErrorOf(transferState.error)?.message}</Alert>}
        </section>
      )}
      {me.isOwner && (
        <section className="danger-zone" aria-labelledby="danger-title">
          <h3 id="danger-title">Delete the server</h3>
          <p className="muted">Everything goes: channels, messages, roles. Type the server’s name to confirm.</p>
          <div className="inline wrap">
            <input
              className="field-input"
              aria-label="Type the server name to confirm"
              value={confirmName}
              onChange={(e) => setConfirmName(e.target.value)}
            />
            <button
              type="button"
              className="button danger"
              disabled={confirmName !== server.name || deleteState.fetching}
              onClick={() => void remove()}
            >
              Delete {server.name}
            </button>
          </div>
          {deleteState.error && <Alert>{apiErrorOf(deleteState.error)?.message}</Alert>}
        </section>
      )}
    </section>
  );
}
