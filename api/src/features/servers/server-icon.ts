import { z } from 'zod';
import { imageUploadProblem } from '../../kernel/validation/image-upload.js';

/** The largest uploaded icon, decoded (its data URL is a third longer). */
const MAX_ICON_BYTES = 192 * 1024;
/** An icon given as a link: as long as a data URL of the largest upload may be. */
const MAX_ICON_URL_LENGTH = 256 * 1024;

/** Why an icon (an http(s) link, or an uploaded image as a data URL) is refused; null when it is fine. */
export function iconProblem(icon: string): string | null {
  if (/^https?:\/\//.test(icon)) return icon.length > MAX_ICON_URL_LENGTH ? 'must be a link of at most 256 KiB' : null;
  if (!icon.startsWith('data:')) return 'must be an http(s) URL or an uploaded image (a data URL)';
  return imageUploadProblem(icon, MAX_ICON_BYTES);
}

/** An icon is stored as given, once it passes. */
export const iconSchema = z.string().superRefine((icon, ctx) => {
  const problem = iconProblem(icon);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
