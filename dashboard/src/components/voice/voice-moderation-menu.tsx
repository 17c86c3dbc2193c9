'use client';

import { DropdownMenu } from 'radix-ui';
import { useMutation } from 'urql';
import type { Me } from '@/components/permissions/hierarchy';
import type { Permission } from '@/gql/graphql';
import { ModerateVoiceMutation } from '@/lib/voice/voice.operations';
import { apiErrorOf } from '@/lib/api-errors';
import { useVoiceModeration, VOICE_MODERATION, type VoiceDestination } from './voice-moderation-rules';
import styles from './voice.module.css';

interface Target {
  userId: string;
  displayName: string;
  serverMute: boolean;
  serverDeaf: boolean;
}

type VoiceAction = { serverMute?: boolean; serverDeaf?: boolean; moveToChannelId?: string; disconnect?: boolean };

/**
 * A moderator's menu on a voice participant: server mute, server deafen, move to another voice
 * channel, disconnect. What I may not do to them is shown disabled, with the reason in the menu.
 */
export function VoiceModerationMenu({
  serverId,
  ownerId,
  me,
  target,
  moveTargets,
}: {
  serverId: string;
  ownerId: string;
  /** Me with the permissions of the channel they are in. */
  me: Me;
  target: Target;
  /** The other voice channels of the server. */
  moveTargets: readonly VoiceDestination[];
}) {
  const [{ error, fetching }, moderate] = useMutation(ModerateVoiceMutation);
  const act = (change: VoiceAction) => void moderate({ serverId, userId: target.userId, ...change });
  const refusal = apiErrorOf(error);
  return (
    <>
      <DropdownMenu.Root>
        <DropdownMenu.Trigger className={styles.menuTrigger} aria-label={`Voice options for ${target.displayName}`} disabled={fetching}>
          ⋯
        </DropdownMenu.Trigger>
        <DropdownMenu.Portal>
          <DropdownMenu.Content className={`menu ${styles.moderationMenu}`} sideOffset={4} align="end">
            <ModerationItems serverId={serverId} ownerId={ownerId} me={me} target={target} moveTargets={moveTargets} act={act} />
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

/** The menu's items, mounted while it is open: their rank is looked up when someone means to act. */
function ModerationItems({
  serverId,
  ownerId,
  me,
  target,
  moveTargets,
  act,
}: {
  serverId: string;
  ownerId: string;
  me: Me;
  target: Target;
  moveTargets: readonly VoiceDestination[];
  act: (change: VoiceAction) => void;
}) {
  const { reasons, destinations } = useVoiceModeration({ serverId, ownerId, me, target: { id: target.userId }, destinations: moveTargets });
  // A disabled item stays focusable (Radix's `disabled` would skip it), so its reason is read out.
  const item = (permission: Permission, change: VoiceAction | null) => {
    const { disabled, 'aria-describedby': describedBy } = reasons.control(permission);
    return {
      className: 'menu-item',
      'aria-disabled': disabled || undefined,
      'aria-describedby': describedBy,
      onSelect: (event: Event) => (disabled || !change ? event.preventDefault() : act(change)),
    };
  };
  const moveLocked = reasons.control('MOVE_MEMBERS').disabled;
  return (
    <>
      <DropdownMenu.Item {...item('MUTE_MEMBERS', { serverMute: !target.serverMute })}>
        {target.serverMute ? 'Remove server mute' : 'Server mute'}
      </DropdownMenu.Item>
      <DropdownMenu.Item {...item('DEAFEN_MEMBERS', { serverDeaf: !target.serverDeaf })}>
        {target.serverDeaf ? 'Remove server deafen' : 'Server deafen'}
      </DropdownMenu.Item>
      {moveLocked && moveTargets.length > 0 && <DropdownMenu.Item {...item('MOVE_MEMBERS', null)}>Move to…</DropdownMenu.Item>}
      {!moveLocked && destinations.length > 0 && (
        <DropdownMenu.Sub>
          <DropdownMenu.SubTrigger className="menu-item">Move to…</DropdownMenu.SubTrigger>
          <DropdownMenu.Portal>
            <DropdownMenu.SubContent className="menu" sideOffset={4}>
              {destinations.map((channel) => (
                <DropdownMenu.Item key={channel.id} className="menu-item" onSelect={() => act({ moveToChannelId: channel.id })}>
                  {channel.name}
                </DropdownMenu.Item>
              ))}
            </DropdownMenu.SubContent>
          </DropdownMenu.Portal>
        </DropdownMenu.Sub>
      )}
      <DropdownMenu.Item {...item('MOVE_MEMBERS', { disconnect: true })}>Disconnect</DropdownMenu.Item>
      {reasons.lockNote}
      {reasons.needsNote(...VOICE_MODERATION)}
    </>
  );
}
