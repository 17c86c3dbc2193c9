import { forbidden } from '../kernel/errors/app-error.js';
import { hasPermission, permissionsToBits, type PermissionName } from './bits.js';

export function hasAll(bits: bigint, needed: readonly PermissionName[]): boolean {
  const mask = permissionsToBits(needed);
  return (bits & mask) === mask;
}

/** Throws FORBIDDEN naming the first missing permission. */
export function requirePermissions(bits: bigint, needed: readonly PermissionName[]): void {
  for (const name of needed) if (!hasPermission(bits, name)) throw forbidden(name);
}
