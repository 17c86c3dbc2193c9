import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshots } from './browser';
import { expect as expectPage } from './page-expect';
import { recordFailure, signUpInBrowser, uniqueSuffix, type Person } from './people';
import { startStack, type Stack } from './stack';
import { until } from './voice-probe';

/** The dashboard's ping period and its patience for the answer (src/lib/urql-client.ts). */
const ANSWER_TIMEOUT_MS = 15_000;

/**
 * The way from the browser to the API goes silent (a network dropping packets, a laptop waking up
 * behind a NAT that forgot the connection): the socket stays open and nothing arrives, while the
 * API goes on. The page's clock is Playwright's, so its ping timers run without waiting for them.
 */
describe('the dashboard when the way to the API goes silent', () => {
  let stack: Stack;
  let browser: Browser;
  let reader: Person;
  /** Everyone with a page, for a failure's screenshots. */
  const people: Person[] = [];
  let channelId: string;
  let serverId: string;

  beforeAll(async () => {
    stack = await startStack({ browsersThroughProxy: true });
    browser = await launchBrowser();
    reader = await signUpInBrowser(stack, browser, `quiet${uniqueSuffix()}`, 'Quinn');
    people.push(reader);
    const created = await reader.api('mutation { createServer(input: { name: "Quiet Bay" }) { id channels { id type } } }');
    serverId = created.createServer.id;
    channelId = created.createServer.channels.find((c: { type: string }) => c.type === 'TEXT').id;
  }, 180_000);

  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') await recordFailure(people, task.name);
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  }, 60_000);

  it('notices an unanswered ping, says it is reconnecting, and shows what was sent meanwhile once the API answers', async () => {
    const { page } = reader;
    const link = stack.browserLink!;
    await page.clock.install();
    await page.goto(`/servers/${serverId}/${channelId}`);
    const log = page.getByRole('log', { name: 'Messages' });
    // Sent through the API straight (as from another device): the page hears it over its socket.
    const send = (content: string) =>
      reader.api('mutation($c: ID!, $t: String!) { sendMessage(channelId: $c, content: $t) { id } }', { c: channelId, t: content });
    await send('before the silence');
    await expectPage(log.getByText('before the silence')).toBeVisible();

    link.silence();
    await send('sent into the silence');
    await send('also sent meanwhile');
    // The next ping goes out, and its answer does not come.
    await page.clock.fastForward(ANSWER_TIMEOUT_MS + 1000);
    await page.clock.fastForward(ANSWER_TIMEOUT_MS + 1000);
    await expectPage(page.getByText('Connection lost, reconnecting…')).toBeVisible();
    await screenshots(page, 'connection-01-silent');

    link.restore();
    // The page's reconnection waits (its backoff) run on the same clock.
    await until(
      async () => {
        await page.clock.fastForward(2000);
        return log.getByText('also sent meanwhile').isVisible();
      },
      (shown) => shown,
      'the messages sent meanwhile to appear',
      30_000,
    );
    await expectPage(log.getByText('sent into the silence')).toBeVisible();
    await expectPage(page.getByText('Connection lost, reconnecting…')).toHaveCount(0);
    await send('after the silence');
    await expectPage(log.getByText('after the silence')).toBeVisible();
  });

  it('reads a window opened at an old message again once the API answers: what changed meanwhile shows, the reader stays there', async () => {
    // A page of her own, on the real clock: the list measures its messages in animation frames, which
    // a fake clock holds back. Its silence is noticed as a user's would be, within two pings.
    const rita = await signUpInBrowser(stack, browser, `rita${uniqueSuffix()}`, 'Rita');
    people.push(rita);
    const { page } = rita;
    const link = stack.browserLink!;
    const log = page.getByRole('log', { name: 'Messages' });
    /** "old 30: …": several lines each, so that the view renders a few around the one opened at, not the window's ends (which load more). */
    const message = (n: number) => log.getByText(new RegExp(`^old ${n}: `));
    const created = await rita.api('mutation { createServer(input: { name: "Long History" }) { id channels { id type } } }');
    const server = created.createServer.id as string;
    const channel = created.createServer.channels.find((c: { type: string }) => c.type === 'TEXT').id as string;
    const limits = (perChannel: number, perServer: number) =>
      rita.api(
        'mutation($s: ID!, $c: Int!, $v: Int!) { updateServerRateLimits(serverId: $s, input: { channelMessageLimit: $c, serverMessageLimit: $v }) { channelMessageLimit } }',
        { s: server, c: perChannel, v: perServer },
      );
    const ids: string[] = [];
    await limits(0, 0);
    // Far more than a page after the message opened at: the window stays detached.
    for (let i = 1; i <= 200; i++) {
      const sent = await rita.api('mutation($c: ID!, $t: String!) { sendMessage(channelId: $c, content: $t) { id } }', {
        c: channel,
        t: `old ${i}: ${'a message long enough to wrap over a few lines of the chat '.repeat(6)}`,
      });
      ids.push(sent.sendMessage.id);
    }
    await limits(5, 20);
    // Opened at "old 30" (as from a search result): a window of the history, detached from the present.
    await page.goto(`/servers/${server}/${channel}?message=${ids[29]}`);
    await expectPage(message(30)).toBeVisible();
    await expectPage(page.getByRole('button', { name: 'Jump to latest messages' })).toBeVisible();

    link.silence();
    await rita.api('mutation($m: ID!) { editMessage(messageId: $m, content: "old 31, edited in the silence") { id } }', { m: ids[30] });
    await rita.api('mutation($m: ID!) { deleteMessage(messageId: $m) }', { m: ids[31] });
    await rita.api('mutation($m: ID!) { addReaction(messageId: $m, emoji: "🎉") { id } }', { m: ids[29] });
    await expectPage(page.getByText('Connection lost, reconnecting…')).toBeVisible({ timeout: 2 * ANSWER_TIMEOUT_MS + 5_000 });
    // The events went into the silence: without a second read the window would not show them.
    await expectPage(message(31)).toBeVisible();
    const scrolled = () => log.evaluate((el) => el.scrollTop);
    const before = await scrolled();

    link.restore();
    // Not a whole match: the text goes on with "(edited)".
    await expectPage(log.getByText('old 31, edited in the silence')).toBeVisible({ timeout: 20_000 });
    await expectPage(message(32)).toHaveCount(0);
    await expectPage(log.getByRole('button', { name: '🎉 1 reaction, including yours' })).toBeVisible();
    // Still the same window, where the reader was.
    expect(Math.abs((await scrolled()) - before)).toBeLessThanOrEqual(2);
    await expectPage(message(30)).toBeVisible();
    await expectPage(message(200)).toHaveCount(0);
    await expectPage(page.getByRole('button', { name: 'Jump to latest messages' })).toBeVisible();
    await screenshots(page, 'connection-02-window-read-again');
  }, 120_000);

  it('gives up on an older page the silent network never answers, says so, and loads it once asked again', async () => {
    const sam = await signUpInBrowser(stack, browser, `sam${uniqueSuffix()}`, 'Sam');
    people.push(sam);
    const { page } = sam;
    const link = stack.browserLink!;
    const log = page.getByRole('log', { name: 'Messages' });
    const created = await sam.api('mutation { createServer(input: { name: "Deep Archive" }) { id channels { id type } } }');
    const server = created.createServer.id as string;
    const channel = created.createServer.channels.find((c: { type: string }) => c.type === 'TEXT').id as string;
    await sam.api(
      'mutation($s: ID!) { updateServerRateLimits(serverId: $s, input: { channelMessageLimit: 0, serverMessageLimit: 0 }) { channelMessageLimit } }',
      {
        s: server,
      },
    );
    // More than one page (50): the oldest are behind an older page.
    for (let i = 1; i <= 60; i++)
      await sam.api('mutation($c: ID!, $t: String!) { sendMessage(channelId: $c, content: $t) { id } }', { c: channel, t: `entry ${i}` });
    await page.goto(`/servers/${server}/${channel}`);
    await expectPage(log.getByText('entry 60', { exact: true })).toBeVisible();

    link.silence();
    await log.evaluate((el) => el.scrollTo({ top: 0 }));
    await expectPage(log.getByText('Loading older messages…')).toBeVisible();
    // The request's own timeout (30 s, src/lib/urql-client.ts), on the page's real clock.
    const failed = log.getByRole('alert');
    await expectPage(failed).toHaveText('Could not load older messages. Try again', { timeout: 45_000 });
    await screenshots(page, 'connection-03-older-page-failed');

    link.restore();
    await expectPage(page.getByText('Connection lost, reconnecting…')).toHaveCount(0, { timeout: 20_000 });
    await failed.getByRole('button', { name: 'Try again' }).click();
    await expectPage(failed).toHaveCount(0);
    // The page goes in above what is in view, which stays: up again to its first message.
    await until(
      async () => {
        await log.evaluate((el) => el.scrollTo({ top: 0 }));
        return log.getByText('entry 1', { exact: true }).isVisible();
      },
      (shown) => shown,
      'the first message to show at the top',
      20_000,
    );
    await expectPage(log.getByText('This is the beginning of the channel.')).toBeVisible();
    await expectPage(failed).toHaveCount(0);
  }, 150_000);
});
