import { z } from 'zod';
import { imageUploadProblem } from '../../kernel/validation/image-upload.js';
import { displayNameSchema } from '../auth/auth.inputs.js';

/** The largest avatar upload, decoded: as a server icon's (clients scale a photo down first). */
export const MAX_AVATAR_BYTES = 192 * 1024;

export const updateProfileSchema = z.object({ displayName: displayNameSchema });

/** An uploaded image only, never a link: a link would tell its host who looked at the avatar. */
export const avatarSchema = z.object({
  image: z
    .string()
    .superRefine((image, ctx) => {
      const problem = imageUploadProblem(image, MAX_AVATAR_BYTES);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .nullable(),
});
