import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { RunningApi } from '../../app.js';
import { signUp, startTestApi, type TestUser } from '../../../test/harness.js';
import {
  assignRole,
  auditLog,
  changesOf,
  channelPermissions,
  createInvite,
  createRole,
  expectBadInput,
  expectForbidden,
  joinByInvite,
  rankedServer,
  serverPermissions,
  sql,
  waitForLockWait,
} from '../../../test/fixtures.js';

const KICK = 'mutation($s: ID!, $u: ID!, $r: String) { kickMember(serverId: $s, userId: $u, reason: $r) }';
const BAN = 'mutation($s: ID!, $u: ID!, $r: String, $d: Int) { banMember(serverId: $s, userId: $u, reason: $r, deleteMessageSeconds: $d) }';
const UNBAN = 'mutation($s: ID!, $u: ID!) { unbanMember(serverId: $s, userId: $u) }';
const BANS = 'query($s: ID!) { bans(serverId: $s) { user { id } bannedBy { id } reason createdAt } }';
const TIMEOUT =
  'mutation($s: ID!, $u: ID!, $t: Int!, $r: String) { timeoutMember(serverId: $s, userId: $u, seconds: $t, reason: $r) { user { id } timedOutUntil } }';
const JOIN = 'mutation($c: String!) { joinServer(inviteCode: $c) { id } }';

const MOD_PERMISSIONS = ['KICK_MEMBERS', 'BAN_MEMBERS', 'MODERATE_MEMBERS'];
const TWENTY_EIGHT_DAYS = 28 * 24 * 3600;

describe('moderation', () => {
  let api: RunningApi;
  let owner: TestUser;
  beforeAll(async () => {
    api = await startTestApi();
    owner = await signUp(api, 'modowner');
  });
  afterAll(async () => {
    await api?.close();
  });

  const isMember = async (serverId: string, userId: string) =>
    (await sql(api, 'select 1 from members where server_id = ? and user_id = ?', [serverId, userId])).length === 1;
  const ranked = () => rankedServer(api, owner, MOD_PERMISSIONS, { isPrivate: true });

  describe('kickMember', () => {
    it('removes a lower-ranked member, who may come back, and audits actor, target and reason', async () => {
      const { server, moderator, subordinate } = await ranked();
      expect(await moderator.client.ok(KICK, { s: server.id, u: subordinate.id, r: '  spamming  ' })).toEqual({ kickMember: true });
      expect(await isMember(server.id, subordinate.id)).toBe(false);
      expect((await subordinate.client.ok('query($id: ID!) { server(id: $id) { id } }', { id: server.id })).server).toBeNull();
      const [entry] = await auditLog(owner, server.id);
      expect(entry).toMatchObject({ action: 'MEMBER_KICK', actor: { id: moderator.id }, targetId: subordinate.id, reason: 'spamming' });

      await joinByInvite(subordinate, await createInvite(owner, server.id));
      expect(await isMember(server.id, subordinate.id)).toBe(true);
    });

    it('refuses an equal or higher role, the owner, oneself, and members without KICK_MEMBERS', async () => {
      const { server, moderator, peer, superior, subordinate, plain } = await ranked();
      for (const target of [peer, superior, owner, moderator]) {
        expectForbidden(await moderator.client.errorOf(KICK, { s: server.id, u: target.id }), 'KICK_MEMBERS');
      }
      expectForbidden(await plain.client.errorOf(KICK, { s: server.id, u: subordinate.id }), 'KICK_MEMBERS');
      for (const target of [peer, superior, owner, moderator, subordinate]) expect(await isMember(server.id, target.id)).toBe(true);
      expect((await auditLog(owner, server.id)).filter((e) => e.action === 'MEMBER_KICK')).toEqual([]);
    });

    it('answers NOT_FOUND for non-members, BAD_USER_INPUT for a long reason', async () => {
      const { server, moderator, subordinate } = await ranked();
      const stranger = await signUp(api, 'kickstranger');
      expect((await moderator.client.errorOf(KICK, { s: server.id, u: stranger.id })).code).toBe('NOT_FOUND');
      expect((await moderator.client.errorOf(KICK, { s: server.id, u: 'nobody' })).code).toBe('NOT_FOUND');
      expectBadInput(await moderator.client.errorOf(KICK, { s: server.id, u: subordinate.id, r: 'r'.repeat(513) }), 'reason');
      expect(await isMember(server.id, subordinate.id)).toBe(true);
      expect((await stranger.client.errorOf(KICK, { s: server.id, u: subordinate.id })).code).toBe('NOT_FOUND');
    });
  });

  describe('banMember and unbanMember', () => {
    it('bans a lower-ranked member: removed, listed, BANNED on rejoin, audited', async () => {
      const { server, moderator, subordinate } = await ranked();
      expect(await moderator.client.ok(BAN, { s: server.id, u: subordinate.id, r: 'raiding' })).toEqual({ banMember: true });
      expect(await isMember(server.id, subordinate.id)).toBe(false);
      expect((await moderator.client.ok(BANS, { s: server.id })).bans).toEqual([
        { user: { id: subordinate.id }, bannedBy: { id: moderator.id }, reason: 'raiding', createdAt: expect.any(String) },
      ]);
      expect((await subordinate.client.errorOf(JOIN, { c: await createInvite(owner, server.id) })).code).toBe('BANNED');
      expect(await isMember(server.id, subordinate.id)).toBe(false);
      const entry = (await auditLog(owner, server.id)).find((e) => e.action === 'MEMBER_BAN');
      expect(entry).toMatchObject({ actor: { id: moderator.id }, targetId: subordinate.id, reason: 'raiding', changes: null });
    });

    it('bans a user who is not a member, so they can never join', async () => {
      const { server, moderator } = await ranked();
      const outsider = await signUp(api, 'preban');
      expect(await moderator.client.ok(BAN, { s: server.id, u: outsider.id })).toEqual({ banMember: true });
      expect((await outsider.client.errorOf(JOIN, { c: await createInvite(owner, server.id) })).code).toBe('BANNED');
      expect((await moderator.client.ok(BANS, { s: server.id })).bans).toEqual([
        { user: { id: outsider.id }, bannedBy: { id: moderator.id }, reason: '', createdAt: expect.any(String) },
      ]);
    });

    it('unbans: the user may join again, and the unban is audited', async () => {
      const { server, moderator, subordinate } = await ranked();
      await moderator.client.ok(BAN, { s: server.id, u: subordinate.id });
      expect(await moderator.client.ok(UNBAN, { s: server.id, u: subordinate.id })).toEqual({ unbanMember: true });
      expect((await moderator.client.ok(BANS, { s: server.id })).bans).toEqual([]);
      await joinByInvite(subordinate, await createInvite(owner, server.id));
      expect(await isMember(server.id, subordinate.id)).toBe(true);
      const entry = (await auditLog(owner, server.id)).find((e) => e.action === 'MEMBER_UNBAN');
      expect(entry).toMatchObject({ actor: { id: moderator.id }, targetId: subordinate.id });
      expect((await moderator.client.errorOf(UNBAN, { s: server.id, u: subordinate.id })).code).toBe('NOT_FOUND');
    });

    it('refuses an equal or higher role, the owner, oneself, and members without BAN_MEMBERS', async () => {
      const { server, moderator, peer, superior, subordinate, plain } = await ranked();
      for (const target of [peer, superior, owner, moderator]) {
        expectForbidden(await moderator.client.errorOf(BAN, { s: server.id, u: target.id }), 'BAN_MEMBERS');
      }
      expectForbidden(await plain.client.errorOf(BAN, { s: server.id, u: subordinate.id }), 'BAN_MEMBERS');
      expectForbidden(await plain.client.errorOf(BANS, { s: server.id }), 'BAN_MEMBERS');
      await moderator.client.ok(BAN, { s: server.id, u: subordinate.id });
      expectForbidden(await plain.client.errorOf(UNBAN, { s: server.id, u: subordinate.id }), 'BAN_MEMBERS');
      expect((await owner.client.ok(BANS, { s: server.id })).bans.map((b: any) => b.user.id)).toEqual([subordinate.id]);
      expect(await sql(api, 'select user_id from bans where server_id = ?', [server.id])).toEqual([{ user_id: subordinate.id }]);
    });

    it('answers NOT_FOUND for unknown users and BAD_USER_INPUT for bad arguments, writing nothing', async () => {
      const { server, moderator, subordinate } = await ranked();
      expect((await moderator.client.errorOf(BAN, { s: server.id, u: '123456789012345678' })).code).toBe('NOT_FOUND');
      expect((await moderator.client.errorOf(BAN, { s: server.id, u: 'nobody' })).code).toBe('NOT_FOUND');
      expect((await moderator.client.errorOf(UNBAN, { s: server.id, u: 'nobody' })).code).toBe('NOT_FOUND');
      expectBadInput(await moderator.client.errorOf(BAN, { s: server.id, u: subordinate.id, r: 'r'.repeat(513) }), 'reason');
      expectBadInput(await moderator.client.errorOf(BAN, { s: server.id, u: subordinate.id, d: 604_801 }), 'deleteMessageSeconds');
      expectBadInput(await moderator.client.errorOf(BAN, { s: server.id, u: subordinate.id, d: -1 }), 'deleteMessageSeconds');
      expect(await isMember(server.id, subordinate.id)).toBe(true);
      expect(await sql(api, 'select 1 from bans where server_id = ?', [server.id])).toHaveLength(0);
      expect((await auditLog(owner, server.id)).filter((e) => e.action === 'MEMBER_BAN')).toEqual([]);
    });

    it("removes the banned user's recent messages when asked, and only theirs", async () => {
      const { server, moderator, subordinate, plain } = await ranked();
      const channelId = server.channels.find((c) => c.type === 'TEXT')!.id;
      const send = (user: TestUser, content: string) =>
        user.client.ok('mutation($c: ID!, $t: String!) { sendMessage(channelId: $c, content: $t) { id } }', { c: channelId, t: content });
      await send(subordinate, 'spam one');
      await send(subordinate, 'spam two');
      await send(plain, 'innocent');
      await moderator.client.ok(BAN, { s: server.id, u: subordinate.id, r: 'spam', d: 3600 });
      expect(await sql(api, 'select 1 from messages where channel_id = ? and author_id = ?', [channelId, subordinate.id])).toHaveLength(0);
      expect(await sql(api, 'select content from messages where channel_id = ?', [channelId])).toEqual([{ content: 'innocent' }]);
      const [entry] = await auditLog(owner, server.id);
      expect(entry).toMatchObject({ action: 'MEMBER_BAN', targetId: subordinate.id, reason: 'spam' });
      expect(changesOf(entry!)).toEqual({ deletedMessages: [0, 2] });
    });

    it('commits as one: the messages go only when the ban itself is written', async () => {
      const { server, moderator, subordinate } = await ranked();
      const channelId = server.channels.find((c) => c.type === 'TEXT')!.id;
      await subordinate.client.ok('mutation($c: ID!) { sendMessage(channelId: $c, content: "doomed") { id } }', { c: channelId });

      // An uncommitted ban row of our own makes the API's ban insert wait inside its transaction.
      const blocker = new pg.Client({ connectionString: inject('databaseUrl') });
      await blocker.connect();
      try {
        await blocker.query('begin');
        await blocker.query('insert into bans (id, server_id, user_id, reason, created_at) values ($1, $2, $3, $4, now())', [
          '1',
          server.id,
          subordinate.id,
          'blocker',
        ]);
        const ban = moderator.client.request(BAN, { s: server.id, u: subordinate.id, d: 3600 });
        await waitForLockWait(api, 'insert into "bans"');
        expect(await sql(api, 'select 1 from messages where channel_id = ? and author_id = ?', [channelId, subordinate.id])).toHaveLength(
          1,
        );
        expect(await isMember(server.id, subordinate.id)).toBe(true);
        await blocker.query('rollback');
        expect((await ban).data).toEqual({ banMember: true });
      } finally {
        await blocker.end();
      }
      expect(await sql(api, 'select 1 from messages where channel_id = ? and author_id = ?', [channelId, subordinate.id])).toHaveLength(0);
    });
  });

  describe('timeoutMember', () => {
    it('leaves a timed-out member exactly VIEW_CHANNEL and READ_MESSAGE_HISTORY, until lifted', async () => {
      const { server, moderator, subordinate, roles } = await ranked();
      const channelId = server.channels.find((c) => c.type === 'TEXT')!.id;
      // Even permissions granted by a role and a channel overwrite are masked.
      await owner.client.ok('mutation($r: ID!, $i: RoleInput!) { updateRole(roleId: $r, input: $i) { id } }', {
        r: roles.junior.id,
        i: { permissions: ['MANAGE_MESSAGES', 'CREATE_INVITE'] },
      });
      await owner.client.ok('mutation($c: ID!, $i: OverwriteInput!) { setChannelOverwrite(channelId: $c, input: $i) { id } }', {
        c: channelId,
        i: { targetType: 'MEMBER', targetId: subordinate.id, allow: ['MANAGE_CHANNELS'], deny: [] },
      });

      const before = Date.now();
      const { timeoutMember } = await moderator.client.ok(TIMEOUT, { s: server.id, u: subordinate.id, t: 600, r: 'cool off' });
      expect(timeoutMember.user.id).toBe(subordinate.id);
      const until = Date.parse(timeoutMember.timedOutUntil);
      expect(until).toBeGreaterThanOrEqual(before + 600_000 - 1000);
      expect(until).toBeLessThanOrEqual(Date.now() + 600_000 + 1000);

      expect(await channelPermissions(subordinate.client, channelId)).toEqual(['VIEW_CHANNEL', 'READ_MESSAGE_HISTORY']);
      expect(await serverPermissions(subordinate.client, server.id)).toEqual(['VIEW_CHANNEL', 'READ_MESSAGE_HISTORY']);
      expectForbidden(
        await subordinate.client.errorOf('mutation($s: ID!) { createInvite(serverId: $s) { code } }', { s: server.id }),
        'CREATE_INVITE',
      );

      const [entry] = await auditLog(owner, server.id);
      expect(entry).toMatchObject({ action: 'MEMBER_TIMEOUT', actor: { id: moderator.id }, targetId: subordinate.id, reason: 'cool off' });
      expect(changesOf(entry!)).toEqual({ timedOutUntil: [null, timeoutMember.timedOutUntil] });

      const lifted = await moderator.client.ok(TIMEOUT, { s: server.id, u: subordinate.id, t: 0 });
      expect(lifted.timeoutMember.timedOutUntil).toBeNull();
      const perms = await channelPermissions(subordinate.client, channelId);
      expect(perms).toEqual(expect.arrayContaining(['SEND_MESSAGES', 'MANAGE_MESSAGES', 'MANAGE_CHANNELS', 'CREATE_INVITE']));
      const [liftEntry] = await auditLog(owner, server.id);
      expect(changesOf(liftEntry!)).toEqual({ timedOutUntil: [timeoutMember.timedOutUntil, null] });
    });

    it('stops applying once the timeout has passed', async () => {
      const { server, moderator, subordinate } = await ranked();
      await moderator.client.ok(TIMEOUT, { s: server.id, u: subordinate.id, t: 60 });
      expect(await serverPermissions(subordinate.client, server.id)).toEqual(['VIEW_CHANNEL', 'READ_MESSAGE_HISTORY']);
      await sql(api, "update members set timed_out_until = now() - interval '1 second' where server_id = ? and user_id = ?", [
        server.id,
        subordinate.id,
      ]);
      // The cached permission inputs still hold the old end; the engine compares it with now.
      await api.services.access.invalidate(server.id, subordinate.id);
      expect(await serverPermissions(subordinate.client, server.id)).toContain('SEND_MESSAGES');
    });

    it('allows up to 28 days, and no more', async () => {
      const { server, moderator, subordinate } = await ranked();
      expectBadInput(await moderator.client.errorOf(TIMEOUT, { s: server.id, u: subordinate.id, t: TWENTY_EIGHT_DAYS + 1 }), 'seconds');
      expectBadInput(await moderator.client.errorOf(TIMEOUT, { s: server.id, u: subordinate.id, t: -5 }), 'seconds');
      expectBadInput(await moderator.client.errorOf(TIMEOUT, { s: server.id, u: subordinate.id, t: 60, r: 'r'.repeat(513) }), 'reason');
      expect(await serverPermissions(subordinate.client, server.id)).toContain('SEND_MESSAGES');
      const { timeoutMember } = await moderator.client.ok(TIMEOUT, { s: server.id, u: subordinate.id, t: TWENTY_EIGHT_DAYS });
      expect(Date.parse(timeoutMember.timedOutUntil)).toBeGreaterThan(Date.now() + (TWENTY_EIGHT_DAYS - 60) * 1000);
    });

    it('refuses an equal or higher role, the owner, oneself, administrators, and members without MODERATE_MEMBERS', async () => {
      const { server, moderator, peer, superior, subordinate, plain } = await ranked();
      for (const target of [peer, superior, owner, moderator]) {
        expectForbidden(await moderator.client.errorOf(TIMEOUT, { s: server.id, u: target.id, t: 60 }), 'MODERATE_MEMBERS');
      }
      expectForbidden(await plain.client.errorOf(TIMEOUT, { s: server.id, u: subordinate.id, t: 60 }), 'MODERATE_MEMBERS');

      const admin = await createRole(owner, server.id, { name: 'Low admin', position: 2, permissions: ['ADMINISTRATOR'] });
      await assignRole(owner, server.id, plain.id, admin.id);
      expectForbidden(await moderator.client.errorOf(TIMEOUT, { s: server.id, u: plain.id, t: 60 }), 'MODERATE_MEMBERS');

      for (const target of [peer, superior, subordinate, plain])
        expect(
          (
            await sql<{ t: unknown }>(api, 'select timed_out_until as t from members where server_id = ? and user_id = ?', [
              server.id,
              target.id,
            ])
          )[0]!.t,
        ).toBeNull();
      expect((await auditLog(owner, server.id)).filter((e) => e.action === 'MEMBER_TIMEOUT')).toEqual([]);
    });

    it('answers NOT_FOUND for non-members', async () => {
      const { server, moderator } = await ranked();
      const stranger = await signUp(api, 'tostranger');
      expect((await moderator.client.errorOf(TIMEOUT, { s: server.id, u: stranger.id, t: 60 })).code).toBe('NOT_FOUND');
      expect((await moderator.client.errorOf(TIMEOUT, { s: server.id, u: 'nobody', t: 60 })).code).toBe('NOT_FOUND');
    });
  });
});
