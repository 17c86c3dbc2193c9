/**
 * The API's icon rules (api/src/features/servers/server-icon.ts), checked before an upload is sent so
 * the reason comes at once: a PNG, JPEG, GIF or WebP whose bytes say so, at most 192 KiB.
 */
export const MAX_ICON_BYTES = 192 * 1024;

const SIGNATURES: Record<string, { name: string; matches: (b: Uint8Array) => boolean }> = {
  'image/png': { name: 'PNG', matches: (b) => [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((x, i) => b[i] === x) },
  'image/jpeg': { name: 'JPEG', matches: (b) => [0xff, 0xd8, 0xff].every((x, i) => b[i] === x) },
  'image/gif': { name: 'GIF', matches: (b) => ['GIF87a', 'GIF89a'].includes(ascii(b, 0, 6)) },
  'image/webp': { name: 'WebP', matches: (b) => ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP' },
};

const ascii = (b: Uint8Array, from: number, to: number) => String.fromCharCode(...b.subarray(from, to));

/** Why a chosen file cannot be the icon, or null; `head` is its first 12 bytes. */
export function iconFileProblem(file: { type: string; size: number }, head: Uint8Array): string | null {
  const signature = SIGNATURES[file.type];
  if (!signature) return 'The icon must be a PNG, JPEG, GIF or WebP image.';
  if (file.size > MAX_ICON_BYTES) return 'The icon must be at most 192 KiB.';
  if (!signature.matches(head)) return `This file is not the ${signature.name} image its name says it is.`;
  return null;
}
