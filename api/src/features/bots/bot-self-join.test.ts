import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from '../../app.js';
import { createServer, GqlClient, signUp, startTestApi, type TestUser } from '../../../test/harness.js';
import { createInvite, expectForbidden, joinByInvite, joinServer, sql } from '../../../test/fixtures.js';

const CREATE_BOT = 'mutation($n: String!) { createBot(name: $n) { token bot { id } } }';
const ADD = 'mutation($b: ID!, $s: ID!) { addBotToServer(botId: $b, serverId: $s) { user { id } } }';
const CREATE_SERVER = 'mutation($n: String!) { createServer(input: { name: $n }) { id } }';
const JOIN_BY_ID = 'mutation($s: ID!) { joinServer(serverId: $s) { id } }';
const JOIN_BY_CODE = 'mutation($c: String!) { joinServer(inviteCode: $c) { id } }';
const MY_SERVERS = '{ myServers { id } }';
const MEMBER_COUNT = 'query($id: ID!) { server(id: $id) { memberCount } }';
const INVITES = 'query($s: ID!) { invites(serverId: $s) { code uses } }';
const BOT_SERVERS = '{ myBots { id botServers { id } } }';

const refusal = (action: string) => `A bot cannot ${action}: bots are added to a server by a member with MANAGE_SERVER (addBotToServer)`;

describe('a bot never creates or joins a server by itself: a member with MANAGE_SERVER adds it', () => {
  let api: RunningApi;
  let owner: TestUser;
  let bot: { id: string; client: GqlClient };
  /** The server the bot was added to (addBotToServer), a public one and a private one with an invite. */
  let home: string;
  let open: string;
  let closed: string;
  let code: string;

  beforeAll(async () => {
    api = await startTestApi();
    owner = await signUp(api, 'selfjoinowner');
    const created = (await owner.client.ok(CREATE_BOT, { n: 'Wanderer' })).createBot;
    bot = { id: created.bot.id, client: new GqlClient(api.url, `Bot ${created.token}`) };
    home = (await createServer(owner, { name: 'Bot Home' })).id;
    await owner.client.ok(ADD, { b: bot.id, s: home });
    open = (await createServer(owner, { name: 'Open Door' })).id;
    closed = (await createServer(owner, { name: 'Closed Door', isPrivate: true })).id;
    code = await createInvite(owner, closed, 5);
  });
  afterAll(async () => {
    await api?.close();
  });

  const memberCount = async (serverId: string): Promise<number> =>
    (await owner.client.ok(MEMBER_COUNT, { id: serverId })).server.memberCount as number;

  /** What a refusal must leave as it was: memberships, the invite's uses, the servers the bot owns. */
  async function state() {
    const invites = (await owner.client.ok(INVITES, { s: closed })).invites as { code: string; uses: number }[];
    const myBots = (await owner.client.ok(BOT_SERVERS)).myBots as { id: string; botServers: { id: string }[] }[];
    return {
      botsOwnServers: (await bot.client.ok(MY_SERVERS)).myServers,
      botServersToItsOwner: myBots.find((b) => b.id === bot.id)!.botServers,
      openMembers: await memberCount(open),
      closedMembers: await memberCount(closed),
      inviteUses: invites.find((i) => i.code === code)!.uses,
      serversOwnedByBot: await sql(api, 'select id from servers where owner_id = ?', [bot.id]),
    };
  }

  it('createServer and joinServer by id or invite code are FORBIDDEN to it, saying why, and change nothing', async () => {
    const before = await state();
    expect(before.botsOwnServers).toEqual([{ id: home }]);

    const created = await bot.client.errorOf(CREATE_SERVER, { n: 'Bot Made' });
    expectForbidden(created, 'MANAGE_SERVER');
    expect(created.message).toBe(refusal('create a server'));
    for (const [document, variables] of [
      [JOIN_BY_ID, { s: open }],
      [JOIN_BY_CODE, { c: code }],
    ] as const) {
      const joined = await bot.client.errorOf(document, variables);
      expectForbidden(joined, 'MANAGE_SERVER');
      expect(joined.message).toBe(refusal('join a server'));
    }

    expect(await state()).toEqual(before);
    expect(await sql(api, 'select id from servers where name = ?', ['Bot Made'])).toEqual([]);
  });

  it('the services hold the rule: called directly, as workers and scripts do, they refuse the bot too', async () => {
    const before = await state();
    const refused = { code: 'FORBIDDEN', meta: { permission: 'MANAGE_SERVER' } };
    await expect(api.services.servers.create(bot.id, { name: 'Bot Made Directly' })).rejects.toMatchObject(refused);
    await expect(api.services.members.join(bot.id, open, null)).rejects.toMatchObject(refused);
    await expect(api.services.members.join(bot.id, null, code)).rejects.toMatchObject(refused);
    expect(await state()).toEqual(before);
  });

  it('a person still creates a server and joins by id and by invite code', async () => {
    const person = await signUp(api, 'selfjoinperson');
    const before = await state();
    const made = await createServer(person, { name: 'Person Made' });
    await joinServer(person, open);
    await joinByInvite(person, code);

    const mine = (await person.client.ok(MY_SERVERS)).myServers as { id: string }[];
    expect(mine.map((s) => s.id).sort()).toEqual([made.id, open, closed].sort());
    expect(await memberCount(made.id)).toBe(1);
    const after = await state();
    expect(after).toEqual({
      ...before,
      openMembers: before.openMembers + 1,
      closedMembers: before.closedMembers + 1,
      inviteUses: before.inviteUses + 1,
    });
  });
});
