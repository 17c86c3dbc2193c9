import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { gql, launchBrowser, openUserPage, SCREENSHOTS, screenshots, type UserPage } from './browser';
import { expect as expectPage } from './page-expect';
import { startStack, type Stack } from './stack';
import { uniqueSuffix } from './people';

/**
 * Running a server from the browser: an owner builds a role and a private channel, a moderator times
 * a member out, spam is timed out automatically and undone from the live moderation queue, the
 * explainer says why a member cannot see a channel, the audit log shows it all, and a bot is added.
 * Four people in four browser contexts against the real API, workers, Postgres and Redis.
 */
describe('admin dashboard in the browser', () => {
  let stack: Stack;
  let browser: Browser;
  const people: Record<'owner' | 'mod' | 'carl' | 'tess', { id: string; token: string; name: string; ui: UserPage }> = {} as never;
  let serverId: string;
  let generalId: string;
  const suffix = uniqueSuffix();

  async function register(key: keyof typeof people, displayName: string) {
    const username = `${key}${suffix}`;
    const data = await fetch(stack.apiUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query:
          'mutation($u: String!, $d: String) { register(username: $u, password: "correct horse battery", displayName: $d) { token user { id } } }',
        variables: { u: username, d: displayName },
      }),
    }).then((r) => r.json() as Promise<{ data: { register: { token: string; user: { id: string } } } }>);
    const ui = await openUserPage(browser, stack.dashboardUrl);
    await ui.page.goto('/');
    await ui.page.evaluate((token) => window.localStorage.setItem('rashigo.token', token), data.data.register.token);
    people[key] = { id: data.data.register.user.id, token: data.data.register.token, name: displayName, ui };
  }

  const api = (key: keyof typeof people, query: string, variables: Record<string, unknown> = {}) =>
    gql(stack.apiUrl, people[key].token, query, variables);
  const page = (key: keyof typeof people): Page => people[key].ui.page;
  const settings = async (key: keyof typeof people, tab: string) => {
    await page(key).goto(`/servers/${serverId}/settings`);
    await page(key).getByRole('tab', { name: tab }).click();
  };
  const memberCard = (key: keyof typeof people, who: keyof typeof people) =>
    page(key).locator('li.admin-member', { hasText: `@${who}${suffix}` });

  beforeAll(async () => {
    stack = await startStack();
    browser = await launchBrowser();
    await register('owner', 'Olive');
    await register('mod', 'Mia');
    await register('carl', 'Carl');
    await register('tess', 'Tess');
    const created = await api('owner', 'mutation { createServer(input: { name: "Garden Club" }) { id channels { id } } }');
    serverId = created.createServer.id;
    generalId = created.createServer.channels[0].id;
    const invite = await api('owner', 'mutation($s: ID!) { createInvite(serverId: $s) { code } }', { s: serverId });
    for (const key of ['mod', 'carl', 'tess'] as const) {
      await api(key, 'mutation($c: String!) { joinServer(inviteCode: $c) { id } }', { c: invite.createInvite.code });
    }
  }, 180_000);

  afterEach(async ({ task }) => {
    if (task.result?.state !== 'fail') return;
    const name = `failed-admin-${task.name.replace(/\W+/g, '-').slice(0, 40)}`;
    for (const [key, person] of Object.entries(people)) {
      await person.ui.page.screenshot({ path: `${SCREENSHOTS}/${name}-${key}.png` }).catch(() => undefined);
      console.error(`console errors of ${key}: ${JSON.stringify(person.ui.errors)}`);
    }
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  }, 60_000);

  it('the owner creates a role with Manage messages, with plain-language lines and danger warnings', async () => {
    await page('owner').goto(`/servers/${serverId}/${generalId}`);
    await page('owner').getByRole('button', { name: 'Server menu' }).click();
    await page('owner').getByRole('menuitem', { name: 'Server settings' }).click();
    await expectPage(page('owner').getByRole('heading', { name: 'Garden Club — settings' })).toBeVisible();
    await page('owner').getByRole('tab', { name: 'Roles' }).click();

    // A bad colour is refused in the form, with the reason.
    await page('owner').getByRole('textbox', { name: 'New role name' }).fill('Moderators');
    await page('owner').getByRole('button', { name: 'Create role' }).click();
    const editor = page('owner').getByRole('form', { name: 'Edit role Moderators' });
    await expectPage(editor).toBeVisible();
    await editor.getByLabel('Colour (#RRGGBB)').fill('green');
    await editor.getByRole('button', { name: 'Save role' }).click();
    await expectPage(editor.getByRole('alert')).toHaveText('The colour must look like #RRGGBB.');

    await editor.getByLabel('Colour (#RRGGBB)').fill('#2E8B57');
    await editor.getByRole('checkbox', { name: 'Manage messages' }).check();
    await editor.getByRole('checkbox', { name: 'Time out members' }).check();
    await editor.getByRole('checkbox', { name: 'Ban members' }).check();
    await expectPage(editor.getByText(/Dangerous: holders can remove members for good/)).toBeVisible();
    await editor.getByRole('checkbox', { name: 'Ban members' }).uncheck();
    await expectPage(editor.getByText(/Dangerous: holders can remove members for good/)).toHaveCount(0);
    await editor.getByRole('button', { name: 'Save role' }).click();
    await expectPage(editor.getByRole('status')).toHaveText('Saved.');
    await expectPage(editor.getByRole('alert')).toHaveCount(0);
    const roles = (await api('owner', 'query($s: ID!) { server(id: $s) { roles { name color permissions } } }', { s: serverId })).server
      .roles;
    expect(roles).toContainEqual({ name: 'Moderators', color: '#2E8B57', permissions: ['MANAGE_MESSAGES', 'MODERATE_MEMBERS'] });
    await screenshots(page('owner'), 'admin-01-role');
  });

  it('assigns the role to a member from the members view', async () => {
    await page('owner').getByRole('tab', { name: 'Members' }).click();
    await memberCard('owner', 'mod').locator('summary').click();
    // The box follows the API's answer, not the click.
    await memberCard('owner', 'mod').getByRole('checkbox', { name: 'Moderators' }).click();
    await expectPage(memberCard('owner', 'mod').locator('summary')).toContainText('Moderators');
    // The owner cannot be moderated: their actions are disabled with the reason.
    await memberCard('owner', 'owner').locator('summary').click();
    await expectPage(memberCard('owner', 'owner').getByText('This is you.')).toBeVisible();
    await expectPage(memberCard('owner', 'owner').getByRole('button', { name: 'Kick' })).toBeDisabled();
    await screenshots(page('owner'), 'admin-02-members');
  });

  it('a private channel opened to the role appears live for the moderator only', async () => {
    await page('mod').goto(`/servers/${serverId}/${generalId}`);
    await page('tess').goto(`/servers/${serverId}/${generalId}`);
    const sidebar = (key: keyof typeof people) => page(key).getByRole('navigation', { name: 'Channels of Garden Club' });
    await expectPage(sidebar('mod').getByRole('link', { name: 'general', exact: true })).toBeVisible();

    await page('owner').getByRole('tab', { name: 'Channels' }).click();
    await page('owner').getByRole('textbox', { name: 'New channel name' }).fill('staff');
    await page('owner').getByRole('checkbox', { name: 'Private' }).check();
    await page('owner').getByRole('button', { name: 'Create channel' }).click();
    await expectPage(page('owner').getByRole('heading', { name: 'Permissions in #staff' })).toBeVisible();
    await page('owner').getByLabel('Overwrite for').selectOption({ label: 'Moderators' });
    await page('owner').getByRole('radio', { name: 'Allow View channels' }).check();
    await page('owner').getByRole('button', { name: 'Save overwrites' }).click();

    await expectPage(sidebar('mod').getByRole('link', { name: 'staff' })).toBeVisible();
    await expectPage(sidebar('tess').getByRole('link', { name: 'general', exact: true })).toBeVisible();
    expect(await sidebar('tess').getByRole('link', { name: 'staff' }).count()).toBe(0);
    await screenshots(page('owner'), 'admin-03-overwrites');
    await screenshots(page('mod'), 'admin-04-moderator-sees-staff');
  });

  it('the explainer names the rule that hides the channel from a third member, and previews their sidebar', async () => {
    await page('owner').getByRole('tab', { name: 'Permissions explainer' }).click();
    await page('owner')
      .getByLabel('Member or role')
      .selectOption({ label: `Tess (@tess${suffix})` });
    await page('owner').getByLabel('Where').selectOption({ label: '#staff' });
    const list = page('owner').getByRole('list', { name: 'Permissions of Tess' });
    const view = list.locator('li', { hasText: 'View channels' });
    await expectPage(view).toContainText("Denied by this channel's @everyone rule: the channel is private");
    await expectPage(list.locator('li', { hasText: 'Send messages' })).toContainText('they cannot view this channel');
    const preview = page('owner').getByRole('complementary', { name: 'Sidebar as Tess sees it' });
    await expectPage(preview.locator('li', { hasText: 'staff' })).toContainText('hidden');

    await page('owner')
      .getByLabel('Member or role')
      .selectOption({ label: `Mia (@mod${suffix})` });
    await expectPage(
      page('owner').getByRole('list', { name: 'Permissions of Mia' }).locator('li', { hasText: 'View channels' }),
    ).toContainText("Allowed by this channel's overwrite for “Moderators”.");
    await screenshots(page('owner'), 'admin-05-explainer');
  });

  it('the moderator times a member out from the members view and the member’s composer shows it', async () => {
    await page('carl').goto(`/servers/${serverId}/${generalId}`);
    await expectPage(page('carl').getByRole('textbox', { name: 'Message #general' })).toBeVisible();
    await settings('mod', 'Members');
    // The moderator may not act on the owner: disabled, with the reason.
    await memberCard('mod', 'owner').locator('summary').click();
    await expectPage(memberCard('mod', 'owner').getByText('The owner cannot be moderated.')).toBeVisible();
    await expectPage(memberCard('mod', 'owner').getByRole('textbox', { name: /Reason/ })).toBeDisabled();
    await memberCard('mod', 'carl').locator('summary').click();
    await memberCard('mod', 'carl')
      .getByRole('textbox', { name: /Reason/ })
      .fill('off topic');
    await memberCard('mod', 'carl').getByRole('button', { name: 'Time out Carl for 10 min' }).click();
    await expectPage(memberCard('mod', 'carl').locator('summary')).toContainText('Timed out until');
    await expectPage(page('carl').getByText(/You are timed out until .+\. You can read but not send\./)).toBeVisible();
    await expectPage(page('carl').getByRole('textbox', { name: 'Message #general' })).toBeDisabled();
    await screenshots(page('mod'), 'admin-06-timeout');
    await screenshots(page('carl'), 'admin-07-timed-out-composer');
  });

  it('rate limits read as a sentence; spam past them is timed out automatically and undone from the live queue', async () => {
    await settings('owner', 'Rate limits');
    await page('owner').getByLabel('Messages per channel (0 = no limit)').fill('3');
    await page('owner').getByLabel('…within seconds').first().fill('30');
    await page('owner').getByLabel('Refusals before a timeout').fill('2');
    await page('owner').getByLabel('Timeout length (seconds)').fill('300');
    await page('owner')
      .getByRole('checkbox', { name: /Time out members who keep/ })
      .check();
    await expectPage(page('owner').locator('.rate-sentence')).toContainText('More than 3 messages in 30 s in one channel is refused');
    await expectPage(page('owner').locator('.rate-sentence')).toContainText('2 refusals in 60 s gives a 5-minute timeout');
    await page('owner').getByRole('button', { name: 'Save rate limits' }).click();
    await expectPage(page('owner').getByText('Saved.')).toBeVisible();
    await screenshots(page('owner'), 'admin-08-rate-limits');

    await settings('mod', 'Moderation queue');
    await expectPage(page('mod').getByRole('list', { name: 'Moderation actions' })).toContainText('Mia timed out @Carl — off topic');
    const sent: string[] = [];
    for (let i = 0; i < 8; i++) {
      const reply = await fetch(stack.apiUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${people.tess.token}` },
        body: JSON.stringify({
          query: 'mutation($c: ID!, $t: String!) { sendMessage(channelId: $c, content: $t) { id } }',
          variables: { c: generalId, t: `spam ${i}` },
        }),
      }).then((r) => r.json() as Promise<{ data: { sendMessage: { id: string } } | null }>);
      if (reply.data) sent.push(reply.data.sendMessage.id);
    }
    const auto = page('mod').getByRole('list', { name: 'Moderation actions' }).locator('li', { hasText: 'System AUTO timed out @Tess' });
    await expectPage(auto).toBeVisible();
    await expectPage(auto.getByText('AUTO', { exact: true })).toBeVisible();
    await auto.getByRole('button', { name: 'Remove timeout of @Tess' }).click();
    await expectPage(auto.getByRole('button', { name: 'Remove timeout of @Tess' })).toHaveCount(0);
    const tess = (
      await api('owner', 'query($s: ID!) { server(id: $s) { members { user { id } timedOutUntil } } }', { s: serverId })
    ).server.members.find((m: { user: { id: string } }) => m.user.id === people.tess.id);
    expect(tess.timedOutUntil).toBeNull();

    // A deleted message says where it was; a banned user, no longer a member, is still named, undo included.
    await api('owner', 'mutation($m: ID!) { deleteMessage(messageId: $m) }', { m: sent[0] });
    await api('owner', 'mutation($s: ID!, $u: ID!) { banMember(serverId: $s, userId: $u, reason: "raid") }', {
      s: serverId,
      u: people.carl.id,
    });
    const queue = page('mod').getByRole('list', { name: 'Moderation actions' });
    await expectPage(queue.locator('li', { hasText: 'Olive deleted a message by @Tess in #general' })).toBeVisible();
    const ban = queue.locator('li', { hasText: 'Olive banned @Carl — raid' });
    await expectPage(ban.getByRole('button', { name: 'Unban @Carl' })).toBeVisible();
    await screenshots(page('mod'), 'admin-09-queue');
  });

  it('a bot is created, its token shown once, and it is added to the server', async () => {
    await settings('owner', 'Bots');
    await page('owner').getByRole('textbox', { name: 'New bot name' }).fill('Gardener');
    await page('owner').getByRole('button', { name: 'Create bot' }).click();
    const tokenBox = page('owner').getByRole('region', { name: 'New bot token' });
    await expectPage(tokenBox).toContainText('shown only this once');
    const token = await tokenBox.getByRole('textbox', { name: 'Bot token' }).inputValue();
    expect(token.length).toBeGreaterThan(20);
    // The token works: the bot is someone.
    const me = await fetch(stack.apiUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bot ${token}` },
      body: JSON.stringify({ query: '{ me { displayName isBot } }' }),
    }).then((r) => r.json() as Promise<{ data: { me: { displayName: string; isBot: boolean } } }>);
    expect(me.data.me).toEqual({ displayName: 'Gardener', isBot: true });
    await screenshots(page('owner'), 'admin-10-bot-token');

    await page('owner').getByRole('button', { name: 'Add Gardener to Garden Club' }).click();
    const bots = page('owner').getByRole('list', { name: 'Bots' });
    await expectPage(bots.locator('li', { hasText: 'Gardener' })).toContainText('in Garden Club');
    await page('owner').getByRole('button', { name: 'Done' }).click();
    await expectPage(tokenBox).toHaveCount(0);
    // Shown once: the page never shows it again.
    await page('owner').reload();
    await page('owner').getByRole('tab', { name: 'Bots' }).click();
    await expectPage(bots.locator('li', { hasText: 'Gardener' })).toContainText('in Garden Club');
    expect(await page('owner').getByText(token).count()).toBe(0);
  });

  it('the audit log shows each of these, and new entries arrive live', async () => {
    await settings('owner', 'Audit log');
    const log = page('owner').getByRole('list', { name: 'Audit entries' });
    // Targets by kind and name, never a bare id.
    for (const sentence of [
      'Olive created role Moderators',
      'Olive updated role Moderators',
      'Olive gave role Moderators to @Mia',
      'Olive created #staff',
      'Olive set permissions in #staff',
      'Mia timed out @Carl — off topic',
      'System AUTO timed out @Tess',
      'Olive added bot Gardener',
      'Olive deleted a message by @Tess in #general',
      'Olive banned @Carl — raid',
    ]) {
      await expectPage(log.locator('li.audit-entry', { hasText: sentence }).first()).toBeVisible();
    }
    // What changed, as a list of plain lines rather than JSON.
    const roleUpdate = log.locator('li.audit-entry', { hasText: 'Olive updated role Moderators' }).first();
    await expectPage(roleUpdate.getByRole('list', { name: 'Changes' })).toContainText('color: #99AAB5 → #2E8B57');
    await expectPage(roleUpdate.getByRole('list', { name: 'Changes' })).toContainText(
      'permissions added: Manage messages, Time out members',
    );
    const overwrite = log.locator('li.audit-entry', { hasText: 'Olive set permissions in #staff' }).first();
    await expectPage(overwrite.getByRole('list', { name: 'Changes' })).toContainText('for: role Moderators');
    await expectPage(overwrite.getByRole('list', { name: 'Changes' })).toContainText('allowed: none → View channels');
    expect(await log.textContent()).not.toMatch(/\{"|\d{15,}/);
    await api('owner', 'mutation($s: ID!) { createInvite(serverId: $s) { code } }', { s: serverId });
    await expectPage(log.locator('li.audit-entry').first()).toContainText('Olive created invite');
    await screenshots(page('owner'), 'admin-11-audit');
    await page('owner').getByLabel('Actor').selectOption({ label: 'System' });
    await expectPage(log.locator('li.audit-entry')).toHaveCount(1);
  });
});
