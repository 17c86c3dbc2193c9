import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AudioPlayer, createClient, toneResource, type BotClient, type VoiceConnection } from '../../../bots/src/index';
import { gql, launchBrowser, openUserPage, SCREENSHOTS, type UserPage } from './browser';
import { expect as expectPage } from './page-expect';
import { startStack, type Stack } from './stack';
import {
  audioGrows,
  audioResumes,
  audioStops,
  connectionCount,
  FAKE_MEDIA,
  observeMedia,
  playbackMuted,
  probePeers,
  voiceScreenshots,
} from './voice-probe';
import { uniqueSuffix } from './people';

/**
 * Voice in real Chromium with its fake microphone, against the real API, workers, Postgres and
 * Redis: two members join one voice channel over the API's signalling and hear each other; mute,
 * deafen and a moderator's mute stop the audio on the wire; a Node bot is heard like anyone; the
 * refusals read clearly. Scenarios run in order and share the pages.
 */
// Each scenario waits on real media; the machine is shared, so allow for a slow one.
const SCENARIO_MS = 90_000;

describe('voice in the browser', () => {
  let stack: Stack;
  let browser: Browser;
  let alice: UserPage;
  let bob: UserPage;
  let aliceToken: string;
  let bobToken: string;
  let bobId: string;
  let serverId: string;
  const channels: Record<'lounge' | 'tiny' | 'stage' | 'listen', string> = { lounge: '', tiny: '', stage: '', listen: '' };
  let botClient: BotClient | undefined;
  let bot: VoiceConnection | undefined;
  const suffix = uniqueSuffix();

  async function register(name: string): Promise<{ token: string; id: string }> {
    const response = await fetch(stack.apiUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query:
          'mutation($u: String!, $d: String) { register(username: $u, password: "correct horse battery", displayName: $d) { token user { id } } }',
        variables: { u: `${name.toLowerCase()}${suffix}`, d: name },
      }),
    });
    const { data } = (await response.json()) as { data: { register: { token: string; user: { id: string } } } };
    return { token: data.register.token, id: data.register.user.id };
  }

  /** A signed-in page whose microphone permission is granted and whose peer connections are observed. */
  async function memberPage(into: Browser, token: string, microphone = true): Promise<UserPage> {
    const user = await openUserPage(into, stack.dashboardUrl);
    if (microphone) await user.context.grantPermissions(['microphone']);
    await user.context.addInitScript((t) => window.localStorage.setItem('rashigo.token', t), token);
    await observeMedia(user.context);
    await user.page.goto(`/servers/${serverId}`);
    return user;
  }

  const voiceChannel = (user: UserPage, name: string) => user.page.getByRole('button', { name: `Join voice channel ${name}` });
  const voicePanel = (user: UserPage) => user.page.getByRole('region', { name: 'Voice connection' });
  const participants = (user: UserPage, channel: string) => user.page.getByRole('list', { name: `In ${channel}` });

  /** Alice, the owner, server-mutes or unmutes Bob. */
  const moderate = (serverMute: boolean) =>
    gql(stack.apiUrl, aliceToken, 'mutation($s: ID!, $u: ID!, $m: Boolean) { moderateVoice(serverId: $s, userId: $u, serverMute: $m) }', {
      s: serverId,
      u: bobId,
      m: serverMute,
    });

  beforeAll(async () => {
    stack = await startStack();
    browser = await launchBrowser(FAKE_MEDIA);
    const owner = await register('Alice');
    const member = await register('Bob');
    [aliceToken, bobToken, bobId] = [owner.token, member.token, member.id];
    const created = await gql(
      stack.apiUrl,
      aliceToken,
      'mutation { createServer(input: { name: "Voice Club" }) { id roles { id isDefault } } }',
    );
    serverId = created.createServer.id;
    const everyone = created.createServer.roles.find((r: { isDefault: boolean }) => r.isDefault).id;
    await gql(stack.apiUrl, bobToken, 'mutation($s: ID) { joinServer(serverId: $s) { id } }', { s: serverId });
    const createVoice = async (name: string, userLimit = 0) =>
      (
        await gql(stack.apiUrl, aliceToken, 'mutation($i: CreateChannelInput!) { createChannel(input: $i) { id } }', {
          i: { serverId, name, type: 'VOICE', userLimit },
        })
      ).createChannel.id as string;
    const deny = (channelId: string, permission: string) =>
      gql(stack.apiUrl, aliceToken, 'mutation($c: ID!, $i: OverwriteInput!) { setChannelOverwrite(channelId: $c, input: $i) { id } }', {
        c: channelId,
        i: { targetType: 'ROLE', targetId: everyone, allow: [], deny: [permission] },
      });
    channels.lounge = await createVoice('Lounge');
    channels.tiny = await createVoice('Tiny', 1);
    channels.stage = await createVoice('Stage');
    channels.listen = await createVoice('Listen');
    await deny(channels.stage, 'JOIN_VOICE');
    await deny(channels.listen, 'SPEAK');
    alice = await memberPage(browser, aliceToken);
    bob = await memberPage(browser, bobToken);
  }, 180_000);

  afterAll(async () => {
    await bot?.destroy();
    await botClient?.destroy();
    await browser?.close();
    await stack?.close();
  }, 60_000);

  it(
    'two members join one voice channel: the peer connection reaches connected, each receives audio, mute stops it',
    async () => {
      await voiceChannel(alice, 'Lounge').click();
      await expectPage(voicePanel(alice).getByText('Voice connected')).toBeVisible();
      await voiceChannel(bob, 'Lounge').click();
      for (const user of [alice, bob]) {
        await expectPage(participants(user, 'Lounge').getByRole('listitem')).toHaveCount(2);
        await expectPage(voicePanel(user).getByText('Voice connected', { exact: true })).toBeVisible();
      }
      // One connection each, connected, audio arriving on both sides.
      await audioGrows(alice.page, 1, 'alice');
      await audioGrows(bob.page, 1, 'bob');
      // Chromium's fake microphone beeps: the speaking ring lights for the other side.
      await expectPage(participants(bob, 'Lounge').getByRole('listitem', { name: /^Alice, speaking/ })).toBeVisible();
      await voiceScreenshots(bob.page, '20-voice-connected');

      await voicePanel(alice).getByRole('button', { name: 'Mute', exact: true }).click();
      await expectPage(participants(bob, 'Lounge').getByRole('listitem', { name: 'Alice, muted' })).toBeVisible();
      const stoppedAt = await audioStops(bob.page, 0, 'bob hears nothing from muted alice');
      // Muting is one way: Bob's audio still reaches Alice.
      await audioGrows(alice.page, 1, 'alice while muted');
      await voiceScreenshots(alice.page, '21-voice-muted');

      await voicePanel(alice).getByRole('button', { name: 'Unmute' }).click();
      await audioResumes(bob.page, 0, stoppedAt, 'bob hears alice again');
    },
    SCENARIO_MS,
  );

  it(
    'deafening stops hearing and being heard, and shows on the other side',
    async () => {
      await voicePanel(bob).getByRole('button', { name: 'Deafen' }).click();
      await expectPage(participants(alice, 'Lounge').getByRole('listitem', { name: 'Bob, muted, deafened' })).toBeVisible();
      await audioStops(alice.page, 0, 'alice hears nothing from deafened bob');
      // Bob still receives Alice, but his playback is muted.
      await audioGrows(bob.page, 1, 'bob while deafened');
      expect(await playbackMuted(bob.page)).toEqual([true]);
      await expectPage(voicePanel(bob).getByRole('button', { name: 'Undeafen' })).toBeVisible();
      await voicePanel(bob).getByRole('button', { name: 'Undeafen' }).click();
      await audioGrows(alice.page, 1, 'alice hears bob again');
    },
    SCENARIO_MS,
  );

  it(
    "a moderator's server mute silences a member and tells them why; lifting it lets them speak again",
    async () => {
      // Alice mutes Bob from the menu on his name in the sidebar.
      const bobOptions = participants(alice, 'Lounge').getByRole('button', { name: 'Voice options for Bob' });
      await bobOptions.click();
      await expectPage(alice.page.getByRole('menuitem', { name: 'Server mute' })).toBeVisible();
      await alice.page.screenshot({ path: join(SCREENSHOTS, '22-voice-moderator-menu-1280.png') });
      await alice.page.getByRole('menuitem', { name: 'Server mute' }).click();
      await expectPage(voicePanel(bob).getByRole('note')).toHaveText(/A moderator muted you/);
      await expectPage(participants(alice, 'Lounge').getByRole('listitem', { name: 'Bob, muted' })).toBeVisible();
      const stoppedAt = await audioStops(alice.page, 0, 'alice hears nothing from server-muted bob');
      await voiceScreenshots(bob.page, '22-voice-server-muted');
      await bobOptions.click();
      await alice.page.getByRole('menuitem', { name: 'Remove server mute' }).click();
      await expectPage(voicePanel(bob).getByRole('note')).toHaveCount(0);
      await audioResumes(alice.page, 0, stoppedAt, 'alice hears bob again');
    },
    SCENARIO_MS,
  );

  it(
    'voice survives an API restart: audio keeps flowing peer to peer, then signalling resumes',
    async () => {
      await stack.stopApi();
      for (const user of [alice, bob]) {
        await expectPage(voicePanel(user).getByText('Voice connected, reconnecting to the server…')).toBeVisible();
      }
      await audioGrows(alice.page, 1, 'alice hears bob while the API is down');
      await audioGrows(bob.page, 1, 'bob hears alice while the API is down');
      await stack.startApi();
      for (const user of [alice, bob]) {
        await expectPage(voicePanel(user).getByText('Voice connected', { exact: true })).toBeVisible({ timeout: 30_000 });
      }
      // The resumed streams carry events again: a moderator's mute reaches Bob and silences him.
      await moderate(true);
      await expectPage(voicePanel(bob).getByRole('note')).toHaveText(/A moderator muted you/);
      await audioStops(alice.page, 0, 'alice hears nothing from server-muted bob after the restart');
      await moderate(false);
      await audioGrows(alice.page, 1, 'alice hears bob again after the restart');
    },
    SCENARIO_MS,
  );

  it(
    'a bot in the channel is heard like any participant',
    async () => {
      const created = await gql(stack.apiUrl, aliceToken, 'mutation { createBot(name: "Radio") { token bot { id } } }');
      await gql(stack.apiUrl, aliceToken, 'mutation($b: ID!, $s: ID!) { addBotToServer(botId: $b, serverId: $s) { joinedAt } }', {
        b: created.createBot.bot.id,
        s: serverId,
      });
      // The bot SDK's public API, as a bot author would use it.
      botClient = createClient({ url: stack.apiUrl, token: created.createBot.token });
      await botClient.login();
      bot = await botClient.voice.join(channels.lounge);
      const player = new AudioPlayer();
      player.subscribe(bot);
      player.play(toneResource(440));
      await expectPage(participants(alice, 'Lounge').getByRole('listitem')).toHaveCount(3);
      // Alice now has a second connection, to the bot, and its tone lights the bot's speaking ring.
      await audioGrows(alice.page, 2, 'alice hears bob and the bot');
      await expectPage(participants(alice, 'Lounge').getByRole('listitem', { name: /^Radio, bot, speaking/ })).toBeVisible();
      expect(await playbackMuted(alice.page)).toEqual([false, false]);
      await voiceScreenshots(alice.page, '23-voice-with-bot');

      // A server mute: the SDK's bot stops sending, and every listener silences it as well (in a mesh a
      // client that kept sending could only be stopped by its listeners).
      await gql(stack.apiUrl, aliceToken, 'mutation($s: ID!, $u: ID!) { moderateVoice(serverId: $s, userId: $u, serverMute: true) }', {
        s: serverId,
        u: created.createBot.bot.id,
      });
      await expectPage(participants(alice, 'Lounge').getByRole('listitem', { name: 'Radio, bot, muted' })).toBeVisible();
      await audioStops(alice.page, 1, 'the muted bot stops sending');
      expect(await playbackMuted(alice.page)).toEqual([false, true]);
      await bot.destroy();
      bot = undefined;
      await expectPage(participants(alice, 'Lounge').getByRole('listitem')).toHaveCount(2);
      await connectionCount(alice.page, 1, 'the bot connection closes');
    },
    SCENARIO_MS,
  );

  it(
    'leaving drops the participant and the connection on the other side',
    async () => {
      await voicePanel(bob).getByRole('button', { name: 'Disconnect from voice' }).click();
      await expectPage(voicePanel(bob)).toHaveCount(0);
      await expectPage(participants(alice, 'Lounge').getByRole('listitem')).toHaveCount(1);
      await connectionCount(alice.page, 0, 'alice closes the connection to bob');
    },
    SCENARIO_MS,
  );

  it(
    'CHANNEL_FULL, a missing JOIN_VOICE and a missing SPEAK get clear messages',
    async () => {
      // Alice (the owner, who may exceed limits) fills the one-person channel.
      await voiceChannel(alice, 'Tiny').click();
      await expectPage(participants(bob, 'Tiny').getByRole('listitem')).toHaveCount(1);
      await voiceChannel(bob, 'Tiny').click();
      await expectPage(voicePanel(bob).getByRole('alert')).toHaveText(/This voice channel is full/);
      await voiceScreenshots(bob.page, '24-voice-channel-full');

      await voiceChannel(bob, 'Stage').click();
      await expectPage(voicePanel(bob).getByRole('alert')).toHaveText(/You don't have permission to connect to this voice channel/);
      expect(await probePeers(bob.page)).toEqual([]);

      await voiceChannel(bob, 'Listen').click();
      await expectPage(voicePanel(bob).getByText('Voice connected', { exact: true })).toBeVisible();
      await expectPage(voicePanel(bob).getByRole('note')).toHaveText(/You don't have permission to speak in this channel/);
      await expectPage(participants(bob, 'Listen').getByRole('listitem', { name: /muted/ })).toBeVisible();
      await voiceScreenshots(bob.page, '25-voice-no-speak');
      await voicePanel(bob).getByRole('button', { name: 'Disconnect from voice' }).click();
      await voicePanel(alice).getByRole('button', { name: 'Disconnect from voice' }).click();
    },
    SCENARIO_MS,
  );

  it(
    'a denied microphone gets a clear message and joins nothing',
    async () => {
      // Without the fake permission prompt, a page without the microphone permission is refused it.
      const strict = await launchBrowser(FAKE_MEDIA.filter((flag) => flag !== '--use-fake-ui-for-media-stream'));
      try {
        const denied = await memberPage(strict, bobToken, false);
        await voiceChannel(denied, 'Lounge').click();
        await expectPage(voicePanel(denied).getByRole('alert')).toHaveText(/Microphone access was denied/);
        await expectPage(participants(alice, 'Lounge')).toHaveCount(0);
        await voiceScreenshots(denied.page, '26-voice-microphone-denied');
      } finally {
        await strict.close();
      }
    },
    SCENARIO_MS,
  );

  it('no errors in either console', () => {
    const unexpected = (errors: string[]) => errors.filter((e) => !/net::ERR|Failed to load resource/.test(e));
    expect(unexpected(alice.errors)).toEqual([]);
    expect(unexpected(bob.errors)).toEqual([]);
  });
});
