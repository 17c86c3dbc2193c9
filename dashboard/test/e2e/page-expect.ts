import type { Locator, Page } from 'playwright-core';

/**
 * Retrying assertions on a locator (playwright-core has no test runner, so no web-first `expect`):
 * each polls until the condition holds or the timeout passes, then fails naming what it saw.
 */

interface Options {
  timeout?: number;
}

const DEFAULT_TIMEOUT_MS = 15_000;

async function poll(what: string, check: () => Promise<boolean>, seen: () => Promise<string>, options: Options = {}): Promise<void> {
  const deadline = Date.now() + (options.timeout ?? DEFAULT_TIMEOUT_MS);
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      // detached or not there yet: look again
    }
    if (Date.now() > deadline) throw new Error(`expected ${what}; saw ${await seen().catch((e: Error) => e.message)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const matches = (actual: string, expected: string | RegExp) => (typeof expected === 'string' ? actual === expected : expected.test(actual));

/** The page's title, as its tab shows it, retried as the locator assertions are. */
export const expectTitle = (page: Page, expected: string | RegExp, options?: Options): Promise<void> =>
  poll(
    `title ${String(expected)}`,
    async () => matches(await page.title(), expected),
    () => page.title(),
    options,
  );

export function expect(locator: Locator) {
  const text = () => locator.innerText();
  const build = (negate: boolean) => {
    const check = (ok: boolean) => ok !== negate;
    const not = negate ? 'not ' : '';
    return {
      toBeVisible: (o?: Options) =>
        poll(
          `${locator} ${not}to be visible`,
          async () => check(await locator.isVisible()),
          async () => `count ${await locator.count()}`,
          o,
        ),
      toBeDisabled: (o?: Options) =>
        poll(
          `${locator} ${not}to be disabled`,
          async () => check(await locator.isDisabled()),
          async () => 'enabled',
          o,
        ),
      toBeFocused: (o?: Options) =>
        poll(
          `${locator} ${not}to be focused`,
          async () => check(await locator.evaluate((el) => el === document.activeElement)),
          () => locator.page().evaluate(() => document.activeElement?.outerHTML.slice(0, 120) ?? 'nothing'),
          o,
        ),
      toHaveCount: (count: number, o?: Options) =>
        poll(
          `${locator} ${not}to have count ${count}`,
          async () => check((await locator.count()) === count),
          async () => `count ${await locator.count()}`,
          o,
        ),
      toHaveValue: (value: string | RegExp, o?: Options) =>
        poll(
          `${locator} ${not}to have value ${value}`,
          async () => check(matches(await locator.inputValue(), value)),
          () => locator.inputValue(),
          o,
        ),
      toHaveText: (value: string | RegExp, o?: Options) =>
        poll(`${locator} ${not}to have text ${value}`, async () => check(matches(await text(), value)), text, o),
      toContainText: (value: string | RegExp, o?: Options) =>
        poll(
          `${locator} ${not}to contain ${value}`,
          async () => {
            const actual = await text();
            return check(typeof value === 'string' ? actual.includes(value) : value.test(actual));
          },
          text,
          o,
        ),
      toHaveAttribute: (name: string, value: string | RegExp, o?: Options) =>
        poll(
          `${locator} ${not}to have ${name}=${value}`,
          async () => check(matches((await locator.getAttribute(name)) ?? '', value)),
          async () => String(await locator.getAttribute(name)),
          o,
        ),
    };
  };
  return { ...build(false), not: build(true) };
}
