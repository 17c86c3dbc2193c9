import { registerEnumType } from 'type-graphql';
import { PERMISSION_NAMES, type PermissionName } from '../permissions/bits.js';

/** The GraphQL Permission enum, generated from the engine's list so the two cannot drift. */
export const Permission = Object.fromEntries(PERMISSION_NAMES.map((name) => [name, name])) as { [K in PermissionName]: K };

registerEnumType(Permission, { name: 'Permission' });
