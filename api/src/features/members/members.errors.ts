import { AppError } from '../../kernel/errors/app-error.js';
import { ErrorCode } from '../../kernel/errors/error-code.js';

export const ownerCannotLeave = () => new AppError(ErrorCode.Conflict, 'The owner cannot leave their own server; transfer or delete it');
export const bannedFromServer = () => new AppError(ErrorCode.Banned, 'You are banned from this server');
