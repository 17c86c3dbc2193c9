import { badInput } from '../../kernel/errors/app-error.js';

/**
 * The positions a new channel order gives, as {id: position} for the channels whose position
 * changes. `current` is every channel of the server in its order; `order` names, in their new order,
 * exactly the channels the actor can see. Those fill the places the visible channels held; channels
 * hidden from the actor keep their places. Positions are then renumbered 0..n-1.
 */
export function reorderedChannelPositions(
  current: readonly { id: string; position: number }[],
  visible: ReadonlySet<string>,
  order: readonly string[],
): Map<string, number> {
  if (order.length !== visible.size || new Set(order).size !== order.length || order.some((id) => !visible.has(id)))
    throw badInput('channelIds', 'must name every channel of the server you can see, each once');
  const moved = [...order];
  const next = new Map<string, number>();
  current.forEach((channel, position) => {
    const id = visible.has(channel.id) ? moved.shift()! : channel.id;
    next.set(id, position);
  });
  for (const channel of current) if (next.get(channel.id) === channel.position) next.delete(channel.id);
  return next;
}
