'use client';

import { DropdownMenu } from 'radix-ui';
import { useMutation } from 'urql';
import { ModerateVoiceMutation } from '@/lib/voice/voice.operations';
import { apiErrorOf } from '@/lib/api-errors';
import styles from './voice.module.css';

interface Target {
  userId: string;
  displayName: string;
  serverMute: boolean;
  serverDeaf: boolean;
}

/** `disconnect` also moves (both MOVE_MEMBERS). */
type Abilities = { mute: boolean; deafen: boolean; disconnect: boolean };

/** A voice channel a participant may be moved to. */
export interface MoveTarget {
  id: string;
  name: string;
}

/** What a moderator may do to someone in voice, by their server permissions (the API checks again); null: nothing. */
export function moderationAbilities(permissions: readonly string[]): Abilities | null {
  const admin = permissions.includes('ADMINISTRATOR');
  const can = {
    mute: admin || permissions.includes('MUTE_MEMBERS'),
    deafen: admin || permissions.includes('DEAFEN_MEMBERS'),
    disconnect: admin || permissions.includes('MOVE_MEMBERS'),
  };
  return can.mute || can.deafen || can.disconnect ? can : null;
}

/** A moderator's menu on a voice participant: server mute, server deafen, move to another voice channel, disconnect. */
export function VoiceModerationMenu({
  serverId,
  target,
  can,
  moveTargets,
}: {
  serverId: string;
  target: Target;
  can: Abilities;
  /** The other voice channels of the server. */
  moveTargets: readonly MoveTarget[];
}) {
  const [{ error, fetching }, moderate] = useMutation(ModerateVoiceMutation);
  const act = (change: { serverMute?: boolean; serverDeaf?: boolean; moveToChannelId?: string; disconnect?: boolean }) =>
    void moderate({ serverId, userId: target.userId, ...change });
  const refusal = apiErrorOf(error);
  return (
    <>
      <DropdownMenu.Root>
        <DropdownMenu.Trigger className={styles.menuTrigger} aria-label={`Voice options for ${target.displayName}`} disabled={fetching}>
          ⋯
        </DropdownMenu.Trigger>
        <DropdownMenu.Portal>
          <DropdownMenu.Content className="menu" sideOffset={4} align="end">
            {can.mute && (
              <DropdownMenu.Item className="menu-item" onSelect={() => act({ serverMute: !target.serverMute })}>
                {target.serverMute ? 'Remove server mute' : 'Server mute'}
              </DropdownMenu.Item>
            )}
            {can.deafen && (
              <DropdownMenu.Item className="menu-item" onSelect={() => act({ serverDeaf: !target.serverDeaf })}>
                {target.serverDeaf ? 'Remove server deafen' : 'Server deafen'}
              </DropdownMenu.Item>
            )}
            {can.disconnect && moveTargets.length > 0 && (
              <DropdownMenu.Sub>
                <DropdownMenu.SubTrigger className="menu-item">Move to…</DropdownMenu.SubTrigger>
                <DropdownMenu.Portal>
                  <DropdownMenu.SubContent className="menu" sideOffset={4}>
                    {moveTargets.map((channel) => (
                      <DropdownMenu.Item key={channel.id} className="menu-item" onSelect={() => act({ moveToChannelId: channel.id })}>
                        {channel.name}
                      </DropdownMenu.Item>
                    ))}
                  </DropdownMenu.SubContent>
                </DropdownMenu.Portal>
              </DropdownMenu.Sub>
            )}
            {can.disconnect && (
              <DropdownMenu.Item className="menu-item" onSelect={() => act({ disconnect: true })}>
                Disconnect
              </DropdownMenu.Item>
            )}
          </DropdownMenu.Content>
        </DropdownMenu.Portal>
      </DropdownMenu.Root>
      {refusal && (
        <span className={`${styles.peerState} ${styles.peerFailed}`} role="alert">
          {refusal.message}
        </span>
      )}
    </>
  );
}
