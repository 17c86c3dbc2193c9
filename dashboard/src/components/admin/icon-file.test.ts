import { describe, expect, it } from 'vitest';
import { iconFileProblem, MAX_ICON_BYTES } from './icon-file';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70, 0, 1]);
const WEBP = new TextEncoder().encode('RIFF\u0000\u0000\u0000\u0000WEBP');

describe('iconFileProblem', () => {
  it('accepts an image whose bytes match its type, within the limit', () => {
    expect(iconFileProblem({ type: 'image/png', size: 1000 }, PNG)).toBeNull();
    expect(iconFileProblem({ type: 'image/webp', size: MAX_ICON_BYTES }, WEBP)).toBeNull();
  });

  it('gives the reasons the API gives: type, size, bytes that disagree', () => {
    expect(iconFileProblem({ type: 'image/svg+xml', size: 100 }, new TextEncoder().encode('<svg'))).toMatch(/PNG, JPEG, GIF or WebP/);
    expect(iconFileProblem({ type: 'image/png', size: MAX_ICON_BYTES + 1 }, PNG)).toMatch(/192 KiB/);
    expect(iconFileProblem({ type: 'image/png', size: 1000 }, JPEG)).toBe('This file is not the PNG image its name says it is.');
    expect(iconFileProblem({ type: 'image/gif', size: 1000 }, PNG)).toMatch(/not the GIF image/);
  });
});
