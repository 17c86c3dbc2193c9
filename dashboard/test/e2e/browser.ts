import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';

/** Debian's Chromium, headless, with the flags DESIGN.md lists (and `extraArgs`, e.g. fake media). */
export function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
  });
}

export const SCREENSHOTS = fileURLToPath(new URL('../../test-results/e2e/', import.meta.url));
const WIDE = { width: 1280, height: 800 };
const NARROW = { width: 360, height: 740 };

export interface UserPage {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught exceptions of the page, in order. */
  errors: string[];
}

export async function openUserPage(browser: Browser, baseUrl: string): Promise<UserPage> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: WIDE });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  // A failed request says which URL or operation it was.
  page.on('response', (response) => {
    if (response.status() >= 400)
      errors.push(`${response.status()} ${response.url()} ${response.request().postData()?.slice(0, 200) ?? ''}`);
  });
  return { context, page, errors };
}

/**
 * A touch phone of its own (360 px, touches rather than a mouse: nothing hovers), signed in with
 * `token`. Close its context when done.
 */
export async function openPhonePage(browser: Browser, baseUrl: string, token: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });
  await context.addInitScript((t) => window.localStorage.setItem('rashigo.token', t), token);
  return { context, page: await context.newPage() };
}

interface ScreenshotOptions {
  /** At 360 px, the navigation drawer open (what is pictured lives there: the server rail, the channels). */
  drawer?: boolean;
  /**
   * What is pictured is a menu, open at 1280 px: it would stay where it opened as the page narrows
   * (and hold the drawer shut), so it is closed first and this opens it again at 360 px.
   */
  reopen?: () => Promise<unknown>;
  /** Scrolled into view at each width, where what is pictured is low in a scrolling dialog. */
  show?: Locator;
}

/** Saves the page as a person sees it at 1280 px and at 360 px wide. */
export async function screenshots(page: Page, name: string, options: ScreenshotOptions = {}): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await options.show?.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SCREENSHOTS, `${name}-1280.png`) });
  if (options.reopen) await page.keyboard.press('Escape');
  await page.setViewportSize(NARROW);
  // Let the layout settle at the new width (the navigation drawer slides away) before the picture.
  await page.waitForTimeout(400);
  if (options.drawer) {
    await page.getByRole('button', { name: /^Open navigation/ }).click();
    await page.waitForTimeout(400);
  }
  if (options.reopen) await options.reopen();
  await options.show?.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SCREENSHOTS, `${name}-360.png`) });
  if (options.reopen) await page.keyboard.press('Escape');
  if (options.drawer) await page.keyboard.press('Escape');
  await page.setViewportSize(WIDE);
}

/** A GraphQL call straight to the API, for what the test sets up behind a page's back. */
export async function gql<T = Record<string, any>>(
  apiUrl: string,
  token: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const response = await fetch(apiUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (body.errors?.length || !body.data) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
  return body.data;
}

export function tokenOf(page: Page): Promise<string> {
  return page.evaluate(() => window.localStorage.getItem('rashigo.token') ?? '');
}
