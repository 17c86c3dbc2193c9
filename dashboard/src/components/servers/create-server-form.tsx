'use client';

import { useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { createServer, type ServerSummary } from './server-operations';

export function CreateServerForm({ token, onCreated }: { token: string; onCreated: (server: ServerSummary) => void }) {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const name = String(new FormData(formElement).get('name') ?? '').trim();
    if (!name) return;
    setBusy(true);
    setError(undefined);
    try {
      onCreated(await createServer(token, name));
      formElement.reset();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="create-server" onSubmit={onSubmit} aria-label="Create a server">
      <label className="field">
        <span className="field-label">New server</span>
        <span className="inline">
          <input className="field-input" name="name" placeholder="Server name" required maxLength={100} />
          <button className="button primary" type="submit" disabled={busy}>
            {busy ? '…' : 'Create'}
          </button>
        </span>
      </label>
      {error && <Alert>{error}</Alert>}
    </form>
  );
}
