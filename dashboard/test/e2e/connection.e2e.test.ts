import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, it } from 'vitest';
import { launchBrowser, screenshots } from './browser';
import { expect as expectPage } from './page-expect';
import { recordFailure, signUpInBrowser, type Person } from './people';
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
  let channelId: string;
  let serverId: string;

  beforeAll(async () => {
    stack = await startStack({ browsersThroughProxy: true });
    browser = await launchBrowser();
    reader = await signUpInBrowser(stack, browser, `quiet${Date.now().toString(36)}`, 'Quinn');
    const created = await reader.api('mutation { createServer(input: { name: "Quiet Bay" }) { id channels { id type } } }');
    serverId = created.createServer.id;
    channelId = created.createServer.channels.find((c: { type: string }) => c.type === 'TEXT').id;
  }, 180_000);

  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') await recordFailure([reader], task.name);
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
});
