'use client';

import { Dialog } from 'radix-ui';
import type { RefObject } from 'react';
import { CrossIcon } from '@/components/ui/line-icon';
import { getFragmentData, graphql, type FragmentType } from '@/gql';
import { AvatarForm } from './avatar-form';
import { DisplayNameForm } from './display-name-form';
import { PasswordForm } from './password-form';
import { SessionsSection } from './sessions-section';
import './account.css';

export const AccountDialogFragment = graphql(`
  fragment AccountDialog on User {
    id
    username
    displayName
    avatarUrl
  }
`);

interface AccountDialogProps {
  user: FragmentType<typeof AccountDialogFragment>;
  onClose: () => void;
  /** Where focus goes back when it closes: the menu it was opened from is gone by then. */
  returnFocusTo: RefObject<HTMLElement | null>;
}

/**
 * My account, as Discord's: the username (fixed), the display name, the avatar and the password, each
 * form on its own, then where the member is signed in. A Radix dialog: focus stays inside it, Escape
 * and the close button close it.
 */
export function AccountDialog({ user: ref, onClose, returnFocusTo }: AccountDialogProps) {
  const user = getFragmentData(AccountDialogFragment, ref);
  return (
    <Dialog.Root open onOpenChange={(open) => !open && onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content
          className="dialog account-dialog"
          onCloseAutoFocus={(event) => {
            event.preventDefault();
            returnFocusTo.current?.focus();
          }}
        >
          <Dialog.Title>My account</Dialog.Title>
          <Dialog.Description className="muted small">How others see you, and how you sign in.</Dialog.Description>
          <p className="account-username">
            <span className="field-label">Username</span>
            <span>@{user.username}</span>
          </p>
          <DisplayNameForm current={user.displayName} />
          <AvatarForm user={user} />
          <PasswordForm username={user.username} />
          <SessionsSection />
          {/* Last, so the dialog opens on the display name (Radix focuses the first control); shown top right. */}
          <Dialog.Close className="icon-button account-close" aria-label="Close" title="Close">
            <CrossIcon size={18} />
          </Dialog.Close>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
