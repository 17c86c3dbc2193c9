'use client';

import { DropdownMenu } from 'radix-ui';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useMutation } from 'urql';
import { useServerUnread } from '@/components/channels/use-server-unread';
import type { Permission } from '@/gql/graphql';
import { InviteDialog } from './invite-dialog';
import { LeaveServerMutation } from './servers.operations';
import { useMarkServerRead } from './use-mark-server-read';

/** Any of these opens the settings pages (each page then shows only what they allow). */
const ADMIN_PERMISSIONS: ReadonlySet<Permission> = new Set<Permission>([
  'ADMINISTRATOR',
  'MANAGE_SERVER',
  'MANAGE_ROLES',
  'MANAGE_CHANNELS',
  'KICK_MEMBERS',
  'BAN_MEMBERS',
  'MODERATE_MEMBERS',
  // Voice moderators work from the channels tab's participant lists.
  'MUTE_MEMBERS',
  'DEAFEN_MEMBERS',
  'MOVE_MEMBERS',
]);

export const opensSettings = (permissions: readonly Permission[]): boolean => permissions.some((p) => ADMIN_PERMISSIONS.has(p));

interface ServerActionsProps {
  serverId: string;
  serverName: string;
  permissions: readonly Permission[];
  /** The channel open: read as it is, so it leaves nothing to mark (as in the sidebar and the rail). */
  readingChannelId?: string;
}

/** The server's menu: mark it all read, invite people (with CREATE_INVITE), settings (admins and moderators) and leave. */
export function ServerActions({ serverId, serverName, permissions, readingChannelId }: ServerActionsProps) {
  const router = useRouter();
  const [inviting, setInviting] = useState(false);
  const [, leaveServer] = useMutation(LeaveServerMutation);
  const markServerRead = useMarkServerRead();
  // What the rail marks for the open server; offered while that is not known yet.
  const hasUnread = useServerUnread(serverId, readingChannelId)?.hasUnread ?? true;
  const canInvite = permissions.includes('CREATE_INVITE') || permissions.includes('ADMINISTRATOR');
  const canAdminister = opensSettings(permissions);

  async function leave() {
    if (!window.confirm(`Leave ${serverName}? You can come back with an invite.`)) return;
    const result = await leaveServer({ serverId });
    if (!result.error) router.replace('/');
  }

  return (
    <>
      <DropdownMenu.Root>
        <DropdownMenu.Trigger className="icon-button" aria-label="Server menu">
          <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden fill="currentColor">
            <circle cx="5" cy="12" r="2" />
            <circle cx="12" cy="12" r="2" />
            <circle cx="19" cy="12" r="2" />
          </svg>
        </DropdownMenu.Trigger>
        <DropdownMenu.Portal>
          <DropdownMenu.Content className="menu" sideOffset={6} align="end">
            <DropdownMenu.Item className="menu-item" disabled={!hasUnread} onSelect={() => void markServerRead(serverId)}>
              Mark as read
            </DropdownMenu.Item>
            {canInvite && (
              <DropdownMenu.Item className="menu-item" onSelect={() => setInviting(true)}>
                Invite people
              </DropdownMenu.Item>
            )}
            {canAdminister && (
              <DropdownMenu.Item className="menu-item" onSelect={() => router.push(`/servers/${serverId}/settings`)}>
                Server settings
              </DropdownMenu.Item>
            )}
            <DropdownMenu.Item className="menu-item danger" onSelect={() => void leave()}>
              Leave server
            </DropdownMenu.Item>
          </DropdownMenu.Content>
        </DropdownMenu.Portal>
      </DropdownMenu.Root>
      {inviting && <InviteDialog serverId={serverId} serverName={serverName} onClose={() => setInviting(false)} />}
    </>
  );
}
