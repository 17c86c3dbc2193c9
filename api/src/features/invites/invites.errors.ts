import { AppError } from '../../kernel/errors/app-error.js';
import { ErrorCode } from '../../kernel/errors/error-code.js';

export const invalidInvite = () => new AppError(ErrorCode.NotFound, 'Invite not found or expired');
