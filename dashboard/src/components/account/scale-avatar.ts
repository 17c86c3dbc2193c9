/** Avatars are sent at this size: the largest the app shows them (80 px) at a 3× display, rounded up. */
const SIDE = 256;

/**
 * The picked image centre-cropped to a square and drawn at 256×256, as a WebP data URL (a PNG one
 * where the browser cannot encode WebP); undefined when the browser cannot decode the file as an image.
 * A module of its own so component tests (jsdom has no canvas) replace it.
 */
export async function scaleAvatar(file: Blob): Promise<string | undefined> {
  const bitmap = await createImageBitmap(file).catch(() => undefined);
  if (!bitmap) return undefined;
  const side = Math.min(bitmap.width, bitmap.height);
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = SIDE;
  const context = canvas.getContext('2d');
  if (!context) return undefined;
  context.imageSmoothingQuality = 'high';
  context.drawImage(bitmap, (bitmap.width - side) / 2, (bitmap.height - side) / 2, side, side, 0, 0, SIDE, SIDE);
  bitmap.close();
  const webp = canvas.toDataURL('image/webp', 0.9);
  return webp.startsWith('data:image/webp') ? webp : canvas.toDataURL('image/png');
}
