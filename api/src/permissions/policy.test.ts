import { describe, expect, it } from 'vitest';
import { ALL_PERMISSIONS, DEFAULT_EVERYONE_PERMISSIONS, permissionsToBits, type PermissionName } from './bits.js';
import { canModerateVoice, exemptFromSlowmode, timeoutInForce, voiceModerationPermissions } from './policy.js';

const bits = (...names: PermissionName[]): bigint => permissionsToBits(names);
const NOW = new Date('2026-01-01T12:00:00Z');
const LATER = new Date('2026-01-01T13:00:00Z');
const EARLIER = new Date('2026-01-01T11:00:00Z');

describe('timeoutInForce: table', () => {
  const cases: { name: string; until: Date | null | undefined; permissions: bigint; want: Date | null }[] = [
    { name: 'no timeout', until: null, permissions: DEFAULT_EVERYONE_PERMISSIONS, want: null },
    { name: 'no member (undefined)', until: undefined, permissions: 0n, want: null },
    { name: 'a running timeout holds a plain member until its end', until: LATER, permissions: DEFAULT_EVERYONE_PERMISSIONS, want: LATER },
    {
      name: 'a moderator without ADMINISTRATOR is held too',
      until: LATER,
      permissions: bits('MODERATE_MEMBERS', 'KICK_MEMBERS'),
      want: LATER,
    },
    { name: 'ADMINISTRATOR is exempt', until: LATER, permissions: bits('ADMINISTRATOR'), want: null },
    { name: 'the owner (all permissions) is exempt', until: LATER, permissions: ALL_PERMISSIONS, want: null },
    { name: 'an expired timeout holds nobody', until: EARLIER, permissions: DEFAULT_EVERYONE_PERMISSIONS, want: null },
    { name: 'a timeout ending exactly now has expired', until: NOW, permissions: DEFAULT_EVERYONE_PERMISSIONS, want: null },
  ];

  it.each(cases)('$name', ({ until, permissions, want }) => {
    expect(timeoutInForce(until, permissions, NOW)).toEqual(want);
  });
});

describe('exemptFromSlowmode: table', () => {
  const cases: { name: string; permissions: bigint; isBot?: boolean; want: boolean }[] = [
    { name: 'a plain member is not exempt', permissions: DEFAULT_EVERYONE_PERMISSIONS, want: false },
    { name: 'MANAGE_MESSAGES is exempt', permissions: bits('MANAGE_MESSAGES'), want: true },
    { name: 'MANAGE_CHANNELS is exempt', permissions: bits('MANAGE_CHANNELS'), want: true },
    { name: 'MODERATE_MEMBERS alone is not exempt', permissions: bits('MODERATE_MEMBERS', 'KICK_MEMBERS'), want: false },
    { name: 'everything (owner, administrator) is exempt', permissions: ALL_PERMISSIONS, want: true },
    { name: 'nothing is not exempt', permissions: 0n, want: false },
    { name: 'a bot is exempt whatever its permissions', permissions: 0n, isBot: true, want: true },
    { name: 'a bot with a plain member role is exempt', permissions: DEFAULT_EVERYONE_PERMISSIONS, isBot: true, want: true },
  ];

  it.each(cases)('$name', ({ permissions, isBot, want }) => {
    expect(exemptFromSlowmode(permissions, isBot)).toBe(want);
  });
});

describe('voice moderation: table', () => {
  it.each([
    { action: { serverMute: true }, want: ['MUTE_MEMBERS'] },
    { action: { serverMute: false, serverDeaf: true }, want: ['MUTE_MEMBERS', 'DEAFEN_MEMBERS'] },
    { action: { disconnect: true }, want: ['MOVE_MEMBERS'] },
    { action: { moveToChannelId: '1', serverDeaf: false }, want: ['DEAFEN_MEMBERS', 'MOVE_MEMBERS'] },
    { action: { disconnect: false, serverMute: null }, want: [] },
  ])('$action needs $want', ({ action, want }) => {
    expect(voiceModerationPermissions(action)).toEqual(want);
  });

  const low = { position: 1 };
  const high = { position: 5 };
  it.each([
    { name: 'a moderator on a member ranked below', actor: 'mod', roles: [high], target: 'x', targetRoles: [low], want: true },
    { name: 'a moderator on an equal rank', actor: 'mod', roles: [high], target: 'x', targetRoles: [high], want: false },
    { name: 'a moderator on a higher rank', actor: 'mod', roles: [low], target: 'x', targetRoles: [high], want: false },
    { name: 'a moderator on the owner', actor: 'mod', roles: [high], target: 'owner', targetRoles: [], want: false },
    { name: 'the owner on anyone', actor: 'owner', roles: [], target: 'x', targetRoles: [high], want: true },
    { name: 'anyone on themself', actor: 'x', roles: [], target: 'x', targetRoles: [], want: true },
  ])('canModerateVoice: $name -> $want', ({ actor, roles, target, targetRoles, want }) => {
    expect(canModerateVoice({ userId: actor, ownerId: 'owner', roles }, { userId: target, roles: targetRoles })).toBe(want);
  });
});
