import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_EVERYONE_PERMISSIONS, PERMISSION_NAMES, PermissionBit, permissionsToBits } from './bits.js';
import { computePermissions, type Overwrite, type PermissionInputs, type RoleGrant } from './compute.js';
import { explainPermissions, type PermissionDecision } from './explain.js';

const NOW = new Date('2026-01-01T12:00:00Z');
const everyone: RoleGrant = { id: 'srv', permissions: DEFAULT_EVERYONE_PERMISSIONS, position: 0 };
const mods: RoleGrant = { id: 'r-mods', permissions: permissionsToBits(['MANAGE_MESSAGES', 'KICK_MEMBERS']), position: 1 };
const admins: RoleGrant = { id: 'r-admins', permissions: PermissionBit.ADMINISTRATOR, position: 2 };

const base: PermissionInputs = { ownerId: 'owner', memberId: 'me', everyone, roles: [mods], now: NOW };
const decision = (i: PermissionInputs, name: PermissionDecision['permission']) => explainPermissions(i).find((d) => d.permission === name)!;

describe('explainPermissions', () => {
  it('names the owner and ADMINISTRATOR (with the granting role) before anything else', () => {
    expect(decision({ ...base, memberId: 'owner' }, 'BAN_MEMBERS')).toMatchObject({ allowed: true, reason: 'OWNER' });
    expect(decision({ ...base, roles: [mods, admins] }, 'BAN_MEMBERS')).toEqual({
      permission: 'BAN_MEMBERS',
      allowed: true,
      reason: 'ADMINISTRATOR',
      roleIds: ['r-admins'],
    });
  });

  it('names @everyone, the granting roles, or nothing at server level', () => {
    expect(decision(base, 'SEND_MESSAGES')).toMatchObject({ allowed: true, reason: 'EVERYONE_ROLE', roleIds: ['srv'] });
    expect(decision(base, 'KICK_MEMBERS')).toMatchObject({ allowed: true, reason: 'ROLE', roleIds: ['r-mods'] });
    expect(decision(base, 'BAN_MEMBERS')).toMatchObject({ allowed: false, reason: 'NOT_GRANTED', roleIds: [] });
  });

  it('names the overwrite that decided, the member overwrite last', () => {
    const overwrites: Overwrite[] = [
      { targetType: 'ROLE', targetId: 'srv', allow: 0n, deny: PermissionBit.SEND_MESSAGES },
      { targetType: 'ROLE', targetId: 'r-mods', allow: PermissionBit.SEND_MESSAGES, deny: 0n },
      { targetType: 'MEMBER', targetId: 'me', allow: 0n, deny: PermissionBit.CREATE_INVITE },
    ];
    const i = { ...base, overwrites };
    expect(decision(i, 'SEND_MESSAGES')).toMatchObject({ allowed: true, reason: 'ROLE_OVERWRITE', roleIds: ['r-mods'] });
    expect(decision(i, 'CREATE_INVITE')).toMatchObject({ allowed: false, reason: 'MEMBER_OVERWRITE' });
    expect(decision({ ...i, roles: [] }, 'SEND_MESSAGES')).toMatchObject({
      allowed: false,
      reason: 'EVERYONE_OVERWRITE',
      roleIds: ['srv'],
    });
  });

  it('explains a private channel and what hiding it does to everything else', () => {
    const i: PermissionInputs = { ...base, overwrites: [], privateChannel: true };
    expect(decision(i, 'VIEW_CHANNEL')).toMatchObject({ allowed: false, reason: 'PRIVATE_CHANNEL' });
    expect(decision(i, 'SEND_MESSAGES')).toMatchObject({ allowed: false, reason: 'NO_VIEW_CHANNEL' });
    const opened = { ...i, overwrites: [{ targetType: 'ROLE' as const, targetId: 'r-mods', allow: PermissionBit.VIEW_CHANNEL, deny: 0n }] };
    expect(decision(opened, 'VIEW_CHANNEL')).toMatchObject({ allowed: true, reason: 'ROLE_OVERWRITE', roleIds: ['r-mods'] });
  });

  it('names a timeout for what it takes away, and only that', () => {
    const i = { ...base, timedOutUntil: new Date(NOW.getTime() + 60_000) };
    expect(decision(i, 'SEND_MESSAGES')).toMatchObject({ allowed: false, reason: 'TIMEOUT' });
    expect(decision(i, 'READ_MESSAGE_HISTORY')).toMatchObject({ allowed: true, reason: 'EVERYONE_ROLE' });
  });

  // The explainer cannot drift from the engine: for any inputs, its outcome is computePermissions'.
  it('always agrees with computePermissions', () => {
    const ids = ['srv', 'r1', 'r2', 'r3', 'me', 'other'];
    const bits = fc.bigInt({ min: 0n, max: (1n << 20n) - 1n });
    const overwrite = fc.record({
      targetType: fc.constantFrom<Overwrite['targetType']>('ROLE', 'MEMBER'),
      targetId: fc.constantFrom(...ids),
      allow: bits,
      deny: bits,
    });
    const inputs = fc.record({
      ownerId: fc.constantFrom('owner', 'me'),
      memberId: fc.constant('me'),
      everyone: bits.map((permissions): RoleGrant => ({ id: 'srv', permissions, position: 0 })),
      roles: fc
        .subarray(['r1', 'r2', 'r3'])
        .chain((roleIds) =>
          fc.tuple(...roleIds.map((id, index) => bits.map((permissions): RoleGrant => ({ id, permissions, position: index + 1 })))),
        ),
      overwrites: fc.option(fc.array(overwrite, { maxLength: 6 }), { nil: undefined }),
      privateChannel: fc.boolean(),
      timedOutUntil: fc.option(fc.constantFrom(new Date(NOW.getTime() - 1000), new Date(NOW.getTime() + 1000)), { nil: null }),
      now: fc.constant(NOW),
    });
    fc.assert(
      fc.property(inputs, (i) => {
        const computed = computePermissions(i);
        for (const d of explainPermissions(i)) expect(d.allowed).toBe((computed & PermissionBit[d.permission]) !== 0n);
      }),
      { numRuns: 500 },
    );
    expect(explainPermissions(base)).toHaveLength(PERMISSION_NAMES.length);
  });
});
