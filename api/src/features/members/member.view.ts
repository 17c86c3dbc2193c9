import type { Member } from './member.entity.js';

export interface MemberView {
  serverId: string;
  userId: string;
  nickname: string | null;
  roleIds: string[];
  joinedAt: Date | string;
  timedOutUntil: Date | string | null;
}

export const toMemberView = (m: Member): MemberView => ({
  serverId: m.server,
  userId: m.user,
  nickname: m.nickname,
  roleIds: [...m.roleIds],
  joinedAt: m.joinedAt,
  timedOutUntil: m.timedOutUntil,
});
