import { z } from 'zod';

// Exactly one of a member or a role: a role is explained as if a plain member held it alone.
export const explainTargetSchema = z
  .object({
    userId: z
      .string()
      .min(1)
      .nullish()
      .transform((v) => v ?? null),
    roleId: z
      .string()
      .min(1)
      .nullish()
      .transform((v) => v ?? null),
    channelId: z
      .string()
      .min(1)
      .nullish()
      .transform((v) => v ?? null),
  })
  .refine((t) => (t.userId === null) !== (t.roleId === null), { message: 'give exactly one of userId and roleId', path: ['userId'] });

export type ExplainTarget = z.output<typeof explainTargetSchema>;
