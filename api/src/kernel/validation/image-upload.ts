/**
 * The image types an upload may be, each with the signature its bytes start with. An SVG is not among
 * them: it can carry script, and every client would render it.
 */
const SIGNATURES: Record<string, (bytes: Buffer) => boolean> = {
  'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/jpeg': (b) => b.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff])),
  'image/gif': (b) => ['GIF87a', 'GIF89a'].includes(b.subarray(0, 6).toString('latin1')),
  'image/webp': (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
};
const TYPE_NAMES: Record<string, string> = { 'image/png': 'PNG', 'image/jpeg': 'JPEG', 'image/gif': 'GIF', 'image/webp': 'WebP' };

const DATA_URL = /^data:([^;,]*)(;base64)?,(.*)$/s;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Why `value` is not an uploaded image (a base64 data URL of a PNG, JPEG, GIF or WebP of at most `maxBytes`); null when it is one. */
export function imageUploadProblem(value: string, maxBytes: number): string | null {
  const data = DATA_URL.exec(value);
  if (!data) return 'must be an uploaded image (a data URL)';
  const [, type = '', base64, payload = ''] = data;
  const matches = SIGNATURES[type];
  if (!matches) return 'must be a PNG, JPEG, GIF or WebP image';
  if (!base64) return 'must be base64-encoded (data:<type>;base64,...)';
  // The size comes from the length, so an oversized upload is refused without decoding it.
  if ((payload.length / 4) * 3 - (payload.match(/=*$/)?.[0].length ?? 0) > maxBytes) return `must be at most ${maxBytes / 1024} KiB`;
  if (!BASE64.test(payload)) return 'must be valid base64';
  if (!matches(Buffer.from(payload, 'base64'))) return `is not the ${TYPE_NAMES[type]} image its data URL says it is`;
  return null;
}

/** An upload that passed imageUploadProblem: its declared (and checked) type and its bytes. */
export function decodeImageUpload(value: string): { type: string; bytes: Buffer } {
  const [, type = '', , payload = ''] = DATA_URL.exec(value) ?? [];
  return { type, bytes: Buffer.from(payload, 'base64') };
}
