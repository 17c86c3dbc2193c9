import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from '../../app.js';
import { auditLog, joinServer } from '../../../test/fixtures.js';
import { createServer, signUp, startTestApi, type TestUser } from '../../../test/harness.js';
import { ROOMY_LIMITS } from '../../../test/instances.js';
import { MAX_ROLE_MENTIONS } from './mentions.js';

const LIMITS = 'mutation($s: ID!, $i: ServerRateLimitsInput!) { updateServerRateLimits(serverId: $s, input: $i) { channelMessageLimit } }';
const SAY = 'mutation($c: ID!, $t: String!) { sendMessage(channelId: $c, content: $t) { id mentionRoleIds } }';
const EDIT = 'mutation($m: ID!, $t: String!) { editMessage(messageId: $m, content: $t) { id mentionRoleIds } }';
const HISTORY = 'query($c: ID!) { messages(channelId: $c) { messages { id mentionRoleIds } } }';
const MENTIONS = 'query($s: ID!) { server(id: $s) { channels { id mentionCount } } }';
const CREATE_ROLE = 'mutation($s: ID!, $i: RoleInput!) { createRole(serverId: $s, input: $i) { id mentionable } }';
const UPDATE_ROLE = 'mutation($r: ID!, $i: RoleInput!) { updateRole(roleId: $r, input: $i) { id mentionable } }';
const ASSIGN = 'mutation($r: ID!, $s: ID!, $u: ID!) { assignRole(roleId: $r, serverId: $s, userId: $u) { user { id } } }';

describe('role mentions', () => {
  let api: RunningApi;
  let owner: TestUser;
  let member: TestUser;
  let holder: TestUser;
  let serverId: string;
  let channelId: string;
  let everyoneRole: string;
  beforeAll(async () => {
    api = await startTestApi();
    [owner, member, holder] = [await signUp(api, 'rmowner'), await signUp(api, 'rmmember'), await signUp(api, 'rmholder')];
    const server = await createServer(owner, { isPrivate: false });
    serverId = server.id;
    channelId = server.channels.find((c) => c.type === 'TEXT')!.id;
    everyoneRole = server.roles.find((r) => r.isDefault)!.id;
    await owner.client.ok(LIMITS, { s: serverId, i: ROOMY_LIMITS });
    for (const user of [member, holder]) await joinServer(user, serverId);
  });
  afterAll(async () => {
    await api?.close();
  });

  const role = async (name: string, mentionable: boolean) => {
    const id = (await owner.client.ok(CREATE_ROLE, { s: serverId, i: { name, mentionable } })).createRole.id as string;
    await owner.client.ok(ASSIGN, { r: id, s: serverId, u: holder.id });
    return id;
  };
  const say = async (user: TestUser, t: string) =>
    (await user.client.ok(SAY, { c: channelId, t })).sendMessage as { id: string; mentionRoleIds: string[] };
  const mentions = async (user: TestUser) =>
    (await user.client.ok(MENTIONS, { s: serverId })).server.channels.find((c: { id: string }) => c.id === channelId).mentionCount;

  it('mentions a mentionable role for anyone who can send, any role for MENTION_EVERYONE, never @everyone or another server’s', async () => {
    const open = await role('helpers', true);
    const closed = await role('staff', false);
    const other = await createServer(owner);
    const elsewhere = (await owner.client.ok(CREATE_ROLE, { s: other.id, i: { name: 'theirs', mentionable: true } })).createRole.id;

    expect((await say(member, `ping <@&${open}> and <@&${closed}>`)).mentionRoleIds).toEqual([open]);
    expect((await say(owner, `ping <@&${closed}>, <@&${open}>, <@&${closed}>`)).mentionRoleIds).toEqual([closed, open]);
    for (const t of [`<@&${everyoneRole}>`, `<@&${elsewhere}>`, `\`<@&${open}>\` in code`, '<@&123456789>'])
      expect((await say(owner, t)).mentionRoleIds, t).toEqual([]);
    // Read back as sent, from history too.
    const history = (await owner.client.ok(HISTORY, { c: channelId })).messages.messages as { mentionRoleIds: string[] }[];
    expect(history.filter((m) => m.mentionRoleIds.length > 0).map((m) => m.mentionRoleIds)).toEqual([[open], [closed, open]]);
    // At most MAX_ROLE_MENTIONS per message: the rest stay text.
    const many = await Promise.all(Array.from({ length: MAX_ROLE_MENTIONS + 1 }, (_, i) => role(`r${i}`, true)));
    expect((await say(member, many.map((id) => `<@&${id}>`).join(' '))).mentionRoleIds).toEqual(many.slice(0, MAX_ROLE_MENTIONS));
  });

  it("counts in the unread mentions of the role's members only, and an edit can take it out but never put it in", async () => {
    const team = await role('team', true);
    const before = [await mentions(holder), await mentions(member), await mentions(owner)];
    const sent = await say(owner, `<@&${team}> standup in 5`);
    expect([await mentions(holder), await mentions(member), await mentions(owner)]).toEqual([before[0] + 1, before[1], before[2]]);

    const later = await say(owner, 'no mention yet');
    expect((await owner.client.ok(EDIT, { m: later.id, t: `now <@&${team}>` })).editMessage.mentionRoleIds).toEqual([]);
    expect((await owner.client.ok(EDIT, { m: sent.id, t: 'standup cancelled' })).editMessage.mentionRoleIds).toEqual([]);
    expect(await mentions(holder)).toBe(before[0]);
  });

  it('is switched per role by MANAGE_ROLES, audited; the @everyone role cannot be made mentionable', async () => {
    const id = await role('announcements', false);
    expect((await owner.client.ok(UPDATE_ROLE, { r: id, i: { mentionable: true } })).updateRole.mentionable).toBe(true);
    const entry = (await auditLog(owner, serverId)).find((e) => e.action === 'ROLE_UPDATE' && e.targetId === id);
    expect(JSON.stringify(entry)).toContain('mentionable');
    expect((await member.client.errorOf(UPDATE_ROLE, { r: id, i: { mentionable: false } })).code).toBe('FORBIDDEN');
    const refused = await owner.client.errorOf(UPDATE_ROLE, { r: everyoneRole, i: { mentionable: true } });
    expect([refused.code, refused.extensions.field]).toEqual(['BAD_USER_INPUT', 'roleId']);
    expect((await say(member, `<@&${id}>`)).mentionRoleIds).toEqual([id]);
  });
});
