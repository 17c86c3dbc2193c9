import { badInput } from '../../kernel/errors/app-error.js';
import { MAX_EMOJIS_PER_MESSAGE } from './reactions.inputs.js';

export const tooManyEmojis = () => badInput('emoji', `a message holds at most ${MAX_EMOJIS_PER_MESSAGE} different reactions`);
