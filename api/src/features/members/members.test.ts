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
