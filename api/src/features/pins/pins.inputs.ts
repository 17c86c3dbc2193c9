import { z } from 'zod';

/** Discord's long-standing limit: a channel holds at most this many pinned messages. */
export const MAX_PINS_PER_CHANNEL = 50;

export const pinSchema = z.object({ messageId: z.string().regex(/^\d{1,20}$/, 'must be an id') });
