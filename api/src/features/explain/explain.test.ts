import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from '../../app.js';
import { signUp, startTestApi, type TestUser } from '../../../test/harness.js';
import { channelPermissions, expectBadInput, expectForbidden, rankedServer } from '../../../test/fixtures.js';

const EXPLAIN = `query($s: ID!, $u: ID, $r: ID, $c: ID) {
  explainPermissions(serverId: $s, userId: $u, roleId: $r, channelId: $c) {
    userId roleId channelId timedOutUntil visibleChannelIds decisions { permission allowed reason roleIds }
  }
}`;

interface Decision {
  permission: string;
  allowed: boolean;
  reason: string;
  roleIds: string[];
}

describe('explainPermissions', () => {
  let api: RunningApi;
  let owner: TestUser;
  let world: Awaited<ReturnType<typeof rankedServer>>;
  let privateChannelId: string;

  beforeAll(async () => {
    api = await startTestApi();
    owner = await signUp(api, 'explainowner');
    world = await rankedServer(api, owner, ['MANAGE_MESSAGES', 'MANAGE_ROLES']);
    const created = await owner.client.ok(
      'mutation($s: ID!) { createChannel(input: { serverId: $s, name: "staff", type: TEXT, isPrivate: true }) { id } }',
      { s: world.server.id },
    );
    privateChannelId = created.createChannel.id;
    await owner.client.ok('mutation($c: ID!, $i: OverwriteInput!) { setChannelOverwrite(channelId: $c, input: $i) { id } }', {
      c: privateChannelId,
      i: { targetType: 'ROLE', targetId: world.roles.mod.id, allow: ['VIEW_CHANNEL'], deny: [] },
    });
  });
  afterAll(async () => {
    await api?.close();
  });

  const explain = async (client: TestUser, vars: Record<string, unknown>) =>
    (await client.client.ok(EXPLAIN, { s: world.server.id, ...vars })).explainPermissions as {
      decisions: Decision[];
      visibleChannelIds: string[];
      timedOutUntil: string | null;
    };
  const of = (decisions: Decision[], permission: string) => decisions.find((d) => d.permission === permission)!;

  it('names the role overwrite that opens a private channel, and the privacy that hides it from others', async () => {
    const mod = await explain(owner, { u: world.moderator.id, c: privateChannelId });
    expect(of(mod.decisions, 'VIEW_CHANNEL')).toEqual({
      permission: 'VIEW_CHANNEL',
      allowed: true,
      reason: 'ROLE_OVERWRITE',
      roleIds: [world.roles.mod.id],
    });
    const plain = await explain(owner, { u: world.plain.id, c: privateChannelId });
    expect(of(plain.decisions, 'VIEW_CHANNEL')).toMatchObject({ allowed: false, reason: 'PRIVATE_CHANNEL' });
    expect(of(plain.decisions, 'SEND_MESSAGES')).toMatchObject({ allowed: false, reason: 'NO_VIEW_CHANNEL' });
    // The sidebar preview: the moderator sees the private channel, the plain member does not.
    expect(mod.visibleChannelIds).toContain(privateChannelId);
    expect(plain.visibleChannelIds).not.toContain(privateChannelId);
  });

  it('agrees with what the API enforces for that member', async () => {
    const explained = await explain(owner, { u: world.moderator.id, c: privateChannelId });
    const enforced = await channelPermissions(world.moderator.client, privateChannelId);
    expect(explained.decisions.filter((d) => d.allowed).map((d) => d.permission)).toEqual(enforced);
  });

  it('explains a role as if a plain member held it alone, and the owner as OWNER', async () => {
    const role = await explain(owner, { r: world.roles.mod.id });
    expect(of(role.decisions, 'MANAGE_ROLES')).toEqual({
      permission: 'MANAGE_ROLES',
      allowed: true,
      reason: 'ROLE',
      roleIds: [world.roles.mod.id],
    });
    expect(of(role.decisions, 'SEND_MESSAGES')).toMatchObject({ reason: 'EVERYONE_ROLE' });
    const self = await explain(owner, { u: owner.id });
    expect(of(self.decisions, 'BAN_MEMBERS')).toMatchObject({ allowed: true, reason: 'OWNER' });
  });

  it('names a timeout', async () => {
    await owner.client.ok('mutation($s: ID!, $u: ID!) { timeoutMember(serverId: $s, userId: $u, seconds: 600) { timedOutUntil } }', {
      s: world.server.id,
      u: world.subordinate.id,
    });
    const explained = await explain(owner, { u: world.subordinate.id });
    expect(explained.timedOutUntil).not.toBeNull();
    expect(of(explained.decisions, 'SEND_MESSAGES')).toMatchObject({ allowed: false, reason: 'TIMEOUT' });
  });

  it('lets members ask about themselves only, and hides channels the asker cannot see', async () => {
    const own = await explain(world.plain, { u: world.plain.id });
    expect(of(own.decisions, 'SEND_MESSAGES')).toMatchObject({ allowed: true });
    expectForbidden(await world.plain.client.errorOf(EXPLAIN, { s: world.server.id, u: world.moderator.id }), 'MANAGE_ROLES');
    const hidden = await world.plain.client.errorOf(EXPLAIN, { s: world.server.id, u: world.plain.id, c: privateChannelId });
    expect(hidden.code).toBe('NOT_FOUND');
  });

  it('refuses neither or both of userId and roleId with BAD_USER_INPUT', async () => {
    expectBadInput(await owner.client.errorOf(EXPLAIN, { s: world.server.id }), 'userId');
    expectBadInput(await owner.client.errorOf(EXPLAIN, { s: world.server.id, u: owner.id, r: world.roles.mod.id }), 'userId');
  });
});
