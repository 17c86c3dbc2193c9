import { join } from 'node:path';
import type { Browser, Locator } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, SCREENSHOTS, screenshots } from './browser';
import { expect as expectPage } from './page-expect';
import { recordFailure, signUpInBrowser, uniqueSuffix, type Person } from './people';
import { startStack, type Stack } from './stack';
import { audioGrows, FAKE_MEDIA, observeMedia } from './voice-probe';

/**
 * Voice moderation from the settings' voice channel participant list, in Chromium with its fake
 * microphone: an owner server-mutes, server-deafens, moves and disconnects a member, and the
 * member's own page shows each one; a moved member's browser follows into the destination and
 * talks with whoever is there. A lower-ranked voice moderator finds the same actions disabled, with
 * the reason, both in the settings and in the members' voice menu in the sidebar.
 */
describe('voice moderation from the settings in the browser', () => {
  let stack: Stack;
  let browser: Browser;
  let owner: Person;
  let bob: Person;
  /** Waits in Studio, where Bob is moved. */
  let cara: Person;
  let serverId: string;
  const suffix = uniqueSuffix();
  const SCENARIO_MS = 90_000;

  const voicePanel = (person = bob) => person.page.getByRole('region', { name: 'Voice connection' });
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
    cara = await signUpInBrowser(stack, browser, `cara${suffix}`, 'Cara', { microphone: true });
    for (const person of [bob, cara]) await observeMedia(person.ui.context);
    serverId = (await owner.api('mutation { createServer(input: { name: "Radio Hut" }) { id } }')).createServer.id;
    for (const person of [bob, cara]) await person.api('mutation($s: ID) { joinServer(serverId: $s) { id } }', { s: serverId });
    for (const name of ['Lounge', 'Studio']) {
      await owner.api('mutation($i: CreateChannelInput!) { createChannel(input: $i) { id } }', { i: { serverId, name, type: 'VOICE' } });
    }
    await bob.page.goto(`/servers/${serverId}`);
    await bob.page.getByRole('button', { name: 'Join voice channel Lounge' }).click();
    await expectPage(voicePanel().getByText('Voice connected', { exact: true })).toBeVisible({ timeout: 30_000 });
  }, 180_000);

  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') await recordFailure([owner, bob, cara], task.name);
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
    "move to another voice channel: the member's browser follows and talks there; then disconnect",
    async () => {
      await cara.page.goto(`/servers/${serverId}`);
      await cara.page.getByRole('button', { name: 'Join voice channel Studio' }).click();
      await expectPage(voicePanel(cara).getByText('Voice connected', { exact: true })).toBeVisible({ timeout: 30_000 });

      await participants('Lounge').locator('li', { hasText: 'Bob' }).getByLabel('Move Bob to').selectOption({ label: 'Studio' });
      // Bob's own sidebar shows him in Studio and no longer in Lounge.
      await expectPage(inChannel(bob, 'Studio').getByRole('listitem', { name: /^Bob/ })).toHaveCount(1);
      await expectPage(inChannel(bob, 'Lounge')).toHaveCount(0);
      // His browser carried the connection over to the moved session, without him joining again:
      // connected in Studio, offering to Cara, audio flowing both ways.
      await expectPage(voicePanel()).toContainText('Studio / Radio Hut');
      await expectPage(voicePanel().getByText('Voice connected', { exact: true })).toBeVisible({ timeout: 30_000 });
      await expectPage(voicePanel().getByRole('alert')).toHaveCount(0);
      await audioGrows(bob.page, 1, 'bob hears cara in Studio');
      await audioGrows(cara.page, 1, 'cara hears the moved bob');
      await screenshots(bob.page, 'admin-voice-03-moved-member');

      await openChannel('Studio');
      const bobRow = participants('Studio').locator('li', { hasText: 'Bob' });
      await expectPage(bobRow).toBeVisible();
      await bobRow.scrollIntoViewIfNeeded();
      await screenshots(owner.page, 'admin-voice-04-participants');
      await bobRow.getByRole('button', { name: 'Disconnect Bob' }).click();
      await expectPage(voicePanel()).toContainText('You were disconnected from voice');
      await expectPage(inChannel(bob, 'Studio').getByRole('listitem', { name: /^Bob/ })).toHaveCount(0);
      await expectPage(participants('Studio').locator('li')).toHaveCount(1);
      await expectPage(participants('Studio').locator('li', { hasText: 'Cara' })).toBeVisible();
      const sessions = await owner.api('query($s: ID!) { server(id: $s) { channels { voiceStates { user { id } } } } }', { s: serverId });
      const inVoice = sessions.server.channels.flatMap((c: { voiceStates: { user: { id: string } }[] }) =>
        c.voiceStates.map((v) => v.user.id),
      );
      expect(inVoice).toEqual([cara.id]);
      await screenshots(bob.page, 'admin-voice-05-disconnected-member');
    },
    SCENARIO_MS,
  );

  it(
    'a voice-only moderator opens the settings, and actions on someone ranked above them are disabled with the reason',
    async () => {
      const role = async (name: string, position: number, permissions: string[]) =>
        (
          await owner.api('mutation($s: ID!, $i: RoleInput!) { createRole(serverId: $s, input: $i) { id } }', {
            s: serverId,
            i: { name, position, permissions },
          })
        ).createRole.id;
      const assign = (roleId: string, person: Person) =>
        owner.api('mutation($s: ID!, $u: ID!, $r: ID!) { assignRole(serverId: $s, userId: $u, roleId: $r) { nickname } }', {
          s: serverId,
          u: person.id,
          r: roleId,
        });
      await assign(await role('Voice mods', 1, ['MUTE_MEMBERS', 'DEAFEN_MEMBERS', 'MOVE_MEMBERS']), bob);
      await assign(await role('Hosts', 2, []), cara);

      await bob.page.goto(`/servers/${serverId}`);
      await bob.page.getByRole('button', { name: 'Server menu' }).click();
      await bob.page.getByRole('menuitem', { name: 'Server settings' }).click();
      await expectPage(bob.page.getByRole('tab', { name: 'Channels' })).toBeVisible();
      expect(await bob.page.getByRole('tab').allInnerTexts()).toEqual(['Channels', 'Members', 'Permissions explainer']);
      await bob.page.getByRole('tab', { name: 'Channels' }).click();
      await expectPage(bob.page.getByRole('button', { name: 'Create channel' })).toBeDisabled();
      await bob.page.getByRole('list', { name: 'Channels in order' }).getByRole('button', { name: 'Studio (voice)' }).click();
      const caraRow = bob.page.getByRole('list', { name: 'Participants of Studio' }).locator('li', { hasText: 'Cara' });
      await expectPage(caraRow.getByText('Their highest role is at or above yours.')).toBeVisible();
      await expectPage(caraRow.getByRole('button', { name: 'Server mute Cara' })).toBeDisabled();
      await expectPage(caraRow.getByRole('button', { name: 'Disconnect Cara' })).toBeDisabled();
      await caraRow.scrollIntoViewIfNeeded();
      await screenshots(bob.page, 'admin-voice-06-voice-moderator-locked');
      await expectPage(bob.page.getByRole('button', { name: 'Save overwrites' })).toBeDisabled();
      await bob.page.getByRole('button', { name: 'Save overwrites' }).scrollIntoViewIfNeeded();
      await screenshots(bob.page, 'admin-voice-07-voice-moderator-overwrites');
      await bob.page.getByRole('tab', { name: 'Members' }).click();
      await bob.page
        .locator('li.admin-member', { hasText: `@cara${suffix}` })
        .locator('summary')
        .click();
      await expectPage(
        bob.page.locator('li.admin-member', { hasText: `@cara${suffix}` }).getByRole('button', { name: 'Kick Cara' }),
      ).toBeDisabled();
      await screenshots(bob.page, 'admin-voice-08-voice-moderator-members');
    },
    SCENARIO_MS,
  );

  it(
    "the sidebar's voice menu shows the lower-ranked moderator each action on someone above them disabled, with the reason",
    async () => {
      // Bob (Voice mods, position 1) looks at Cara (Hosts, 2) in Studio from the channel sidebar.
      const reason = 'Their highest role is at or above yours.';
      /** The text a menu item is described by (aria-describedby), as a screen reader reads it. */
      const description = (item: Locator) =>
        item.evaluate((el) =>
          (el.getAttribute('aria-describedby') ?? '')
            .split(' ')
            .map((id) => document.getElementById(id)?.textContent?.trim() ?? '')
            .join(' '),
        );
      const openCaraMenu = async () => {
        await inChannel(bob, 'Studio').getByRole('button', { name: 'Voice options for Cara' }).click();
        const menu = bob.page.getByRole('menu');
        await expectPage(menu.getByText(reason)).toBeVisible();
        return menu;
      };
      await bob.page.goto(`/servers/${serverId}`);
      const menu = await openCaraMenu();
      for (const name of ['Server mute', 'Server deafen', 'Move to…', 'Disconnect']) {
        const item = menu.getByRole('menuitem', { name });
        await expectPage(item).toBeDisabled();
        expect(await description(item)).toBe(reason);
      }
      // A disabled item is still reached by keyboard (so its reason is read out); choosing it does
      // nothing: the menu stays open and Cara stays unmuted.
      await bob.page.keyboard.press('ArrowDown');
      expect(await menu.getByRole('menuitem', { name: 'Server mute' }).evaluate((el) => el === document.activeElement)).toBe(true);
      await bob.page.keyboard.press('Enter');
      await expectPage(menu).toBeVisible();
      await bob.page.screenshot({ path: join(SCREENSHOTS, 'admin-voice-09-voice-menu-locked-1280.png') });
      await bob.page.keyboard.press('Escape');
      await expectPage(inChannel(bob, 'Studio').getByRole('listitem', { name: 'Cara', exact: true })).toBeVisible();

      // At 360 px the sidebar is in the navigation drawer.
      await bob.page.setViewportSize({ width: 360, height: 740 });
      await bob.page.getByRole('button', { name: 'Open navigation' }).click();
      await openCaraMenu();
      await bob.page.screenshot({ path: join(SCREENSHOTS, 'admin-voice-09-voice-menu-locked-360.png') });
      await bob.page.keyboard.press('Escape');
      await bob.page.setViewportSize({ width: 1280, height: 800 });
    },
    SCENARIO_MS,
  );

  it('no errors in any console', () => {
    for (const person of [owner, bob, cara]) {
      expect(person.ui.errors.filter((e) => !/net::ERR|Failed to load resource/.test(e))).toEqual([]);
    }
  });
});
