import type { Browser, Locator, Page } from 'playwright-core';
import { gql, openUserPage, SCREENSHOTS, type UserPage } from './browser';
import type { Stack } from './stack';

/**
 * A suffix that makes a test's usernames unique in its run: digits only, so a name typed in part
 * ("@bo", "zel") never also matches another person's suffix, as a base-36 one now and then did.
 */
export function uniqueSuffix(): string {
  return String(Date.now());
}

/** One registered user with a signed-in browser context of their own, and the API as them. */
export interface Person {
  id: string;
  token: string;
  name: string;
  username: string;
  ui: UserPage;
  page: Page;
  api<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<T>;
}

/**
 * Registers `username` (display name `name`) through the API and opens a browser context signed in
 * as them. Every confirm() the page asks is accepted, as the person clicking would. `microphone`
 * grants the fake microphone (launch the browser with FAKE_MEDIA).
 */
export async function signUpInBrowser(
  stack: Stack,
  browser: Browser,
  username: string,
  name: string,
  options: { microphone?: boolean } = {},
): Promise<Person> {
  const response = await fetch(stack.apiUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query:
        'mutation($u: String!, $d: String) { register(username: $u, password: "correct horse battery", displayName: $d) { token user { id } } }',
      variables: { u: username, d: name },
    }),
  });
  const { data } = (await response.json()) as { data: { register: { token: string; user: { id: string } } } };
  const { token } = data.register;
  const ui = await openUserPage(browser, stack.dashboardUrl);
  if (options.microphone) await ui.context.grantPermissions(['microphone']);
  await ui.context.addInitScript((t) => window.localStorage.setItem('rashigo.token', t), token);
  ui.page.on('dialog', (dialog) => void dialog.accept());
  return {
    id: data.register.user.id,
    token,
    name,
    username,
    ui,
    page: ui.page,
    api: (query, variables = {}) => gql(stack.apiUrl, token, query, variables),
  };
}

/** On a failed test: each person's page as it was, and their console errors. */
export async function recordFailure(people: readonly Person[], testName: string): Promise<void> {
  const name = `failed-${testName.replace(/\W+/g, '-').slice(0, 40)}`;
  for (const person of people) {
    await person.page.screenshot({ path: `${SCREENSHOTS}/${name}-${person.username}.png` }).catch(() => undefined);
    console.error(`console errors of ${person.username}: ${JSON.stringify(person.ui.errors)}`);
  }
}

/**
 * Drags `handle` with the mouse (pointer events) and lets go over the upper part of `target`, so
 * the dragged row lands just above it.
 */
export async function dragAbove(page: Page, handle: Locator, target: Locator): Promise<void> {
  const from = await handle.boundingBox();
  const to = await target.boundingBox();
  if (!from || !to) throw new Error('drag: the handle or the target is not on screen');
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(to.x + to.width / 2, to.y + Math.min(6, to.height / 4), { steps: 8 });
  await page.mouse.up();
}
