import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  ALL_PERMISSIONS,
  DEFAULT_EVERYONE_PERMISSIONS,
  NO_PERMISSIONS,
  PERMISSION_NAMES,
  PermissionBit,
  TIMED_OUT_PERMISSIONS,
  bitsToPermissions,
  hasPermission,
  permissionsToBits,
  type PermissionName,
} from './bits.js';

describe('permission bits', () => {
  it('gives every permission one distinct single bit', () => {
    const bits = PERMISSION_NAMES.map((n) => PermissionBit[n]);
    expect(new Set(bits).size).toBe(PERMISSION_NAMES.length);
    for (const b of bits) expect(b & (b - 1n)).toBe(0n);
  });

  it('ALL_PERMISSIONS is the OR of every bit and NO_PERMISSIONS is empty', () => {
    expect(ALL_PERMISSIONS).toBe((1n << BigInt(PERMISSION_NAMES.length)) - 1n);
    expect(NO_PERMISSIONS).toBe(0n);
    expect(bitsToPermissions(ALL_PERMISSIONS)).toEqual([...PERMISSION_NAMES]);
    expect(bitsToPermissions(NO_PERMISSIONS)).toEqual([]);
  });

  it('keeps the bits stored rows and migrations rely on', () => {
    // 0011_message_reactions.sql grants bit 17 to every @everyone role.
    expect(PermissionBit.ADD_REACTIONS).toBe(1n << 17n);
    expect(PermissionBit.MOVE_MEMBERS).toBe(1n << 16n);
    // 0014_mentions_everyone.sql grants it to nobody: a new bit is held by owners and administrators only.
    expect(PermissionBit.MENTION_EVERYONE).toBe(1n << 18n);
  });

  it('defaults for @everyone and timeouts', () => {
    expect(bitsToPermissions(DEFAULT_EVERYONE_PERMISSIONS)).toEqual([
      'VIEW_CHANNEL',
      'SEND_MESSAGES',
      'READ_MESSAGE_HISTORY',
      'CREATE_INVITE',
      'JOIN_VOICE',
      'SPEAK',
      'ADD_REACTIONS',
    ]);
    expect(bitsToPermissions(TIMED_OUT_PERMISSIONS)).toEqual(['VIEW_CHANNEL', 'READ_MESSAGE_HISTORY']);
  });

  it('bitsToPermissions lists names in canonical order and ignores unknown bits', () => {
    const bits = PermissionBit.SPEAK | PermissionBit.ADMINISTRATOR | (1n << 60n);
    expect(bitsToPermissions(bits)).toEqual(['ADMINISTRATOR', 'SPEAK']);
  });

  it('hasPermission tests a single bit', () => {
    const bits = permissionsToBits(['KICK_MEMBERS', 'BAN_MEMBERS']);
    expect(hasPermission(bits, 'KICK_MEMBERS')).toBe(true);
    expect(hasPermission(bits, 'BAN_MEMBERS')).toBe(true);
    expect(hasPermission(bits, 'MANAGE_ROLES')).toBe(false);
    expect(hasPermission(0n, 'VIEW_CHANNEL')).toBe(false);
  });

  it('permissionsToBits tolerates duplicates and the empty list', () => {
    expect(permissionsToBits([])).toBe(0n);
    expect(permissionsToBits(['SPEAK', 'SPEAK'])).toBe(PermissionBit.SPEAK);
  });

  const nameArb = fc.constantFrom<PermissionName>(...PERMISSION_NAMES);

  it('property: names -> bits -> names round-trips (as a set, in canonical order)', () => {
    fc.assert(
      fc.property(fc.array(nameArb), (names) => {
        const expected = PERMISSION_NAMES.filter((n) => names.includes(n));
        expect(bitsToPermissions(permissionsToBits(names))).toEqual(expected);
      }),
    );
  });

  it('property: bits -> names -> bits keeps exactly the known bits', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), (bits) => {
        expect(permissionsToBits(bitsToPermissions(bits))).toBe(bits & ALL_PERMISSIONS);
      }),
    );
  });

  it('property: hasPermission agrees with bitsToPermissions', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: ALL_PERMISSIONS }), nameArb, (bits, name) => {
        expect(hasPermission(bits, name)).toBe(bitsToPermissions(bits).includes(name));
      }),
    );
  });
});
