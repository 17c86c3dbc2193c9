import { forbidden } from '../../kernel/errors/app-error.js';

export const ownerOnly = (action: string) => forbidden('OWNER', `Only the server owner can ${action}`);
