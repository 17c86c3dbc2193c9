import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from '../../app.js';
import { GqlClient, createServer, signUp, startTestApi, type TestUser } from '../../../test/harness.js';
import {
  auditLog,
  changesOf,
  createInvite,
  expectBadInput,
  expectForbidden,
  joinByInvite,
  joinServer,
  sql,
} from '../../../test/fixtures.js';

const CREATE =
  'mutation($s: ID!, $m: Int, $e: Int) { createInvite(serverId: $s, maxUses: $m, expiresInSeconds: $e) { code maxUses uses expiresAt server { id } } }';
const LIST = 'query($s: ID!) { invites(serverId: $s) { code maxUses uses expiresAt } }';
const REVOKE = 'mutation($c: String!) { revokeInvite(code: $c) }';
const JOIN = 'mutation($c: String!) { joinServer(inviteCode: $c) { id } }';

describe('invites', () => {
  let api: RunningApi;
  let owner: TestUser;
  beforeAll(async () => {
    api = await startTestApi();
    owner = await signUp(api, 'invowner');
  });
  afterAll(async () => {
    await api?.close();
  });

  const isMember = async (serverId: string, user: TestUser) =>
    (await sql(api, 'select 1 from members where server_id = ? and user_id = ?', [serverId, user.id])).length === 1;
  const listCodes = async (serverId: string) => (await owner.client.ok(LIST, { s: serverId })).invites.map((i: any) => i.code);

  it('creates an invite (unlimited, one day by default), lists it and audits it', async () => {
    const server = await createServer(owner, { isPrivate: true });
    const before = Date.now();
    const { createInvite: invite } = await owner.client.ok(
      'mutation($s: ID!) { createInvite(serverId: $s) { code maxUses uses expiresAt server { id } } }',
      { s: server.id },
    );
    expect(invite).toMatchObject({ code: expect.stringMatching(/^[A-Za-z0-9]{10}$/), maxUses: 0, uses: 0, server: { id: server.id } });
    const expires = Date.parse(invite.expiresAt);
    expect(expires).toBeGreaterThanOrEqual(before + 86_400_000 - 1000);
    expect(expires).toBeLessThanOrEqual(Date.now() + 86_400_000 + 1000);
    expect((await owner.client.ok(LIST, { s: server.id })).invites).toEqual([
      { code: invite.code, maxUses: 0, uses: 0, expiresAt: invite.expiresAt },
    ]);

    const [entry] = await auditLog(owner, server.id);
    expect(entry).toMatchObject({ action: 'INVITE_CREATE', actor: { id: owner.id } });
    expect(changesOf(entry!)).toMatchObject({ code: [null, invite.code], maxUses: [null, 0] });
  });

  it('names who created each invite', async () => {
    const server = await createServer(owner);
    const member = await signUp(api, 'invmaker');
    await joinServer(member, server.id);
    const mine = (await owner.client.ok(CREATE, { s: server.id })).createInvite.code;
    const theirs = (await member.client.ok(CREATE, { s: server.id })).createInvite.code;
    const { invites } = await owner.client.ok('query($s: ID!) { invites(serverId: $s) { code creator { id username } } }', {
      s: server.id,
    });
    expect(invites).toHaveLength(2);
    expect(invites).toEqual(
      expect.arrayContaining([
        { code: theirs, creator: { id: member.id, username: member.username } },
        { code: mine, creator: { id: owner.id, username: owner.username } },
      ]),
    );
  });

  it('lets a never-expiring invite be made with expiresInSeconds 0', async () => {
    const server = await createServer(owner);
    const { createInvite: invite } = await owner.client.ok(CREATE, { s: server.id, m: 3, e: 0 });
    expect(invite).toMatchObject({ maxUses: 3, expiresAt: null });
  });

  it('lets a private server be joined by invite, counting uses once per new member', async () => {
    const server = await createServer(owner, { isPrivate: true });
    const code = await createInvite(owner, server.id, 5);
    const joiner = await signUp(api, 'invjoin');
    await joinByInvite(joiner, code);
    await joinByInvite(joiner, code);
    expect(await isMember(server.id, joiner)).toBe(true);
    expect((await owner.client.ok(LIST, { s: server.id })).invites).toEqual([expect.objectContaining({ code, uses: 1 })]);
  });

  it('stops working once maxUses is exhausted', async () => {
    const server = await createServer(owner, { isPrivate: true });
    const code = await createInvite(owner, server.id, 2);
    const [a, b, c] = await Promise.all([signUp(api, 'inva'), signUp(api, 'invb'), signUp(api, 'invc')]);
    await joinByInvite(a!, code);
    await joinByInvite(b!, code);
    expect((await c!.client.errorOf(JOIN, { c: code })).code).toBe('NOT_FOUND');
    expect(await isMember(server.id, c!)).toBe(false);
    expect(await listCodes(server.id)).not.toContain(code);
    const [row] = await sql<{ uses: number }>(api, 'select uses from invites where code = ?', [code]);
    expect(row!.uses).toBe(2);
  });

  it('never over-grants its last use to racing joins', async () => {
    const server = await createServer(owner, { isPrivate: true });
    const code = await createInvite(owner, server.id, 1);
    const racers = await Promise.all(Array.from({ length: 6 }, () => signUp(api, 'racer')));
    const results = await Promise.all(racers.map((r) => r.client.request(JOIN, { c: code })));
    expect(results.filter((r) => !r.errors).length).toBe(1);
    expect(results.filter((r) => r.errors?.[0]?.extensions?.code === 'NOT_FOUND').length).toBe(5);
    expect((await owner.client.ok('query($id: ID!) { server(id: $id) { memberCount } }', { id: server.id })).server.memberCount).toBe(2);
  });

  it('stops working once expired', async () => {
    const server = await createServer(owner, { isPrivate: true });
    const code = await createInvite(owner, server.id, 0, 3600);
    await sql(api, "update invites set expires_at = now() - interval '1 second' where code = ?", [code]);
    const late = await signUp(api, 'late');
    expect((await late.client.errorOf(JOIN, { c: code })).code).toBe('NOT_FOUND');
    expect(await isMember(server.id, late)).toBe(false);
    expect(await listCodes(server.id)).not.toContain(code);
  });

  it('stops working once revoked, and the revocation is audited', async () => {
    const server = await createServer(owner, { isPrivate: true });
    const code = await createInvite(owner, server.id);
    expect(await owner.client.ok(REVOKE, { c: code })).toEqual({ revokeInvite: true });
    const joiner = await signUp(api, 'revoked');
    expect((await joiner.client.errorOf(JOIN, { c: code })).code).toBe('NOT_FOUND');
    expect(await isMember(server.id, joiner)).toBe(false);
    expect(await listCodes(server.id)).toEqual([]);
    const [entry] = await auditLog(owner, server.id);
    expect(entry).toMatchObject({ action: 'INVITE_REVOKE', actor: { id: owner.id } });
    expect(changesOf(entry!)).toEqual({ code: [code, null] });
    expect((await owner.client.errorOf(REVOKE, { c: code })).code).toBe('NOT_FOUND');
  });

  it('lets the creator revoke their own invite; others need MANAGE_SERVER', async () => {
    const server = await createServer(owner);
    const [creator, other] = await Promise.all([signUp(api, 'creator'), signUp(api, 'other')]);
    await joinServer(creator, server.id);
    await joinServer(other, server.id);
    const mine = await createInvite(creator, server.id);
    expectForbidden(await other.client.errorOf(REVOKE, { c: mine }), 'MANAGE_SERVER');
    expect(await listCodes(server.id)).toContain(mine);
    expect(await creator.client.ok(REVOKE, { c: mine })).toEqual({ revokeInvite: true });

    const theirs = await createInvite(creator, server.id);
    expect(await owner.client.ok(REVOKE, { c: theirs })).toEqual({ revokeInvite: true });
    expect(await listCodes(server.id)).toEqual([]);
  });

  it('answers NOT_FOUND for unknown codes, and to outsiders of a private server', async () => {
    const server = await createServer(owner, { isPrivate: true });
    const code = await createInvite(owner, server.id);
    const outsider = await signUp(api, 'outsider');
    expect((await outsider.client.errorOf(REVOKE, { c: 'nOsUcHcOdE' })).code).toBe('NOT_FOUND');
    expect((await outsider.client.errorOf(REVOKE, { c: code })).code).toBe('NOT_FOUND');
    expect((await outsider.client.errorOf(JOIN, { c: 'nOsUcHcOdE' })).code).toBe('NOT_FOUND');
    expect((await outsider.client.errorOf(CREATE, { s: server.id })).code).toBe('NOT_FOUND');
    expect((await outsider.client.errorOf(LIST, { s: server.id })).code).toBe('NOT_FOUND');
    expect(await listCodes(server.id)).toEqual([code]);
    expect((await new GqlClient(api.url).errorOf(REVOKE, { c: code })).code).toBe('UNAUTHENTICATED');
  });

  it('needs CREATE_INVITE to create and MANAGE_SERVER to list', async () => {
    const server = await createServer(owner);
    const member = await signUp(api, 'noinv');
    await joinServer(member, server.id);
    expect((await member.client.ok(CREATE, { s: server.id })).createInvite.code).toEqual(expect.any(String));
    expectForbidden(await member.client.errorOf(LIST, { s: server.id }), 'MANAGE_SERVER');

    const everyone = server.roles.find((r) => r.isDefault)!;
    await owner.client.ok('mutation($r: ID!, $i: RoleInput!) { updateRole(roleId: $r, input: $i) { id } }', {
      r: everyone.id,
      i: { permissions: ['VIEW_CHANNEL', 'SEND_MESSAGES'] },
    });
    expectForbidden(await member.client.errorOf(CREATE, { s: server.id }), 'CREATE_INVITE');
    expect(await listCodes(server.id)).toHaveLength(1);
  });

  it.each([
    ['maxUses below 0', { m: -1 }, 'maxUses'],
    ['maxUses above 1000', { m: 1001 }, 'maxUses'],
    ['expiresInSeconds below 0', { e: -1 }, 'expiresInSeconds'],
    ['expiresInSeconds above 30 days', { e: 2_592_001 }, 'expiresInSeconds'],
  ])('refuses %s with BAD_USER_INPUT, creating nothing', async (_label, vars, field) => {
    const server = await createServer(owner);
    expectBadInput(await owner.client.errorOf(CREATE, { s: server.id, ...vars }), field);
    expect(await listCodes(server.id)).toEqual([]);
    expect(await auditLog(owner, server.id)).toEqual([]);
  });
});
