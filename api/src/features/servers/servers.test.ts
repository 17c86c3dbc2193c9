import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from '../../app.js';
import { PERMISSION_NAMES } from '../../permissions/bits.js';
import { GqlClient, createServer, signUp, startTestApi, type TestUser } from '../../../test/harness.js';
import {
  CHANNEL_FIELDS,
  ROLE_FIELDS,
  SERVER_FIELDS,
  assignRole,
  auditLog,
  changesOf,
  createInvite,
  createRole,
  expectBadInput,
  expectForbidden,
  expectNullOrNotFound,
  JPEG,
  joinByInvite,
  joinServer,
  PNG,
  serverPermissions,
  sql,
} from '../../../test/fixtures.js';

const CREATE = `mutation($input: CreateServerInput!) { createServer(input: $input) { ${SERVER_FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateServerInput!) { updateServer(id: $id, input: $input) { ${SERVER_FIELDS} } }`;
const DELETE = 'mutation($id: ID!) { deleteServer(id: $id) }';
const GET = `query($id: ID!) { server(id: $id) { ${SERVER_FIELDS} channels { id } members { user { id } } } }`;
const JOIN = 'mutation($id: ID, $code: String) { joinServer(serverId: $id, inviteCode: $code) { id memberCount } }';
const LEAVE = 'mutation($id: ID!) { leaveServer(serverId: $id) }';
/** The smallest valid images' first bytes are all the API reads (magic numbers), so a signature and a little body will do. */
const DISCOVER = 'query($q: String, $first: Int) { discoverServers(query: $q, first: $first) { id name isPrivate } }';
const MY_SERVERS = '{ myServers { id } }';

const token = () => randomBytes(5).toString('hex');

describe('servers', () => {
  let api: RunningApi;
  let owner: TestUser;
  beforeAll(async () => {
    api = await startTestApi();
    owner = await signUp(api, 'srvowner');
  });
  afterAll(async () => {
    await api?.close();
  });

  const myServerIds = async (user: TestUser) =>
    (await user.client.ok<{ myServers: { id: string }[] }>(MY_SERVERS)).myServers.map((s) => s.id);

  describe('createServer', () => {
    it('creates @everyone with the default permissions, the owner as sole member, and #general text + General voice', async () => {
      const name = `Créé Place ${token()}`;
      const { createServer: server } = await owner.client.ok(CREATE, { input: { name } });
      expect(server).toMatchObject({ name, description: '', icon: null, isPrivate: false, owner: { id: owner.id }, memberCount: 1 });
      expect(server.slug).toMatch(/^cree-place-[0-9a-f]{10}$/);
      expect([...server.myPermissions].sort()).toEqual([...PERMISSION_NAMES].sort());

      const details = await owner.client.ok(
        `query($id: ID!) { server(id: $id) { roles { ${ROLE_FIELDS} } channels { ${CHANNEL_FIELDS} } members { user { id } roles { id } } } }`,
        { id: server.id },
      );
      expect(details.server.roles).toEqual([
        {
          id: expect.any(String),
          name: '@everyone',
          color: expect.stringMatching(/^#[0-9A-F]{6}$/),
          permissions: ['VIEW_CHANNEL', 'SEND_MESSAGES', 'READ_MESSAGE_HISTORY', 'CREATE_INVITE', 'JOIN_VOICE', 'SPEAK', 'ADD_REACTIONS'],
          position: 0,
          isDefault: true,
        },
      ]);
      expect(details.server.channels.map((c: any) => [c.type, c.name, c.position, c.isPrivate])).toEqual([
        ['TEXT', 'general', 0, false],
        ['VOICE', 'General', 1, false],
      ]);
      expect(details.server.members).toEqual([{ user: { id: owner.id }, roles: [] }]);
      expect(await myServerIds(owner)).toContain(server.id);
    });

    it('keeps every option it is given, at the length limits', async () => {
      const input = {
        name: `${token()}${'n'.repeat(90)}`,
        description: 'd'.repeat(1024),
        icon: 'https://cdn.example/icon.png',
        isPrivate: true,
      };
      const { createServer: server } = await owner.client.ok(CREATE, { input });
      expect(server).toMatchObject(input);
      const two = await owner.client.ok(CREATE, { input: { name: 'ab' } });
      expect(two.createServer.name).toBe('ab');
    });

    it('gives servers of the same name distinct slugs', async () => {
      const name = `Twin ${token()}`;
      const a = await owner.client.ok(CREATE, { input: { name } });
      const b = await owner.client.ok(CREATE, { input: { name } });
      expect(a.createServer.slug).not.toBe(b.createServer.slug);
      expect(b.createServer.slug.startsWith(a.createServer.slug)).toBe(true);
    });

    it.each([
      ['a 1-character name', { name: 'a' }, 'name'],
      ['a blank name', { name: '     ' }, 'name'],
      ['a 101-character name', { name: 'n'.repeat(101) }, 'name'],
      ['a 1025-character description', { name: 'Fine name', description: 'd'.repeat(1025) }, 'description'],
      ['an icon that is not a URL', { name: 'Fine name', icon: 'ftp://example/icon.png' }, 'icon'],
    ])('refuses %s with BAD_USER_INPUT naming the field, creating nothing', async (_label, input, field) => {
      const before = await myServerIds(owner);
      expectBadInput(await owner.client.errorOf(CREATE, { input }), field);
      expect(await myServerIds(owner)).toEqual(before);
    });

    it('needs a signed-in caller', async () => {
      expect((await new GqlClient(api.url).errorOf(CREATE, { input: { name: 'Nope' } })).code).toBe('UNAUTHENTICATED');
    });
  });

  describe('server query', () => {
    it('answers null for unknown and malformed ids and for private servers the caller is not in', async () => {
      const stranger = await signUp(api, 'stranger');
      const hidden = await createServer(owner, { isPrivate: true });
      for (const id of ['123456789012345678', hidden.id]) {
        expect((await stranger.client.ok(GET, { id })).server).toBeNull();
      }
      expectNullOrNotFound(await stranger.client.request(GET, { id: 'not-an-id' }), 'server');
      expectNullOrNotFound(await stranger.client.request(GET, { id: '99999999999999999999' }), 'server');
      expect((await owner.client.ok(GET, { id: hidden.id })).server.id).toBe(hidden.id);
    });

    it('shows a public server to a non-member without permissions, channels or member list', async () => {
      const stranger = await signUp(api, 'peek');
      const open = await createServer(owner);
      const { server } = await stranger.client.ok(GET, { id: open.id });
      expect(server).toMatchObject({ id: open.id, memberCount: 1, myPermissions: [], channels: [], members: [] });
    });
  });

  describe('updateServer', () => {
    it('changes the given fields and writes an audit entry of the changes', async () => {
      const server = await createServer(owner, { name: 'Before Name' });
      const { updateServer } = await owner.client.ok(UPDATE, {
        id: server.id,
        input: { name: 'After Name', description: 'now described', isPrivate: true },
      });
      expect(updateServer).toMatchObject({ name: 'After Name', description: 'now described', isPrivate: true, icon: null });
      const [entry] = await auditLog(owner, server.id);
      expect(entry).toMatchObject({ action: 'SERVER_UPDATE', actor: { id: owner.id }, targetId: server.id });
      expect(changesOf(entry!)).toEqual({
        name: ['Before Name', 'After Name'],
        description: ['', 'now described'],
        isPrivate: [false, true],
      });
    });

    it('needs MANAGE_SERVER, which a role can grant', async () => {
      const server = await createServer(owner);
      const member = await signUp(api, 'upd');
      await joinServer(member, server.id);
      expectForbidden(await member.client.errorOf(UPDATE, { id: server.id, input: { name: 'Hijacked' } }), 'MANAGE_SERVER');
      expect((await owner.client.ok(GET, { id: server.id })).server.name).toBe('Test Server');

      const role = await createRole(owner, server.id, { name: 'Manager', permissions: ['MANAGE_SERVER'] });
      await assignRole(owner, server.id, member.id, role.id);
      expect((await member.client.ok(UPDATE, { id: server.id, input: { name: 'Managed' } })).updateServer.name).toBe('Managed');
    });

    it('refuses bad input naming the field and changes nothing', async () => {
      const server = await createServer(owner, { name: 'Stable' });
      expectBadInput(await owner.client.errorOf(UPDATE, { id: server.id, input: { name: 'x' } }), 'name');
      expectBadInput(await owner.client.errorOf(UPDATE, { id: server.id, input: { description: 'd'.repeat(1025) } }), 'description');
      expect((await owner.client.ok(GET, { id: server.id })).server).toMatchObject({ name: 'Stable', description: '' });
      expect(await auditLog(owner, server.id)).toEqual([]);
    });

    it('stores an uploaded PNG icon and returns it as given', async () => {
      const server = await createServer(owner);
      const icon = `data:image/png;base64,${PNG.toString('base64')}`;
      expect((await owner.client.ok(UPDATE, { id: server.id, input: { icon } })).updateServer.icon).toBe(icon);
      expect((await owner.client.ok(GET, { id: server.id })).server.icon).toBe(icon);
    });

    it.each([
      [
        'an SVG (it can carry script)',
        `data:image/svg+xml;base64,${Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>').toString('base64')}`,
        /PNG, JPEG, GIF or WebP/,
      ],
      ['a data URL that is not base64', 'data:image/png,not-base64', /base64/],
      ['bad base64', 'data:image/png;base64,iVBORw0K*GgoAAAA', /valid base64/],
      ['a JPEG declared as a PNG', `data:image/png;base64,${JPEG.toString('base64')}`, /not the PNG image/],
      ['text declared as a GIF', `data:image/gif;base64,${Buffer.from('hello, world').toString('base64')}`, /not the GIF image/],
      ['an image over 192 KiB', `data:image/png;base64,${Buffer.concat([PNG, Buffer.alloc(192 * 1024)]).toString('base64')}`, /192 KiB/],
      ['another scheme', 'ftp://example/icon.png', /http\(s\) URL/],
    ])('refuses %s as an icon with BAD_USER_INPUT naming the field and the reason, changing nothing', async (_label, icon, reason) => {
      const server = await createServer(owner);
      const error = await owner.client.errorOf(UPDATE, { id: server.id, input: { icon } });
      expectBadInput(error, 'icon');
      expect(error.message).toMatch(reason);
      expect((await owner.client.ok(GET, { id: server.id })).server.icon).toBeNull();
      expect(await auditLog(owner, server.id)).toEqual([]);
    });

    it('answers NOT_FOUND for a private server the caller is not in', async () => {
      const server = await createServer(owner, { isPrivate: true });
      const stranger = await signUp(api, 'updstr');
      expect((await stranger.client.errorOf(UPDATE, { id: server.id, input: { name: 'Mine now' } })).code).toBe('NOT_FOUND');
    });
  });

  describe('deleteServer', () => {
    it('is for the owner only, not even an administrator', async () => {
      const server = await createServer(owner);
      const admin = await signUp(api, 'deladmin');
      await joinServer(admin, server.id);
      const role = await createRole(owner, server.id, { name: 'Admin', permissions: ['ADMINISTRATOR'] });
      await assignRole(owner, server.id, admin.id, role.id);
      expectForbidden(await admin.client.errorOf(DELETE, { id: server.id }), 'OWNER');
      expect((await owner.client.ok(GET, { id: server.id })).server).not.toBeNull();
    });

    it('removes the server with its channels, roles and members', async () => {
      const server = await createServer(owner);
      const member = await signUp(api, 'delmember');
      await joinServer(member, server.id);
      expect(await owner.client.ok(DELETE, { id: server.id })).toEqual({ deleteServer: true });
      expect((await owner.client.ok(GET, { id: server.id })).server).toBeNull();
      expect((await owner.client.ok('query($id: ID!) { channel(id: $id) { id } }', { id: server.channels[0]!.id })).channel).toBeNull();
      expect(await myServerIds(member)).not.toContain(server.id);
      for (const table of ['channels', 'roles', 'members']) {
        expect(await sql(api, `select 1 from ${table} where server_id = ?`, [server.id])).toHaveLength(0);
      }
      expect((await owner.client.errorOf(DELETE, { id: server.id })).code).toBe('NOT_FOUND');
    });

    it('answers NOT_FOUND for private servers the caller is not in', async () => {
      const server = await createServer(owner, { isPrivate: true });
      const stranger = await signUp(api, 'delstr');
      expect((await stranger.client.errorOf(DELETE, { id: server.id })).code).toBe('NOT_FOUND');
    });
  });

  describe('discoverServers', () => {
    it('finds public servers only, by name or description', async () => {
      const t = token();
      const byName = await createServer(owner, { name: `Nebula ${t}` });
      const byDescription = await createServer(owner, { name: 'Plain', description: `all about ${t.toUpperCase()} things` });
      await createServer(owner, { name: `Nebula ${t} secret`, isPrivate: true });
      const { discoverServers } = await owner.client.ok(DISCOVER, { q: t });
      expect(discoverServers.map((s: any) => s.id).sort()).toEqual([byName.id, byDescription.id].sort());
      expect(discoverServers.every((s: any) => !s.isPrivate)).toBe(true);
    });

    it('stops listing a server that turns private', async () => {
      const t = token();
      const server = await createServer(owner, { name: `Fading ${t}` });
      expect((await owner.client.ok(DISCOVER, { q: t })).discoverServers).toHaveLength(1);
      await owner.client.ok(UPDATE, { id: server.id, input: { isPrivate: true } });
      expect((await owner.client.ok(DISCOVER, { q: t })).discoverServers).toEqual([]);
    });

    it('matches % and _ in the query literally', async () => {
      const t = token();
      const percent = await createServer(owner, { name: `pct${t}%x` });
      await createServer(owner, { name: `pct${t}Ax` });
      const under = await createServer(owner, { name: `und${t}_x` });
      await createServer(owner, { name: `und${t}Bx` });
      expect((await owner.client.ok(DISCOVER, { q: `pct${t}%` })).discoverServers.map((s: any) => s.id)).toEqual([percent.id]);
      expect((await owner.client.ok(DISCOVER, { q: `und${t}_` })).discoverServers.map((s: any) => s.id)).toEqual([under.id]);
    });

    it('returns at most `first`, newest first, and lists public servers without a query', async () => {
      const t = token();
      const older = await createServer(owner, { name: `Paged ${t} one` });
      const newer = await createServer(owner, { name: `Paged ${t} two` });
      expect((await owner.client.ok(DISCOVER, { q: t, first: 1 })).discoverServers.map((s: any) => s.id)).toEqual([newer.id]);
      expect((await owner.client.ok(DISCOVER, { q: t, first: 2 })).discoverServers.map((s: any) => s.id)).toEqual([newer.id, older.id]);
      const all = (await owner.client.ok(DISCOVER, { first: 100 })).discoverServers;
      expect(all.length).toBeGreaterThan(0);
      expect(all.every((s: any) => s.isPrivate === false)).toBe(true);
    });

    it('refuses a bad page size or query, and anonymous callers', async () => {
      expectBadInput(await owner.client.errorOf(DISCOVER, { first: 0 }), 'first');
      expectBadInput(await owner.client.errorOf(DISCOVER, { first: 101 }), 'first');
      expectBadInput(await owner.client.errorOf(DISCOVER, { q: 'q'.repeat(101) }), 'query');
      expect((await new GqlClient(api.url).errorOf(DISCOVER, {})).code).toBe('UNAUTHENTICATED');
    });
  });

  describe('joinServer and leaveServer', () => {
    it('joins a public server by id, once', async () => {
      const server = await createServer(owner);
      const joiner = await signUp(api, 'joiner');
      expect((await joiner.client.ok(JOIN, { id: server.id })).joinServer).toEqual({ id: server.id, memberCount: 2 });
      expect((await joiner.client.ok(JOIN, { id: server.id })).joinServer.memberCount).toBe(2);
      expect(await myServerIds(joiner)).toContain(server.id);
      expect(await serverPermissions(joiner.client, server.id)).toEqual([
        'VIEW_CHANNEL',
        'SEND_MESSAGES',
        'READ_MESSAGE_HISTORY',
        'CREATE_INVITE',
        'JOIN_VOICE',
        'SPEAK',
        'ADD_REACTIONS',
      ]);
    });

    it('answers NOT_FOUND for a private server by id and for unknown ids', async () => {
      const server = await createServer(owner, { isPrivate: true });
      const joiner = await signUp(api, 'privjoin');
      expect((await joiner.client.errorOf(JOIN, { id: server.id })).code).toBe('NOT_FOUND');
      expect((await joiner.client.errorOf(JOIN, { id: '123456789012345678' })).code).toBe('NOT_FOUND');
      expect(await sql(api, 'select 1 from members where server_id = ? and user_id = ?', [server.id, joiner.id])).toHaveLength(0);
    });

    it('joins a private server with a valid invite', async () => {
      const server = await createServer(owner, { isPrivate: true });
      const joiner = await signUp(api, 'invjoin');
      const code = await createInvite(owner, server.id);
      expect((await joiner.client.ok(JOIN, { code })).joinServer).toEqual({ id: server.id, memberCount: 2 });
      expect((await joiner.client.ok(GET, { id: server.id })).server.id).toBe(server.id);
    });

    it('needs exactly one of serverId and inviteCode', async () => {
      const server = await createServer(owner);
      const joiner = await signUp(api, 'argjoin');
      expectBadInput(await joiner.client.errorOf(JOIN, {}), 'serverId');
      expectBadInput(await joiner.client.errorOf(JOIN, { id: server.id, code: 'abcdefghij' }), 'serverId');
    });

    it('refuses banned users with BANNED, by id and by invite', async () => {
      const server = await createServer(owner);
      const banned = await signUp(api, 'banjoin');
      await owner.client.ok('mutation($s: ID!, $u: ID!) { banMember(serverId: $s, userId: $u) }', { s: server.id, u: banned.id });
      expect((await banned.client.errorOf(JOIN, { id: server.id })).code).toBe('BANNED');
      const code = await createInvite(owner, server.id, 5);
      expect((await banned.client.errorOf(JOIN, { code })).code).toBe('BANNED');
      expect((await owner.client.ok(`query($c: ID!) { invites(serverId: $c) { code uses } }`, { c: server.id })).invites).toEqual([
        { code, uses: 0 },
      ]);
    });

    it('lets a member leave, and the owner not (CONFLICT)', async () => {
      const server = await createServer(owner, { isPrivate: true });
      const member = await signUp(api, 'leaver');
      await joinByInvite(member, await createInvite(owner, server.id));
      expect(await member.client.ok(LEAVE, { id: server.id })).toEqual({ leaveServer: true });
      expect(await myServerIds(member)).not.toContain(server.id);
      expect((await member.client.ok(GET, { id: server.id })).server).toBeNull();
      expect((await owner.client.ok(GET, { id: server.id })).server.memberCount).toBe(1);
      expect((await owner.client.errorOf(LEAVE, { id: server.id })).code).toBe('CONFLICT');
      expect(await myServerIds(owner)).toContain(server.id);
    });

    it('answers NOT_FOUND when leaving a server one is not in', async () => {
      const open = await createServer(owner);
      const hidden = await createServer(owner, { isPrivate: true });
      const stranger = await signUp(api, 'notin');
      expect((await stranger.client.errorOf(LEAVE, { id: open.id })).code).toBe('NOT_FOUND');
      expect((await stranger.client.errorOf(LEAVE, { id: hidden.id })).code).toBe('NOT_FOUND');
    });
  });

  it('myServers lists exactly the servers the caller is a member of', async () => {
    const user = await signUp(api, 'mine');
    expect(await myServerIds(user)).toEqual([]);
    const own = await createServer(user);
    const joined = await createServer(owner);
    await createServer(owner);
    await joinServer(user, joined.id);
    expect((await myServerIds(user)).sort()).toEqual([own.id, joined.id].sort());
    expect((await new GqlClient(api.url).errorOf(MY_SERVERS)).code).toBe('UNAUTHENTICATED');
  });
});
