'use client';

import { Dialog } from 'radix-ui';
import { useEffect, useState } from 'react';
import { useMutation } from 'urql';
import { Alert } from '@/components/ui/alert';
import { graphql } from '@/gql';
import { apiErrorOf } from '@/lib/api-errors';

const CreateInviteMutation = graphql(`
  mutation CreateInvite($serverId: ID!) {
    createInvite(serverId: $serverId, maxUses: 0, expiresInSeconds: 604800) {
      code
      expiresAt
    }
  }
`);

/** Creates a fresh invite (7 days, unlimited uses) and shows its link to copy. */
export function InviteDialog({ serverId, serverName, onClose }: { serverId: string; serverName: string; onClose: () => void }) {
  const [state, createInvite] = useMutation(CreateInviteMutation);
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    void createInvite({ serverId });
  }, [createInvite, serverId]);
  const code = state.data?.createInvite.code;
  const link = code ? `${window.location.origin}/invite/${code}` : '';

  return (
    <Dialog.Root open onOpenChange={(open) => !open && onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog">
          <Dialog.Title>Invite people to {serverName}</Dialog.Title>
          <Dialog.Description className="muted">Send this link to a friend. It works for 7 days.</Dialog.Description>
          {state.error ? (
            <Alert>{apiErrorOf(state.error)?.message}</Alert>
          ) : (
            <div className="inline">
              <input
                className="field-input"
                readOnly
                value={link || 'Creating link…'}
                aria-label="Invite link"
                onFocus={(e) => e.currentTarget.select()}
              />
              <button
                type="button"
                className="button primary"
                disabled={!link}
                onClick={() =>
                  void navigator.clipboard?.writeText(link).then(
                    () => setCopied(true),
                    () => undefined,
                  )
                }
              >
                {copied ? 'Copied' : 'Copy'}
              </button>
            </div>
          )}
          <div className="dialog-actions">
            <Dialog.Close className="button ghost">Done</Dialog.Close>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
