import { bitsToPermissions, type PermissionName } from '../../permissions/bits.js';
import type { Role } from './role.entity.js';

export interface RoleView {
  id: string;
  serverId: string;
  name: string;
  color: string;
  permissions: PermissionName[];
  position: number;
  isDefault: boolean;
  mentionable: boolean;
}

export const toRoleView = (r: Role): RoleView => ({
  id: r.id,
  serverId: r.server,
  name: r.name,
  color: r.color,
  permissions: bitsToPermissions(r.permissions),
  position: r.position,
  isDefault: r.isDefault,
  mentionable: r.mentionable,
});
