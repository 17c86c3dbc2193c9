import { AppError, forbidden } from '../../kernel/errors/app-error.js';
import { ErrorCode } from '../../kernel/errors/error-code.js';

export const roleAboveActor = () => forbidden('MANAGE_ROLES', 'You cannot manage a role at or above your highest role');
export const memberAboveActor = () =>
  forbidden('MANAGE_ROLES', 'You cannot change the permissions of a member whose highest role is at or above yours');
export const cannotGrantUnheld = (permission: string) => forbidden(permission, `You cannot grant ${permission}, which you do not have`);
export const defaultRoleImmutable = (what: string) =>
  new AppError(ErrorCode.BadUserInput, `The @everyone role ${what}`, { field: 'roleId' });
