import { hasPermission } from '../permissions/bits.js';
import { badInput, forbidden } from '../kernel/errors/app-error.js';
import { isSnowflake } from '../kernel/ids/snowflake.js';
import type { Viewer } from '../features/auth/viewer.js';
import type { Services } from '../services.js';
import { closeWith, EventStream } from './event-stream.js';
import { fanoutItem, type FanoutItem } from './fanout-item.js';
import { Topic, type ChannelEventPayload } from './topics.js';

/** Pushed into a stream when the subscriber's access may have changed, so it is re-checked at once. */
const RECHECK = { type: 'RECHECK' } as const;

/**
 * channelEvents(channelId, since): listen first, then replay from Postgres, then the live events
 * that arrived meanwhile minus the replayed ones — no gap, no duplicate. Access is re-checked on every
 * live event and whenever it may have changed; a member who can no longer see the channel is cut off at once.
 */
export async function channelEventSource(
  services: Services,
  viewer: Viewer,
  channelId: string,
  since: string | null,
): Promise<AsyncIterableIterator<FanoutItem<ChannelEventPayload>>> {
  if (since != null && !isSnowflake(since)) throw badInput('since', 'must be a message id');
  const initial = await services.access.channel(channelId, viewer.userId);
  if (since != null && !hasPermission(initial.channelPermissions, 'READ_MESSAGE_HISTORY')) throw forbidden('READ_MESSAGE_HISTORY');

  let stop = () => {};
  const stream = new EventStream<ChannelEventPayload | typeof RECHECK>(() => stop());
  const unwatch = services.access.watch(initial.server.id, viewer.userId, () => stream.push(RECHECK));
  const unlisten = await services.bus.listen(Topic.channel(channelId), (event) => stream.push(event));
  stop = () => {
    unwatch();
    unlisten();
  };

  async function* events(): AsyncGenerator<FanoutItem<ChannelEventPayload>> {
    const replayed = new Set<string>();
    const initialView = services.access.permissionView(initial);
    if (since != null) {
      for await (const page of services.messages.messagesAfter(channelId, since)) {
        for (const message of page) {
          replayed.add(message.id);
          yield fanoutItem<ChannelEventPayload>({ type: 'MessageCreated', message }, initialView);
        }
      }
    }
    for await (const event of stream) {
      if (event.type === 'END') return;
      if (event.type === 'MessageCreated' && replayed.delete(event.message.id)) continue;
      const access = await services.access.channel(channelId, viewer.userId).catch(() => null);
      if (!access) return;
      if (event.type !== 'RECHECK') yield fanoutItem(event, services.access.permissionView(access));
    }
  }
  return closeWith(stream, events());
}
