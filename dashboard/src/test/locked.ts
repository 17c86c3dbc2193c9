import { expect } from 'vitest';

/**
 * What a viewer may not do is shown disabled with the reason as text on the page, and each disabled
 * control points at that text (aria-describedby), so a screen reader says why too.
 */
export const isDisabled = (el: HTMLElement) => el.matches(':disabled') || el.getAttribute('aria-disabled') === 'true';

/** The text of what `el` is described by. */
export const description = (el: HTMLElement) =>
  (el.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent?.trim() ?? '')
    .join(' ')
    .trim();

export const expectLocked = (el: HTMLElement, reason: string) => {
  expect(isDisabled(el)).toBe(true);
  expect(description(el)).toBe(reason);
};
