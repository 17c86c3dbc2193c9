import { z } from 'zod';
import { idSchema } from '../../kernel/validation/id.js';

const id = idSchema;

/**
 * Reaction changes (adds and removals) a member may make in one channel per window: a person
 * clicking through a poll stays well under it; a script flipping reactions to flood every reader's
 * screen with events does not.
 */
export const REACTION_CHANGES = { limit: 20, windowMs: 10_000 };

/** Discord's limit: a message shows at most this many different emoji. */
export const MAX_EMOJIS_PER_MESSAGE = 20;

// One emoji as Unicode recommends it for general interchange (RGI): skin tones, flags, keycaps and
// ZWJ sequences included; text, two emoji, or a bare symbol without its emoji presentation are not.
const oneEmoji = new RegExp('^\\p{RGI_Emoji}$', 'v');

export const emojiSchema = z.string().max(64, 'must be one emoji').regex(oneEmoji, 'must be one emoji');

export const addReactionSchema = z.object({ messageId: id, emoji: emojiSchema });

export const removeReactionSchema = z.object({ messageId: id, emoji: emojiSchema, userId: id.nullish() });

export const reactionUsersSchema = z.object({
  messageId: id,
  emoji: emojiSchema,
  limit: z.number().int().min(1, 'must be 1-100').max(100, 'must be 1-100'),
});
