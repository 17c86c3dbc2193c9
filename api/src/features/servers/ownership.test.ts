import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from '../../app.js';
import { createServer, signUp, startTestApi, type TestUser } from '../../../test/harness.js';
import { auditLog, changesOf, expectBadInput, expectForbidden, joinServer, serverPermissions } from '../../../test/fixtures.js';

const TRANSFER = 'mutation($s: ID!, $u: ID!) { transferOwnership(serverId: $s, userId: $u) { id owner { id } } }';

describe('transferOwnership', () => {
  let api: RunningApi;
  let owner: TestUser;
  let heir: TestUser;
  let outsider: TestUser;
  beforeAll(async () => {
    api = await startTestApi();
    [owner, heir, outsider] = await Promise.all([signUp(api, 'oldowner'), signUp(api, 'heir'), signUp(api, 'outsider')]);
  });
  afterAll(async () => {
    await api?.close();
  });

  it('hands the server to a member, who then holds every permission, and audits it', async () => {
    const server = await createServer(owner);
    await joinServer(heir, server.id);
    expect(await serverPermissions(heir.client, server.id)).not.toContain('ADMINISTRATOR');
    const { transferOwnership } = await owner.client.ok(TRANSFER, { s: server.id, u: heir.id });
    expect(transferOwnership.owner.id).toBe(heir.id);
    expect(await serverPermissions(heir.client, server.id)).toContain('MANAGE_SERVER');
    // The old owner is a plain member now: a second transfer is theirs no more.
    expectForbidden(await owner.client.errorOf(TRANSFER, { s: server.id, u: owner.id }), 'OWNER');
    const [entry] = await auditLog(heir, server.id);
    expect(entry!.actor!.id).toBe(owner.id);
    expect(changesOf(entry!)).toEqual({ ownerId: [owner.id, heir.id] });
  });

  it('refuses non-members, bots and oneself with BAD_USER_INPUT, and changes nothing', async () => {
    const server = await createServer(owner);
    expectBadInput(await owner.client.errorOf(TRANSFER, { s: server.id, u: outsider.id }), 'userId');
    expectBadInput(await owner.client.errorOf(TRANSFER, { s: server.id, u: owner.id }), 'userId');
    const { createBot } = await owner.client.ok('mutation { createBot(name: "Heirbot") { bot { id } } }');
    await owner.client.ok('mutation($b: ID!, $s: ID!) { addBotToServer(botId: $b, serverId: $s) { user { id } } }', {
      b: createBot.bot.id,
      s: server.id,
    });
    expectBadInput(await owner.client.errorOf(TRANSFER, { s: server.id, u: createBot.bot.id }), 'userId');
    const still = await owner.client.ok('query($id: ID!) { server(id: $id) { owner { id } } }', { id: server.id });
    expect(still.server.owner.id).toBe(owner.id);
  });
});
