import { describe, expect, it } from 'vitest';
import { ALL_PERMISSIONS, DEFAULT_EVERYONE_PERMISSIONS, permissionsToBits, type PermissionName } from './bits.js';
import { exemptFromSlowmode, timeoutInForce } from './policy.js';

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
