import type { Overwrite, RoleGrant } from '../../permissions/compute.js';
import type { ChannelType } from '../channels/channel.entity.js';
import type { ServerLimits } from '../servers/server-limits.js';

/** The permission inputs of one server, cached per process and dropped on any change to them. */
export interface ServerSnapshot {
  id: string;
  ownerId: string;
  isPrivate: boolean;
  limits: ServerLimits;
  everyone: RoleGrant;
  roles: ReadonlyMap<string, RoleGrant>;
  channels: ReadonlyMap<string, ChannelSnapshot>;
}

export interface ChannelSnapshot {
  id: string;
  serverId: string;
  type: ChannelType;
  isPrivate: boolean;
  slowmodeSeconds: number;
  userLimit: number;
  overwrites: readonly Overwrite[];
}

/** A member's permission inputs; null in the cache means "not a member". */
export interface MemberSnapshot {
  userId: string;
  roleIds: readonly string[];
  timedOutUntil: Date | null;
}
