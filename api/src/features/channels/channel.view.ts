import { bitsToPermissions, type PermissionName } from '../../permissions/bits.js';
import type { Channel, ChannelType } from './channel.entity.js';
import type { OverwriteTarget, PermissionOverwrite } from './overwrite.entity.js';

export interface OverwriteView {
  targetType: OverwriteTarget;
  targetId: string;
  allow: PermissionName[];
  deny: PermissionName[];
}

export interface ChannelView {
  id: string;
  serverId: string;
  type: ChannelType;
  name: string;
  slug: string;
  description: string;
  position: number;
  isPrivate: boolean;
  slowmodeSeconds: number;
  userLimit: number;
  topic: string | null;
  bitrate: number;
  overwrites: OverwriteView[];
  createdAt: Date | string;
}

export const toOverwriteView = (o: Pick<PermissionOverwrite, 'targetType' | 'targetId' | 'allow' | 'deny'>): OverwriteView => ({
  targetType: o.targetType,
  targetId: o.targetId,
  allow: bitsToPermissions(o.allow),
  deny: bitsToPermissions(o.deny),
});

export const toChannelView = (c: Channel, overwrites: readonly PermissionOverwrite[]): ChannelView => ({
  id: c.id,
  serverId: c.server,
  type: c.type,
  name: c.name,
  slug: c.slug,
  description: c.description,
  position: c.position,
  isPrivate: c.isPrivate,
  slowmodeSeconds: c.slowmodeSeconds,
  userLimit: c.userLimit,
  topic: c.topic,
  bitrate: c.bitrate,
  overwrites: overwrites.filter((o) => o.channel === c.id).map(toOverwriteView),
  createdAt: c.createdAt,
});
