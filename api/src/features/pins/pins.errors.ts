import { badInput } from '../../kernel/errors/app-error.js';
import { MAX_PINS_PER_CHANNEL } from './pins.inputs.js';

export const tooManyPins = () => badInput('messageId', `a channel holds at most ${MAX_PINS_PER_CHANNEL} pinned messages; unpin one first`);
