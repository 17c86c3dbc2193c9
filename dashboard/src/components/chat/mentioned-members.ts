/** A member a message mentions by @username, as its mentionedMembers gives them. */
export interface MentionedMember {
  nickname?: string | null;
  user: { username: string; displayName: string };
}

/** Username → what a mention of them shows (without its "@"): the member's nickname, else display name. */
export type MemberNames = ReadonlyMap<string, string>;

export const NO_MEMBER_NAMES: MemberNames = new Map();

/** A message's mentionedMembers by username; a name not among them shows as typed. */
export function memberNamesOf(members: readonly MentionedMember[] | null | undefined): MemberNames {
  if (!members?.length) return NO_MEMBER_NAMES;
  return new Map(members.map((m) => [m.user.username, m.nickname ?? m.user.displayName]));
}
