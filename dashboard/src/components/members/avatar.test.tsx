// @vitest-environment jsdom
import { cleanup, fireEvent, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiUrlContext } from '@/components/session/api-url';
import { AVATAR_COLOURS, Avatar, initialsOf, type AvatarUser } from './avatar';

const renderAvatar = (user: AvatarUser, apiUrl: string | null = 'https://chat.example/graphql') =>
  render(
    <ApiUrlContext.Provider value={apiUrl}>
      <Avatar user={user} size={40} />
    </ApiUrlContext.Provider>,
  ).container.firstElementChild as HTMLElement;

/** WCAG's contrast ratio of white text on a #rrggbb background. */
function contrastWithWhite(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const v = parseInt(hex.slice(i, i + 2), 16) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 1.05 / (0.2126 * r! + 0.7152 * g! + 0.0722 * b! + 0.05);
}

describe('Avatar', () => {
  afterEach(cleanup);

  it('shows the image from the API’s origin, decorative beside the name, at the size asked', () => {
    const img = renderAvatar({ id: '7', displayName: 'Bea', avatarUrl: '/avatars/7/0123abcd' });
    expect(img.tagName).toBe('IMG');
    expect(img.getAttribute('src')).toBe('https://chat.example/avatars/7/0123abcd');
    expect(img.getAttribute('alt')).toBe('');
    expect([img.getAttribute('width'), img.style.getPropertyValue('--avatar-size')]).toEqual(['40', '40px']);
    // Unconfigured, the API is port 4000 of the page's host.
    cleanup();
    expect(renderAvatar({ id: '7', displayName: 'Bea', avatarUrl: '/avatars/7/ab' }, null).getAttribute('src')).toBe(
      'http://localhost:4000/avatars/7/ab',
    );
  });

  it('without an image, shows the initials on a colour of the user’s id, the same under another name', () => {
    const bea = renderAvatar({ id: '7', displayName: 'Bea Green', avatarUrl: null });
    expect(bea.tagName).toBe('SPAN');
    expect(bea.textContent).toBe('BG');
    expect(bea.getAttribute('aria-hidden')).toBe('true');
    const colour = bea.style.backgroundColor;
    cleanup();
    expect(renderAvatar({ id: '7', displayName: 'Beatrice' }).style.backgroundColor).toBe(colour);
    // Different people get different colours from the palette.
    const colours = new Set(
      ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'].map((id) => {
        cleanup();
        return renderAvatar({ id, displayName: 'X' }).style.backgroundColor;
      }),
    );
    expect(colours.size).toBeGreaterThan(3);
    expect([initialsOf('  olive  '), initialsOf('anna maria von berg'), initialsOf('🌹 garden'), initialsOf(' ')]).toEqual([
      'O',
      'AM',
      '🌹G',
      '?',
    ]);
  });

  it('keeps every initials colour readable: at least 4.5:1 against the white letters', () => {
    for (const colour of AVATAR_COLOURS) expect(contrastWithWhite(colour)).toBeGreaterThanOrEqual(4.5);
  });

  it('falls back to the initials when the image fails to load, and tries a new image again', () => {
    const { container, rerender } = render(<Avatar user={{ id: '7', displayName: 'Bea', avatarUrl: '/avatars/7/old' }} size={32} />);
    fireEvent.error(container.querySelector('img')!);
    expect(container.querySelector('img')).toBeNull();
    expect(container.textContent).toBe('B');
    rerender(<Avatar user={{ id: '7', displayName: 'Bea', avatarUrl: '/avatars/7/new' }} size={32} />);
    expect(container.querySelector('img')?.getAttribute('src')).toBe('http://localhost:4000/avatars/7/new');
  });

  it('with a status, carries the presence dot on its edge', () => {
    const { container } = render(<Avatar user={{ id: '7', displayName: 'Bea' }} size={32} status="IDLE" />);
    const dot = container.querySelector('.avatar-with-status > .presence-dot');
    expect(dot?.getAttribute('aria-label')).toBe('idle');
  });
});
