import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../../api/test/fixtures.js';
import { signUp, type TestUser } from '../../../api/test/harness.js';
import { apisSharingABus, botWorld, channelContents, SEND, startBot } from '../../test/bot-world.js';
import { moderatorSchema } from './moderator-config.js';
import { ModeratorBot } from './moderator-bot.js';

const EDIT = 'mutation($m: ID!, $t: String!) { editMessage(messageId: $m, content: $t) { id editedAt } }';

describe('moderator bot when its API lost the event bus for a while', () => {
  let apis: Awaited<ReturnType<typeof apisSharingABus>>;
  let owner: TestUser;
  beforeAll(async () => {
    apis = await apisSharingABus();
    owner = await signUp(apis.direct, 'gapmodowner');
  });
  afterAll(async () => {
    await apis?.close();
  });

  it('reads the edits it may have missed and acts on them, without acting twice on one it heard', async () => {
    const world = await botWorld(apis.direct, owner, ['MANAGE_MESSAGES', 'MODERATE_MEMBERS']);
    const modLog = (
      await owner.client.ok('mutation($i: CreateChannelInput!) { createChannel(input: $i) { id } }', {
        i: { serverId: world.serverId, name: 'mod-log', type: 'TEXT' },
      })
    ).createChannel.id as string;
    const member = await signUp(apis.direct, 'gapmember');
    await member.client.ok('mutation($s: ID!) { joinServer(serverId: $s) { id } }', { s: world.serverId });
    const client = await startBot(apis.quiet.url, world.token);
    // A dry run reports each act in the mod-log, so a second act on one edit would show there.
    const config = moderatorSchema.parse({
      dryRun: true,
      servers: [{ serverId: world.serverId, modLogChannelId: modLog, rules: { blockedWords: ['badword', 'worseword'] } }],
    });
    new ModeratorBot(client, config).start();
    const reports = async (word: string) => (await channelContents(owner, modLog)).filter((line) => line.includes(`"${word}"`));
    const notices: string[] = [];
    client.on('eventsMissed', (e) => void notices.push(e.since));
    try {
      const heard = (await member.client.ok(SEND, { c: world.channelId, t: 'fine' })).sendMessage.id as string;
      const unheard = (await member.client.ok(SEND, { c: world.channelId, t: 'also fine' })).sendMessage.id as string;
      const heardEdit = (await member.client.ok(EDIT, { m: heard, t: 'a badword' })).editMessage.editedAt as string;
      await eventually(async () => expect(await reports('badword')).toHaveLength(1), 5000);

      await apis.busAway(async () => {
        await member.client.ok(EDIT, { m: unheard, t: 'a worseword' });
      });
      await eventually(async () => expect(await reports('worseword')).toHaveLength(1), 15_000);
      // The edit heard before the gap was among those read again (edited after `since`), and was not reported again.
      expect(Date.parse(heardEdit)).toBeGreaterThanOrEqual(Date.parse(notices[0]!));
      expect(await reports('badword')).toHaveLength(1);
    } finally {
      await client.destroy();
    }
  }, 60_000);
});
