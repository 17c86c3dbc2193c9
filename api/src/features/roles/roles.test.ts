import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { RunningApi } from '../../app.js';
import { GqlClient, createServer, signUp, startTestApi, type TestUser } from '../../../test/harness.js';
import { settle, subscribe, wsClient } from '../../../test/ws-client.js';
import {
  ROLE_FIELDS,
  assignRole,
  auditLog,
  changesOf,
  channelPermissions,
  createRole,
  expectBadInput,
  expectForbidden,
  joinServer,
  rankedServer,
  serverPermissions,
  eventually,
  sql,
  waitForLockWait,
} from '../../../test/fixtures.js';

const CREATE = `mutation($s: ID!, $i: RoleInput!) { createRole(serverId: $s, input: $i) { ${ROLE_FIELDS} } }`;
const UPDATE = `mutation($r: ID!, $i: RoleInput!) { updateRole(roleId: $r, input: $i) { ${ROLE_FIELDS} } }`;
const DELETE = 'mutation($r: ID!) { deleteRole(roleId: $r) }';
const ASSIGN = 'mutation($s: ID!, $u: ID!, $r: ID!) { assignRole(serverId: $s, userId: $u, roleId: $r) { user { id } roles { id } } }';
const REMOVE = 'mutation($s: ID!, $u: ID!, $r: ID!) { removeRole(serverId: $s, userId: $u, roleId: $r) { user { id } roles { id } } }';
const ROLES = `query($id: ID!) { server(id: $id) { roles { ${ROLE_FIELDS} } } }`;
const REORDER = 'mutation($s: ID!, $ids: [ID!]!) { reorderRoles(serverId: $s, roleIds: $ids) { id name position } }';

const MOD_PERMISSIONS = ['MANAGE_ROLES', 'KICK_MEMBERS', 'MANAGE_MESSAGES'];

describe('roles', () => {
  let api: RunningApi;
  let owner: TestUser;
  beforeAll(async () => {
    api = await startTestApi();
    owner = await signUp(api, 'roleowner');
  });
  afterAll(async () => {
    await api?.close();
  });

  const rolesOf = async (serverId: string) =>
    (await owner.client.ok(ROLES, { id: serverId })).server.roles as {
      id: string;
      name: string;
      position: number;
      permissions: string[];
      color: string;
      isDefault: boolean;
    }[];
  const memberRoleIds = async (serverId: string, userId: string) =>
    (
      (await owner.client.ok('query($id: ID!) { server(id: $id) { members { user { id } roles { id } } } }', { id: serverId })).server
        .members as { user: { id: string }; roles: { id: string }[] }[]
    )
      .find((m) => m.user.id === userId)!
      .roles.map((r) => r.id);

  describe('createRole', () => {
    it('creates a role, upper-casing its colour, lists roles highest first, and audits it', async () => {
      const server = await createServer(owner);
      const { createRole: role } = await owner.client.ok(CREATE, {
        s: server.id,
        i: { name: 'Helpers', color: '#a1b2c3', permissions: ['MANAGE_MESSAGES', 'KICK_MEMBERS'], position: 3 },
      });
      expect(role).toEqual({
        id: expect.any(String),
        name: 'Helpers',
        color: '#A1B2C3',
        permissions: ['MANAGE_MESSAGES', 'KICK_MEMBERS'],
        position: 3,
        isDefault: false,
      });
      const low = await createRole(owner, server.id, {});
      expect(low).toMatchObject({ name: 'new role', color: '#99AAB5', permissions: [], position: 1 });
      expect((await rolesOf(server.id)).map((r) => r.name)).toEqual(['Helpers', 'new role', '@everyone']);

      const [, entry] = await auditLog(owner, server.id);
      expect(entry).toMatchObject({ action: 'ROLE_CREATE', actor: { id: owner.id }, targetId: role.id });
      expect(changesOf(entry!)).toEqual({
        name: [null, 'Helpers'],
        permissions: [null, ['MANAGE_MESSAGES', 'KICK_MEMBERS']],
        position: [null, 3],
      });
    });

    it.each([
      ['a colour name', { color: 'red' }, 'color'],
      ['a short hex colour', { color: '#abc' }, 'color'],
      ['a non-hex colour', { color: '#GGGGGG' }, 'color'],
      ['an empty name', { name: '  ' }, 'name'],
      ['a 101-character name', { name: 'r'.repeat(101) }, 'name'],
      ['position 0 (that of @everyone)', { position: 0 }, 'position'],
      ['position 1001', { position: 1001 }, 'position'],
    ])('refuses %s with BAD_USER_INPUT, creating no role and no audit entry', async (_label, input, field) => {
      const server = await createServer(owner);
      expectBadInput(await owner.client.errorOf(CREATE, { s: server.id, i: { name: 'ok', ...input } }), field);
      expect(await rolesOf(server.id)).toHaveLength(1);
      expect(await sql(api, 'select 1 from roles where server_id = ?', [server.id])).toHaveLength(1);
      expect(await auditLog(owner, server.id)).toEqual([]);
    });

    it('needs MANAGE_ROLES; private servers answer outsiders NOT_FOUND', async () => {
      const server = await createServer(owner);
      const member = await signUp(api, 'nomanage');
      await joinServer(member, server.id);
      expectForbidden(await member.client.errorOf(CREATE, { s: server.id, i: { name: 'mine' } }), 'MANAGE_ROLES');
      const hidden = await createServer(owner, { isPrivate: true });
      expect((await member.client.errorOf(CREATE, { s: hidden.id, i: { name: 'mine' } })).code).toBe('NOT_FOUND');
      expect(await rolesOf(server.id)).toHaveLength(1);
    });
  });

  describe('role hierarchy', () => {
    it('nobody creates, updates or deletes a role at or above their own highest', async () => {
      const { server, moderator, roles } = await rankedServer(api, owner, MOD_PERMISSIONS);
      expectForbidden(await moderator.client.errorOf(CREATE, { s: server.id, i: { name: 'Equal', position: 5 } }), 'MANAGE_ROLES');
      expectForbidden(await moderator.client.errorOf(CREATE, { s: server.id, i: { name: 'Above', position: 6 } }), 'MANAGE_ROLES');
      expect((await moderator.client.ok(CREATE, { s: server.id, i: { name: 'Below', position: 4 } })).createRole.position).toBe(4);

      expectForbidden(await moderator.client.errorOf(UPDATE, { r: roles.mod.id, i: { name: 'Renamed' } }), 'MANAGE_ROLES');
      expectForbidden(await moderator.client.errorOf(UPDATE, { r: roles.senior.id, i: { color: '#000000' } }), 'MANAGE_ROLES');
      expectForbidden(await moderator.client.errorOf(UPDATE, { r: roles.junior.id, i: { position: 5 } }), 'MANAGE_ROLES');
      expectForbidden(await moderator.client.errorOf(DELETE, { r: roles.mod.id }), 'MANAGE_ROLES');
      expectForbidden(await moderator.client.errorOf(DELETE, { r: roles.senior.id }), 'MANAGE_ROLES');

      expect((await moderator.client.ok(UPDATE, { r: roles.junior.id, i: { name: 'Juniors', position: 4 } })).updateRole).toMatchObject({
        name: 'Juniors',
        position: 4,
      });
      expect(await moderator.client.ok(DELETE, { r: roles.junior.id })).toEqual({ deleteRole: true });
      expect((await rolesOf(server.id)).map((r) => r.name)).toEqual(['Senior', 'Mod', 'Below', '@everyone']);
    });

    it('nobody assigns or removes a role at or above their own highest', async () => {
      const { server, moderator, plain, superior, roles } = await rankedServer(api, owner, MOD_PERMISSIONS);
      expectForbidden(await moderator.client.errorOf(ASSIGN, { s: server.id, u: plain.id, r: roles.mod.id }), 'MANAGE_ROLES');
      expectForbidden(await moderator.client.errorOf(ASSIGN, { s: server.id, u: plain.id, r: roles.senior.id }), 'MANAGE_ROLES');
      expectForbidden(await moderator.client.errorOf(ASSIGN, { s: server.id, u: moderator.id, r: roles.senior.id }), 'MANAGE_ROLES');
      expectForbidden(await moderator.client.errorOf(REMOVE, { s: server.id, u: superior.id, r: roles.senior.id }), 'MANAGE_ROLES');
      expect(await memberRoleIds(server.id, plain.id)).toEqual([]);
      expect(await memberRoleIds(server.id, superior.id)).toEqual([roles.senior.id]);

      expect((await moderator.client.ok(ASSIGN, { s: server.id, u: plain.id, r: roles.junior.id })).assignRole.roles).toEqual([
        { id: roles.junior.id },
      ]);
      expect((await moderator.client.ok(REMOVE, { s: server.id, u: plain.id, r: roles.junior.id })).removeRole.roles).toEqual([]);
    });

    it('nobody gives or takes a role of a member ranked at or above them, even a role below their own; their own roles they may', async () => {
      const { server, moderator, peer, superior, subordinate, roles } = await rankedServer(api, owner, MOD_PERMISSIONS);
      const badge = await createRole(owner, server.id, { name: 'Badge', position: 2 });
      await assignRole(owner, server.id, superior.id, badge.id);
      expectForbidden(await moderator.client.errorOf(ASSIGN, { s: server.id, u: peer.id, r: roles.junior.id }), 'MANAGE_ROLES');
      expectForbidden(await moderator.client.errorOf(REMOVE, { s: server.id, u: superior.id, r: badge.id }), 'MANAGE_ROLES');
      expectForbidden(await moderator.client.errorOf(ASSIGN, { s: server.id, u: owner.id, r: badge.id }), 'MANAGE_ROLES');
      expect(await memberRoleIds(server.id, peer.id)).toEqual([roles.mod.id]);
      expect((await memberRoleIds(server.id, superior.id)).sort()).toEqual([roles.senior.id, badge.id].sort());

      expect((await moderator.client.ok(ASSIGN, { s: server.id, u: subordinate.id, r: badge.id })).assignRole.roles).toHaveLength(2);
      expect((await moderator.client.ok(ASSIGN, { s: server.id, u: moderator.id, r: badge.id })).assignRole.roles).toHaveLength(2);
      expect((await moderator.client.ok(REMOVE, { s: server.id, u: moderator.id, r: badge.id })).removeRole.roles).toEqual([
        { id: roles.mod.id },
      ]);
    });

    it('nobody grants a permission they lack, by creating or by updating a role', async () => {
      const { server, moderator, roles } = await rankedServer(api, owner, MOD_PERMISSIONS);
      expectForbidden(
        await moderator.client.errorOf(CREATE, {
          s: server.id,
          i: { name: 'Banners', position: 2, permissions: ['KICK_MEMBERS', 'BAN_MEMBERS'] },
        }),
        'BAN_MEMBERS',
      );
      expectForbidden(
        await moderator.client.errorOf(CREATE, { s: server.id, i: { name: 'Admins', position: 2, permissions: ['ADMINISTRATOR'] } }),
        'ADMINISTRATOR',
      );
      expectForbidden(
        await moderator.client.errorOf(UPDATE, { r: roles.junior.id, i: { permissions: ['MANAGE_SERVER'] } }),
        'MANAGE_SERVER',
      );
      expect((await rolesOf(server.id)).map((r) => r.name)).toEqual(['Senior', 'Mod', 'Junior', '@everyone']);
      expect((await rolesOf(server.id)).find((r) => r.id === roles.junior.id)!.permissions).toEqual([]);

      const granted = await moderator.client.ok(UPDATE, { r: roles.junior.id, i: { permissions: ['KICK_MEMBERS', 'SEND_MESSAGES'] } });
      expect(granted.updateRole.permissions).toEqual(['SEND_MESSAGES', 'KICK_MEMBERS']);
    });

    it('keeping or removing a permission one lacks is allowed; only additions need holding', async () => {
      const { moderator, roles } = await rankedServer(api, owner, MOD_PERMISSIONS);
      await owner.client.ok(UPDATE, { r: roles.junior.id, i: { permissions: ['BAN_MEMBERS', 'MANAGE_SERVER'] } });
      expect(
        (await moderator.client.ok(UPDATE, { r: roles.junior.id, i: { permissions: ['BAN_MEMBERS', 'KICK_MEMBERS'] } })).updateRole
          .permissions,
      ).toEqual(['KICK_MEMBERS', 'BAN_MEMBERS']);
      expect((await moderator.client.ok(UPDATE, { r: roles.junior.id, i: { permissions: [] } })).updateRole.permissions).toEqual([]);
    });
  });

  describe('updateRole', () => {
    it('updates the role, changes what its members may do, and audits the changes', async () => {
      const server = await createServer(owner);
      const member = await signUp(api, 'updmember');
      await joinServer(member, server.id);
      const role = await createRole(owner, server.id, { name: 'Crew', color: '#111111', permissions: ['MANAGE_MESSAGES'] });
      await assignRole(owner, server.id, member.id, role.id);
      expect(await serverPermissions(member.client, server.id)).toContain('MANAGE_MESSAGES');

      const { updateRole } = await owner.client.ok(UPDATE, {
        r: role.id,
        i: { name: 'Staff', color: '#abcdef', permissions: ['MANAGE_CHANNELS'], position: 2 },
      });
      expect(updateRole).toEqual({
        id: role.id,
        name: 'Staff',
        color: '#ABCDEF',
        permissions: ['MANAGE_CHANNELS'],
        position: 2,
        isDefault: false,
      });
      const perms = await serverPermissions(member.client, server.id);
      expect(perms).toContain('MANAGE_CHANNELS');
      expect(perms).not.toContain('MANAGE_MESSAGES');

      const [entry] = await auditLog(owner, server.id);
      expect(entry).toMatchObject({ action: 'ROLE_UPDATE', actor: { id: owner.id }, targetId: role.id });
      expect(changesOf(entry!)).toEqual({
        name: ['Crew', 'Staff'],
        color: ['#111111', '#ABCDEF'],
        position: [1, 2],
        permissions: [['MANAGE_MESSAGES'], ['MANAGE_CHANNELS']],
      });
    });

    it('lets @everyone change its permissions and colour, never its name or position', async () => {
      const server = await createServer(owner);
      const member = await signUp(api, 'evmember');
      await joinServer(member, server.id);
      const everyone = server.roles.find((r) => r.isDefault)!;
      expectBadInput(await owner.client.errorOf(UPDATE, { r: everyone.id, i: { name: 'all' } }), 'roleId');
      expectBadInput(await owner.client.errorOf(UPDATE, { r: everyone.id, i: { position: 3 } }), 'roleId');
      const { updateRole } = await owner.client.ok(UPDATE, {
        r: everyone.id,
        i: { permissions: ['VIEW_CHANNEL', 'READ_MESSAGE_HISTORY'], color: '#000000' },
      });
      expect(updateRole).toMatchObject({
        name: '@everyone',
        position: 0,
        color: '#000000',
        permissions: ['VIEW_CHANNEL', 'READ_MESSAGE_HISTORY'],
      });
      expect(await serverPermissions(member.client, server.id)).toEqual(['VIEW_CHANNEL', 'READ_MESSAGE_HISTORY']);
    });

    it('refuses bad input naming the field and changes nothing', async () => {
      const server = await createServer(owner);
      const role = await createRole(owner, server.id, { name: 'Stable', color: '#123456' });
      expectBadInput(await owner.client.errorOf(UPDATE, { r: role.id, i: { color: 'blue' } }), 'color');
      expectBadInput(await owner.client.errorOf(UPDATE, { r: role.id, i: { name: '' } }), 'name');
      expect((await rolesOf(server.id)).find((r) => r.id === role.id)).toMatchObject({ name: 'Stable', color: '#123456' });
      expect((await auditLog(owner, server.id)).map((e) => e.action)).toEqual(['ROLE_CREATE']);
    });

    it('answers NOT_FOUND for unknown and malformed role ids', async () => {
      for (const r of ['123456789012345678', 'abc']) {
        expect((await owner.client.errorOf(UPDATE, { r, i: { name: 'x' } })).code).toBe('NOT_FOUND');
        expect((await owner.client.errorOf(DELETE, { r })).code).toBe('NOT_FOUND');
      }
    });
  });

  describe('deleteRole', () => {
    it('removes the role from its members and from channel overwrites, and audits it', async () => {
      const server = await createServer(owner);
      const member = await signUp(api, 'delmember');
      await joinServer(member, server.id);
      const role = await createRole(owner, server.id, { name: 'Temp', permissions: ['MANAGE_MESSAGES'] });
      await assignRole(owner, server.id, member.id, role.id);
      const general = server.channels.find((c) => c.type === 'TEXT')!;
      await owner.client.ok('mutation($c: ID!, $i: OverwriteInput!) { setChannelOverwrite(channelId: $c, input: $i) { id } }', {
        c: general.id,
        i: { targetType: 'ROLE', targetId: role.id, allow: ['MANAGE_CHANNELS'], deny: [] },
      });
      expect(await channelPermissions(member.client, general.id)).toContain('MANAGE_CHANNELS');

      expect(await owner.client.ok(DELETE, { r: role.id })).toEqual({ deleteRole: true });
      expect((await rolesOf(server.id)).map((r) => r.id)).not.toContain(role.id);
      expect(await memberRoleIds(server.id, member.id)).toEqual([]);
      expect(await sql(api, 'select role_ids from members where server_id = ? and user_id = ?', [server.id, member.id])).toEqual([
        { role_ids: [] },
      ]);
      expect(await sql(api, 'select 1 from permission_overwrites where target_id = ?', [role.id])).toHaveLength(0);
      const perms = await channelPermissions(member.client, general.id);
      expect(perms).not.toContain('MANAGE_CHANNELS');
      expect(perms).not.toContain('MANAGE_MESSAGES');

      const [entry] = await auditLog(owner, server.id);
      expect(entry).toMatchObject({ action: 'ROLE_DELETE', actor: { id: owner.id }, targetId: role.id });
      expect(changesOf(entry!)).toEqual({ name: ['Temp', null] });
    });

    it('never deletes @everyone', async () => {
      const server = await createServer(owner);
      const everyone = server.roles.find((r) => r.isDefault)!;
      expectBadInput(await owner.client.errorOf(DELETE, { r: everyone.id }), 'roleId');
      expect(await rolesOf(server.id)).toHaveLength(1);
    });

    it('commits as one: members keep the role until the role itself is gone', async () => {
      const server = await createServer(owner);
      const member = await signUp(api, 'atomic');
      await joinServer(member, server.id);
      const role = await createRole(owner, server.id, { name: 'Held' });
      await assignRole(owner, server.id, member.id, role.id);

      // Hold the role row so the deletion must wait inside its transaction, then look from outside.
      const blocker = new pg.Client({ connectionString: inject('databaseUrl') });
      await blocker.connect();
      try {
        await blocker.query('begin');
        await blocker.query('select id from roles where id = $1 for update', [role.id]);
        const deletion = owner.client.request(DELETE, { r: role.id });
        await waitForLockWait(api, 'delete from "roles"');
        expect(await sql(api, 'select role_ids from members where server_id = ? and user_id = ?', [server.id, member.id])).toEqual([
          { role_ids: [role.id] },
        ]);
        await blocker.query('rollback');
        expect((await deletion).data).toEqual({ deleteRole: true });
      } finally {
        await blocker.end();
      }
      expect(await sql(api, 'select role_ids from members where server_id = ? and user_id = ?', [server.id, member.id])).toEqual([
        { role_ids: [] },
      ]);
    });
  });

  it('permission changes made through one API process apply on another (caches are invalidated through Redis)', async () => {
    const other = await startTestApi({}, api.services.config.REDIS_KEY_PREFIX);
    try {
      const server = await createServer(owner);
      const member = await signUp(api, 'twoproc');
      await joinServer(member, server.id);
      const elsewhere = new GqlClient(other.url, `Bearer ${member.token}`);
      // Warm the other process's permission cache first.
      expect(await serverPermissions(elsewhere, server.id)).not.toContain('MANAGE_CHANNELS');
      const role = await createRole(owner, server.id, { name: 'Remote', permissions: ['MANAGE_CHANNELS'] });
      await assignRole(owner, server.id, member.id, role.id);
      await eventually(async () => expect(await serverPermissions(elsewhere, server.id)).toContain('MANAGE_CHANNELS'));
      await owner.client.ok(UPDATE, { r: role.id, i: { permissions: ['MANAGE_MESSAGES'] } });
      await eventually(async () => expect(await serverPermissions(elsewhere, server.id)).not.toContain('MANAGE_CHANNELS'));
      expect(await serverPermissions(elsewhere, server.id)).toContain('MANAGE_MESSAGES');
    } finally {
      await other.close();
    }
  });

  describe('reorderRoles', () => {
    const namesOf = async (serverId: string) => (await rolesOf(serverId)).filter((r) => !r.isDefault).map((r) => r.name);

    it('puts the roles in the order given at once, audits it once, and tells other admins live', async () => {
      const server = await createServer(owner);
      const [a, b, c] = [
        await createRole(owner, server.id, { name: 'A' }),
        await createRole(owner, server.id, { name: 'B' }),
        await createRole(owner, server.id, { name: 'C' }),
      ];
      const watcher = wsClient(api.url, owner.token);
      const events = subscribe(
        watcher,
        'subscription($s: ID!) { serverEvents(serverId: $s) { __typename ... on RoleUpdated { role { id position } } } }',
        {
          s: server.id,
        },
      );
      try {
        await settle();
        const { reorderRoles } = await owner.client.ok(REORDER, { s: server.id, ids: [c.id, a.id, b.id] });
        expect(reorderRoles).toEqual([
          { id: c.id, name: 'C', position: 3 },
          { id: a.id, name: 'A', position: 2 },
          { id: b.id, name: 'B', position: 1 },
          { id: expect.any(String), name: '@everyone', position: 0 },
        ]);
        expect(await namesOf(server.id)).toEqual(['C', 'A', 'B']);
        // All three sat at 1: B stays at 1, C and A moved, and their new places reach the subscriber.
        await eventually(async () => {
          const moved = events.events.filter((e) => e.serverEvents.__typename === 'RoleUpdated').map((e) => e.serverEvents.role);
          expect(Object.fromEntries(moved.map((r) => [r.id, r.position]))).toEqual({ [c.id]: 3, [a.id]: 2 });
        }, 10_000);
      } finally {
        events.stop();
        await watcher.dispose();
      }
      const entries = (await auditLog(owner, server.id)).filter((e) => e.action === 'ROLE_REORDER');
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({ actor: { id: owner.id } });
      expect(changesOf(entries[0]!)).toEqual({
        order: [
          [a.id, b.id, c.id],
          [c.id, a.id, b.id],
        ],
      });

      // The same order again changes nothing and writes no entry.
      await owner.client.ok(REORDER, { s: server.id, ids: [c.id, a.id, b.id] });
      expect((await auditLog(owner, server.id)).filter((e) => e.action === 'ROLE_REORDER')).toHaveLength(1);
    });

    it('moves roles below the actor’s highest only; roles at or above stay put and nothing goes above them', async () => {
      const { server, moderator, roles } = await rankedServer(api, owner, MOD_PERMISSIONS);
      const below = await createRole(moderator, server.id, { name: 'Below', position: 4 });
      expect(await namesOf(server.id)).toEqual(['Senior', 'Mod', 'Below', 'Junior']);

      await moderator.client.ok(REORDER, { s: server.id, ids: [roles.senior.id, roles.mod.id, roles.junior.id, below.id] });
      expect((await rolesOf(server.id)).map((r) => [r.name, r.position])).toEqual([
        ['Senior', 10],
        ['Mod', 5],
        ['Junior', 2],
        ['Below', 1],
        ['@everyone', 0],
      ]);

      const refusals = [
        [roles.senior.id, roles.junior.id, roles.mod.id, below.id], // a role dropped above their own
        [roles.mod.id, roles.senior.id, roles.junior.id, below.id], // a role above theirs moved
      ];
      for (const ids of refusals) expectForbidden(await moderator.client.errorOf(REORDER, { s: server.id, ids }), 'MANAGE_ROLES');
      expect(await namesOf(server.id)).toEqual(['Senior', 'Mod', 'Junior', 'Below']);
      expect((await auditLog(owner, server.id)).filter((e) => e.action === 'ROLE_REORDER')).toHaveLength(1);
    });

    it('refuses a list that is not every role once, and needs MANAGE_ROLES', async () => {
      const server = await createServer(owner);
      const [a, b] = [await createRole(owner, server.id, { name: 'A', position: 2 }), await createRole(owner, server.id, { name: 'B' })];
      const everyone = server.roles.find((r) => r.isDefault)!.id;
      for (const ids of [[a.id], [a.id, b.id, b.id], [a.id, b.id, everyone], [b.id, 'nope']]) {
        expectBadInput(await owner.client.errorOf(REORDER, { s: server.id, ids }), ids.includes('nope') ? 'roleIds.1' : 'roleIds');
      }
      const member = await signUp(api, 'reorderer');
      await joinServer(member, server.id);
      expectForbidden(await member.client.errorOf(REORDER, { s: server.id, ids: [b.id, a.id] }), 'MANAGE_ROLES');
      expect(await namesOf(server.id)).toEqual(['A', 'B']);
      expect((await auditLog(owner, server.id)).filter((e) => e.action === 'ROLE_REORDER')).toHaveLength(0);
    });
  });

  describe('assignRole and removeRole', () => {
    it('given and taken at once, every change lands (none overwrites another)', async () => {
      const server = await createServer(owner);
      const member = await signUp(api, 'busy');
      await joinServer(member, server.id);
      const roles = await Promise.all(
        [1, 2, 3, 4, 5, 6].map((position) => createRole(owner, server.id, { name: `R${position}`, position })),
      );
      const [kept, ...given] = roles;
      await assignRole(owner, server.id, member.id, kept!.id);
      await Promise.all([
        ...given.map((role) => owner.client.ok(ASSIGN, { s: server.id, u: member.id, r: role.id })),
        owner.client.ok(REMOVE, { s: server.id, u: member.id, r: kept!.id }),
      ]);
      expect((await memberRoleIds(server.id, member.id)).sort()).toEqual(given.map((r) => r.id).sort());
    });

    it('grant and revoke the role and its permissions, audited once per actual change', async () => {
      const server = await createServer(owner);
      const member = await signUp(api, 'assignee');
      await joinServer(member, server.id);
      const role = await createRole(owner, server.id, { name: 'Kickers', permissions: ['KICK_MEMBERS'] });

      expect((await owner.client.ok(ASSIGN, { s: server.id, u: member.id, r: role.id })).assignRole).toEqual({
        user: { id: member.id },
        roles: [{ id: role.id }],
      });
      await owner.client.ok(ASSIGN, { s: server.id, u: member.id, r: role.id });
      expect(await serverPermissions(member.client, server.id)).toContain('KICK_MEMBERS');
      expect(await sql(api, 'select role_ids from members where server_id = ? and user_id = ?', [server.id, member.id])).toEqual([
        { role_ids: [role.id] },
      ]);

      expect((await owner.client.ok(REMOVE, { s: server.id, u: member.id, r: role.id })).removeRole.roles).toEqual([]);
      await owner.client.ok(REMOVE, { s: server.id, u: member.id, r: role.id });
      expect(await serverPermissions(member.client, server.id)).not.toContain('KICK_MEMBERS');

      const entries = (await auditLog(owner, server.id)).filter((e) => e.action.startsWith('MEMBER_ROLE'));
      expect(entries.map((e) => [e.action, e.actor?.id, e.targetId, changesOf(e)])).toEqual([
        ['MEMBER_ROLE_REMOVE', owner.id, member.id, { role: [role.id, null] }],
        ['MEMBER_ROLE_ADD', owner.id, member.id, { role: [null, role.id] }],
      ]);
    });

    it('refuse @everyone, unknown roles, roles of other servers and non-members', async () => {
      const server = await createServer(owner);
      const other = await createServer(owner);
      const member = await signUp(api, 'refused');
      const outsider = await signUp(api, 'outsider');
      await joinServer(member, server.id);
      const role = await createRole(owner, server.id, { name: 'Real' });
      const foreign = await createRole(owner, other.id, { name: 'Foreign' });
      const everyone = server.roles.find((r) => r.isDefault)!;

      expectBadInput(await owner.client.errorOf(ASSIGN, { s: server.id, u: member.id, r: everyone.id }), 'roleId');
      expect((await owner.client.errorOf(ASSIGN, { s: server.id, u: member.id, r: '123456789012345678' })).code).toBe('NOT_FOUND');
      expect((await owner.client.errorOf(ASSIGN, { s: server.id, u: member.id, r: foreign.id })).code).toBe('NOT_FOUND');
      expect((await owner.client.errorOf(ASSIGN, { s: server.id, u: outsider.id, r: role.id })).code).toBe('NOT_FOUND');
      expect((await owner.client.errorOf(ASSIGN, { s: server.id, u: 'not-a-user', r: role.id })).code).toBe('NOT_FOUND');
      expect(await memberRoleIds(server.id, member.id)).toEqual([]);
      expect(await auditLog(owner, server.id)).toHaveLength(1);
    });

    it('need MANAGE_ROLES', async () => {
      const server = await createServer(owner);
      const member = await signUp(api, 'noroles');
      await joinServer(member, server.id);
      const role = await createRole(owner, server.id, { name: 'Wanted' });
      expectForbidden(await member.client.errorOf(ASSIGN, { s: server.id, u: member.id, r: role.id }), 'MANAGE_ROLES');
      expectForbidden(await member.client.errorOf(REMOVE, { s: server.id, u: member.id, r: role.id }), 'MANAGE_ROLES');
      expectForbidden(await member.client.errorOf(UPDATE, { r: role.id, i: { name: 'Mine' } }), 'MANAGE_ROLES');
      expectForbidden(await member.client.errorOf(DELETE, { r: role.id }), 'MANAGE_ROLES');
      expect(await memberRoleIds(server.id, member.id)).toEqual([]);
    });
  });
});
