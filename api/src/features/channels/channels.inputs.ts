import { z } from 'zod';
import { idSchema } from '../../kernel/validation/id.js';
import { PERMISSION_NAMES } from '../../permissions/bits.js';
import { ChannelType, DEFAULT_BITRATE } from './channel.entity.js';
import { OverwriteTarget } from './overwrite.entity.js';

const name = z.string().trim().min(1, 'must be 1-100 characters').max(100, 'must be 1-100 characters');
const description = z.string().max(1024, 'must be at most 1024 characters');
const position = z.number().int().min(0, 'must be 0-10000').max(10_000, 'must be 0-10000');
const slowmodeSeconds = z.number().int().min(0, 'must be 0-21600').max(21_600, 'must be 0-21600');
const userLimit = z.number().int().min(0, 'must be 0-99').max(99, 'must be 0-99');
const topic = z.string().trim().max(1024, 'must be at most 1024 characters');
const MIN_BITRATE = 8_000;
const MAX_BITRATE = 96_000;
const bitrate = z
  .number()
  .int()
  .min(MIN_BITRATE, `must be ${MIN_BITRATE}-${MAX_BITRATE} bits/s`)
  .max(MAX_BITRATE, `must be ${MIN_BITRATE}-${MAX_BITRATE} bits/s`);
const id = idSchema;

export const createChannelSchema = z
  .object({
    serverId: id,
    type: z.enum(ChannelType),
    name,
    description: description.nullish().transform((d) => d ?? ''),
    position: position.nullish(),
    isPrivate: z
      .boolean()
      .nullish()
      .transform((p) => p ?? false),
    slowmodeSeconds: slowmodeSeconds.nullish().transform((s) => s ?? 0),
    userLimit: userLimit.nullish().transform((u) => u ?? 0),
    // Blank means none: stored as null so every client tests one thing.
    topic: topic.nullish().transform((t) => t || null),
    bitrate: bitrate.nullish(),
  })
  .superRefine((c, ctx) => {
    const misplaced = fieldOfOtherType(c.type, c);
    if (misplaced) ctx.addIssue({ code: 'custom', path: [misplaced], message: misplacedMessage(misplaced) });
  })
  .transform((c) => ({ ...c, bitrate: c.bitrate ?? DEFAULT_BITRATE }));

export const updateChannelSchema = z.object({
  name: name.nullish(),
  description: description.nullish(),
  position: position.nullish(),
  isPrivate: z.boolean().nullish(),
  slowmodeSeconds: slowmodeSeconds.nullish(),
  userLimit: userLimit.nullish(),
  topic: topic.nullish(),
  bitrate: bitrate.nullish(),
});

/** A topic belongs to text channels, a bitrate to voice ones: the field given to the other type, if any. */
export function fieldOfOtherType(type: ChannelType, input: { topic?: string | null; bitrate?: number | null }): 'topic' | 'bitrate' | null {
  if (type === ChannelType.VOICE && input.topic) return 'topic';
  if (type === ChannelType.TEXT && input.bitrate != null) return 'bitrate';
  return null;
}

export const misplacedMessage = (field: 'topic' | 'bitrate'): string =>
  field === 'topic' ? 'only text channels have a topic' : 'only voice channels have a bitrate';

const permissionList = z
  .array(z.enum(PERMISSION_NAMES))
  // Overwrites cannot hand out ADMINISTRATOR: it is a server-wide role permission only (as in Discord).
  .refine((list) => !list.includes('ADMINISTRATOR'), 'ADMINISTRATOR cannot be set in a channel overwrite');

export const overwriteSchema = z
  .object({ targetType: z.enum(OverwriteTarget), targetId: id, allow: permissionList, deny: permissionList })
  .refine((o) => !o.allow.some((p) => o.deny.includes(p)), { message: 'a permission cannot be both allowed and denied', path: ['allow'] });

export const overwriteTargetSchema = z.object({ targetType: z.enum(OverwriteTarget), targetId: id });

export const reorderChannelsSchema = z.object({
  channelIds: z.array(id).max(1000, 'must name at most 1000 channels'),
});
