import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { canChangeMemberPermissions, canManageMember, canManageRole, highestRolePosition, type Actor } from './hierarchy.js';

const OWNER = 'u-owner';
const at = (...positions: number[]) => positions.map((position) => ({ position }));
const actor = (userId: string, ...positions: number[]): Actor => ({ userId, ownerId: OWNER, roles: at(...positions) });

describe('highestRolePosition', () => {
  it.each([
    { roles: at(), want: 0 },
    { roles: at(3), want: 3 },
    { roles: at(2, 7, 5), want: 7 },
    { roles: at(0), want: 0 },
  ])('$roles -> $want', ({ roles, want }) => {
    expect(highestRolePosition(roles)).toBe(want);
  });
});

describe('canManageRole', () => {
  it.each([
    { name: 'below own highest', a: actor('u-a', 2, 5), pos: 4, want: true },
    { name: 'equal to own highest', a: actor('u-a', 2, 5), pos: 5, want: false },
    { name: 'above own highest', a: actor('u-a', 2, 5), pos: 6, want: false },
    { name: '@everyone with a role above it', a: actor('u-a', 1), pos: 0, want: true },
    { name: 'no roles: not even @everyone', a: actor('u-a'), pos: 0, want: false },
    { name: 'owner, any role', a: actor(OWNER), pos: 100, want: true },
    { name: 'owner, @everyone', a: actor(OWNER), pos: 0, want: true },
  ])('$name -> $want', ({ a, pos, want }) => {
    expect(canManageRole(a, pos)).toBe(want);
  });
});

describe('canManageMember', () => {
  it.each([
    { name: 'target below actor', a: actor('u-a', 5), t: { userId: 'u-b', roles: at(3) }, want: true },
    { name: 'target with no roles', a: actor('u-a', 1), t: { userId: 'u-b', roles: at() }, want: true },
    { name: 'target at same highest', a: actor('u-a', 5, 1), t: { userId: 'u-b', roles: at(5) }, want: false },
    { name: 'target above actor', a: actor('u-a', 5), t: { userId: 'u-b', roles: at(2, 6) }, want: false },
    { name: 'neither has roles', a: actor('u-a'), t: { userId: 'u-b', roles: at() }, want: false },
    { name: 'acting on oneself', a: actor('u-a', 9), t: { userId: 'u-a', roles: at(9) }, want: false },
    { name: 'target is the owner', a: actor('u-a', 9), t: { userId: OWNER, roles: at() }, want: false },
    { name: 'owner on anyone', a: actor(OWNER), t: { userId: 'u-b', roles: at(99) }, want: true },
    { name: 'owner on themselves', a: actor(OWNER), t: { userId: OWNER, roles: at() }, want: false },
  ])('$name -> $want', ({ a, t, want }) => {
    expect(canManageMember(a, t)).toBe(want);
  });
});

describe('canChangeMemberPermissions', () => {
  it.each([
    { name: 'target below actor', a: actor('u-a', 5), t: { userId: 'u-b', roles: at(3) }, want: true },
    { name: 'target at same highest', a: actor('u-a', 5), t: { userId: 'u-b', roles: at(5) }, want: false },
    { name: 'target above actor', a: actor('u-a', 5), t: { userId: 'u-b', roles: at(3, 10) }, want: false },
    { name: 'target is the owner', a: actor('u-a', 9), t: { userId: OWNER, roles: at() }, want: false },
    { name: 'oneself', a: actor('u-a', 5), t: { userId: 'u-a', roles: at(5) }, want: true },
    { name: 'the owner on themselves', a: actor(OWNER), t: { userId: OWNER, roles: at() }, want: true },
    { name: 'the owner on anyone', a: actor(OWNER), t: { userId: 'u-b', roles: at(99) }, want: true },
  ])('$name -> $want', ({ a, t, want }) => {
    expect(canChangeMemberPermissions(a, t)).toBe(want);
  });
});

const positions = fc.array(
  fc.integer({ min: 0, max: 50 }).map((position) => ({ position })),
  { maxLength: 6 },
);
const userId = fc.constantFrom(OWNER, 'u-a', 'u-b', 'u-c');
const actorArb = fc.record({ userId, ownerId: fc.constant(OWNER), roles: positions });
const targetArb = fc.record({ userId, roles: positions });

describe('hierarchy: properties', () => {
  it('nobody but the owner manages a role at or above their own highest', () => {
    fc.assert(
      fc.property(actorArb, fc.integer({ min: 0, max: 60 }), (a, pos) => {
        if (a.userId === a.ownerId) expect(canManageRole(a, pos)).toBe(true);
        else if (pos >= highestRolePosition(a.roles)) expect(canManageRole(a, pos)).toBe(false);
        else expect(canManageRole(a, pos)).toBe(true);
      }),
    );
  });

  it('nobody manages the owner, and nobody manages themselves', () => {
    fc.assert(
      fc.property(actorArb, targetArb, (a, t) => {
        if (t.userId === a.ownerId || t.userId === a.userId) expect(canManageMember(a, t)).toBe(false);
      }),
    );
  });

  it('a non-owner never manages a member whose highest role is at or above their own', () => {
    fc.assert(
      fc.property(actorArb, targetArb, (a, t) => {
        if (a.userId !== a.ownerId && highestRolePosition(t.roles) >= highestRolePosition(a.roles)) {
          expect(canManageMember(a, t)).toBe(false);
        }
      }),
    );
  });

  it('highestRolePosition is the maximum position, 0 when none', () => {
    fc.assert(
      fc.property(positions, (roles) => {
        expect(highestRolePosition(roles)).toBe(Math.max(0, ...roles.map((r) => r.position)));
      }),
    );
  });
});
