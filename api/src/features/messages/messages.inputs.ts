import { z } from 'zod';

const id = z.string().regex(/^\d{1,20}$/, 'must be an id');

export const MAX_CONTENT_LENGTH = 4000;

// Characters are counted as code points, so an emoji counts once (not as two UTF-16 units).
export const contentSchema = z
  .string()
  .transform((s) => s.trim())
  .pipe(
    z
      .string()
      .min(1, 'must not be empty')
      .refine((s) => [...s].length <= MAX_CONTENT_LENGTH, `must be at most ${MAX_CONTENT_LENGTH} characters`),
  );

export const sendSchema = z.object({ content: contentSchema, replyToId: id.nullish() });

export const historySchema = z
  .object({
    before: id.nullish(),
    after: id.nullish(),
    around: id.nullish(),
    limit: z.number().int().min(1, 'must be 1-100').max(100, 'must be 1-100'),
  })
  .refine((q) => [q.before, q.after, q.around].filter((c) => c != null).length <= 1, {
    message: 'give at most one of before, after and around',
    path: ['before'],
  });

export type HistoryQuery = z.output<typeof historySchema>;
