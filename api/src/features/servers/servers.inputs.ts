import { z } from 'zod';
import { iconSchema } from './server-icon.js';

const name = z.string().trim().min(2, 'must be 2-100 characters').max(100, 'must be 2-100 characters');
const description = z.string().max(1024, 'must be at most 1024 characters');

export const createServerSchema = z.object({
  name,
  description: description.nullish().transform((d) => d ?? ''),
  icon: iconSchema.nullish(),
  isPrivate: z
    .boolean()
    .nullish()
    .transform((p) => p ?? false),
});

export const updateServerSchema = z.object({
  name: name.nullish(),
  description: description.nullish(),
  icon: iconSchema.nullish(),
  isPrivate: z.boolean().nullish(),
});

export const discoverSchema = z.object({
  query: z.string().max(100, 'must be at most 100 characters').nullish(),
  first: z.number().int().min(1, 'must be 1-100').max(100, 'must be 1-100'),
});

const count = (max: number) => z.number().int().min(0, `must be 0-${max}`).max(max, `must be 0-${max}`);
const seconds = (max: number) => z.number().int().min(1, `must be 1-${max}`).max(max, `must be 1-${max}`);

export const rateLimitsSchema = z.object({
  channelMessageLimit: count(1000).nullish(),
  channelMessageWindowSeconds: seconds(3600).nullish(),
  serverMessageLimit: count(10_000).nullish(),
  serverMessageWindowSeconds: seconds(3600).nullish(),
  escalationEnabled: z.boolean().nullish(),
  escalationRefusals: seconds(1000).nullish(),
  escalationWindowSeconds: seconds(86_400).nullish(),
  escalationTimeoutSeconds: seconds(28 * 86_400).nullish(),
});
