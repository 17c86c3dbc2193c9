import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RunningApi } from '../../app.js';
import { createServer, signUp, startTestApi, type TestUser } from '../../../test/harness.js';
import { assignRole, createInvite, createRole, joinServer } from '../../../test/fixtures.js';

interface Target {
  kind: string;
  id: string;
  name: string | null;
}
interface Entry {
  action: string;
  targetId: string | null;
  target: Target | null;
  mentions: Target[];
}

const LOG = `query($s: ID!) { auditLog(serverId: $s, limit: 100) {
  action targetId target { kind id name } mentions { kind id name } } }`;

describe('audit targets', () => {
  let api: RunningApi;
  let owner: TestUser;
  beforeAll(async () => {
    api = await startTestApi();
    owner = await signUp(api, 'targetowner');
  });
  afterAll(async () => {
    await api?.close();
  });

  const log = async (serverId: string, reader = owner) => ((await reader.client.ok(LOG, { s: serverId })).auditLog as Entry[]).reverse();

  it('names each target by kind, whether or not it is still a member, and keeps the id of what is gone', async () => {
    const server = await createServer(owner, { name: 'Named Server' });
    const [alice, carol] = await Promise.all([signUp(api, 'alice'), signUp(api, 'carol')]);
    await joinServer(alice, server.id);
    await joinServer(carol, server.id);
    const c = owner.client;
    const general = server.channels.find((ch) => ch.type === 'TEXT')!;

    await c.ok('mutation($id: ID!) { updateServer(id: $id, input: { description: "named" }) { id } }', { id: server.id });
    const lobby = (
      await c.ok('mutation($s: ID!) { createChannel(input: { serverId: $s, type: TEXT, name: "lobby" }) { id } }', { s: server.id })
    ).createChannel;
    const gone = (
      await c.ok('mutation($s: ID!) { createChannel(input: { serverId: $s, type: TEXT, name: "gone" }) { id } }', { s: server.id })
    ).createChannel;
    await c.ok('mutation($id: ID!) { deleteChannel(id: $id) }', { id: gone.id });
    const mods = await createRole(owner, server.id, { name: 'Moderators' });
    await assignRole(owner, server.id, alice.id, mods.id);
    await c.ok(
      'mutation($c: ID!, $r: ID!) { setChannelOverwrite(channelId: $c, input: { targetType: ROLE, targetId: $r, allow: [], deny: [SEND_MESSAGES] }) { id } }',
      { c: general.id, r: mods.id },
    );
    const code = await createInvite(owner, server.id);
    await c.ok('mutation($s: ID!, $u: ID!) { banMember(serverId: $s, userId: $u, reason: "spam") }', { s: server.id, u: carol.id });
    const message = (await alice.client.ok('mutation($c: ID!) { sendMessage(channelId: $c, content: "rude") { id } }', { c: lobby.id }))
      .sendMessage;
    await c.ok('mutation($m: ID!) { deleteMessage(messageId: $m) }', { m: message.id });
    const { bot } = (await c.ok('mutation { createBot(name: "Helper") { bot { id displayName } } }')).createBot;
    await c.ok('mutation($b: ID!, $s: ID!) { addBotToServer(botId: $b, serverId: $s) { user { id } } }', { b: bot.id, s: server.id });
    await c.ok('mutation($s: ID!, $r: [ID!]!) { reorderChannels(serverId: $s, channelIds: $r) { id } }', {
      s: server.id,
      r: [lobby.id, ...server.channels.map((ch) => ch.id)],
    });
    await c.ok('mutation($s: ID!, $u: ID!) { transferOwnership(serverId: $s, userId: $u) { id } }', { s: server.id, u: alice.id });

    const entries = await log(server.id, alice);
    expect(entries.map((e) => [e.action, e.target])).toEqual([
      ['SERVER_UPDATE', { kind: 'SERVER', id: server.id, name: 'Named Server' }],
      ['CHANNEL_CREATE', { kind: 'CHANNEL', id: lobby.id, name: 'lobby' }],
      ['CHANNEL_CREATE', { kind: 'CHANNEL', id: gone.id, name: null }],
      ['CHANNEL_DELETE', { kind: 'CHANNEL', id: gone.id, name: null }],
      ['ROLE_CREATE', { kind: 'ROLE', id: mods.id, name: 'Moderators' }],
      ['MEMBER_ROLE_ADD', { kind: 'USER', id: alice.id, name: alice.username }],
      ['CHANNEL_OVERWRITE_SET', { kind: 'CHANNEL', id: general.id, name: general.name }],
      ['INVITE_CREATE', { kind: 'INVITE', id: code, name: code }],
      ['MEMBER_BAN', { kind: 'USER', id: carol.id, name: carol.username }],
      ['MESSAGE_DELETE', { kind: 'USER', id: alice.id, name: alice.username }],
      ['BOT_ADD', { kind: 'BOT', id: bot.id, name: bot.displayName }],
      ['CHANNEL_REORDER', null],
      // A transfer is a change of the server (its owner); the new owner is named among the mentions.
      ['SERVER_UPDATE', { kind: 'SERVER', id: server.id, name: 'Named Server' }],
    ]);
    // The contract's targetId stays the raw id.
    expect(entries.find((e) => e.action === 'MEMBER_BAN')!.targetId).toBe(carol.id);

    const mentions = Object.fromEntries(entries.map((e) => [e.action, e.mentions]));
    expect(mentions).toMatchObject({
      MEMBER_ROLE_ADD: [{ kind: 'ROLE', id: mods.id, name: 'Moderators' }],
      CHANNEL_OVERWRITE_SET: [{ kind: 'ROLE', id: mods.id, name: 'Moderators' }],
      MESSAGE_DELETE: [{ kind: 'CHANNEL', id: lobby.id, name: 'lobby' }],
      MEMBER_BAN: [],
      SERVER_UPDATE: [
        { kind: 'USER', id: owner.id, name: owner.username },
        { kind: 'USER', id: alice.id, name: alice.username },
      ],
    });
  });

  it('resolves a page of targets with one lookup per kind, not one per entry', async () => {
    const server = await createServer(owner);
    const users = await Promise.all([1, 2, 3, 4].map(() => signUp(api, 'many')));
    for (const user of users) await joinServer(user, server.id);
    const roles = [];
    for (const name of ['A', 'B', 'C']) roles.push(await createRole(owner, server.id, { name }));
    for (const user of users) await assignRole(owner, server.id, user.id, roles[0]!.id);

    const userLookups = vi.spyOn(api.services.users, 'byIds');
    const roleLookups = vi.spyOn(api.services.roles, 'byIds');
    try {
      const entries = await log(server.id);
      expect(entries.filter((e) => e.target?.name).length).toBe(7);
      expect(userLookups).toHaveBeenCalledTimes(1);
      expect(roleLookups).toHaveBeenCalledTimes(1);
    } finally {
      userLookups.mockRestore();
      roleLookups.mockRestore();
    }
  });
});
