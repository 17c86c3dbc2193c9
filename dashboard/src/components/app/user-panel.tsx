'use client';

import { useRouter } from 'next/navigation';
import { DropdownMenu } from 'radix-ui';
import { useRef, useState } from 'react';
import { useMutation } from 'urql';
import { AccountDialog } from '@/components/account/account-dialog';
import { LogoutMutation } from '@/components/auth/auth.operations';
import { useSession } from '@/components/session/api-provider';
import { graphql, getFragmentData, type FragmentType } from '@/gql';
import type { PresenceStatus } from '@/gql/graphql';
import { Avatar } from '@/components/members/avatar';
import { PresenceDot } from '@/components/members/presence-dot';

export const UserPanelFragment = graphql(`
  fragment UserPanel on User {
    id
    username
    displayName
    avatarUrl
    presence
    ...AccountDialog
  }
`);

const SetPresenceMutation = graphql(`
  mutation SetPresence($status: PresenceStatus!) {
    setPresence(status: $status) {
      id
      presence
    }
  }
`);

/** What the member may choose; OFFLINE chosen by the member means invisible. */
const STATUSES: { status: PresenceStatus; label: string }[] = [
  { status: 'ONLINE', label: 'Online' },
  { status: 'IDLE', label: 'Idle' },
  { status: 'DND', label: 'Do not disturb' },
  { status: 'OFFLINE', label: 'Invisible' },
];

export function UserPanel({ user: ref }: { user: FragmentType<typeof UserPanelFragment> }) {
  const user = getFragmentData(UserPanelFragment, ref);
  const router = useRouter();
  const { setToken } = useSession();
  const [, setPresence] = useMutation(SetPresenceMutation);
  const [, logout] = useMutation(LogoutMutation);
  const [accountOpen, setAccountOpen] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  const current = STATUSES.find((s) => s.status === user.presence) ?? STATUSES[0]!;

  async function signOut() {
    // Ends the session on the server (its sockets close everywhere), then forgets it in every tab.
    await logout({});
    setToken(null);
  }

  return (
    <div className="user-panel">
      <DropdownMenu.Root>
        <DropdownMenu.Trigger
          ref={trigger}
          className="user-button"
          aria-label={`Status: ${current.label}. Change status, or open My account or My bots`}
        >
          <Avatar user={user} size={32} status={user.presence} />
          <span className="user-names">
            <span className="user-display">{user.displayName}</span>
            <span className="muted small">{current.label}</span>
          </span>
        </DropdownMenu.Trigger>
        <DropdownMenu.Portal>
          <DropdownMenu.Content className="menu" sideOffset={6} align="start">
            <DropdownMenu.Label className="menu-label">Set status</DropdownMenu.Label>
            <DropdownMenu.RadioGroup
              value={user.presence}
              onValueChange={(status) => void setPresence({ status: status as PresenceStatus })}
            >
              {STATUSES.map((s) => (
                <DropdownMenu.RadioItem key={s.status} value={s.status} className="menu-item">
                  <PresenceDot status={s.status} /> {s.label}
                </DropdownMenu.RadioItem>
              ))}
            </DropdownMenu.RadioGroup>
            <DropdownMenu.Separator className="menu-separator" />
            <DropdownMenu.Item className="menu-item" onSelect={() => setAccountOpen(true)}>
              My account
            </DropdownMenu.Item>
            <DropdownMenu.Item className="menu-item" onSelect={() => router.push('/bots')}>
              My bots
            </DropdownMenu.Item>
          </DropdownMenu.Content>
        </DropdownMenu.Portal>
      </DropdownMenu.Root>
      <button type="button" className="button ghost small-button" onClick={() => void signOut()}>
        Sign out
      </button>
      {accountOpen && <AccountDialog user={user} onClose={() => setAccountOpen(false)} returnFocusTo={trigger} />}
    </div>
  );
}
