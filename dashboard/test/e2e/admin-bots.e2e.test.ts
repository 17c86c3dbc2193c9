import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPhonePage, openUserPage, SCREENSHOTS, screenshots } from './browser';
import { expect as expectPage } from './page-expect';
import { recordFailure, signUpInBrowser, uniqueSuffix, type Person } from './people';
import { startStack, type Stack } from './stack';
import { until } from './voice-probe';

/**
 * Bots belong to people, not servers: a member who manages no server still makes a bot on My bots,
 * its token shown once; it can be added only where they hold MANAGE_SERVER, and the page says where
 * each bot is. Then the member pickers of the settings: searched through the API, and the explainer
 * never blank while members load. Then the server rail marks a mention in the other server, and its
 * right-click menu marks that server read. Last, My account, from the same user menu: a new display
 * name and an avatar, live for the others, where she is signed in (signing out another browser), and a new
 * password. Two people in two browser contexts, both in two servers, against the real stack.
 */
describe('my bots, the member pickers and the server rail in the browser', () => {
  let stack: Stack;
  let browser: Browser;
  const people = {} as Record<'owner' | 'bea', Person>;
  let gardenId: string;
  let quietId: string;
  const suffix = uniqueSuffix();
  let firstToken = '';

  const page = (key: keyof typeof people): Page => people[key].page;
  const bots = () => page('bea').getByRole('list', { name: 'Bots' });
  const gardener = () => bots().locator('li', { hasText: 'Gardener' });
  /** What the API makes of a bot token: the bot's name, or null once the token no longer works. */
  const botNamed = async (token: string) => {
    const body = await fetch(stack.apiUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bot ${token}` },
      body: JSON.stringify({ query: '{ me { displayName isBot } }' }),
    }).then((r) => r.json() as Promise<{ data?: { me: { displayName: string; isBot: boolean } | null } }>);
    return body.data?.me?.isBot ? body.data.me.displayName : null;
  };
  const userButton = (p: Page) => p.getByRole('button', { name: /^Status: Online/ });
  /** Garden Club's first channel, #general. */
  const openGarden = async (p: Page) => {
    await p.goto(`/servers/${gardenId}`);
    await p.waitForURL((url) => url.pathname.startsWith(`/servers/${gardenId}/`));
  };
  /** Opens My account from the user menu. */
  const openMyAccount = async (p: Page) => {
    await userButton(p).click();
    await p.getByRole('menuitem', { name: 'My account' }).click();
    const dialog = p.getByRole('dialog', { name: 'My account' });
    await expectPage(dialog).toBeVisible();
    return dialog;
  };
  /** The text of what describes a field (its error or hint), as a screen reader reads it with the field. */
  const descriptionOf = (field: Locator) =>
    field.evaluate((el) => document.getElementById(el.getAttribute('aria-describedby') ?? '')?.textContent ?? '');
  const quietRoomIcon = () =>
    page('bea')
      .getByRole('navigation', { name: 'Servers' })
      .getByRole('link', { name: /^Quiet Room/ });
  /** Olive writes in Quiet Room's text channel, calling Bea by name. */
  const mentionBeaInQuietRoom = async (text: string) => {
    const { server } = await people.owner.api('query($s: ID!) { server(id: $s) { channels { id type } } }', { s: quietId });
    const quietGeneral = server.channels.find((c: { type: string }) => c.type === 'TEXT').id as string;
    await people.owner.api('mutation($c: ID!, $t: String!) { sendMessage(channelId: $c, content: $t) { id } }', {
      c: quietGeneral,
      t: `@bea${suffix} ${text}`,
    });
  };

  beforeAll(async () => {
    stack = await startStack();
    browser = await launchBrowser();
    people.owner = await signUpInBrowser(stack, browser, `owner${suffix}`, 'Olive');
    people.bea = await signUpInBrowser(stack, browser, `bea${suffix}`, 'Bea');
    const server = async (name: string) => {
      const id = (await people.owner.api(`mutation { createServer(input: { name: "${name}" }) { id } }`)).createServer.id as string;
      const invite = await people.owner.api('mutation($s: ID!) { createInvite(serverId: $s) { code } }', { s: id });
      await people.bea.api('mutation($c: String!) { joinServer(inviteCode: $c) { id } }', { c: invite.createInvite.code });
      return id;
    };
    gardenId = await server('Garden Club');
    quietId = await server('Quiet Room');
  }, 180_000);

  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') await recordFailure(Object.values(people), task.name);
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  }, 60_000);

  it('a member who manages no server opens My bots from their menu by keyboard and makes a bot; its token is shown once', async () => {
    await page('bea').goto(`/servers/${quietId}`);
    // The server page moves on to its first channel; a menu opened before that would close with it.
    await page('bea').waitForURL((url) => url.pathname.startsWith(`/servers/${quietId}/`));
    await page('bea')
      .getByRole('button', { name: /^Status: Online/ })
      .focus();
    await page('bea').keyboard.press('Enter');
    await expectPage(page('bea').getByRole('menuitem', { name: 'My bots' })).toBeVisible();
    // Down from the status choices past My account to My bots, then Enter.
    for (let i = 0; i < 5; i++) await page('bea').keyboard.press('ArrowDown');
    const myBots = page('bea').getByRole('menuitem', { name: 'My bots' });
    await expectPage(myBots).toHaveAttribute('data-highlighted', '');
    await myBots.press('Enter');
    await page('bea').waitForURL((url) => url.pathname === '/bots');
    await expectPage(page('bea').getByRole('heading', { name: 'My bots' })).toBeVisible();
    expect(new URL(page('bea').url()).pathname).toBe('/bots');
    await expectPage(page('bea').getByText('You have no bots yet.')).toBeVisible();
    await expectPage(page('bea').getByText(/you have it in none of your servers yet/)).toBeVisible();

    await page('bea').getByRole('textbox', { name: 'New bot name' }).fill('Gardener');
    await page('bea').getByRole('button', { name: 'Create bot' }).click();
    const tokenBox = page('bea').getByRole('region', { name: 'New bot token' });
    await expectPage(tokenBox).toContainText('shown only this once');
    await expectPage(tokenBox).toContainText('keep it secret');
    const token = await tokenBox.getByRole('textbox', { name: 'Bot token' }).inputValue();
    expect(await botNamed(token)).toBe('Gardener');
    firstToken = token;
    await expectPage(gardener()).toContainText('in no server');
    // Quiet Room (no Manage server there) is not offered.
    await expectPage(gardener().getByRole('button', { name: /^Add Gardener/ })).toHaveCount(0);
    await screenshots(page('bea'), 'admin-bots-01-token');

    await page('bea').getByRole('button', { name: 'Done' }).click();
    await expectPage(tokenBox).toHaveCount(0);
    await page('bea').reload();
    await expectPage(gardener()).toBeVisible();
    expect(await page('bea').getByText(token).count()).toBe(0);
  });

  it('adds the bot to a server where they hold Manage server, never to one where they do not, and lists it there', async () => {
    const managers = await people.owner.api(
      'mutation($s: ID!) { createRole(serverId: $s, input: { name: "Managers", permissions: [MANAGE_SERVER] }) { id } }',
      { s: gardenId },
    );
    await people.owner.api('mutation($s: ID!, $u: ID!, $r: ID!) { assignRole(serverId: $s, userId: $u, roleId: $r) { user { id } } }', {
      s: gardenId,
      u: people.bea.id,
      r: managers.createRole.id,
    });
    await people.bea.api('mutation { createServer(input: { name: "Bea Lab" }) { id } }');

    await page('bea').reload();
    const target = gardener().getByRole('combobox', { name: 'Server to add Gardener to' });
    await expectPage(target).toBeVisible();
    expect(await target.locator('option').allInnerTexts()).toEqual(expect.arrayContaining(['Garden Club', 'Bea Lab']));
    expect(await target.locator('option').allInnerTexts()).not.toContain('Quiet Room');
    await target.selectOption({ label: 'Garden Club' });
    await gardener().getByRole('button', { name: 'Add Gardener to Garden Club' }).click();
    await expectPage(gardener()).toContainText('in Garden Club');
    const members = (
      await people.owner.api('query($s: ID!) { server(id: $s) { members { user { displayName isBot } } } }', { s: gardenId })
    ).server.members;
    expect(members).toContainEqual({ user: { displayName: 'Gardener', isBot: true } });
    // Only Bea Lab is left to offer, on the button itself.
    await expectPage(gardener().getByRole('button', { name: 'Add Gardener to Bea Lab' })).toBeVisible();
    await screenshots(page('bea'), 'admin-bots-02-added');
  });

  it('regenerates the token (the old one stops working) and deletes the bot', async () => {
    await gardener().getByRole('button', { name: 'Regenerate token' }).click();
    const tokenBox = page('bea').getByRole('region', { name: 'New bot token' });
    await expectPage(tokenBox).toContainText('Token for Gardener');
    const token = await tokenBox.getByRole('textbox', { name: 'Bot token' }).inputValue();
    expect(await botNamed(token)).toBe('Gardener');
    expect(await botNamed(firstToken)).toBeNull();

    await gardener().getByRole('button', { name: 'Delete' }).click();
    await expectPage(gardener()).toHaveCount(0);
    expect(await botNamed(token)).toBeNull();
    const members = (await people.owner.api('query($s: ID!) { server(id: $s) { members { user { isBot } } } }', { s: gardenId })).server
      .members;
    expect(members.some((m: { user: { isBot: boolean } }) => m.user.isBot)).toBe(false);
  });

  it('the explainer shows while members load, and the pickers find a member through the API search', async () => {
    // Hold the members' answers back until the loading state has been seen.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page('owner').route('**/graphql', async (route) => {
      if (route.request().postData()?.includes('AdminMembers')) await held;
      await route.fallback();
    });
    await page('owner').goto(`/servers/${gardenId}/settings`);
    await page('owner').getByRole('tab', { name: 'Permissions explainer' }).click();
    const panel = page('owner').getByRole('tabpanel');
    await expectPage(panel.getByRole('status').filter({ hasText: 'Loading members…' })).toBeVisible();
    // The engine answers for @everyone meanwhile: never a blank tab.
    await expectPage(panel.getByRole('heading', { name: 'A member with only @everyone server-wide' })).toBeVisible();
    await screenshots(page('owner'), 'admin-bots-03-explainer-loading');
    release();
    await page('owner').unroute('**/graphql');

    await panel.getByLabel('Find a member by name').fill('bea');
    const picker = panel.getByLabel('Member or role');
    await expectPage(picker.locator('optgroup[label="Members matching “bea”"] option')).toHaveCount(1);
    await picker.selectOption({ label: `Bea (@bea${suffix})` });
    await expectPage(panel.getByRole('heading', { name: 'Bea server-wide' })).toBeVisible();
    await expectPage(panel.getByRole('list', { name: 'Permissions of Bea' }).locator('li', { hasText: 'Manage server' })).toContainText(
      '“Managers”',
    );
    await expectPage(panel.getByRole('complementary', { name: 'Sidebar as Bea sees it' })).toContainText('general');
    await screenshots(page('owner'), 'admin-bots-04-explainer');

    await page('owner').getByRole('tab', { name: 'Channels' }).click();
    await page('owner')
      .getByRole('button', { name: /# general/ })
      .click();
    await page('owner').getByLabel('Find a member by name').fill('bea');
    await page('owner').getByLabel('Overwrite for').selectOption({ label: 'Bea' });
    await expectPage(page('owner').getByText('Overwrites for Bea')).toBeVisible();
    await expectPage(page('owner').getByRole('button', { name: 'Save overwrites' })).toBeDisabled();
    await screenshots(page('owner'), 'admin-bots-05-overwrite-picker');

    await page('owner').getByRole('tab', { name: 'Overview' }).click();
    await page('owner').getByLabel('Find a member by name').fill('zzz-nobody');
    await expectPage(page('owner').getByText('No member matches.')).toBeVisible();
    await page('owner').getByLabel('Find a member by name').fill('bea');
    await page('owner')
      .getByLabel('New owner')
      .selectOption({ label: `Bea (@bea${suffix})` });
    await expectPage(page('owner').getByRole('button', { name: 'Transfer ownership' })).not.toBeDisabled();
    await screenshots(page('owner'), 'admin-bots-06-transfer-picker');
  });

  it('the rail marks the other server where Bea was mentioned, with a pill and a red 1, until she opens it', async () => {
    const bea = page('bea');
    const quietRoom = quietRoomIcon();
    await bea.goto(`/servers/${gardenId}`);
    await bea.waitForURL((url) => url.pathname.startsWith(`/servers/${gardenId}/`));
    await expectPage(quietRoom).toHaveAttribute('aria-label', 'Quiet Room');

    await mentionBeaInQuietRoom('the seedlings are up');
    // Nothing streams from a server that is not open: the rail reads the list again as Bea comes back to the window.
    await bea.evaluate(() => window.dispatchEvent(new Event('focus')));
    await expectPage(quietRoom).toHaveAttribute('aria-label', 'Quiet Room (unread, 1 mention)');
    await expectPage(quietRoom.locator('.mention-badge')).toHaveText('1');
    await expectPage(quietRoom.locator('.rail-pill')).toBeVisible();
    // On a phone the rail is folded away: the menu button carries the other server's mention.
    await expectPage(bea.locator('.menu-button')).toHaveAttribute('aria-label', 'Open navigation (unread, 1 mention)');
    await expectPage(bea.locator('.menu-button .mention-badge')).toHaveText('1');
    await screenshots(bea, 'admin-bots-07-rail-mention', { drawer: true });

    await quietRoom.click();
    await expectPage(bea.getByRole('log', { name: 'Messages' }).getByText('the seedlings are up')).toBeVisible();
    await expectPage(quietRoom).toHaveAttribute('aria-label', 'Quiet Room');
    await expectPage(quietRoom.locator('.mention-badge')).toHaveCount(0);
    // Back in Garden Club once the API has her read marker: the list, read again on leaving, agrees.
    await until(
      () => people.bea.api('query($s: ID!) { server(id: $s) { hasUnread } }', { s: quietId }),
      (data) => data.server.hasUnread === false,
      'Quiet Room read',
    );
    await bea
      .getByRole('navigation', { name: 'Servers' })
      .getByRole('link', { name: /^Garden Club/ })
      .click();
    await bea.waitForURL((url) => url.pathname.startsWith(`/servers/${gardenId}/`));
    await expectPage(quietRoom).toHaveAttribute('aria-label', 'Quiet Room');
    await expectPage(quietRoom.locator('.rail-pill')).toHaveCount(0);
  });

  it('Bea marks the other server read from its icon’s right-click menu; the open one has nothing to mark', async () => {
    const bea = page('bea');
    const quietRoom = quietRoomIcon();
    const markAsRead = bea.getByRole('menu').getByRole('menuitem', { name: 'Mark as read' });
    const openQuietRoomMenu = () => quietRoom.click({ button: 'right' });
    // A fresh page: its rail reads the list again on the first return to the window, however soon.
    await bea.goto(`/servers/${gardenId}`);
    await bea.waitForURL((url) => url.pathname.startsWith(`/servers/${gardenId}/`));
    await expectPage(quietRoom).toHaveAttribute('aria-label', 'Quiet Room');

    await mentionBeaInQuietRoom('the tomatoes need staking');
    await bea.evaluate(() => window.dispatchEvent(new Event('focus')));
    await expectPage(quietRoom).toHaveAttribute('aria-label', 'Quiet Room (unread, 1 mention)');
    await openQuietRoomMenu();
    await expectPage(markAsRead).toBeVisible();
    await expectPage(markAsRead).not.toHaveAttribute('aria-disabled', 'true');
    await screenshots(bea, 'admin-bots-08-rail-mark-read-menu', { drawer: true, reopen: openQuietRoomMenu });

    await openQuietRoomMenu();
    await markAsRead.click();
    await expectPage(quietRoom).toHaveAttribute('aria-label', 'Quiet Room');
    await expectPage(quietRoom.locator('.mention-badge')).toHaveCount(0);
    await expectPage(quietRoom.locator('.rail-pill')).toHaveCount(0);
    // Read for the API too, so on her other devices: not just cleared on this page.
    const { server } = await people.bea.api('query($s: ID!) { server(id: $s) { hasUnread mentionCount } }', { s: quietId });
    expect(server).toEqual({ hasUnread: false, mentionCount: 0 });

    await bea.getByRole('button', { name: 'Server menu' }).click();
    await expectPage(markAsRead).toHaveAttribute('aria-disabled', 'true');
    await bea.keyboard.press('Escape');
  });

  it('on a phone, a long press on the icon opens the same menu, and a tap still opens the server', async () => {
    await mentionBeaInQuietRoom('the beans are climbing');
    // A touch screen of its own, signed in as Bea: what a phone sends is touches, not right clicks.
    const { context: phone, page: p } = await openPhonePage(browser, stack.dashboardUrl, people.bea.token);
    try {
      await p.goto(`/servers/${gardenId}`);
      await p.waitForURL((url) => url.pathname.startsWith(`/servers/${gardenId}/`));
      await p.getByRole('button', { name: /^Open navigation/ }).tap();
      const icon = p.getByRole('navigation', { name: 'Servers' }).getByRole('link', { name: /^Quiet Room/ });
      await expectPage(icon).toHaveAttribute('aria-label', 'Quiet Room (unread, 1 mention)');

      // Where the drawer has finished sliding in: the finger lands where the icon is seen.
      await p.waitForTimeout(400);
      const box = (await icon.boundingBox())!;
      const finger = [{ x: box.x + box.width / 2, y: box.y + box.height / 2 }];
      const touch = await phone.newCDPSession(p);
      const markAsRead = p.getByRole('menu').getByRole('menuitem', { name: 'Mark as read' });
      await touch.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: finger });
      await p.waitForTimeout(300);
      await expectPage(markAsRead).toHaveCount(0);
      await p.waitForTimeout(700);
      await touch.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
      // Open once the finger lifts, and the press did not follow the link.
      await expectPage(markAsRead).toBeVisible();
      expect(new URL(p.url()).pathname.startsWith(`/servers/${gardenId}/`)).toBe(true);
      await p.screenshot({ path: `${SCREENSHOTS}/admin-bots-08b-rail-long-press-360.png` });

      await markAsRead.tap();
      await expectPage(icon).toHaveAttribute('aria-label', 'Quiet Room');
      const { server } = await people.bea.api('query($s: ID!) { server(id: $s) { hasUnread } }', { s: quietId });
      expect(server.hasUnread).toBe(false);
      await icon.tap();
      await p.waitForURL((url) => url.pathname.startsWith(`/servers/${quietId}/`));
      await expectPage(p.getByRole('menu')).toHaveCount(0);
    } finally {
      await phone.close();
    }
  });

  it('Bea renames herself in My account: her panel shows it at once, and Olive sees it live in the members and on her message', async () => {
    const [olive, bea] = [page('owner'), page('bea')];
    const { server } = await people.owner.api('query($s: ID!) { server(id: $s) { channels { id type } } }', { s: gardenId });
    const general = server.channels.find((c: { type: string }) => c.type === 'TEXT').id as string;
    await people.bea.api('mutation($c: ID!) { sendMessage(channelId: $c, content: "the roses are out") { id } }', { c: general });
    for (const p of [olive, bea]) {
      await openGarden(p);
      await expectPage(p.getByRole('article', { name: 'Bea: the roses are out' })).toBeVisible();
    }
    const oliveMembers = olive.getByRole('complementary', { name: 'Members' });
    await expectPage(oliveMembers.getByText('Bea', { exact: true })).toBeVisible();

    const dialog = await openMyAccount(bea);
    // It opens on the display name.
    await bea.waitForFunction(() => document.activeElement?.getAttribute('name') === 'displayName');
    await expectPage(dialog.getByText(`@${people.bea.username}`)).toBeVisible();
    const name = dialog.getByLabel('Display name', { exact: true }).and(dialog.getByRole('textbox'));
    const save = dialog.getByRole('button', { name: 'Save' });
    await expectPage(name).toHaveValue('Bea');
    await expectPage(save).toBeDisabled();
    await screenshots(bea, 'admin-bots-09-my-account');

    await name.fill('Bea Green');
    await save.click();
    await expectPage(dialog.getByRole('status').filter({ hasText: 'saved' })).toHaveText('Display name saved.');
    await expectPage(save).toBeDisabled();
    await bea.keyboard.press('Escape');
    await expectPage(dialog).toHaveCount(0);
    await expectPage(userButton(bea)).toContainText('Bea Green');
    expect(await userButton(bea).evaluate((el) => el === document.activeElement)).toBe(true);
    // Her own chat, and Olive's open page, without a reload.
    await expectPage(bea.getByRole('article', { name: 'Bea Green: the roses are out' })).toBeVisible();
    await expectPage(oliveMembers.getByText('Bea Green', { exact: true })).toBeVisible();
    await expectPage(olive.getByRole('article', { name: 'Bea Green: the roses are out' })).toBeVisible();
    expect((await people.bea.api('{ me { displayName } }')).me.displayName).toBe('Bea Green');
  });

  it('Bea uploads an avatar in My account: her panel shows it at once, Olive sees it live in the members and beside her message; Remove brings back her initials', async () => {
    const [olive, bea] = [page('owner'), page('bea')];
    for (const p of [olive, bea]) {
      await openGarden(p);
      await expectPage(p.getByRole('article', { name: 'Bea Green: the roses are out' })).toBeVisible();
    }
    const beaRow = olive.getByRole('complementary', { name: 'Members' }).locator('li', { hasText: 'Bea Green' });
    const beaMessage = olive.getByRole('article', { name: 'Bea Green: the roses are out' });
    const faces = [bea.locator('.user-panel .avatar'), beaRow.locator('.avatar'), beaMessage.locator('.message-avatar .avatar')];
    for (const face of faces) await expectPage(face).toHaveText('BG');

    // A real PNG, wider than tall, drawn by the browser: the dialog crops and scales it to 256×256.
    const png = await bea.evaluate(() => {
      const canvas = Object.assign(document.createElement('canvas'), { width: 600, height: 400 });
      const context = canvas.getContext('2d')!;
      context.fillStyle = '#c2185b';
      context.fillRect(0, 0, 600, 400);
      context.fillStyle = '#ffeb3b';
      context.beginPath();
      context.arc(300, 200, 120, 0, 2 * Math.PI);
      context.fill();
      return canvas.toDataURL('image/png').split(',')[1]!;
    });
    /** The width of a picture once loaded: 0 if it could not be. */
    const loadedWidth = (img: Locator) =>
      img.evaluate(async (el: HTMLImageElement) => {
        if (!el.complete) await new Promise((done) => el.addEventListener('load', done, { once: true }));
        return el.naturalWidth;
      });
    const dialog = await openMyAccount(bea);
    await expectPage(dialog.getByRole('button', { name: 'Remove' })).toHaveCount(0);
    await dialog.getByLabel('Upload image').setInputFiles({ name: 'rose.png', mimeType: 'image/png', buffer: Buffer.from(png, 'base64') });
    await expectPage(dialog.getByRole('status').filter({ hasText: 'Avatar' })).toHaveText('Avatar updated.');
    expect(await loadedWidth(dialog.locator('.avatar-picker img.avatar'))).toBe(256);
    await screenshots(bea, 'admin-bots-11-my-account-avatar');
    await bea.keyboard.press('Escape');

    const { avatarUrl } = (await people.bea.api('{ me { avatarUrl } }')).me as { avatarUrl: string };
    const served = await fetch(new URL(avatarUrl, stack.apiUrl));
    expect(served.headers.get('content-type')).toBe('image/webp');
    // Her panel at once, and Olive's open page live, each a picture that loaded: 256 pixels wide.
    const src = new URL(avatarUrl, stack.apiUrl).href;
    for (const face of faces) {
      await expectPage(face).toHaveAttribute('src', src);
      expect(await loadedWidth(face)).toBe(256);
    }
    await screenshots(olive, 'admin-bots-12-chat-avatars');

    await openMyAccount(bea).then((d) => d.getByRole('button', { name: 'Remove' }).click());
    await expectPage(bea.getByRole('dialog').getByRole('status').filter({ hasText: 'Avatar' })).toHaveText('Avatar removed.');
    await bea.keyboard.press('Escape');
    for (const face of faces) await expectPage(face).toHaveText('BG');
    await expectPage(olive.locator(`img[src="${src}"]`)).toHaveCount(0);
    expect((await people.bea.api('{ me { avatarUrl } }')).me.avatarUrl).toBeNull();
  });

  it('Bea sees where she is signed in, this browser marked, and signs out her other one: it is back at sign-in at once', async () => {
    const bea = page('bea');
    const device = await openUserPage(browser, stack.dashboardUrl);
    await device.page.goto('/');
    await device.page.getByLabel('Username').fill(people.bea.username);
    await device.page.getByLabel('Password').fill('correct horse battery');
    await device.page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expectPage(userButton(device.page)).toBeVisible();

    await openGarden(bea);
    const dialog = await openMyAccount(bea);
    const sessions = dialog.getByRole('list', { name: 'Sessions' }).getByRole('listitem');
    await expectPage(sessions).toHaveCount(2);
    // This browser first, marked, with no Sign out of its own (the user menu has one); its session
    // began with the test's register call, from Node. Then the other browser, signed in just now.
    const [mine, other] = [sessions.first(), sessions.nth(1)];
    await expectPage(mine).toContainText('This device');
    await expectPage(mine.getByText('node', { exact: true })).toHaveAttribute('title', 'node');
    await expectPage(mine.getByRole('button')).toHaveCount(0);
    await expectPage(other).toContainText(/^Chrome on Linux\s+Active now · Signed in today at \d\d:\d\d/);
    expect(await other.locator('.session-client').getAttribute('title')).toMatch(/HeadlessChrome\//);
    await screenshots(bea, 'admin-bots-13-my-account-sessions', {
      show: dialog.getByRole('button', { name: 'Sign out all other sessions' }),
    });

    await other.getByRole('button', { name: 'Sign out Chrome on Linux' }).click();
    await expectPage(sessions).toHaveCount(1);
    await expectPage(dialog.getByRole('status').filter({ hasText: 'Signed out' })).toHaveText('Signed out Chrome on Linux.');
    await expectPage(dialog.getByRole('button', { name: 'Sign out all other sessions' })).toHaveCount(0);
    // No other row's Sign out to go on to: focus is on the list's heading, not back at the dialog's top.
    await expectPage(dialog.getByRole('heading', { name: 'Where you’re signed in' })).toBeFocused();
    // Its socket closed with 4401: the other browser is back at sign-in; this one goes on.
    await expectPage(device.page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
    await bea.keyboard.press('Escape');
    await expectPage(dialog).toHaveCount(0);
    expect((await people.bea.api('{ mySessions { current } }')).mySessions).toEqual([{ current: true }]);
    await device.context.close();
  });

  it('Bea changes her password in My account: a wrong current one shows on its field; then her other session ends, and only the new one signs in', async () => {
    const bea = page('bea');
    // Her other device, signed in with the password she has now.
    const device = await openUserPage(browser, stack.dashboardUrl);
    const signIn = async (password: string) => {
      await device.page.getByLabel('Username').fill(people.bea.username);
      await device.page.getByLabel('Password').fill(password);
      await device.page.getByRole('button', { name: 'Sign in', exact: true }).click();
    };
    await device.page.goto('/');
    await signIn('correct horse battery');
    await expectPage(userButton(device.page)).toBeVisible();

    await openGarden(bea);
    const dialog = await openMyAccount(bea);
    const sessions = dialog.getByRole('list', { name: 'Sessions' }).getByRole('listitem');
    await expectPage(sessions).toHaveCount(2);
    const [current, next, confirm] = ['Current password', 'New password', 'Confirm new password'].map((label) =>
      dialog.getByLabel(label, { exact: true }),
    );
    const change = dialog.getByRole('button', { name: 'Change password' });
    await next!.fill('short');
    await change.click();
    await expectPage(next!).toHaveAttribute('aria-invalid', 'true');
    expect(await descriptionOf(next!)).toBe('Your new password must be 8 to 256 characters.');

    await current!.fill('not my password');
    await next!.fill('a brand new password');
    await confirm!.fill('a brand new password');
    await change.click();
    await expectPage(current!).toHaveAttribute('aria-invalid', 'true');
    expect(await descriptionOf(current!)).toBe('That is not your current password.');
    expect(await current!.evaluate((el) => el === document.activeElement)).toBe(true);
    await screenshots(bea, 'admin-bots-10-my-account-wrong-password');

    await current!.fill('correct horse battery');
    await change.click();
    await expectPage(dialog.getByRole('status').filter({ hasText: 'Password changed' })).toHaveText(
      'Password changed. Your other sessions were signed out.',
    );
    for (const field of [current!, next!, confirm!]) await expectPage(field).toHaveValue('');
    // Where she is signed in: only here now.
    await expectPage(sessions).toHaveCount(1);
    await expectPage(sessions).toContainText('This device');
    // The other device is back at sign-in at once (its socket closed); this session goes on.
    await expectPage(device.page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
    await bea.reload();
    await expectPage(userButton(bea)).toBeVisible();

    await signIn('correct horse battery');
    await expectPage(device.page.getByRole('alert').filter({ hasText: 'Invalid username or password' })).toBeVisible();
    await expectPage(userButton(device.page)).toHaveCount(0);
    await signIn('a brand new password');
    await expectPage(userButton(device.page)).toBeVisible();
    await device.context.close();
  });
});
