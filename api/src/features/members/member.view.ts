import type { Member } from './member.entity.js';

export interface MemberView {
  serverId: string;
  userId: string;
  nickname: string | null;
  roleIds: string[];
  joinedAt: Date | string;
  timedOutUntil: Date | string | null;
}

/** A membership's identity: the key the request's member DataLoader batches on. */
export interface MemberKey {
  serverId: string;
  userId: string;
}

export const toMemberView = (m: Member): MemberView => ({
  serverId: m.server,
  userId: m.user,
  nickname: m.nickname,
  roleIds: [...m.roleIds],
  joinedAt: m.joinedAt,
  timedOutUntil: m.timedOutUntil,
});
