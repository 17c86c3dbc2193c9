import { z } from 'zod';
import { PERMISSION_NAMES } from '../../permissions/bits.js';
import { isSnowflake } from '../../kernel/ids/snowflake.js';

export const roleInputSchema = z.object({
  name: z.string().trim().min(1, 'must be 1-100 characters').max(100, 'must be 1-100 characters').nullish(),
  color: z
    .string()
    .regex(/^#[0-9A-Fa-f]{6}$/, 'must be a colour like #RRGGBB')
    .transform((c) => c.toUpperCase())
    .nullish(),
  permissions: z
    .array(z.enum(PERMISSION_NAMES))
    .max(PERMISSION_NAMES.length * 2)
    .nullish(),
  // 0 is @everyone's; other roles sit above it.
  position: z.number().int().min(1, 'must be 1-1000').max(1000, 'must be 1-1000').nullish(),
  mentionable: z.boolean().nullish(),
});

export type RoleInputData = z.output<typeof roleInputSchema>;

export const reorderRolesSchema = z.object({
  roleIds: z.array(z.string().refine(isSnowflake, 'must be role ids')).max(1000, 'must name at most 1000 roles'),
});
