import { z } from 'zod';
import { isSnowflake } from '../../kernel/ids/snowflake.js';

export const nicknameSchema = z.object({
  nickname: z
    .string()
    .trim()
    .max(32, 'must be at most 32 characters')
    .nullish()
    .transform((n) => (n ? n : null)),
});

export const memberPageSchema = z.object({
  first: z.number().int().min(1, 'must be 1-1000').max(1000, 'must be 1-1000'),
  after: z.string().refine(isSnowflake, 'must be a user id').nullish(),
  // Blank means no search.
  query: z
    .string()
    .trim()
    .max(100, 'must be at most 100 characters')
    .nullish()
    .transform((q) => q || null),
  roleId: z.string().refine(isSnowflake, 'must be a role id').nullish(),
});

export const memberLookupSchema = z.object({
  userId: z.string().refine(isSnowflake, 'must be a user id'),
});
