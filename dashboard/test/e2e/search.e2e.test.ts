import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openUserPage, SCREENSHOTS, screenshots } from './browser';
import { expect as expectPage } from './page-expect';
import { recordFailure, signUpInBrowser, uniqueSuffix, type Person } from './people';
import { startStack, type Stack } from './stack';

/**
 * Message search in the browser: the header's box (a button on a phone), results across the
 * server's channels with the words marked (never from a channel the member cannot see), Load more,
 * empty and refused searches, and a jump to a result far back in another channel's history, which
 * opens there in context; then back to the present, live again. A link to an old message opens there
 * on a fresh page load and stays there. The pins panel's Jump goes as far.
 */
describe('searching messages in the browser', () => {
  let stack: Stack;
  let browser: Browser;
  let owner: Person;
  let max: Person;
  let serverId: string;
  const channels = { general: '', random: '', staff: '', archive: '' };
  let anchorId: string;
  /** #archive's ids, "old 1" first. */
  const archiveIds: string[] = [];
  const suffix = uniqueSuffix();
  const SERVER = 'Search Club';
  /** Messages in #random after the old one: more than five history pages (of 50) deep. */
  const FILLERS = 320;
  /** In #general: enough matches of "release" for a second page of results (25 each). */
  const CHECKLIST = 26;
  /** In #archive: messages of a few lines each, more than a page after "old 30". */
  const ARCHIVE = 80;

  const box = (page: Page) => page.getByRole('searchbox', { name: 'Search messages' });
  const panel = (page: Page) => page.getByRole('complementary', { name: 'Search results' });
  const results = (page: Page) => panel(page).getByRole('list', { name: 'Results' }).getByRole('listitem');
  const status = (page: Page) => panel(page).getByRole('status');
  const messageList = (page: Page) => page.getByRole('log', { name: 'Messages' });
  const article = (page: Page, text: string) => messageList(page).locator('article', { hasText: text });
  /** A filler message by its exact text ("filler 1" is not "filler 10"). */
  const filler = (page: Page, n: number) => messageList(page).getByText(`filler ${n}`, { exact: true });
  const search = async (page: Page, query: string) => {
    await box(page).fill(query);
    await box(page).press('Enter');
  };
  /** Whether the message with `text` lies within the message list's visible part (not even loaded: false, at once). */
  const inView = async (page: Page, text: string) => {
    const list = await messageList(page).boundingBox();
    const message = article(page, text);
    const found = (await message.count()) > 0 ? await message.boundingBox() : null;
    return !!list && !!found && found.y >= list.y - 2 && found.y + found.height <= list.y + list.height + 2;
  };

  beforeAll(async () => {
    stack = await startStack();
    browser = await launchBrowser();
    owner = await signUpInBrowser(stack, browser, `olive${suffix}`, 'Olive');
    max = await signUpInBrowser(stack, browser, `max${suffix}`, 'Max');
    const created = await owner.api(`mutation { createServer(input: { name: "${SERVER}" }) { id channels { id type } } }`);
    serverId = created.createServer.id;
    channels.general = created.createServer.channels.find((c: { type: string }) => c.type === 'TEXT').id;
    const channel = async (name: string) =>
      (await owner.api(`mutation($s: ID!) { createChannel(input: { serverId: $s, type: TEXT, name: "${name}" }) { id } }`, { s: serverId }))
        .createChannel.id as string;
    channels.random = await channel('random');
    channels.staff = await channel('staff');
    channels.archive = await channel('archive');
    const invite = await owner.api('mutation($s: ID!) { createInvite(serverId: $s) { code } }', { s: serverId });
    await max.api('mutation($c: String!) { joinServer(inviteCode: $c) { id } }', { c: invite.createInvite.code });
    // #staff is hidden from Max.
    await owner.api('mutation($c: ID!, $i: OverwriteInput!) { setChannelOverwrite(channelId: $c, input: $i) { id } }', {
      c: channels.staff,
      i: { targetType: 'MEMBER', targetId: max.id, allow: [], deny: ['VIEW_CHANNEL'] },
    });

    // Seeded through the API with the message limits off for a moment (restored below).
    const limits = (channel: number, server: number) =>
      owner.api(
        'mutation($s: ID!, $c: Int!, $v: Int!) { updateServerRateLimits(serverId: $s, input: { channelMessageLimit: $c, serverMessageLimit: $v }) { channelMessageLimit } }',
        { s: serverId, c: channel, v: server },
      );
    const send = async (channelId: string, content: string, as: Person = owner) =>
      (await as.api('mutation($c: ID!, $t: String!) { sendMessage(channelId: $c, content: $t) { id } }', { c: channelId, t: content }))
        .sendMessage.id as string;
    await limits(0, 0);
    anchorId = await send(channels.random, 'The first release plan: chapter one by **March**');
    for (let i = 1; i <= FILLERS; i++) await send(channels.random, `filler ${i}`);
    await send(channels.staff, 'Staff-only release budget');
    for (let i = 1; i <= CHECKLIST; i++) await send(channels.general, `release checklist item ${i}`);
    await send(channels.general, 'We released it yesterday');
    await send(channels.general, '**Release** party on Friday', max);
    await send(channels.general, 'Release notes for v2 are ready: https://example.com/release');
    for (let i = 1; i <= ARCHIVE; i++)
      archiveIds.push(await send(channels.archive, `old ${i}: ${'a message long enough to wrap over a few lines of the chat '.repeat(6)}`));
    await limits(5, 20);
  }, 300_000);

  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') await recordFailure([owner, max], task.name);
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  }, 60_000);

  it('the header holds a compact box that widens while focused, with the scope below; a phone a button', async () => {
    const { page } = max;
    await page.goto(`/servers/${serverId}/${channels.general}`);
    await expectPage(article(page, 'Release notes for v2')).toBeVisible();
    const before = (await box(page).boundingBox())!;
    await box(page).click();
    await expectPage(page.getByRole('radiogroup', { name: 'Search in' })).toBeVisible();
    await expect.poll(async () => (await box(page).boundingBox())!.width, { timeout: 2_000 }).toBeGreaterThan(before.width + 50);
    await expectPage(page.getByRole('radio', { name: 'Whole server' })).toHaveAttribute('aria-checked', 'true');
    await screenshots(page, 'search-01-box');
    // On a phone: a button instead of the box; it opens the full-screen search, its box focused.
    await page.setViewportSize({ width: 360, height: 740 });
    await expectPage(box(page)).toHaveCount(0);
    await page.getByRole('button', { name: 'Search messages' }).click();
    await expectPage(panel(page)).toBeVisible();
    await expectPage(panel(page).getByText('Type words and press Enter.', { exact: false })).toBeVisible();
    expect(await box(page).evaluate((el) => el === document.activeElement)).toBe(true);
    const sheet = (await panel(page).boundingBox())!;
    expect([sheet.x, sheet.y, sheet.width, sheet.height]).toEqual([0, 0, 360, 740]);
    await page.screenshot({ path: `${SCREENSHOTS}/search-01b-phone-open-360.png` });
    await page.getByRole('button', { name: 'Close search' }).click();
    await expectPage(panel(page)).toHaveCount(0);
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it("finds the member's matches in every channel they may read, newest first, words marked; Load more", async () => {
    const { page } = max;
    await search(page, 'release');
    await expectPage(panel(page)).toBeVisible();
    await expectPage(panel(page).getByRole('heading')).toHaveText('Results for “release”');
    await expectPage(status(page)).toHaveText('25 results, older ones follow');
    await expectPage(results(page)).toHaveCount(25);
    // The results take the member list's place.
    await expectPage(page.getByRole('complementary', { name: 'Members' })).toHaveCount(0);
    await expectPage(page.getByRole('button', { name: 'Show member list' })).toHaveAttribute('aria-pressed', 'false');

    const notes = results(page).first();
    await expectPage(notes).toContainText('#general');
    await expectPage(notes).toContainText('Olive');
    await expectPage(notes.locator('.search-result-content')).toHaveText('Release notes for v2 are ready: https://example.com/release');
    expect(await notes.locator('mark').allInnerTexts()).toEqual(['Release', 'release']);
    // Markup rendered as the chat renders it, the word marked inside it.
    const party = results(page).filter({ hasText: 'party on Friday' });
    await expectPage(party).toContainText('Max');
    await expectPage(party.locator('strong mark')).toHaveText('Release');
    // Whole words only: "released" is not "release".
    await expectPage(results(page).filter({ hasText: 'We released it yesterday' })).toHaveCount(0);
    await screenshots(page, 'search-02-results');

    await panel(page).getByRole('button', { name: 'Load more' }).click();
    await expectPage(status(page)).toHaveText(`${CHECKLIST + 3} results`);
    await expectPage(results(page)).toHaveCount(CHECKLIST + 3);
    await expectPage(panel(page).getByRole('button', { name: 'Load more' })).toHaveCount(0);
    // Focus moved to the first of the older ones.
    expect(
      await results(page)
        .nth(25)
        .getByRole('button', { name: 'Jump' })
        .evaluate((el) => el === document.activeElement),
    ).toBe(true);
    const oldest = results(page).last();
    await expectPage(oldest).toContainText('#random');
    await expectPage(oldest.locator('mark')).toHaveText('release');
    // Never the hidden channel's, which Olive finds.
    await expectPage(panel(page).getByText('Staff-only', { exact: false })).toHaveCount(0);
    const olives = await owner.api('query($s: ID!) { searchMessages(serverId: $s, query: "budget") { messages { id } } }', { s: serverId });
    expect(olives.searchMessages.messages).toHaveLength(1);
  });

  it('says when nothing matches, and shows the refusal of a search without a word', async () => {
    const { page } = max;
    await search(page, 'releases');
    await expectPage(status(page)).toHaveText('No messages match “releases”.');
    await expectPage(panel(page).getByText(/Words match whole/)).toBeVisible();
    await screenshots(page, 'search-03-empty');
    await search(page, '!!!');
    await expectPage(panel(page).getByRole('alert')).toHaveText('The search must contain a word, or from: or in:.');
    await expectPage(panel(page).getByRole('button', { name: 'Try again' })).toHaveCount(0);
    await screenshots(page, 'search-04-error');
    // Escape ends the search: the panel closes, the box empties and keeps focus.
    await box(page).press('Escape');
    await expectPage(panel(page)).toHaveCount(0);
    await expectPage(box(page)).toHaveValue('');
    await expectPage(page.getByRole('complementary', { name: 'Members' })).toBeVisible();
  });

  it('from: and in: narrow the search to an author and a channel, alone or with words; only the words are marked', async () => {
    const { page } = max;
    const send = (as: Person, channelId: string, content: string) =>
      as.api('mutation($c: ID!, $t: String!) { sendMessage(channelId: $c, content: $t) { id } }', { c: channelId, t: content });
    await send(owner, channels.random, 'Snack list for the weekend');
    await send(max, channels.random, 'Snack run tonight?');
    await send(max, channels.general, 'Snack time in general');
    const contents = () => results(page).locator('.search-result-content').allInnerTexts();
    const authors = () => results(page).locator('.message-author').allInnerTexts();
    const where = () => results(page).locator('.search-result-channel').allInnerTexts();

    // Filters alone: all of Max's messages (the username in any case), newest first, nothing marked.
    await search(page, `from:${max.username.toUpperCase()}`);
    await expectPage(status(page)).toHaveText('3 results');
    expect(await contents()).toEqual(['Snack time in general', 'Snack run tonight?', 'Release party on Friday']);
    expect(await authors()).toEqual(['Max', 'Max', 'Max']);
    await expectPage(panel(page).locator('mark')).toHaveCount(0);

    // A channel and a word: #random's only, the word marked (not the channel's name).
    await search(page, 'in:#Random snack');
    await expectPage(status(page)).toHaveText('2 results');
    expect(await contents()).toEqual(['Snack run tonight?', 'Snack list for the weekend']);
    expect(await where()).toEqual(['#random', '#random']);
    expect(await panel(page).locator('mark').allInnerTexts()).toEqual(['Snack', 'Snack']);

    // Both, with the word among them.
    await search(page, `in:random snack from:${max.username}`);
    await expectPage(panel(page).getByRole('heading')).toHaveText(`Results for “in:random snack from:${max.username}”`);
    await expectPage(status(page)).toHaveText('1 result');
    expect([await contents(), await authors(), await where()]).toEqual([['Snack run tonight?'], ['Max'], ['#random']]);
    expect(await panel(page).locator('mark').allInnerTexts()).toEqual(['Snack']);
    await screenshots(page, 'search-08-filtered');

    // A name that is nobody's (a display name is not a username), or a channel Max cannot see: nothing, and why.
    await search(page, 'from:Max');
    await expectPage(status(page)).toHaveText('No messages match “from:Max”.');
    await expectPage(panel(page).getByText(/The name after from: must be a username, exactly/)).toBeVisible();
    await search(page, 'in:staff budget');
    await expectPage(status(page)).toHaveText('No messages match “in:staff budget”.');
    await screenshots(page, 'search-09-filtered-empty');
    await box(page).press('Escape');
    await expectPage(panel(page)).toHaveCount(0);
  });

  it('by keyboard: the scope, the arrows into the results, Enter jumps in this channel, Escape back to the box', async () => {
    const { page } = max;
    await box(page).click();
    await page.getByRole('radio', { name: 'This channel' }).click();
    await box(page).fill('checklist');
    await box(page).press('Enter');
    await expectPage(panel(page).getByRole('heading')).toHaveText('Results for “checklist” in #general');
    await expectPage(status(page)).toHaveText('25 results, older ones follow');
    await expectPage(results(page).first().locator('mark')).toHaveText('checklist');
    await box(page).press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const third = results(page).nth(1);
    await expectPage(third).toContainText(`release checklist item ${CHECKLIST - 1}`);
    expect(await third.getByRole('button', { name: 'Jump' }).evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await expectPage(article(page, `release checklist item ${CHECKLIST - 1}`)).toHaveAttribute('class', /highlighted/);
    await expectPage(third.getByRole('button', { name: 'Jump' })).toHaveAttribute('aria-current', 'true');
    await page.keyboard.press('Escape');
    await expectPage(panel(page)).toHaveCount(0);
    expect(await box(page).evaluate((el) => el === document.activeElement)).toBe(true);
    // The scope stays as chosen; back to the whole server.
    await page.getByRole('radio', { name: 'Whole server' }).click();
  });

  it('jumps to a result far back in another channel: it opens there in context, highlighted; then back to the present, live', async () => {
    const { page } = max;
    await search(page, 'plan');
    await expectPage(status(page)).toHaveText('1 result');
    await results(page).first().getByRole('button', { name: 'Jump' }).click();
    await page.waitForURL(`**/servers/${serverId}/${channels.random}`);
    const plan = 'The first release plan';
    await expectPage(article(page, plan)).toHaveAttribute('class', /highlighted/);
    await expect.poll(() => inView(page, plan), { timeout: 5_000 }).toBe(true);
    // The address no longer names the message, and the results stay open, the result marked and focused.
    expect(new URL(page.url()).search).toBe('');
    await expectPage(panel(page)).toBeVisible();
    const active = results(page).first().getByRole('button', { name: 'Jump' });
    await expectPage(active).toHaveAttribute('aria-current', 'true');
    expect(await active.evaluate((el) => el === document.activeElement)).toBe(true);
    // A window of the history, not the present: the newest message is not loaded, the way back is offered.
    await expectPage(filler(page, FILLERS)).toHaveCount(0);
    await expectPage(filler(page, 1)).toBeVisible();
    await expectPage(page.getByRole('button', { name: 'Jump to latest messages' })).toBeVisible();
    await screenshots(page, 'search-05-landed');

    // Sent meanwhile: not in this window (it is not next to it), nor is #random read up to it.
    const fresh = await owner.api(
      'mutation($c: ID!) { sendMessage(channelId: $c, content: "Fresh news while Max reads history") { id } }',
      {
        c: channels.random,
      },
    );
    await page.waitForTimeout(500);
    await expectPage(article(page, 'Fresh news while Max reads history')).toHaveCount(0);
    const readState = await max.api('query($c: ID!) { channel(id: $c) { lastReadMessageId } }', { c: channels.random });
    expect(readState.channel.lastReadMessageId).not.toBe(fresh.sendMessage.id);

    // Scrolling down loads newer pages.
    for (let i = 0; i < 40 && (await filler(page, 60).count()) === 0; i++) {
      await messageList(page).hover();
      await page.mouse.wheel(0, 2000);
      await page.waitForTimeout(150);
    }
    await expectPage(filler(page, 60)).toBeVisible();

    await page.getByRole('button', { name: 'Jump to latest messages' }).click();
    await expectPage(article(page, 'Fresh news while Max reads history')).toBeVisible();
    await expectPage(filler(page, FILLERS)).toBeVisible();
    await expectPage(article(page, plan)).toHaveCount(0);
    await expectPage(page.getByRole('button', { name: 'Jump to latest messages' })).toHaveCount(0);
    // Live again: a new message appears, and the channel is read up to it.
    await owner.api('mutation($c: ID!) { sendMessage(channelId: $c, content: "Live again after the jump") { id } }', {
      c: channels.random,
    });
    await expectPage(article(page, 'Live again after the jump')).toBeVisible();
    await expect
      .poll(async () => {
        const { channel } = await max.api('query($c: ID!) { channel(id: $c) { lastReadMessageId lastMessageId } }', { c: channels.random });
        return channel.lastReadMessageId === channel.lastMessageId;
      })
      .toBe(true);
    await page.getByRole('button', { name: 'Close search' }).click();
  });

  it('on a phone: the search covers the screen, and a jump shows the chat at the message', async () => {
    const { page } = max;
    await page.setViewportSize({ width: 360, height: 740 });
    await page.getByRole('button', { name: 'Search messages' }).click();
    await box(page).fill('march');
    await box(page).press('Enter');
    await expectPage(status(page)).toHaveText('1 result');
    await expectPage(results(page).first().locator('strong mark')).toHaveText('March');
    await page.screenshot({ path: `${SCREENSHOTS}/search-06-phone-results-360.png` });
    await results(page).first().getByRole('button', { name: 'Jump' }).click();
    await expectPage(panel(page)).toHaveCount(0);
    await expectPage(article(page, 'The first release plan')).toHaveAttribute('class', /highlighted/);
    await expect.poll(() => inView(page, 'The first release plan'), { timeout: 5_000 }).toBe(true);
    await page.screenshot({ path: `${SCREENSHOTS}/search-07-phone-landed-360.png` });
    // The search button brings the results back.
    await page.getByRole('button', { name: 'Search messages' }).click();
    await expectPage(results(page)).toHaveCount(1);
    await page.getByRole('button', { name: 'Close search' }).click();
    await page.getByRole('button', { name: 'Jump to latest messages' }).click();
    await expectPage(article(page, 'Live again after the jump')).toBeVisible();
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('a link to an old message opens the chat there on a fresh page load, and it stays there as the address drops the message', async () => {
    // Each load races the list's first layout (messages of a few lines take a while to measure) against
    // the older page it asks for and the address being replaced: several loads, each in a fresh browser
    // context (nothing cached, as a link opened from elsewhere); the last on a phone.
    for (let load = 1; load <= 4; load++) {
      const { context, page } = await openUserPage(browser, stack.dashboardUrl);
      if (load === 4) await page.setViewportSize({ width: 360, height: 740 });
      await context.addInitScript((token) => window.localStorage.setItem('rashigo.token', token), owner.token);
      const jumpToLatest = page.getByRole('button', { name: 'Jump to latest messages' });
      await page.goto(`/servers/${serverId}/${channels.archive}?message=${archiveIds[29]}`);
      await expect.poll(() => inView(page, 'old 30: '), { timeout: 10_000, message: `load ${load}: old 30 in view` }).toBe(true);
      // A window of the history, and it stays one: not carried to its end, nor on to the present.
      const until = Date.now() + 2_000;
      while (Date.now() < until) {
        expect(await inView(page, 'old 30: '), `load ${load}: old 30 still in view`).toBe(true);
        expect(await jumpToLatest.isVisible(), `load ${load}: the way back offered`).toBe(true);
        expect(await article(page, `old ${ARCHIVE}: `).count(), `load ${load}: the newest message not loaded`).toBe(0);
        await page.waitForTimeout(100);
      }
      expect(new URL(page.url()).search).toBe('');
      if (load === 3) await screenshots(page, 'search-10-link-to-old-message');
      if (load === 4) await page.screenshot({ path: `${SCREENSHOTS}/search-11-phone-link-to-old-message-360.png` });
      await context.close();
    }
  }, 120_000);

  it("the pins panel's Jump goes as far back; no errors in either console", async () => {
    await owner.api('mutation($m: ID!) { pinMessage(messageId: $m) { id } }', { m: anchorId });
    const { page } = owner;
    await page.goto(`/servers/${serverId}/${channels.random}`);
    await expectPage(article(page, 'Live again after the jump')).toBeVisible();
    await page.getByRole('button', { name: 'Pinned messages' }).click();
    await page
      .getByRole('dialog', { name: 'Pinned messages' })
      .getByRole('listitem')
      .filter({ hasText: 'The first release plan' })
      .getByRole('button', { name: 'Jump' })
      .click();
    await expectPage(article(page, 'The first release plan')).toHaveAttribute('class', /highlighted/);
    await expect.poll(() => inView(page, 'The first release plan'), { timeout: 5_000 }).toBe(true);
    await expectPage(page.getByRole('button', { name: 'Jump to latest messages' })).toBeVisible();
    const unexpected = (errors: string[]) => errors.filter((e) => !/ERR_CONNECTION_REFUSED|WebSocket connection|net::ERR/.test(e));
    expect(unexpected(owner.ui.errors)).toEqual([]);
    expect(unexpected(max.ui.errors)).toEqual([]);
  });
});
