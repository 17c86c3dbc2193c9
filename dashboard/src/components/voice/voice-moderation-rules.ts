'use client';

import { useQuery } from 'urql';
import { graphql } from '@/gql';
import type { Permission } from '@/gql/graphql';
import { can, memberLock, type Me } from '@/components/permissions/hierarchy';
import { useLockReasons } from '@/components/permissions/lock-reasons';

/** What moderateVoice asks for, in the channel the member is in: server mute, server deafen, move or disconnect. */
export const VOICE_MODERATION: readonly Permission[] = ['MUTE_MEMBERS', 'DEAFEN_MEMBERS', 'MOVE_MEMBERS'];

/** Someone's roles, for the rank rule: only their highest position matters. */
export const VoiceTargetRankQuery = graphql(`
  query VoiceTargetRank($serverId: ID!, $userId: ID!) {
    server(id: $serverId) {
      id
      member(userId: $userId) {
        roles {
          id
          position
        }
      }
    }
  }
`);

/** A voice channel someone may be moved to, with my permissions there. */
export interface VoiceDestination {
  id: string;
  name: string;
  myPermissions: readonly Permission[];
}

/** Whether I moderate anyone in a voice channel (`me` with that channel's permissions). */
export const moderatesVoice = (me: Me): boolean => VOICE_MODERATION.some((permission) => can(me, permission));

/**
 * What I may do to someone in a voice channel, by the API's moderateVoice rules (it still decides):
 * each action's permission in that channel (`me.permissions` are the channel's, overwrites applied),
 * then rank: myself always, the owner never, anyone else only when their highest role is below mine
 * (the owner acts on anyone). A move also needs MOVE_MEMBERS in the destination; whether they may
 * join it is the API's to say. Their roles are fetched by user id only when rank decides, and the
 * actions wait for them rather than offer what the API would refuse.
 */
export function useVoiceModeration<D extends VoiceDestination>({
  serverId,
  ownerId,
  me,
  target,
  destinations,
}: {
  serverId: string;
  ownerId: string;
  me: Me;
  target: { id: string };
  /** The server's other voice channels. */
  destinations: readonly D[];
}) {
  const rankDecides = !me.isOwner && target.id !== me.userId && target.id !== ownerId;
  const [{ data, fetching }] = useQuery({
    query: VoiceTargetRankQuery,
    variables: { serverId, userId: target.id },
    pause: !rankDecides,
    // Roles change while someone sits in voice: look again each time, showing the last answer meanwhile.
    requestPolicy: 'cache-and-network',
  });
  const roles = data?.server ? (data.server.member?.roles ?? []) : undefined;
  const lock =
    rankDecides && !roles && fetching ? 'Checking their rank…' : memberLock(me, ownerId, { user: target, roles }, { onSelf: true });
  return {
    /** Spread `reasons.control(permission)` on each action; show `lockNote` and `needsNote(...VOICE_MODERATION)`. */
    reasons: useLockReasons(me, lock),
    /** The destinations I may move them to. */
    destinations: destinations.filter((channel) => can({ ...me, permissions: channel.myPermissions }, 'MOVE_MEMBERS')),
  };
}
