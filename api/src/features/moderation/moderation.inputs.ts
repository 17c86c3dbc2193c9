import { z } from 'zod';

const reason = z
  .string()
  .trim()
  .max(512, 'must be at most 512 characters')
  .nullish()
  .transform((r) => r || null);

export const MAX_TIMEOUT_SECONDS = 28 * 24 * 3600;

export const kickSchema = z.object({ reason });
export const banSchema = z.object({
  reason,
  // As Discord: up to 7 days of the user's messages can go with the ban.
  deleteMessageSeconds: z.number().int().min(0, 'must be 0-604800').max(604_800, 'must be 0-604800'),
});
export const timeoutSchema = z.object({
  seconds: z.number().int().min(0, `must be 0-${MAX_TIMEOUT_SECONDS}`).max(MAX_TIMEOUT_SECONDS, `must be 0-${MAX_TIMEOUT_SECONDS}`),
  reason,
});
