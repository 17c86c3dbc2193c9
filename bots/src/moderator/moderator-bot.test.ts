import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from '../../../api/src/app.js';
import { auditLog, eventually } from '../../../api/test/fixtures.js';
import { signUp, startTestApi, type TestUser } from '../../../api/test/harness.js';
import { startWorkers, type WorkerProcess } from '../../../api/test/processes.js';
import { botWorld, channelContents, SEND, startBot, type BotWorld } from '../../test/bot-world.js';
import type { BotClient } from '../index.js';
import { moderatorSchema } from './moderator-config.js';
import { BotSetupError } from '../sdk/bot-setup-error.js';
import { ModeratorBot } from './moderator-bot.js';

const MOD_PERMISSIONS = ['MANAGE_MESSAGES', 'MODERATE_MEMBERS'];

describe('moderator bot against the real API and workers', () => {
  let api: RunningApi;
  let workers: WorkerProcess;
  let owner: TestUser;
  beforeAll(async () => {
    api = await startTestApi();
    workers = await startWorkers(api.services.config.REDIS_KEY_PREFIX);
    owner = await signUp(api, 'modowner');
  });
  afterAll(async () => {
    await workers?.stop();
    await api?.close();
  });

  /** A server with the bot (able to moderate), a mod-log channel, a member, and the bot running `config`. */
  async function moderated(extra: { dryRun?: boolean } = {}) {
    const world = await botWorld(api, owner, MOD_PERMISSIONS);
    const modLog = await owner.client.ok('mutation($i: CreateChannelInput!) { createChannel(input: $i) { id } }', {
      i: { serverId: world.serverId, name: 'mod-log', type: 'TEXT' },
    });
    const member = await signUp(api, 'modmember');
    await member.client.ok('mutation($s: ID!) { joinServer(serverId: $s) { id } }', { s: world.serverId });
    const client = await startBot(api.url, world.token);
    const config = moderatorSchema.parse({
      dryRun: extra.dryRun ?? false,
      servers: [
        {
          serverId: world.serverId,
          modLogChannelId: modLog.createChannel.id,
          rules: { blockedWords: ['badword'] },
          actions: { delete: true, warn: true, timeout: { strikes: 3, windowSeconds: 600, seconds: 300 } },
        },
      ],
    });
    new ModeratorBot(client, config).start();
    return { world, member, client, modLogId: modLog.createChannel.id as string };
  }

  const contents = (channelId: string) => channelContents(owner, channelId);

  it('deletes a blocked-word message, warns and reports with the reason; the third strike times the author out', async () => {
    const { world, member, client } = await moderated();
    try {
      await member.client.ok(SEND, { c: world.channelId, t: 'hello everyone' });
      for (let strike = 1; strike <= 3; strike += 1) {
        await member.client.ok(SEND, { c: world.channelId, t: `this is a badword number ${strike}` });
        await eventually(
          async () => expect((await contents(world.channelId)).filter((c) => c.includes('badword number'))).toEqual([]),
          5000,
        );
      }
      // TIMED_OUT on the next send.
      await eventually(
        async () => expect((await member.client.errorOf(SEND, { c: world.channelId, t: 'let me talk' })).code).toBe('TIMED_OUT'),
        5000,
      );
      const channel = await contents(world.channelId);
      expect(channel[0]).toBe('hello everyone');
      expect(channel.filter((c) => c.includes('your message broke a rule: blocked word "badword"'))).toHaveLength(3);

      const log = (await auditLog(owner, world.serverId)).filter((e) => e.actor?.id === world.botId);
      expect(log.filter((e) => e.action === 'MESSAGE_DELETE')).toHaveLength(3);
      expect(log.find((e) => e.action === 'MEMBER_TIMEOUT')).toMatchObject({
        targetId: member.id,
        reason: 'automod: 3 strikes (last: blocked word "badword")',
      });
    } finally {
      await client.destroy();
    }
  });

  it('posts each action to the mod-log with its reason', async () => {
    const { world, member, client, modLogId } = await moderated();
    try {
      await member.client.ok(SEND, { c: world.channelId, t: 'badword' });
      await eventually(
        async () =>
          expect(await contents(modLogId)).toEqual([
            `deleted a message from <@${member.id}> in <#${world.channelId}>: blocked word "badword"`,
          ]),
        5000,
      );
    } finally {
      await client.destroy();
    }
  });

  it('an edit that brings in a blocked word is caught too', async () => {
    const { world, member, client } = await moderated();
    try {
      const { sendMessage } = await member.client.ok(SEND, { c: world.channelId, t: 'an innocent message' });
      await member.client.ok('mutation($m: ID!, $t: String!) { editMessage(messageId: $m, content: $t) { id } }', {
        m: sendMessage.id,
        t: 'now a badword',
      });
      await eventually(async () => expect(await contents(world.channelId)).not.toContain('now a badword'), 5000);
    } finally {
      await client.destroy();
    }
  });

  it('dry run only reports: nothing is deleted and nobody is timed out', async () => {
    const { world, member, client, modLogId } = await moderated({ dryRun: true });
    try {
      for (let i = 0; i < 3; i += 1) await member.client.ok(SEND, { c: world.channelId, t: `badword ${i}` });
      await eventually(async () => expect(await contents(modLogId)).toHaveLength(3), 5000);
      expect((await contents(modLogId))[0]).toBe(
        `[dry run] would act on a message from <@${member.id}> in <#${world.channelId}>: blocked word "badword"`,
      );
      expect(await contents(world.channelId)).toEqual(['badword 0', 'badword 1', 'badword 2']);
      await member.client.ok(SEND, { c: world.channelId, t: 'still allowed to talk' });
    } finally {
      await client.destroy();
    }
  });

  it('refuses at start a mod-log channel the bot cannot see, naming the field', async () => {
    const world: BotWorld = await botWorld(api, owner, MOD_PERMISSIONS);
    const other = await botWorld(api, owner);
    const client: BotClient = await startBot(api.url, world.token);
    try {
      const config = moderatorSchema.parse({ servers: [{ serverId: world.serverId, modLogChannelId: other.channelId, rules: {} }] });
      expect(() => new ModeratorBot(client, config).start()).toThrow(BotSetupError);
      expect(() => new ModeratorBot(client, config).start()).toThrow(
        /^moderator\.servers\[0\]\.modLogChannelId: the bot cannot see channel/,
      );
      const notMember = moderatorSchema.parse({ servers: [{ serverId: other.serverId, rules: {} }] });
      expect(() => new ModeratorBot(client, notMember).start()).toThrow(
        /^moderator\.servers\[0\]\.serverId: the bot is not a member .*; a member with Manage Server adds it there \(addBotToServer\)$/,
      );
    } finally {
      await client.destroy();
    }
  });
});
