import { badInput } from '../../kernel/errors/app-error.js';
import { compareSnowflakes } from '../../kernel/ids/snowflake.js';
import { roleAboveActor } from './roles.errors.js';

export interface RankedRole {
  id: string;
  position: number;
}

/**
 * The positions a new role order gives, as {id: position} for the roles whose position changes.
 * `order` names every role except @everyone, highest first. Roles the actor may not manage (at or
 * above their highest) must stay where they are, above the rest, in their order; the roles below
 * take positions k..1 in the order given, and the locked ones move up together only if they must
 * make room, so the hierarchy between them, ties included, never changes.
 */
export function reorderedRolePositions(
  roles: readonly RankedRole[],
  order: readonly string[],
  canManage: (position: number) => boolean,
): Map<string, number> {
  const byId = new Map(roles.map((r) => [r.id, r]));
  if (order.length !== roles.length || new Set(order).size !== order.length || order.some((id) => !byId.has(id)))
    throw badInput('roleIds', 'must name every role of the server except @everyone, each once');
  const current = [...roles].sort((a, b) => b.position - a.position || compareSnowflakes(a.id, b.id));
  const locked = current.filter((r) => !canManage(r.position));
  if (locked.some((role, i) => order[i] !== role.id)) throw roleAboveActor();

  const movable = order.slice(locked.length);
  const lowestLocked = Math.min(...locked.map((r) => r.position));
  const shift = locked.length > 0 ? Math.max(0, movable.length + 1 - lowestLocked) : 0;
  const next = new Map<string, number>();
  for (const role of locked) next.set(role.id, role.position + shift);
  movable.forEach((id, i) => next.set(id, movable.length - i));
  for (const [id, position] of next) if (byId.get(id)!.position === position) next.delete(id);
  return next;
}

/** Snowflakes as numbers: a longer id is a later one. */
