import { hasPermission } from '../permissions/bits.js';
import { badInput, forbidden } from '../kernel/errors/app-error.js';
import { isSnowflake } from '../kernel/ids/snowflake.js';
import type { Viewer } from '../features/auth/viewer.js';
import type { Services } from '../services.js';
import { closeWith, EventStream } from './event-stream.js';
import { fanoutItem, type FanoutItem } from './fanout-item.js';
import { Topic, type ChannelEventPayload } from './topics.js';


/**
 * channelEvents(channelId, since): listen first, then replay from Postgres, then the live events
 * that arrived meanwhile minus the replayed ones — no gap, no duplicate. Every live event re-checks
 * access; a member who can no longer see the channel is cut off at once.
 */
export async function channelEventSource(services: Services, viewer: Viewer, channelId: string, since: string | null): Promise<AsyncIterableIterator<FanoutItem<ChannelEventPayload>>> {
  if (since != null && !isSnowflake(since)) throw badInput('since', 'must be a message id');
  const initial = await services.access.channel(channelId, viewer.userId);
  if (since != null && !hasPermission(initial.channelPermissions, 'READ_MESSAGE_HISTORY')) throw forbidden('READ_MESSAGE_HISTORY');

  let stop = () => {};
  const stream = new EventStream<ChannelEventPayload>(() => stop());
  stop = await services.bus.listen(Topic.channel(channelId), (event) => stream.push(event as ChannelEventPayload));

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
      yield fanoutItem(event, services.access.permissionView(access));
    }
  }
  return closeWith(stream, events());
}
