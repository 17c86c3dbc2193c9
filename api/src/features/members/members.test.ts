import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from '../../app.js';
import { createServer, signUp, startTestApi, type TestUser } from '../../../test/harness.js';
import {
  MEMBER_FIELDS,
  assignRole,
  auditLog,
  changesOf,
  createRole,
  expectBadInput,
  expectForbidden,
  joinServer,
  rankedServer,
  sql,
} from '../../../test/fixtures.js';

const MEMBERS = `query($id: ID!, $first: Int, $after: ID) { server(id: $id) { memberCount members(first: $first, after: $after) { ${MEMBER_FIELDS} } } }`;
const NICK = 'mutation($s: ID!, $u: ID!, $n: String) { setNickname(serverId: $s, userId: $u, nickname: $n) { user { id } nickname } }';

describe('members', () => {
  let api: RunningApi;
  let owner: TestUser;
  beforeAll(async () => {
    api = await startTestApi();
    owner = await signUp(api, 'memowner');
  });
  afterAll(async () => {
    await api?.close();
  });

  const nicknameOf = async (serverId: string, userId: string) =>
    (
      (await owner.client.ok(MEMBERS, { id: serverId, first: 100 })).server.members as { user: { id: string }; nickname: string | null }[]
    ).find((m) => m.user.id === userId)!.nickname;

  describe('Server.members', () => {
    it('pages with first/after in user-id order, without gaps or repeats', async () => {
      const server = await createServer(owner);
      const joined = await Promise.all(Array.from({ length: 5 }, () => signUp(api, 'pager')));
      for (const user of joined) await joinServer(user, server.id);
      const all = [owner.id, ...joined.map((u) => u.id)].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));

      const seen: string[] = [];
      let after: string | null = null;
      for (;;) {
        const page: { user: { id: string } }[] = (await owner.client.ok(MEMBERS, { id: server.id, first: 2, after })).server.members;
        if (page.length === 0) break;
        expect(page.length).toBeLessThanOrEqual(2);
        seen.push(...page.map((m) => m.user.id));
        after = page.at(-1)!.user.id;
      }
      expect(seen).toEqual(all);
      expect((await owner.client.ok(MEMBERS, { id: server.id })).server).toMatchObject({ memberCount: 6, members: expect.any(Array) });
      expect((await owner.client.ok(MEMBERS, { id: server.id })).server.members).toHaveLength(6);
    });

    it('shows each member with their roles (highest first), nickname, join time and timeout', async () => {
      const server = await createServer(owner);
      const member = await signUp(api, 'shown');
      const before = Date.now();
      await joinServer(member, server.id);
      const low = await createRole(owner, server.id, { name: 'Low', position: 1 });
      const high = await createRole(owner, server.id, { name: 'High', position: 4 });
      await assignRole(owner, server.id, member.id, low.id);
      await assignRole(owner, server.id, member.id, high.id);
      await member.client.ok(NICK, { s: server.id, u: member.id, n: 'Shorty' });
      const found = (await owner.client.ok(MEMBERS, { id: server.id })).server.members.find((m: any) => m.user.id === member.id);
      expect(found).toEqual({
        user: { id: member.id, username: member.username },
        nickname: 'Shorty',
        roles: [
          { id: high.id, name: 'High', position: 4 },
          { id: low.id, name: 'Low', position: 1 },
        ],
        joinedAt: expect.any(String),
        timedOutUntil: null,
      });
      expect(Date.parse(found.joinedAt)).toBeGreaterThanOrEqual(before - 1000);
    });

    it('is empty for a non-member looking at a public server', async () => {
      const server = await createServer(owner);
      const stranger = await signUp(api, 'stranger');
      expect((await stranger.client.ok(MEMBERS, { id: server.id })).server).toEqual({ memberCount: 1, members: [] });
    });

    it('refuses a bad page size or cursor naming the argument', async () => {
      const server = await createServer(owner);
      expectBadInput(await owner.client.errorOf(MEMBERS, { id: server.id, first: 0 }), 'first');
      expectBadInput(await owner.client.errorOf(MEMBERS, { id: server.id, after: 'abc' }), 'after');
      // 20 digits pass a naive /\d{1,20}/ check but overflow Postgres's bigint.
      expectBadInput(await owner.client.errorOf(MEMBERS, { id: server.id, after: '99999999999999999999' }), 'after');
    });
    describe('query and roleId', () => {
      const FIND = `query($id: ID!, $first: Int, $after: ID, $q: String, $r: ID) {
        server(id: $id) { members(first: $first, after: $after, query: $q, roleId: $r) { user { id } } } }`;
      const find = async (vars: Record<string, unknown>) =>
        ((await owner.client.ok(FIND, vars)).server.members as { user: { id: string } }[]).map((m) => m.user.id);
      const byId = (a: string, b: string) => (BigInt(a) < BigInt(b) ? -1 : 1);

      async function world() {
        const server = await createServer(owner);
        const [ada, adam, bob, pct] = [
          await signUp(api, 'zeldaqueen'),
          await signUp(api, 'zeldaking'),
          await signUp(api, 'bobross'),
          await signUp(api, 'pctuser'),
        ];
        for (const u of [ada, adam, bob, pct]) await joinServer(u!, server.id);
        await owner.client.ok(NICK, { s: server.id, u: bob!.id, n: 'Happy_Trees' });
        await owner.client.ok(NICK, { s: server.id, u: adam!.id, n: 'HappyXTrees' });
        await owner.client.ok(NICK, { s: server.id, u: pct!.id, n: '100% real' });
        const painters = await createRole(owner, server.id, { name: 'Painters', position: 1 });
        await assignRole(owner, server.id, bob!.id, painters.id);
        await assignRole(owner, server.id, adam!.id, painters.id);
        const everyone = server.roles.find((r) => r.isDefault)!;
        return { server, ada: ada!, adam: adam!, bob: bob!, pct: pct!, painters, everyone };
      }

      it('matches username, display name or nickname, any case, anywhere in the name', async () => {
        const w = await world();
        expect(await find({ id: w.server.id, q: 'ZELD' })).toEqual([w.ada.id, w.adam.id].sort(byId));
        expect(await find({ id: w.server.id, q: 'daki' })).toEqual([w.adam.id]);
        expect(await find({ id: w.server.id, q: 'trees' })).toEqual([w.adam.id, w.bob.id].sort(byId));
        const painter = await signUp(api, 'plain');
        await sql(api, 'update users set display_name = ? where id = ?', ['Vincent Quill', painter.id]);
        await joinServer(painter, w.server.id);
        expect(await find({ id: w.server.id, q: 'VINCENT q' })).toEqual([painter.id]);
        expect(await find({ id: w.server.id, q: 'nobody-called-this' })).toEqual([]);
        // Blank is no search.
        expect(await find({ id: w.server.id, q: '  ' })).toHaveLength(6);
      });

      it('takes % and _ literally', async () => {
        const w = await world();
        expect(await find({ id: w.server.id, q: '%' })).toEqual([w.pct.id]);
        // As a wildcard, _ would match HappyXTrees too.
        expect(await find({ id: w.server.id, q: 'y_t' })).toEqual([w.bob.id]);
      });

      it('filters by role (@everyone: all), combined with the search', async () => {
        const w = await world();
        expect(await find({ id: w.server.id, r: w.painters.id })).toEqual([w.adam.id, w.bob.id].sort(byId));
        expect(await find({ id: w.server.id, r: w.painters.id, q: 'zeld' })).toEqual([w.adam.id]);
        expect(await find({ id: w.server.id, r: w.everyone.id })).toHaveLength(5);
      });

      it('pages a filtered list by user id without gaps or repeats', async () => {
        const w = await world();
        const extra = await Promise.all(Array.from({ length: 3 }, () => signUp(api, 'zeldaextra')));
        for (const u of extra) await joinServer(u, w.server.id);
        const all = await find({ id: w.server.id, q: 'zeld', first: 100 });
        expect(all).toEqual([w.ada.id, w.adam.id, ...extra.map((u) => u.id)].sort(byId));
        const seen: string[] = [];
        let after: string | null = null;
        for (;;) {
          const page = await find({ id: w.server.id, q: 'zeld', first: 2, after });
          if (page.length === 0) break;
          expect(page.length).toBeLessThanOrEqual(2);
          seen.push(...page);
          after = page.at(-1)!;
        }
        expect(seen).toEqual(all);
      });

      it('refuses a role of another server, a malformed role id and an overlong query, naming the argument', async () => {
        const w = await world();
        const other = await createServer(owner);
        const elsewhere = await createRole(owner, other.id, { name: 'Elsewhere', position: 1 });
        expectBadInput(await owner.client.errorOf(FIND, { id: w.server.id, r: elsewhere.id }), 'roleId');
        expectBadInput(await owner.client.errorOf(FIND, { id: w.server.id, r: 'abc' }), 'roleId');
        expectBadInput(await owner.client.errorOf(FIND, { id: w.server.id, q: 'q'.repeat(101) }), 'query');
      });
    });
  });

  describe('Server.member', () => {
    const MEMBER = `query($id: ID!, $u: ID!) { server(id: $id) { member(userId: $u) { ${MEMBER_FIELDS} } } }`;
    const memberOf = async (viewer: TestUser, serverId: string, userId: string) =>
      (await viewer.client.ok(MEMBER, { id: serverId, u: userId })).server.member;

    it('finds one member by user id, as the member list shows them', async () => {
      const { server, moderator, roles } = await rankedServer(api, owner, []);
      await moderator.client.ok(NICK, { s: server.id, u: moderator.id, n: 'Mo' });
      const listed = (await owner.client.ok(MEMBERS, { id: server.id })).server.members.find((m: any) => m.user.id === moderator.id);
      const found = await memberOf(owner, server.id, moderator.id);
      expect(found).toEqual(listed);
      expect(found).toMatchObject({ nickname: 'Mo', roles: [{ id: roles.mod.id, position: 5 }] });
      // Any member may look anyone up, not only moderators.
      expect(await memberOf(moderator, server.id, owner.id)).toMatchObject({ user: { id: owner.id }, roles: [] });
    });

    it('is null for a user who is not a member, or no user at all', async () => {
      const server = await createServer(owner);
      const outsider = await signUp(api, 'outsider');
      expect(await memberOf(owner, server.id, outsider.id)).toBeNull();
      expect(await memberOf(owner, server.id, '123456789012345678')).toBeNull();
    });

    it('answers each server of a list for that server (one batch, keyed by server and user)', async () => {
      const [both, onlyMine] = [await createServer(owner), await createServer(owner)];
      const member = await signUp(api, 'inone');
      await joinServer(member, both.id);
      const { myServers } = await owner.client.ok('query($u: ID!) { myServers { id member(userId: $u) { user { id } } } }', {
        u: member.id,
      });
      const of = (id: string) => myServers.find((s: { id: string }) => s.id === id).member;
      expect(of(both.id)).toEqual({ user: { id: member.id } });
      expect(of(onlyMine.id)).toBeNull();
    });

    it('is null for a non-member looking at a public server, as the list is empty', async () => {
      const server = await createServer(owner);
      const stranger = await signUp(api, 'peeker');
      expect(await memberOf(stranger, server.id, owner.id)).toBeNull();
    });

    it('refuses a malformed user id naming the argument', async () => {
      const server = await createServer(owner);
      expectBadInput(await owner.client.errorOf(MEMBER, { id: server.id, u: 'abc' }), 'userId');
      // 20 digits overflow Postgres's bigint.
      expectBadInput(await owner.client.errorOf(MEMBER, { id: server.id, u: '99999999999999999999' }), 'userId');
    });

    it('answers a private server the caller is not in with the error members gives', async () => {
      // A bot's owner sees the servers it is in; kicked from a private one, they may no longer look inside.
      const { server, moderator } = await rankedServer(api, owner, ['MANAGE_SERVER'], { isPrivate: true });
      const { createBot } = await moderator.client.ok('mutation { createBot(name: "Lurker") { bot { id } } }');
      await moderator.client.ok('mutation($b: ID!, $s: ID!) { addBotToServer(botId: $b, serverId: $s) { user { id } } }', {
        b: createBot.bot.id,
        s: server.id,
      });
      await owner.client.ok('mutation($s: ID!, $u: ID!) { kickMember(serverId: $s, userId: $u) }', { s: server.id, u: moderator.id });
      const inside = async (field: string) => {
        const result = await moderator.client.request(`query { myBots { botServers { id ${field} { user { id } } } } }`);
        return result.errors?.map((e) => ({ code: e.extensions?.code, message: e.message }));
      };
      const listError = await inside('members(first: 1)');
      expect(listError).toEqual([{ code: 'NOT_FOUND', message: expect.any(String) }]);
      expect(await inside(`member(userId: "${owner.id}")`)).toEqual(listError);
    });
  });

  describe('setNickname', () => {
    it('lets any member set and clear their own nickname, audited', async () => {
      const server = await createServer(owner);
      const member = await signUp(api, 'nick');
      await joinServer(member, server.id);
      expect((await member.client.ok(NICK, { s: server.id, u: member.id, n: '  Nicky  ' })).setNickname).toEqual({
        user: { id: member.id },
        nickname: 'Nicky',
      });
      expect(await nicknameOf(server.id, member.id)).toBe('Nicky');
      expect((await member.client.ok(NICK, { s: server.id, u: member.id, n: '' })).setNickname.nickname).toBeNull();
      expect(await nicknameOf(server.id, member.id)).toBeNull();
      await member.client.ok(NICK, { s: server.id, u: member.id, n: 'Again' });
      expect((await member.client.ok(NICK, { s: server.id, u: member.id, n: null })).setNickname.nickname).toBeNull();

      const entries = (await auditLog(owner, server.id)).filter((e) => e.action === 'MEMBER_NICKNAME');
      expect(entries.map((e) => [e.actor?.id, e.targetId, changesOf(e)])).toEqual([
        [member.id, member.id, { nickname: ['Again', null] }],
        [member.id, member.id, { nickname: [null, 'Again'] }],
        [member.id, member.id, { nickname: ['Nicky', null] }],
        [member.id, member.id, { nickname: [null, 'Nicky'] }],
      ]);
    });

    it('refuses a nickname over 32 characters and keeps the old one', async () => {
      const server = await createServer(owner);
      const member = await signUp(api, 'longnick');
      await joinServer(member, server.id);
      await member.client.ok(NICK, { s: server.id, u: member.id, n: 'Kept' });
      expectBadInput(await member.client.errorOf(NICK, { s: server.id, u: member.id, n: 'n'.repeat(33) }), 'nickname');
      expect(await nicknameOf(server.id, member.id)).toBe('Kept');
      expect((await member.client.ok(NICK, { s: server.id, u: member.id, n: 'n'.repeat(32) })).setNickname.nickname).toBe('n'.repeat(32));
    });

    it("needs MODERATE_MEMBERS and a higher role for another member's nickname", async () => {
      const { server, moderator, peer, superior, subordinate, plain } = await rankedServer(api, owner, ['MODERATE_MEMBERS']);
      expectForbidden(await plain.client.errorOf(NICK, { s: server.id, u: subordinate.id, n: 'Renamed' }), 'MODERATE_MEMBERS');
      expectForbidden(await moderator.client.errorOf(NICK, { s: server.id, u: peer.id, n: 'Renamed' }), 'MODERATE_MEMBERS');
      expectForbidden(await moderator.client.errorOf(NICK, { s: server.id, u: superior.id, n: 'Renamed' }), 'MODERATE_MEMBERS');
      expectForbidden(await moderator.client.errorOf(NICK, { s: server.id, u: owner.id, n: 'Renamed' }), 'MODERATE_MEMBERS');
      for (const user of [peer, superior, subordinate, owner]) expect(await nicknameOf(server.id, user.id)).toBeNull();

      expect((await moderator.client.ok(NICK, { s: server.id, u: subordinate.id, n: 'Junior One' })).setNickname.nickname).toBe(
        'Junior One',
      );
      expect((await moderator.client.ok(NICK, { s: server.id, u: plain.id, n: 'Plain One' })).setNickname.nickname).toBe('Plain One');
      expect((await owner.client.ok(NICK, { s: server.id, u: superior.id, n: 'Boss' })).setNickname.nickname).toBe('Boss');
      const [entry] = await auditLog(owner, server.id);
      expect(entry).toMatchObject({ action: 'MEMBER_NICKNAME', actor: { id: owner.id }, targetId: superior.id });
    });

    it('answers NOT_FOUND for non-members, unknown users and hidden servers', async () => {
      const server = await createServer(owner);
      const hidden = await createServer(owner, { isPrivate: true });
      const stranger = await signUp(api, 'nickstranger');
      expect((await stranger.client.errorOf(NICK, { s: server.id, u: stranger.id, n: 'Me' })).code).toBe('NOT_FOUND');
      expect((await stranger.client.errorOf(NICK, { s: hidden.id, u: stranger.id, n: 'Me' })).code).toBe('NOT_FOUND');
      expect((await owner.client.errorOf(NICK, { s: server.id, u: stranger.id, n: 'You' })).code).toBe('NOT_FOUND');
      expect((await owner.client.errorOf(NICK, { s: server.id, u: 'someone', n: 'You' })).code).toBe('NOT_FOUND');
      expect(await auditLog(owner, server.id)).toEqual([]);
    });
  });
});
