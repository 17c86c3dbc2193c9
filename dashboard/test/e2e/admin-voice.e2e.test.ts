import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshots } from './browser';
import { expect as expectPage } from './page-expect';
import { recordFailure, signUpInBrowser, type Person } from './people';
import { startStack, type Stack } from './stack';
import { FAKE_MEDIA, observeMedia } from './voice-probe';

/**
 * Voice moderation from the settings' voice channel participant list, in Chromium with its fake
 * microphone: an owner server-mutes, server-deafens, moves and disconnects a member, and the
 * member's own page shows each one.
 */
describe('voice moderation from the settings in the browser', () => {
  let stack: Stack;
  let browser: Browser;
  let owner: Person;
  let bob: Person;
  let serverId: string;
  const suffix = Date.now().toString(36);
  const SCENARIO_MS = 90_000;

  const voicePanel = () => bob.page.getByRole('region', { name: 'Voice connection' });
  const inChannel = (person: Person, channel: string) => person.page.getByRole('list', { name: `In ${channel}` });
  const participants = (channel: string) => owner.page.getByRole('list', { name: `Participants of ${channel}` });
  const openChannel = async (name: string) => {
    await owner.page.goto(`/servers/${serverId}/settings`);
    await owner.page.getByRole('tab', { name: 'Channels' }).click();
    await owner.page
      .getByRole('list', { name: 'Channels in order' })
      .getByRole('button', { name: `${name} (voice)` })
      .click();
  };

  beforeAll(async () => {
    stack = await startStack();
    browser = await launchBrowser(FAKE_MEDIA);
    owner = await signUpInBrowser(stack, browser, `olive${suffix}`, 'Olive');
    bob = await signUpInBrowser(stack, browser, `bob${suffix}`, 'Bob', { microphone: true });
    await observeMedia(bob.ui.context);
    serverId = (await owner.api('mutation { createServer(input: { name: "Radio Hut" }) { id } }')).createServer.id;
    await bob.api('mutation($s: ID) { joinServer(serverId: $s) { id } }', { s: serverId });
    for (const name of ['Lounge', 'Studio']) {
      await owner.api('mutation($i: CreateChannelInput!) { createChannel(input: $i) { id } }', { i: { serverId, name, type: 'VOICE' } });
    }
    await bob.page.goto(`/servers/${serverId}`);
    await bob.page.getByRole('button', { name: 'Join voice channel Lounge' }).click();
    await expectPage(voicePanel().getByText('Voice connected', { exact: true })).toBeVisible({ timeout: 30_000 });
  }, 180_000);

  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') await recordFailure([owner, bob], task.name);
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  }, 60_000);

  it(
    'server mute and server deafen from the participant list reach the member',
    async () => {
      await openChannel('Lounge');
      const bobRow = participants('Lounge').locator('li', { hasText: 'Bob' });
      await expectPage(bobRow).toBeVisible();
      await bobRow.getByRole('button', { name: 'Server mute Bob' }).click();
      await expectPage(voicePanel().getByRole('note')).toHaveText(/A moderator muted you/);
      await expectPage(bobRow.getByRole('button', { name: 'Unmute Bob' })).toBeVisible();
      await bobRow.scrollIntoViewIfNeeded();
      await screenshots(owner.page, 'admin-voice-01-muted');

      await bobRow.getByRole('button', { name: 'Server deafen Bob' }).click();
      await expectPage(voicePanel().getByRole('note')).toHaveText(/A moderator deafened you/);
      await expectPage(inChannel(bob, 'Lounge').getByRole('listitem', { name: /^Bob, muted, deafened/ })).toBeVisible();
      await screenshots(bob.page, 'admin-voice-02-deafened-member');

      await bobRow.getByRole('button', { name: 'Undeafen Bob' }).click();
      await bobRow.getByRole('button', { name: 'Unmute Bob' }).click();
      await expectPage(voicePanel().getByRole('note')).toHaveCount(0);
    },
    SCENARIO_MS,
  );

  it(
    'move to another voice channel, then disconnect',
    async () => {
      await participants('Lounge').locator('li', { hasText: 'Bob' }).getByLabel('Move Bob to').selectOption({ label: 'Studio' });
      // Bob's own sidebar shows him in Studio and no longer in Lounge.
      await expectPage(inChannel(bob, 'Studio').getByRole('listitem', { name: /^Bob/ })).toHaveCount(1);
      await expectPage(inChannel(bob, 'Lounge')).toHaveCount(0);
      await screenshots(bob.page, 'admin-voice-03-moved-member');
      // The browser does not carry its connection over to the moved session (its own session ended):
      // Bob joins Studio himself, and is then disconnected from the settings.
      await bob.page.getByRole('button', { name: 'Join voice channel Studio' }).click();
      await expectPage(voicePanel().getByText('Voice connected', { exact: true })).toBeVisible({ timeout: 30_000 });

      await openChannel('Studio');
      const bobRow = participants('Studio').locator('li', { hasText: 'Bob' });
      await expectPage(bobRow).toBeVisible();
      await bobRow.scrollIntoViewIfNeeded();
      await screenshots(owner.page, 'admin-voice-04-participants');
      await bobRow.getByRole('button', { name: 'Disconnect Bob' }).click();
      await expectPage(voicePanel()).toContainText('You were disconnected from voice');
      await expectPage(inChannel(bob, 'Studio')).toHaveCount(0);
      await expectPage(participants('Studio').locator('li')).toHaveCount(0);
      const sessions = await owner.api('query($s: ID!) { server(id: $s) { channels { voiceStates { sessionId } } } }', { s: serverId });
      expect(sessions.server.channels.flatMap((c: { voiceStates: unknown[] }) => c.voiceStates)).toEqual([]);
      await screenshots(bob.page, 'admin-voice-05-disconnected-member');
    },
    SCENARIO_MS,
  );

  it('no errors in either console', () => {
    for (const person of [owner, bob]) {
      expect(person.ui.errors.filter((e) => !/net::ERR|Failed to load resource/.test(e))).toEqual([]);
    }
  });
});
