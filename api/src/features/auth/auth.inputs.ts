import { z } from 'zod';
import { GROUP_MENTIONS } from '../messages/mentions.js';

export const usernameSchema = z
  .string()
  .min(3, 'must be 3-32 characters')
  .max(32, 'must be 3-32 characters')
  .regex(/^[a-zA-Z0-9_.]+$/, 'may contain only letters, digits, "_" and "."')
  .transform((s) => s.toLowerCase())
  .refine((s) => !GROUP_MENTIONS.includes(s), 'is reserved: @everyone and @here mention groups');

export const displayNameSchema = z.string().trim().min(1, 'must be 1-64 characters').max(64, 'must be 1-64 characters');

const newPasswordSchema = z.string().min(8, 'must be 8-256 characters').max(256, 'must be 8-256 characters');

export const registerSchema = z.object({
  username: usernameSchema,
  password: newPasswordSchema,
  displayName: displayNameSchema.nullish(),
});

// Login does not reveal the rules: any string is checked against the stored hash (bounded in length).
export const loginSchema = z.object({
  username: z
    .string()
    .max(64, 'is too long')
    .transform((s) => s.toLowerCase()),
  password: z.string().max(256, 'is too long'),
});

export const changePasswordSchema = z.object({
  currentPassword: z.string().max(256, 'is too long'),
  newPassword: newPasswordSchema,
});
