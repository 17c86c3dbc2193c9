import type { Permission, PermissionReason } from '@/gql/graphql';

/** Every permission, in the API's order, with what it lets a member do in plain words. */
export const PERMISSION_LINES: ReadonlyArray<{ permission: Permission; label: string; line: string }> = [
  { permission: 'ADMINISTRATOR', label: 'Administrator', line: 'Can do everything, in every channel, whatever the overwrites say.' },
  { permission: 'VIEW_CHANNEL', label: 'View channels', line: 'Can see the channel in the sidebar and read new messages.' },
  { permission: 'SEND_MESSAGES', label: 'Send messages', line: 'Can write in text channels.' },
  { permission: 'READ_MESSAGE_HISTORY', label: 'Read message history', line: 'Can scroll back to messages sent before they arrived.' },
  { permission: 'MANAGE_MESSAGES', label: 'Manage messages', line: "Can delete other people's messages and ignores slowmode." },
  { permission: 'MANAGE_CHANNELS', label: 'Manage channels', line: 'Can create, rename, reorder and delete channels.' },
  { permission: 'MANAGE_ROLES', label: 'Manage roles', line: 'Can create and edit roles below their own, and channel overwrites.' },
  { permission: 'MANAGE_SERVER', label: 'Manage server', line: "Can change the server's name, icon, rate limits and add bots." },
  { permission: 'CREATE_INVITE', label: 'Create invites', line: 'Can make invite links to bring people in.' },
  { permission: 'KICK_MEMBERS', label: 'Kick members', line: 'Can remove members below them; they may come back with an invite.' },
  { permission: 'BAN_MEMBERS', label: 'Ban members', line: 'Can remove members below them for good and delete their recent messages.' },
  { permission: 'MODERATE_MEMBERS', label: 'Time out members', line: 'Can stop members below them from talking for a while.' },
  { permission: 'JOIN_VOICE', label: 'Join voice', line: 'Can connect to voice channels.' },
  { permission: 'SPEAK', label: 'Speak', line: 'Can be heard in voice channels (without it they join muted).' },
  { permission: 'MUTE_MEMBERS', label: 'Mute members', line: 'Can server-mute others in voice.' },
  { permission: 'DEAFEN_MEMBERS', label: 'Deafen members', line: 'Can server-deafen others in voice.' },
  { permission: 'MOVE_MEMBERS', label: 'Move members', line: 'Can move others between voice channels or disconnect them.' },
  { permission: 'ADD_REACTIONS', label: 'Add reactions', line: 'Can react to messages with emoji.' },
  {
    permission: 'MENTION_EVERYONE',
    label: 'Mention @everyone and @here',
    line: 'Their @everyone notifies every member who can read the channel, their @here those of them online, and they can mention any role; without it, both are just text.',
  },
];

/** Permissions that hand over control of the server: the UI warns before granting them. */
export const DANGEROUS: ReadonlySet<Permission> = new Set<Permission>(['ADMINISTRATOR', 'MANAGE_ROLES', 'BAN_MEMBERS']);

export const DANGER_WARNING: Partial<Record<Permission, string>> = {
  ADMINISTRATOR: 'Dangerous: holders bypass every overwrite and can do anything the owner can except delete the server.',
  MANAGE_ROLES: 'Dangerous: holders can give roles below their own, and their permissions, to anyone.',
  BAN_MEMBERS: 'Dangerous: holders can remove members for good and wipe their recent messages.',
};

export const labelOf = (permission: Permission): string => PERMISSION_LINES.find((p) => p.permission === permission)?.label ?? permission;

export interface Named {
  id: string;
  name: string;
}

/**
 * The sentence for one decision of the API's explainer: which rule decided, naming roles.
 * `everyoneId` is the @everyone role's id (overwrites on it read "@everyone").
 */
export function reasonSentence(
  decision: { allowed: boolean; reason: PermissionReason; roleIds: readonly string[] },
  roles: readonly Named[],
  subject: string,
  timedOutUntil?: string | null,
): string {
  const names = decision.roleIds.map((id) => roles.find((r) => r.id === id)?.name ?? 'a deleted role');
  const list = names.map((n) => (n.startsWith('@') ? n : `“${n}”`)).join(', ');
  switch (decision.reason) {
    case 'OWNER':
      return `${subject} owns the server: the owner can do everything.`;
    case 'ADMINISTRATOR':
      return `Allowed by ADMINISTRATOR, granted by ${list}: administrators can do everything.`;
    case 'EVERYONE_ROLE':
      return 'Allowed because @everyone has it.';
    case 'ROLE':
      return `Allowed by the role ${list}.`;
    case 'NOT_GRANTED':
      return 'Denied: none of their roles grants it.';
    case 'EVERYONE_OVERWRITE':
      return `${decision.allowed ? 'Allowed' : 'Denied'} by this channel's overwrite for @everyone.`;
    case 'ROLE_OVERWRITE':
      return `${decision.allowed ? 'Allowed' : 'Denied'} by this channel's overwrite for ${list}.`;
    case 'MEMBER_OVERWRITE':
      return `${decision.allowed ? 'Allowed' : 'Denied'} by this channel's overwrite for ${subject} personally.`;
    case 'PRIVATE_CHANNEL':
      return "Denied by this channel's @everyone rule: the channel is private, and no overwrite for their roles or for them lets them in.";
    case 'NO_VIEW_CHANNEL':
      return 'Denied: they cannot view this channel, so nothing else in it applies.';
    case 'TIMEOUT':
      return `Denied: ${subject} is timed out${timedOutUntil ? ` until ${new Date(timedOutUntil).toLocaleString()}` : ''}.`;
  }
}
