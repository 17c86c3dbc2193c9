import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  ALL_PERMISSIONS,
  DEFAULT_EVERYONE_PERMISSIONS,
  PERMISSION_NAMES,
  PermissionBit,
  TIMED_OUT_PERMISSIONS,
  permissionsToBits,
  type PermissionName,
} from './bits.js';
import { computePermissions, type Overwrite, type PermissionInputs, type RoleGrant } from './compute.js';

const OWNER = 'u-owner';
const ME = 'u-me';
const OTHER = 'u-other';
const EVERYONE_ID = 'srv-1'; // @everyone shares the server's id, as in Discord
const NOW = new Date('2026-01-01T12:00:00Z');
const LATER = new Date('2026-01-01T13:00:00Z');
const EARLIER = new Date('2026-01-01T11:00:00Z');

const bits = (...names: PermissionName[]): bigint => permissionsToBits(names);
const B = PermissionBit;

const everyone: RoleGrant = { id: EVERYONE_ID, permissions: DEFAULT_EVERYONE_PERMISSIONS, position: 0 };
const helper: RoleGrant = { id: 'r-helper', permissions: bits('MANAGE_MESSAGES'), position: 1 };
const mod: RoleGrant = { id: 'r-mod', permissions: bits('KICK_MEMBERS', 'MODERATE_MEMBERS'), position: 2 };
const admin: RoleGrant = { id: 'r-admin', permissions: bits('ADMINISTRATOR'), position: 3 };
const notHeld: RoleGrant = { id: 'r-not-held', permissions: 0n, position: 4 };

function inputs(over: Partial<PermissionInputs> = {}): PermissionInputs {
  return { ownerId: OWNER, memberId: ME, everyone, roles: [helper, mod], now: NOW, ...over };
}

function ow(targetType: Overwrite['targetType'], targetId: string, allow: bigint, deny: bigint): Overwrite {
  return { targetType, targetId, allow, deny };
}

const BASE = DEFAULT_EVERYONE_PERMISSIONS | helper.permissions | mod.permissions;

describe('computePermissions: table', () => {
  const cases: { name: string; in: PermissionInputs; want: bigint }[] = [
    { name: 'server level: @everyone OR member roles', in: inputs(), want: BASE },
    { name: 'server level: @everyone only', in: inputs({ roles: [] }), want: DEFAULT_EVERYONE_PERMISSIONS },
    {
      name: 'server level: lacking VIEW_CHANNEL is not zeroed outside a channel',
      in: inputs({ everyone: { ...everyone, permissions: bits('SEND_MESSAGES') }, roles: [] }),
      want: bits('SEND_MESSAGES'),
    },
    {
      name: 'owner gets everything even with no permissions at all',
      in: inputs({ memberId: OWNER, everyone: { ...everyone, permissions: 0n }, roles: [] }),
      want: ALL_PERMISSIONS,
    },
    {
      name: 'owner ignores channel overwrites that deny everything',
      in: inputs({
        memberId: OWNER,
        overwrites: [ow('ROLE', EVERYONE_ID, 0n, ALL_PERMISSIONS), ow('MEMBER', OWNER, 0n, ALL_PERMISSIONS)],
      }),
      want: ALL_PERMISSIONS,
    },
    { name: 'ADMINISTRATOR via a role gets everything', in: inputs({ roles: [admin] }), want: ALL_PERMISSIONS },
    {
      name: 'ADMINISTRATOR via @everyone gets everything',
      in: inputs({ everyone: { ...everyone, permissions: bits('ADMINISTRATOR') }, roles: [] }),
      want: ALL_PERMISSIONS,
    },
    {
      name: 'ADMINISTRATOR ignores overwrites that deny everything',
      in: inputs({
        roles: [admin],
        overwrites: [
          ow('ROLE', EVERYONE_ID, 0n, ALL_PERMISSIONS),
          ow('ROLE', admin.id, 0n, ALL_PERMISSIONS),
          ow('MEMBER', ME, 0n, ALL_PERMISSIONS),
        ],
      }),
      want: ALL_PERMISSIONS,
    },
    { name: 'channel with no overwrites keeps the base', in: inputs({ overwrites: [] }), want: BASE },
    {
      name: '@everyone overwrite denies',
      in: inputs({ overwrites: [ow('ROLE', EVERYONE_ID, 0n, B.SEND_MESSAGES)] }),
      want: BASE & ~B.SEND_MESSAGES,
    },
    {
      name: '@everyone overwrite allows',
      in: inputs({ roles: [], overwrites: [ow('ROLE', EVERYONE_ID, B.MANAGE_CHANNELS, 0n)] }),
      want: DEFAULT_EVERYONE_PERMISSIONS | B.MANAGE_CHANNELS,
    },
    {
      name: '@everyone overwrite: a bit both denied and allowed ends allowed',
      in: inputs({ roles: [], overwrites: [ow('ROLE', EVERYONE_ID, B.SEND_MESSAGES, B.SEND_MESSAGES)] }),
      want: DEFAULT_EVERYONE_PERMISSIONS,
    },
    {
      name: 'role overwrite allow beats @everyone overwrite deny',
      in: inputs({
        overwrites: [ow('ROLE', EVERYONE_ID, 0n, B.SEND_MESSAGES), ow('ROLE', mod.id, B.SEND_MESSAGES, 0n)],
      }),
      want: BASE,
    },
    {
      name: 'role overwrite deny beats @everyone overwrite allow',
      in: inputs({
        overwrites: [ow('ROLE', EVERYONE_ID, B.MANAGE_CHANNELS, 0n), ow('ROLE', mod.id, 0n, B.MANAGE_CHANNELS)],
      }),
      want: BASE,
    },
    {
      name: 'role overwrites combine: one role denies, another allows => allowed',
      in: inputs({
        overwrites: [ow('ROLE', helper.id, B.SPEAK, 0n), ow('ROLE', mod.id, 0n, B.SPEAK)],
      }),
      want: BASE,
    },
    {
      name: 'role overwrites combine regardless of list order',
      in: inputs({
        overwrites: [ow('ROLE', mod.id, 0n, B.SPEAK), ow('ROLE', helper.id, B.SPEAK, 0n)],
      }),
      want: BASE,
    },
    {
      name: 'role overwrites combine their denies',
      in: inputs({
        overwrites: [ow('ROLE', mod.id, 0n, B.SPEAK), ow('ROLE', helper.id, 0n, B.JOIN_VOICE)],
      }),
      want: BASE & ~B.SPEAK & ~B.JOIN_VOICE,
    },
    {
      name: 'overwrite of a role the member lacks is ignored',
      in: inputs({
        overwrites: [ow('ROLE', notHeld.id, B.MANAGE_ROLES, B.SEND_MESSAGES)],
      }),
      want: BASE,
    },
    {
      name: 'member overwrite deny beats role overwrite allow',
      in: inputs({
        overwrites: [ow('ROLE', mod.id, B.MANAGE_CHANNELS, 0n), ow('MEMBER', ME, 0n, B.MANAGE_CHANNELS)],
      }),
      want: BASE,
    },
    {
      name: 'member overwrite allow beats role overwrite deny',
      in: inputs({
        overwrites: [ow('ROLE', mod.id, 0n, B.SEND_MESSAGES), ow('MEMBER', ME, B.SEND_MESSAGES, 0n)],
      }),
      want: BASE,
    },
    {
      name: 'member overwrite applies last even when listed first',
      in: inputs({
        overwrites: [
          ow('MEMBER', ME, B.BAN_MEMBERS, B.SPEAK),
          ow('ROLE', EVERYONE_ID, B.SPEAK, B.BAN_MEMBERS),
          ow('ROLE', helper.id, B.SPEAK, B.BAN_MEMBERS),
        ],
      }),
      want: (BASE | B.BAN_MEMBERS) & ~B.SPEAK,
    },
    {
      name: 'member overwrite: a bit both denied and allowed ends allowed',
      in: inputs({ overwrites: [ow('MEMBER', ME, B.MANAGE_ROLES, B.MANAGE_ROLES)] }),
      want: BASE | B.MANAGE_ROLES,
    },
    {
      name: "another member's overwrite is ignored",
      in: inputs({ overwrites: [ow('MEMBER', OTHER, 0n, B.SEND_MESSAGES)] }),
      want: BASE,
    },
    {
      name: 'a MEMBER overwrite whose id matches a held role is not a role overwrite',
      in: inputs({ overwrites: [ow('MEMBER', mod.id, 0n, B.SEND_MESSAGES)] }),
      want: BASE,
    },
    {
      name: "a ROLE overwrite whose id matches the member's id is not a member overwrite",
      in: inputs({ overwrites: [ow('ROLE', ME, 0n, B.SEND_MESSAGES)] }),
      want: BASE,
    },
    {
      name: 'channel without VIEW_CHANNEL (denied to @everyone) => nothing',
      in: inputs({ overwrites: [ow('ROLE', EVERYONE_ID, 0n, B.VIEW_CHANNEL)] }),
      want: 0n,
    },
    {
      name: 'channel without VIEW_CHANNEL in the base => nothing, even with other allows',
      in: inputs({
        everyone: { ...everyone, permissions: bits('SEND_MESSAGES') },
        roles: [],
        overwrites: [ow('ROLE', EVERYONE_ID, B.MANAGE_MESSAGES, 0n)],
      }),
      want: 0n,
    },
    {
      name: 'private channel: role overwrite restores VIEW_CHANNEL',
      in: inputs({
        overwrites: [ow('ROLE', EVERYONE_ID, 0n, B.VIEW_CHANNEL), ow('ROLE', mod.id, B.VIEW_CHANNEL, 0n)],
      }),
      want: BASE,
    },
    {
      name: 'private channel: member overwrite removes VIEW_CHANNEL => nothing',
      in: inputs({
        overwrites: [ow('ROLE', mod.id, B.VIEW_CHANNEL, 0n), ow('MEMBER', ME, B.SEND_MESSAGES, B.VIEW_CHANNEL)],
      }),
      want: 0n,
    },
    {
      name: 'private flag: @everyone loses VIEW_CHANNEL => nothing',
      in: inputs({ overwrites: [], privateChannel: true }),
      want: 0n,
    },
    {
      name: 'private flag overrides an @everyone overwrite allowing VIEW_CHANNEL, keeping its other bits',
      in: inputs({
        roles: [],
        overwrites: [ow('ROLE', EVERYONE_ID, B.VIEW_CHANNEL | B.MANAGE_MESSAGES, 0n), ow('MEMBER', ME, B.VIEW_CHANNEL, 0n)],
        privateChannel: true,
      }),
      want: DEFAULT_EVERYONE_PERMISSIONS | B.MANAGE_MESSAGES,
    },
    {
      name: 'private flag: a role overwrite restores VIEW_CHANNEL',
      in: inputs({ overwrites: [ow('ROLE', mod.id, B.VIEW_CHANNEL, 0n)], privateChannel: true }),
      want: BASE,
    },
    {
      name: 'private flag: a member overwrite restores VIEW_CHANNEL',
      in: inputs({ overwrites: [ow('MEMBER', ME, B.VIEW_CHANNEL, 0n)], privateChannel: true }),
      want: BASE,
    },
    {
      name: 'private flag: ADMINISTRATOR sees it anyway',
      in: inputs({ roles: [admin], overwrites: [], privateChannel: true }),
      want: ALL_PERMISSIONS,
    },
    {
      name: 'private flag at server level (no overwrites) changes nothing',
      in: inputs({ privateChannel: true }),
      want: BASE,
    },
    {
      name: 'active timeout keeps only VIEW_CHANNEL and READ_MESSAGE_HISTORY',
      in: inputs({ timedOutUntil: LATER }),
      want: TIMED_OUT_PERMISSIONS,
    },
    {
      name: 'active timeout in a channel where the member is allowed more',
      in: inputs({ timedOutUntil: LATER, overwrites: [ow('MEMBER', ME, B.MANAGE_CHANNELS, 0n)] }),
      want: TIMED_OUT_PERMISSIONS,
    },
    {
      name: 'active timeout cannot add what the member lacked',
      in: inputs({ roles: [], everyone: { ...everyone, permissions: bits('VIEW_CHANNEL') }, timedOutUntil: LATER }),
      want: bits('VIEW_CHANNEL'),
    },
    {
      name: 'active timeout in a hidden channel => nothing',
      in: inputs({ timedOutUntil: LATER, overwrites: [ow('ROLE', EVERYONE_ID, 0n, B.VIEW_CHANNEL)] }),
      want: 0n,
    },
    { name: 'expired timeout changes nothing', in: inputs({ timedOutUntil: EARLIER }), want: BASE },
    { name: 'timeout ending exactly now has expired', in: inputs({ timedOutUntil: NOW }), want: BASE },
    { name: 'null timeout changes nothing', in: inputs({ timedOutUntil: null }), want: BASE },
    {
      name: 'owner is exempt from timeouts',
      in: inputs({ memberId: OWNER, timedOutUntil: LATER }),
      want: ALL_PERMISSIONS,
    },
    {
      name: 'ADMINISTRATOR is exempt from timeouts',
      in: inputs({ roles: [admin], timedOutUntil: LATER }),
      want: ALL_PERMISSIONS,
    },
    {
      name: 'unknown stored bits never leak out',
      in: inputs({ roles: [], everyone: { ...everyone, permissions: DEFAULT_EVERYONE_PERMISSIONS | (1n << 62n) } }),
      want: DEFAULT_EVERYONE_PERMISSIONS,
    },
  ];

  it.each(cases)('$name', ({ in: i, want }) => {
    expect(computePermissions(i)).toBe(want);
  });
});

// ---- properties ----

const ROLE_POOL = ['r1', 'r2', 'r3', 'r4'] as const;
const TARGET_POOL = [EVERYONE_ID, ...ROLE_POOL, 'r-unheld', ME, OTHER, OWNER];
const ADMIN = B.ADMINISTRATOR;

// Any bits, including stray ones past the known permissions.
const anyBits = fc.bigInt({ min: 0n, max: (1n << 64n) - 1n });
const nonAdminBits = anyBits.map((b) => b & ~ADMIN);

const rolesArb = (perms: fc.Arbitrary<bigint>) =>
  fc
    .subarray([...ROLE_POOL])
    .chain((ids) => fc.tuple(...ids.map((id, idx) => perms.map((p): RoleGrant => ({ id, permissions: p, position: idx + 1 })))));

const overwriteArb = (targetIds: readonly string[]) =>
  fc.record({
    targetType: fc.constantFrom<Overwrite['targetType']>('ROLE', 'MEMBER'),
    targetId: fc.constantFrom(...targetIds),
    allow: anyBits,
    deny: anyBits,
  });

const timeoutArb = fc.option(
  fc.date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2027-01-01T00:00:00Z'), noInvalidDate: true }),
  { nil: null },
);

const everyoneArb = (perms: fc.Arbitrary<bigint>) => perms.map((p): RoleGrant => ({ id: EVERYONE_ID, permissions: p, position: 0 }));

const anyInputs = fc.record({
  ownerId: fc.constantFrom(OWNER, ME),
  memberId: fc.constant(ME),
  everyone: everyoneArb(anyBits),
  roles: rolesArb(anyBits),
  overwrites: fc.option(fc.array(overwriteArb(TARGET_POOL), { maxLength: 8 }), { nil: undefined }),
  timedOutUntil: timeoutArb,
  now: fc.constant(NOW),
});

// A non-owner without ADMINISTRATOR anywhere in their base.
const plainMemberInputs = fc.record({
  ownerId: fc.constant(OWNER),
  memberId: fc.constant(ME),
  everyone: everyoneArb(nonAdminBits),
  roles: rolesArb(nonAdminBits),
  overwrites: fc.option(fc.array(overwriteArb(TARGET_POOL), { maxLength: 8 }), { nil: undefined }),
  timedOutUntil: timeoutArb,
  now: fc.constant(NOW),
});

const permName = fc.constantFrom<PermissionName>(...PERMISSION_NAMES);
const isSubset = (a: bigint, b: bigint): boolean => (a & ~b) === 0n;

describe('computePermissions: properties', () => {
  it('the owner gets ALL_PERMISSIONS whatever the roles, overwrites and timeout', () => {
    fc.assert(
      fc.property(anyInputs, (i) => {
        expect(computePermissions({ ...i, ownerId: ME })).toBe(ALL_PERMISSIONS);
      }),
    );
  });

  it('anyone with ADMINISTRATOR (via @everyone or a role) gets ALL_PERMISSIONS whatever else', () => {
    fc.assert(
      fc.property(anyInputs, fc.boolean(), (i, viaEveryone) => {
        const withAdmin: PermissionInputs = viaEveryone
          ? { ...i, everyone: { ...i.everyone, permissions: i.everyone.permissions | ADMIN } }
          : { ...i, roles: [...i.roles, { id: 'r-admin', permissions: ADMIN, position: 9 }] };
        expect(computePermissions(withAdmin)).toBe(ALL_PERMISSIONS);
      }),
    );
  });

  it('the result is always a subset of ALL_PERMISSIONS', () => {
    fc.assert(
      fc.property(anyInputs, (i) => {
        expect(isSubset(computePermissions(i), ALL_PERMISSIONS)).toBe(true);
      }),
    );
  });

  it('a timed-out plain member keeps at most TIMED_OUT_PERMISSIONS', () => {
    fc.assert(
      fc.property(plainMemberInputs, fc.integer({ min: 1, max: 10 ** 9 }), (i, ms) => {
        const result = computePermissions({ ...i, timedOutUntil: new Date(NOW.getTime() + ms) });
        expect(isSubset(result, TIMED_OUT_PERMISSIONS)).toBe(true);
      }),
    );
  });

  it('an expired timeout changes nothing', () => {
    fc.assert(
      fc.property(plainMemberInputs, fc.integer({ min: 0, max: 10 ** 9 }), (i, ms) => {
        const expired = computePermissions({ ...i, timedOutUntil: new Date(NOW.getTime() - ms) });
        expect(expired).toBe(computePermissions({ ...i, timedOutUntil: null }));
      }),
    );
  });

  it('the member overwrite beats role overwrites: its allows are set (unless the channel is hidden), its denies cleared', () => {
    const withMemberOverwrite = fc.record({
      base: plainMemberInputs,
      others: fc.array(overwriteArb([EVERYONE_ID, ...ROLE_POOL, 'r-unheld', OTHER]), { maxLength: 8 }),
      mine: fc.record({ allow: anyBits, deny: anyBits }),
      at: fc.nat(),
    });
    fc.assert(
      fc.property(withMemberOverwrite, ({ base, others, mine, at }) => {
        const overwrites = [...others];
        overwrites.splice(at % (others.length + 1), 0, ow('MEMBER', ME, mine.allow, mine.deny));
        const result = computePermissions({ ...base, overwrites, timedOutUntil: null });
        const allowed = mine.allow & ALL_PERMISSIONS;
        const denied = mine.deny & ~mine.allow & ALL_PERMISSIONS;
        if (result !== 0n) expect(result & allowed).toBe(allowed);
        expect(result & denied).toBe(0n);
        // A hidden channel is the only way an allow can go missing.
        if ((result & allowed) !== allowed) expect(result).toBe(0n);
      }),
    );
  });

  it('within one level a bit both denied and allowed ends allowed (unless the channel is hidden)', () => {
    const level = fc.constantFrom('everyone', 'sameRole', 'twoRoles', 'member');
    fc.assert(
      fc.property(plainMemberInputs, level, permName, fc.array(overwriteArb(TARGET_POOL), { maxLength: 6 }), (base, lvl, name, noise) => {
        const bit = B[name];
        const roles: RoleGrant[] = [
          { id: 'r1', permissions: base.roles[0]?.permissions ?? 0n, position: 1 },
          { id: 'r2', permissions: base.roles[1]?.permissions ?? 0n, position: 2 },
        ];
        // Later levels must leave the bit alone; noise at this level or earlier may do anything else.
        const laterLevels = lvl === 'everyone' ? ['r1', 'r2', 'r3', 'r4', ME] : lvl === 'member' ? [] : [ME];
        const cleanNoise = noise.map((o) =>
          laterLevels.includes(o.targetId) && (o.targetType === 'MEMBER') === (o.targetId === ME)
            ? { ...o, allow: o.allow & ~bit, deny: o.deny & ~bit }
            : o,
        );
        const conflict: Overwrite[] =
          lvl === 'everyone'
            ? [ow('ROLE', EVERYONE_ID, bit, bit)]
            : lvl === 'sameRole'
              ? [ow('ROLE', 'r1', bit, bit)]
              : lvl === 'twoRoles'
                ? [ow('ROLE', 'r1', bit, 0n), ow('ROLE', 'r2', 0n, bit)]
                : [ow('MEMBER', ME, bit, bit)];
        const result = computePermissions({
          ...base,
          roles,
          overwrites: [...cleanNoise, ...conflict],
          timedOutUntil: null,
        });
        if (result !== 0n) expect(result & bit).toBe(bit);
      }),
    );
  });

  it('overwrites of roles the member lacks and of other members change nothing', () => {
    fc.assert(
      fc.property(plainMemberInputs, fc.array(overwriteArb(['r-unheld', OTHER, OWNER]), { maxLength: 6 }), (i, irrelevant) => {
        const overwrites = i.overwrites ?? [];
        expect(computePermissions({ ...i, overwrites: [...overwrites, ...irrelevant] })).toBe(computePermissions({ ...i, overwrites }));
      }),
    );
  });

  it('the order of overwrites in the list does not matter', () => {
    fc.assert(
      fc.property(
        plainMemberInputs,
        fc
          .array(overwriteArb(TARGET_POOL), { maxLength: 8 })
          .chain((list) => fc.tuple(fc.constant(list), fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length }))),
        (i, [list, shuffled]) => {
          expect(computePermissions({ ...i, overwrites: shuffled })).toBe(computePermissions({ ...i, overwrites: list }));
        },
      ),
    );
  });

  it('in a channel the result is either nothing or includes VIEW_CHANNEL', () => {
    fc.assert(
      fc.property(plainMemberInputs, fc.array(overwriteArb(TARGET_POOL), { maxLength: 8 }), (i, overwrites) => {
        const result = computePermissions({ ...i, overwrites });
        expect(result === 0n || (result & B.VIEW_CHANNEL) !== 0n).toBe(true);
      }),
    );
  });
});
