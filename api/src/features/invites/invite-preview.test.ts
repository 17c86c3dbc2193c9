import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from '../../app.js';
import { GqlClient, createServer, signUp, startTestApi, type TestUser } from '../../../test/harness.js';
import { createInvite, joinByInvite, sql } from '../../../test/fixtures.js';

const PREVIEW =
  'query($c: String!) { invitePreview(code: $c) { code serverId serverName serverDescription memberCount alreadyMember expiresAt } }';

describe('invite preview', () => {
  let api: RunningApi;
  let owner: TestUser;
  beforeAll(async () => {
    api = await startTestApi();
    owner = await signUp(api, 'prevowner');
  });
  afterAll(async () => {
    await api?.close();
  });

  it("shows the server's name and member count to anyone, without signing in", async () => {
    const server = await createServer(owner, { name: 'Preview Club', description: 'We preview', isPrivate: true });
    const code = await createInvite(owner, server.id);
    const { invitePreview } = await new GqlClient(api.url).ok(PREVIEW, { c: code });
    expect(invitePreview).toMatchObject({
      code,
      serverId: server.id,
      serverName: 'Preview Club',
      serverDescription: 'We preview',
      memberCount: 1,
      alreadyMember: false,
    });
  });

  it('tells a member they are already in, and counts joins', async () => {
    const server = await createServer(owner, { isPrivate: true });
    const code = await createInvite(owner, server.id);
    const guest = await signUp(api, 'prevguest');
    expect((await guest.client.ok(PREVIEW, { c: code })).invitePreview.alreadyMember).toBe(false);
    await joinByInvite(guest, code);
    const { invitePreview } = await guest.client.ok(PREVIEW, { c: code });
    expect(invitePreview).toMatchObject({ alreadyMember: true, memberCount: 2 });
  });

  it('is null for an unknown, malformed, expired or used-up code', async () => {
    const server = await createServer(owner, { isPrivate: true });
    const anon = new GqlClient(api.url);
    expect((await anon.ok(PREVIEW, { c: 'NoSuchCode1' })).invitePreview).toBeNull();
    expect((await anon.ok(PREVIEW, { c: "x'; drop table invites; --" })).invitePreview).toBeNull();

    const expired = await createInvite(owner, server.id);
    await sql(api, "update invites set expires_at = now() - interval '1 minute' where code = ?", [expired]);
    expect((await anon.ok(PREVIEW, { c: expired })).invitePreview).toBeNull();

    const once = await createInvite(owner, server.id, 1);
    await joinByInvite(await signUp(api, 'prevonce'), once);
    expect((await anon.ok(PREVIEW, { c: once })).invitePreview).toBeNull();
  });
});

describe('Server.myMember', () => {
  let api: RunningApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => {
    await api?.close();
  });

  it("is the caller's membership with its timeout end, and null for a non-member of a public server", async () => {
    const owner = await signUp(api, 'mmowner');
    const server = await createServer(owner, { isPrivate: false });
    const member = await signUp(api, 'mmmember');
    await member.client.ok('mutation($s: ID!) { joinServer(serverId: $s) { id } }', { s: server.id });
    await owner.client.ok('mutation($s: ID!, $u: ID!) { timeoutMember(serverId: $s, userId: $u, seconds: 600) { timedOutUntil } }', {
      s: server.id,
      u: member.id,
    });
    const QUERY = 'query($s: ID!) { server(id: $s) { myMember { timedOutUntil user { id } } } }';
    const mine = (await member.client.ok(QUERY, { s: server.id })).server.myMember;
    expect(mine.user.id).toBe(member.id);
    expect(new Date(mine.timedOutUntil).getTime()).toBeGreaterThan(Date.now() + 500_000);
    expect((await owner.client.ok(QUERY, { s: server.id })).server.myMember).toMatchObject({ timedOutUntil: null, user: { id: owner.id } });

    const stranger = await signUp(api, 'mmstranger');
    const result = await stranger.client.request(QUERY, { s: server.id });
    expect(result.data?.server?.myMember ?? null).toBeNull();
  });
});
