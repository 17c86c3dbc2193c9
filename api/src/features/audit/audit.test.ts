import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from '../../app.js';
import { GqlClient, createServer, signUp, startTestApi, type TestUser } from '../../../test/harness.js';
import {
  AUDIT_FIELDS,
  assignRole,
  auditLog,
  createInvite,
  createRole,
  expectBadInput,
  expectForbidden,
  expectMalformedIdRefused,
  joinServer,
  type AuditEntry,
} from '../../../test/fixtures.js';

const AUDIT = `query($s: ID!, $b: ID, $l: Int) { auditLog(serverId: $s, before: $b, limit: $l) { ${AUDIT_FIELDS} } }`;

describe('audit log', () => {
  let api: RunningApi;
  let owner: TestUser;
  beforeAll(async () => {
    api = await startTestApi();
    owner = await signUp(api, 'auditowner');
  });
  afterAll(async () => {
    await api?.close();
  });

  it('records every admin and moderation action with actor, target, reason and changes', async () => {
    const server = await createServer(owner);
    const [alice, bob, carol] = await Promise.all([signUp(api, 'alice'), signUp(api, 'bob'), signUp(api, 'carol')]);
    for (const user of [alice!, bob!, carol!]) await joinServer(user, server.id);
    const c = owner.client;
    const general = server.channels.find((ch) => ch.type === 'TEXT')!;

    await c.ok('mutation($id: ID!) { updateServer(id: $id, input: { description: "audited" }) { id } }', { id: server.id });
    const channel = (
      await c.ok('mutation($s: ID!) { createChannel(input: { serverId: $s, type: TEXT, name: "logged" }) { id } }', { s: server.id })
    ).createChannel;
    await c.ok('mutation($id: ID!) { updateChannel(id: $id, input: { name: "logged-too" }) { id } }', { id: channel.id });
    await c.ok(
      'mutation($c: ID!, $u: ID!) { setChannelOverwrite(channelId: $c, input: { targetType: MEMBER, targetId: $u, allow: [], deny: [SEND_MESSAGES] }) { id } }',
      { c: general.id, u: alice!.id },
    );
    await c.ok('mutation($c: ID!, $u: ID!) { removeChannelOverwrite(channelId: $c, targetType: MEMBER, targetId: $u) { id } }', {
      c: general.id,
      u: alice!.id,
    });
    await c.ok('mutation($id: ID!) { deleteChannel(id: $id) }', { id: channel.id });
    const role = await createRole(owner, server.id, { name: 'Audited' });
    await c.ok('mutation($r: ID!) { updateRole(roleId: $r, input: { color: "#FF0000" }) { id } }', { r: role.id });
    await assignRole(owner, server.id, alice!.id, role.id);
    await c.ok('mutation($s: ID!, $u: ID!, $r: ID!) { removeRole(serverId: $s, userId: $u, roleId: $r) { nickname } }', {
      s: server.id,
      u: alice!.id,
      r: role.id,
    });
    await c.ok('mutation($r: ID!) { deleteRole(roleId: $r) }', { r: role.id });
    await c.ok('mutation($s: ID!, $u: ID!) { setNickname(serverId: $s, userId: $u, nickname: "Al") { nickname } }', {
      s: server.id,
      u: alice!.id,
    });
    await c.ok('mutation($s: ID!, $u: ID!) { timeoutMember(serverId: $s, userId: $u, seconds: 60, reason: "calm") { nickname } }', {
      s: server.id,
      u: alice!.id,
    });
    await c.ok('mutation($s: ID!, $u: ID!) { kickMember(serverId: $s, userId: $u, reason: "bye") }', { s: server.id, u: bob!.id });
    await c.ok('mutation($s: ID!, $u: ID!) { banMember(serverId: $s, userId: $u, reason: "gone") }', { s: server.id, u: carol!.id });
    await c.ok('mutation($s: ID!, $u: ID!) { unbanMember(serverId: $s, userId: $u) }', { s: server.id, u: carol!.id });
    const code = await createInvite(owner, server.id, 1, 60);
    await c.ok('mutation($c: String!) { revokeInvite(code: $c) }', { c: code });

    const entries = (await auditLog(owner, server.id)).reverse();
    const summary = entries.map((e) => [e.action, e.actor?.id, e.targetId, e.reason]);
    expect(summary).toEqual([
      ['SERVER_UPDATE', owner.id, server.id, null],
      ['CHANNEL_CREATE', owner.id, channel.id, null],
      ['CHANNEL_UPDATE', owner.id, channel.id, null],
      ['CHANNEL_OVERWRITE_SET', owner.id, general.id, null],
      ['CHANNEL_OVERWRITE_REMOVE', owner.id, general.id, null],
      ['CHANNEL_DELETE', owner.id, channel.id, null],
      ['ROLE_CREATE', owner.id, role.id, null],
      ['ROLE_UPDATE', owner.id, role.id, null],
      ['MEMBER_ROLE_ADD', owner.id, alice!.id, null],
      ['MEMBER_ROLE_REMOVE', owner.id, alice!.id, null],
      ['ROLE_DELETE', owner.id, role.id, null],
      ['MEMBER_NICKNAME', owner.id, alice!.id, null],
      ['MEMBER_TIMEOUT', owner.id, alice!.id, 'calm'],
      ['MEMBER_KICK', owner.id, bob!.id, 'bye'],
      ['MEMBER_BAN', owner.id, carol!.id, 'gone'],
      ['MEMBER_UNBAN', owner.id, carol!.id, null],
      ['INVITE_CREATE', owner.id, null, null],
      ['INVITE_REVOKE', owner.id, null, null],
    ]);
    const changes = Object.fromEntries(entries.map((e) => [e.action, JSON.parse(e.changes ?? 'null')]));
    expect(changes).toMatchObject({
      SERVER_UPDATE: { description: ['', 'audited'] },
      CHANNEL_UPDATE: { name: ['logged', 'logged-too'] },
      ROLE_UPDATE: { color: ['#99AAB5', '#FF0000'] },
      MEMBER_NICKNAME: { nickname: [null, 'Al'] },
      MEMBER_TIMEOUT: { timedOutUntil: [null, expect.any(String)] },
      INVITE_CREATE: { code: [null, code], maxUses: [null, 1], expiresInSeconds: [null, 60] },
      INVITE_REVOKE: { code: [code, null] },
    });
    for (const entry of entries) expect(Date.parse(entry.createdAt)).not.toBeNaN();
  });

  it('pages newest first with before, without gaps or repeats', async () => {
    const server = await createServer(owner);
    for (let i = 1; i <= 7; i += 1) {
      await owner.client.ok('mutation($id: ID!, $d: String!) { updateServer(id: $id, input: { description: $d }) { id } }', {
        id: server.id,
        d: `v${i}`,
      });
    }
    const all = await auditLog(owner, server.id);
    expect(all.map((e) => JSON.parse(e.changes!).description[1])).toEqual(['v7', 'v6', 'v5', 'v4', 'v3', 'v2', 'v1']);
    const ids = all.map((e) => BigInt(e.id));
    expect(ids.every((id, i) => i === 0 || id < ids[i - 1]!)).toBe(true);

    const pages: AuditEntry[][] = [];
    let before: string | undefined;
    for (;;) {
      const page = await auditLog(owner, server.id, 3, before);
      if (page.length === 0) break;
      pages.push(page);
      before = page.at(-1)!.id;
    }
    expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
    expect(pages.flat().map((e) => e.id)).toEqual(all.map((e) => e.id));
  });

  it('keeps each server to its own entries', async () => {
    const a = await createServer(owner);
    const b = await createServer(owner);
    await createRole(owner, a.id, { name: 'Only in A' });
    expect((await auditLog(owner, a.id)).map((e) => e.action)).toEqual(['ROLE_CREATE']);
    expect(await auditLog(owner, b.id)).toEqual([]);
  });

  it('needs MANAGE_SERVER to read; outsiders of a private server get NOT_FOUND, anonymous callers UNAUTHENTICATED', async () => {
    const server = await createServer(owner);
    const member = await signUp(api, 'reader');
    await joinServer(member, server.id);
    expectForbidden(await member.client.errorOf(AUDIT, { s: server.id }), 'MANAGE_SERVER');
    const role = await createRole(owner, server.id, { name: 'Auditor', permissions: ['MANAGE_SERVER'] });
    await assignRole(owner, server.id, member.id, role.id);
    expect((await member.client.ok(AUDIT, { s: server.id })).auditLog.map((e: AuditEntry) => e.action)).toEqual([
      'MEMBER_ROLE_ADD',
      'ROLE_CREATE',
    ]);

    const hidden = await createServer(owner, { isPrivate: true });
    expect((await member.client.errorOf(AUDIT, { s: hidden.id })).code).toBe('NOT_FOUND');
    expect((await new GqlClient(api.url).errorOf(AUDIT, { s: server.id })).code).toBe('UNAUTHENTICATED');
  });

  it('refuses a bad page size or cursor naming the argument', async () => {
    const server = await createServer(owner);
    expectBadInput(await owner.client.errorOf(AUDIT, { s: server.id, l: 0 }), 'limit');
    expectBadInput(await owner.client.errorOf(AUDIT, { s: server.id, l: 101 }), 'limit');
    expectMalformedIdRefused(await owner.client.errorOf(AUDIT, { s: server.id, b: 'yesterday' }), 'before');
    expectMalformedIdRefused(await owner.client.errorOf(AUDIT, { s: server.id, b: '99999999999999999999' }), 'before');
  });

  it('writes no entry for a mutation that failed', async () => {
    const server = await createServer(owner);
    const member = await signUp(api, 'failing');
    await joinServer(member, server.id);
    await owner.client.errorOf('mutation($s: ID!) { createRole(serverId: $s, input: { name: "Bad", color: "purple" }) { id } }', {
      s: server.id,
    });
    await owner.client.errorOf('mutation($s: ID!) { createChannel(input: { serverId: $s, type: TEXT, name: "" }) { id } }', {
      s: server.id,
    });
    await owner.client.errorOf('mutation($s: ID!, $u: ID!) { timeoutMember(serverId: $s, userId: $u, seconds: 99999999) { nickname } }', {
      s: server.id,
      u: member.id,
    });
    await member.client.errorOf('mutation($s: ID!, $u: ID!) { kickMember(serverId: $s, userId: $u) }', { s: server.id, u: owner.id });
    await owner.client.errorOf('mutation($s: ID!, $u: ID!) { unbanMember(serverId: $s, userId: $u) }', { s: server.id, u: member.id });
    expect(await auditLog(owner, server.id)).toEqual([]);
  });
});
