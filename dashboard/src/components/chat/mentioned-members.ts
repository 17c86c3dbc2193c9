/** A member a message mentions (by @username or <@id>), as its mentionedMembers gives them. */
export interface MentionedMember {
  nickname?: string | null;
  user: { id: string; username: string; displayName: string };
}

/** A mentioned member as a mention shows them: their name (without its "@") and username. */
export interface ShownMember {
  name: string;
  username: string;
}

/** A message's mentioned members by username and by user id; a mention of anyone else shows as typed. */
export interface MemberNames {
  byUsername: ReadonlyMap<string, ShownMember>;
  byId: ReadonlyMap<string, ShownMember>;
}

export const NO_MEMBER_NAMES: MemberNames = { byUsername: new Map(), byId: new Map() };

/** A member's name in a mention: their nickname in the server, else their display name. */
export function memberNamesOf(members: readonly MentionedMember[] | null | undefined): MemberNames {
  if (!members?.length) return NO_MEMBER_NAMES;
  const shown = members.map((m) => [m.user, { name: m.nickname ?? m.user.displayName, username: m.user.username }] as const);
  return {
    byUsername: new Map(shown.map(([user, member]) => [user.username, member])),
    byId: new Map(shown.map(([user, member]) => [user.id, member])),
  };
}
