import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshots } from './browser';
import { expect as expectPage } from './page-expect';
import { dragAbove, recordFailure, signUpInBrowser, uniqueSuffix, type Person } from './people';
import { startStack, type Stack } from './stack';
import { until } from './voice-probe';

/**
 * The rest of running a server from the browser: the form refuses bad input and nothing changes;
 * a ban deletes recent messages for everyone and is listed with why and by whom; invites with
 * limits are listed, copied and revoked; roles and channels are reordered by drag and by keyboard
 * and others see it live, while a locked role stays put; ownership is handed over and the server
 * deleted. Five people in five browser contexts against the real API, workers, Postgres and Redis.
 */
describe('moderating and arranging a server in the browser', () => {
  let stack: Stack;
  let browser: Browser;
  const people = {} as Record<'owner' | 'mod' | 'carl' | 'tess' | 'vic', Person>;
  let serverId: string;
  let generalId: string;
  const roleIds: Record<'senior' | 'mods' | 'helpers' | 'greeters', string> = { senior: '', mods: '', helpers: '', greeters: '' };
  const suffix = uniqueSuffix();
  const SERVER = 'Harbour Watch';

  const page = (key: keyof typeof people): Page => people[key].page;
  const settings = async (key: keyof typeof people, tab: string) => {
    await page(key).goto(`/servers/${serverId}/settings`);
    await page(key).getByRole('tab', { name: tab }).click();
  };
  const memberCard = (key: keyof typeof people, who: keyof typeof people) =>
    page(key).locator('li.admin-member', { hasText: `@${people[who].username}` });
  const roleList = (key: keyof typeof people) => page(key).getByRole('list', { name: 'Roles, highest first' });
  const channelList = (key: keyof typeof people) => page(key).getByRole('list', { name: 'Channels in order' });
  /** The names in a reorderable list, top to bottom. */
  const namesIn = (list: ReturnType<typeof roleList>) => list.locator('.role-item-name').allInnerTexts();
  const sidebarTextChannels = (key: keyof typeof people) =>
    page(key)
      .getByRole('navigation', { name: `Channels of ${SERVER}` })
      .getByRole('region', { name: 'Text channels' })
      .getByRole('link');

  beforeAll(async () => {
    stack = await startStack();
    browser = await launchBrowser();
    for (const [key, name] of [
      ['owner', 'Olive'],
      ['mod', 'Mia'],
      ['carl', 'Carl'],
      ['tess', 'Tess'],
      ['vic', 'Vic'],
    ] as const) {
      people[key] = await signUpInBrowser(stack, browser, `${key}${suffix}`, name);
    }
    const created = await people.owner.api(`mutation { createServer(input: { name: "${SERVER}" }) { id channels { id type } } }`);
    serverId = created.createServer.id;
    generalId = created.createServer.channels.find((c: { type: string }) => c.type === 'TEXT').id;
    const invite = await people.owner.api('mutation($s: ID!) { createInvite(serverId: $s) { code } }', { s: serverId });
    for (const key of ['mod', 'carl', 'tess'] as const) {
      await people[key].api('mutation($c: String!) { joinServer(inviteCode: $c) { id } }', { c: invite.createInvite.code });
    }
    const role = async (name: string, position: number, permissions: string[] = []) =>
      (
        await people.owner.api('mutation($s: ID!, $i: RoleInput!) { createRole(serverId: $s, input: $i) { id } }', {
          s: serverId,
          i: { name, position, permissions, color: '#3BA55C' },
        })
      ).createRole.id as string;
    roleIds.senior = await role('Senior', 4);
    roleIds.mods = await role('Moderators', 3, ['MANAGE_ROLES', 'MANAGE_CHANNELS']);
    roleIds.helpers = await role('Helpers', 2);
    roleIds.greeters = await role('Greeters', 1);
    await people.owner.api('mutation($s: ID!, $u: ID!, $r: ID!) { assignRole(serverId: $s, userId: $u, roleId: $r) { user { id } } }', {
      s: serverId,
      u: people.mod.id,
      r: roleIds.mods,
    });
  }, 180_000);

  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') await recordFailure(Object.values(people), task.name);
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  }, 60_000);

  it('refuses bad input in the form with the reason, and nothing changes', async () => {
    const savedRole = async () =>
      (await people.owner.api('query($s: ID!) { server(id: $s) { roles { id name color } } }', { s: serverId })).server.roles.find(
        (r: { id: string }) => r.id === roleIds.helpers,
      );
    await settings('owner', 'Roles');
    await roleList('owner').getByRole('button', { name: 'Helpers', exact: true }).click();
    const editor = page('owner').getByRole('form', { name: 'Edit role Helpers' });
    // A colour that is not #RRGGBB.
    await editor.getByLabel('Colour (#RRGGBB)').fill('#12345');
    await editor.getByRole('button', { name: 'Save role' }).click();
    await expectPage(editor.getByRole('alert')).toHaveText('The colour must look like #RRGGBB.');
    // An empty name.
    await editor.getByLabel('Colour (#RRGGBB)').fill('#123456');
    await editor.getByLabel('Name', { exact: true }).fill('   ');
    await editor.getByRole('button', { name: 'Save role' }).click();
    await expectPage(editor.getByRole('alert')).toHaveText('A role needs a name.');
    await page('owner').getByRole('button', { name: 'Create role' }).click();
    await expectPage(page('owner').getByRole('alert').filter({ hasText: 'A role needs a name.' }).first()).toBeVisible();
    await screenshots(page('owner'), 'admin-moderation-01-bad-role');
    expect(await savedRole()).toEqual({ id: roleIds.helpers, name: 'Helpers', color: '#3BA55C' });
    await page('owner').reload();
    await page('owner').getByRole('tab', { name: 'Roles' }).click();
    await roleList('owner').getByRole('button', { name: 'Helpers', exact: true }).click();
    await expectPage(editor.getByLabel('Colour (#RRGGBB)')).toHaveValue('#3BA55C');
    await expectPage(editor.getByLabel('Name', { exact: true })).toHaveValue('Helpers');

    // A slowmode outside 0 s to 6 h, either way.
    await page('owner').getByRole('tab', { name: 'Channels' }).click();
    await channelList('owner').getByRole('button', { name: '# general' }).click();
    const channelForm = page('owner').getByRole('form', { name: 'Edit channel general' });
    const slowmode = channelForm.getByRole('spinbutton', { name: /Slowmode/ });
    for (const value of ['21601', '-5']) {
      await slowmode.fill(value);
      await channelForm.getByRole('button', { name: 'Save channel' }).click();
      await expectPage(channelForm.getByRole('alert')).toContainText('Slowmode must be between 0 s and 6 h');
    }
    await screenshots(page('owner'), 'admin-moderation-02-bad-slowmode');
    await page('owner').reload();
    await page('owner').getByRole('tab', { name: 'Channels' }).click();
    await channelList('owner').getByRole('button', { name: '# general' }).click();
    await expectPage(slowmode).toHaveValue('0');

    // A timeout past 28 days.
    await page('owner').getByRole('tab', { name: 'Members' }).click();
    await memberCard('owner', 'carl').locator('summary').click();
    const end = new Date(Date.now() + 30 * 24 * 3600 * 1000);
    const local = new Date(end.getTime() - end.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
    await memberCard('owner', 'carl').getByLabel('Custom timeout end').fill(local);
    await memberCard('owner', 'carl').getByRole('button', { name: 'Until then' }).click();
    await expectPage(memberCard('owner', 'carl').getByRole('alert')).toContainText('A timeout lasts at most 28 days.');
    await screenshots(page('owner'), 'admin-moderation-03-bad-timeout');
    const carl = (
      await people.owner.api('query($s: ID!) { server(id: $s) { members { user { id } timedOutUntil } } }', { s: serverId })
    ).server.members.find((m: { user: { id: string } }) => m.user.id === people.carl.id);
    expect(carl.timedOutUntil).toBeNull();

    // An invite with negative uses.
    const invites = async () => (await people.owner.api('query($s: ID!) { invites(serverId: $s) { code } }', { s: serverId })).invites;
    const before = await invites();
    await page('owner').getByRole('tab', { name: 'Bans and invites' }).click();
    await page('owner').getByLabel('Max uses (0 = unlimited)').fill('-1');
    await page('owner').getByRole('button', { name: 'Create invite' }).click();
    await expectPage(
      page('owner').getByRole('alert').filter({ hasText: 'Max uses must be a whole number from 0 (unlimited) to 1000.' }),
    ).toBeVisible();
    await screenshots(page('owner'), 'admin-moderation-04-bad-invite');
    expect(await invites()).toEqual(before);
  });

  it('a ban deletes the member’s recent messages for everyone live; the ban list says why and who; unban', async () => {
    for (const text of ['buy cheap boats', 'boats boats boats']) {
      await people.carl.api('mutation($c: ID!, $t: String!) { sendMessage(channelId: $c, content: $t) { id } }', { c: generalId, t: text });
    }
    await people.tess.api('mutation($c: ID!, $t: String!) { sendMessage(channelId: $c, content: $t) { id } }', {
      c: generalId,
      t: 'tess stays',
    });
    await page('tess').goto(`/servers/${serverId}/${generalId}`);
    await expectPage(page('tess').getByText('boats boats boats')).toBeVisible();

    await settings('owner', 'Members');
    await memberCard('owner', 'carl').locator('summary').click();
    await memberCard('owner', 'carl')
      .getByRole('textbox', { name: /Reason/ })
      .fill('boat spam');
    await memberCard('owner', 'carl').getByLabel('Delete their messages from').selectOption({ label: 'Delete messages: The last hour' });
    await memberCard('owner', 'carl').getByRole('button', { name: 'Ban' }).click();
    await expectPage(memberCard('owner', 'carl')).toHaveCount(0);

    // Gone for Tess without a reload; her own message stays.
    await expectPage(page('tess').getByText('boats boats boats')).toHaveCount(0);
    await expectPage(page('tess').getByText('buy cheap boats')).toHaveCount(0);
    await expectPage(page('tess').getByText('tess stays')).toBeVisible();

    await page('owner').getByRole('tab', { name: 'Bans and invites' }).click();
    const ban = page('owner').getByRole('list', { name: 'Banned users' }).locator('li', { hasText: 'Carl' });
    await expectPage(ban).toContainText('boat spam');
    await expectPage(ban).toContainText('banned by Olive');
    await screenshots(page('owner'), 'admin-moderation-05-bans');
    await ban.getByRole('button', { name: 'Unban Carl' }).click();
    await expectPage(ban).toHaveCount(0);
    expect((await people.owner.api('query($s: ID!) { bans(serverId: $s) { user { id } } }', { s: serverId })).bans).toEqual([]);
  });

  it('an invite with max uses and an expiry is listed with its uses, its link copied, then revoked', async () => {
    await page('owner').context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: stack.dashboardUrl });
    await page('owner').getByLabel('Max uses (0 = unlimited)').fill('2');
    await page('owner').getByLabel('Expires after').selectOption({ label: '1 hour' });
    await page('owner').getByRole('button', { name: 'Create invite' }).click();
    const invite = page('owner').getByRole('list', { name: 'Invites' }).locator('li', { hasText: 'used 0 of 2 times' });
    await expectPage(invite).toContainText('expires');
    const code = await invite.locator('code').innerText();

    await invite.getByRole('button', { name: 'Copy link' }).click();
    const link = `${stack.dashboardUrl}/invite/${code}`;
    expect(await page('owner').evaluate(() => navigator.clipboard.readText())).toBe(link);

    // Vic follows the link and joins: one use of two.
    await page('vic').goto(`/invite/${code}`);
    await page('vic').getByRole('button', { name: /Join/ }).click();
    await page('vic').waitForURL(new RegExp(`/servers/${serverId}`));
    await page('owner').reload();
    await page('owner').getByRole('tab', { name: 'Bans and invites' }).click();
    const used = page('owner').getByRole('list', { name: 'Invites' }).locator('li', { hasText: code });
    await expectPage(used).toContainText('used 1 of 2 times');
    await screenshots(page('owner'), 'admin-moderation-06-invites');

    await used.getByRole('button', { name: 'Revoke' }).click();
    await expectPage(used).toHaveCount(0);
    await page('carl').goto(`/invite/${code}`);
    await expectPage(page('carl').getByRole('heading', { name: 'Invite not valid' })).toBeVisible();
  });

  it('roles and channels are reordered by drag and by keyboard, others see it live, and a locked role stays put', async () => {
    // Mia holds Moderators: Senior and her own role are locked for her, with the reason.
    await settings('mod', 'Roles');
    await expectPage(roleList('mod').locator('li', { hasText: 'Senior' })).toContainText('at or above your highest role');
    const seniorHandle = roleList('mod').getByRole('button', { name: 'Move role Senior' });
    await expectPage(seniorHandle).toHaveAttribute('aria-disabled', 'true');
    await seniorHandle.focus();
    await page('mod').keyboard.press('ArrowDown');
    // Greeters cannot be dragged above a locked role: it stops just below Moderators.
    await dragAbove(
      page('mod'),
      roleList('mod').getByRole('button', { name: 'Move role Greeters' }),
      roleList('mod').locator('li').first(),
    );
    await expectPage(roleList('mod').locator('li').nth(2)).toContainText('Greeters');
    const apiRoles = async () =>
      (await people.owner.api('query($s: ID!) { server(id: $s) { roles { name } } }', { s: serverId })).server.roles.map(
        (r: { name: string }) => r.name,
      );
    await expectPage(page('mod').getByRole('status').filter({ hasText: 'Greeters moved to position 3 of 5.' })).toHaveCount(1);
    await until(apiRoles, (names) => names.join() === 'Senior,Moderators,Greeters,Helpers,@everyone', 'the API has the new order');
    await screenshots(page('mod'), 'admin-moderation-07-locked-roles');

    // The owner drags Helpers to the top; Mia's list follows live.
    await settings('owner', 'Roles');
    await dragAbove(
      page('owner'),
      roleList('owner').getByRole('button', { name: 'Move role Helpers' }),
      roleList('owner').locator('li').first(),
    );
    await expectPage(roleList('mod').locator('li').first()).toContainText('Helpers');
    expect(await namesIn(roleList('mod'))).toEqual(['Helpers', 'Senior', 'Moderators', 'Greeters', '@everyone']);
    expect(await apiRoles()).toEqual(['Helpers', 'Senior', 'Moderators', 'Greeters', '@everyone']);
    // Now above Mia, Helpers is locked for her too.
    await expectPage(roleList('mod').getByRole('button', { name: 'Move role Helpers' })).toHaveAttribute('aria-disabled', 'true');

    // A list that went out of date is refused by the API, which says why, and the list is reloaded.
    await people.owner.api('mutation($s: ID!) { createRole(serverId: $s, input: { name: "Late" }) { id } }', { s: serverId });
    await roleList('owner').getByRole('button', { name: 'Move role Greeters' }).focus();
    await page('owner').keyboard.press('ArrowUp');
    await expectPage(page('owner').getByRole('alert').filter({ hasText: 'must name every role' })).toBeVisible();
    await expectPage(roleList('owner').locator('li', { hasText: 'Late' })).toHaveCount(1);
    expect(await apiRoles()).toEqual(['Helpers', 'Senior', 'Moderators', 'Greeters', 'Late', '@everyone']);

    // Channels: a new one dragged to the top, then moved down by keyboard; Tess's sidebar follows.
    await people.owner.api('mutation($i: CreateChannelInput!) { createChannel(input: $i) { id } }', {
      i: { serverId, name: 'lighthouse', type: 'TEXT' },
    });
    await page('tess').goto(`/servers/${serverId}/${generalId}`);
    await expectPage(sidebarTextChannels('tess')).toHaveCount(2);
    await page('owner').reload();
    await page('owner').getByRole('tab', { name: 'Channels' }).click();
    await dragAbove(
      page('owner'),
      channelList('owner').getByRole('button', { name: 'Move channel lighthouse' }),
      channelList('owner').locator('li').first(),
    );
    await expectPage(sidebarTextChannels('tess').first()).toHaveAttribute('aria-label', 'lighthouse');
    await screenshots(page('owner'), 'admin-moderation-08-channels-dragged');
    await screenshots(page('tess'), 'admin-moderation-09-sidebar-follows');

    const handle = channelList('owner').getByRole('button', { name: 'Move channel lighthouse' });
    await handle.focus();
    await page('owner').keyboard.press('ArrowDown');
    await expectPage(page('owner').getByRole('status').filter({ hasText: 'lighthouse moved to position 2 of 3.' })).toHaveCount(1);
    await expectPage(sidebarTextChannels('tess').first()).toHaveAttribute('aria-label', 'general');
    // The handle keeps the focus, so the next press moves it again.
    expect(await handle.evaluate((el) => el === document.activeElement)).toBe(true);
    const audit = (await people.owner.api('query($s: ID!) { auditLog(serverId: $s, limit: 50) { action } }', { s: serverId })).auditLog;
    expect(audit.filter((e: { action: string }) => e.action === 'CHANNEL_REORDER')).toHaveLength(2);
    expect(audit.filter((e: { action: string }) => e.action === 'ROLE_REORDER')).toHaveLength(2);
  });

  it('ownership passes to another member, and the new owner deletes the server after typing its name', async () => {
    await settings('owner', 'Overview');
    await page('owner')
      .getByLabel('New owner')
      .selectOption({ label: `Tess (@${people.tess.username})` });
    await page('owner').getByRole('button', { name: 'Transfer ownership' }).click();
    // Olive keeps no role that manages the server: the owner's pages leave her.
    await expectPage(page('owner').getByRole('tab', { name: 'Overview' })).toHaveCount(0);
    await expectPage(page('owner').getByRole('heading', { name: 'Delete the server' })).toHaveCount(0);
    await screenshots(page('owner'), 'admin-moderation-10-former-owner');

    await page('mod').goto(`/servers/${serverId}/${generalId}`);
    // Reading the channel (not still loading it) when the server goes: the live path is what is tested.
    await expectPage(page('mod').getByRole('textbox', { name: 'Message #general' })).toBeVisible();
    await settings('tess', 'Overview');
    await expectPage(page('tess').getByRole('heading', { name: 'Transfer ownership' })).toBeVisible();
    const confirm = page('tess').getByLabel('Type the server name to confirm');
    const remove = page('tess').getByRole('button', { name: `Delete ${SERVER}` });
    await confirm.fill('Harbour');
    await expectPage(remove).toBeDisabled();
    await remove.scrollIntoViewIfNeeded();
    await screenshots(page('tess'), 'admin-moderation-11-delete-confirm');
    await confirm.fill(SERVER);
    await expectPage(remove).not.toBeDisabled();
    await remove.click();
    await page('tess').waitForURL((url) => url.pathname === '/');

    // Mia, reading a channel of it, loses the server live.
    await expectPage(page('mod').getByText(/This server was deleted|no longer a member/)).toBeVisible();
    await page('mod').waitForURL((url) => url.pathname === '/');
    await expectPage(page('mod').getByRole('link', { name: SERVER })).toHaveCount(0);
    await screenshots(page('mod'), 'admin-moderation-12-server-gone');
  });

  it('no errors in any console', () => {
    // Refusals answered by the API are expected 4xx-free GraphQL errors; anything else is a bug.
    for (const person of Object.values(people)) {
      expect(person.ui.errors.filter((e) => !/net::ERR|Failed to load resource/.test(e))).toEqual([]);
    }
  });
});
