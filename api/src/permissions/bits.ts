// Permission bitfield: one bit per permission, held in a bigint so the set can grow past 32 bits.

export const PERMISSION_NAMES = [
  'ADMINISTRATOR',
  'VIEW_CHANNEL',
  'SEND_MESSAGES',
  'READ_MESSAGE_HISTORY',
  'MANAGE_MESSAGES',
  'MANAGE_CHANNELS',
  'MANAGE_ROLES',
  'MANAGE_SERVER',
  'CREATE_INVITE',
  'KICK_MEMBERS',
  'BAN_MEMBERS',
  'MODERATE_MEMBERS',
  'JOIN_VOICE',
  'SPEAK',
  'MUTE_MEMBERS',
  'DEAFEN_MEMBERS',
  'MOVE_MEMBERS',
  'ADD_REACTIONS',
  'MENTION_EVERYONE',
] as const;

export type PermissionName = (typeof PERMISSION_NAMES)[number];

// Bits follow the list order; append new names at the end so stored bitfields keep their meaning.
export const PermissionBit: Readonly<Record<PermissionName, bigint>> = Object.freeze(
  Object.fromEntries(PERMISSION_NAMES.map((name, index) => [name, 1n << BigInt(index)])) as Record<PermissionName, bigint>,
);

export const NO_PERMISSIONS = 0n;

export const ALL_PERMISSIONS: bigint = PERMISSION_NAMES.reduce((acc, name) => acc | PermissionBit[name], NO_PERMISSIONS);

export function permissionsToBits(names: readonly PermissionName[]): bigint {
  let bits = NO_PERMISSIONS;
  for (const name of names) bits |= PermissionBit[name];
  return bits;
}

export function bitsToPermissions(bits: bigint): PermissionName[] {
  return PERMISSION_NAMES.filter((name) => (bits & PermissionBit[name]) !== 0n);
}

export function hasPermission(bits: bigint, name: PermissionName): boolean {
  return (bits & PermissionBit[name]) !== 0n;
}

// Without MENTION_EVERYONE: in a server of thousands, anyone who just joined could notify them all.
export const DEFAULT_EVERYONE_PERMISSIONS = permissionsToBits([
  'VIEW_CHANNEL',
  'SEND_MESSAGES',
  'READ_MESSAGE_HISTORY',
  'ADD_REACTIONS',
  'CREATE_INVITE',
  'JOIN_VOICE',
  'SPEAK',
]);

// A timed-out member may still read, but not act.
export const TIMED_OUT_PERMISSIONS = permissionsToBits(['VIEW_CHANNEL', 'READ_MESSAGE_HISTORY']);
