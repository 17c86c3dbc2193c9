import { z } from 'zod';
import { idSchema } from '../../kernel/validation/id.js';

/** Discord's long-standing limit: a channel holds at most this many pinned messages. */
export const MAX_PINS_PER_CHANNEL = 50;

export const pinSchema = z.object({ messageId: idSchema });
