'use client';

import { Dialog } from 'radix-ui';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { Alert } from '@/components/ui/alert';
import { TextField } from '@/components/ui/text-field';
import { apiErrorOf } from '@/lib/api-errors';
import { CreateServerMutation } from './servers.operations';

export function CreateServerDialog() {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string>();
  const [state, createServer] = useMutation(CreateServerMutation);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const name = String(form.get('name') ?? '').trim();
    if (!name) return setError('Give the server a name.');
    setError(undefined);
    const result = await createServer({ input: { name, isPrivate: form.get('public') !== 'on' } });
    if (!result.data) return setError(apiErrorOf(result.error)?.message);
    setOpen(false);
    router.push(`/servers/${result.data.createServer.id}`);
  }

  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger className="rail-item rail-action" aria-label="Create a server" title="Create a server">
        <span aria-hidden>+</span>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog">
          <Dialog.Title>Create a server</Dialog.Title>
          <Dialog.Description className="muted">Your server is where you and your friends hang out.</Dialog.Description>
          <form className="stack" onSubmit={onSubmit}>
            <TextField label="Server name" name="name" required maxLength={100} autoFocus />
            <label className="checkbox">
              <input type="checkbox" name="public" /> Listed in Discover (anyone can join)
            </label>
            {error && <Alert>{error}</Alert>}
            <div className="dialog-actions">
              <Dialog.Close className="button ghost">Cancel</Dialog.Close>
              <button className="button primary" type="submit" disabled={state.fetching}>
                {state.fetching ? 'Creating…' : 'Create'}
              </button>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
