import { forbidden } from '../kernel/errors/app-error.js';
import type { ServerAccess } from '../features/access/access.service.js';
import type { Viewer } from '../features/auth/viewer.js';
import type { Services } from '../services.js';
import { closeWith, EventStream } from './event-stream.js';
import { fanoutItem, type FanoutItem } from './fanout-item.js';
import { Topic, type AccessMarker, type ServerEventPayload } from './topics.js';

const channelOf = (event: ServerEventPayload): string | null => {
  switch (event.type) {
    case 'ChannelUpdated':
      return event.channel.id;
    case 'ChannelDeleted':
    case 'VoiceStateUpdated':
      return event.channelId;
    default:
      return null;
  }
};

/**
 * serverEvents(serverId): members only. Channel events about channels the member cannot see are
 * withheld; a member who leaves, is kicked or banned gets that event last, then the stream ends.
 */
export async function serverEventSource(
  services: Services,
  viewer: Viewer,
  serverId: string,
): Promise<AsyncIterableIterator<FanoutItem<ServerEventPayload>>> {
  const initial = await services.access.server(serverId, viewer.userId);
  if (!initial.member) throw forbidden('VIEW_CHANNEL', 'Only members receive server events');

  let stop = () => {};
  const stream = new EventStream<ServerEventPayload | AccessMarker>(() => stop());
  // Nothing published while this process's subscriber is away can be replayed: once it is back, the
  // member hears from when on they may have missed events, and refetches.
  let lostAt: Date | null = null;
  const stopWatchingLoss = services.bus.onLost(() => (lostAt ??= new Date()));
  const stopWatchingReturn = services.bus.onResubscribed(() => {
    if (lostAt) stream.push({ type: 'ServerEventsMissed', serverId, since: lostAt });
    lostAt = null;
  });
  const stopWatching = () => {
    stopWatchingLoss();
    stopWatchingReturn();
  };
  const stopListening = await services.bus
    .listen(Topic.server(serverId), (event) => stream.push(event))
    .catch((error: unknown) => {
      stopWatching();
      throw error;
    });
  stop = () => {
    stopListening();
    stopWatching();
  };

  const visible = (access: ServerAccess, channelId: string): boolean => {
    const channel = access.server.channels.get(channelId);
    // A deleted channel is gone from the snapshot; who could see it cannot be told any more, so tell all members.
    return !channel || services.access.visibleChannelIds(access).has(channelId);
  };

  async function* events(): AsyncGenerator<FanoutItem<ServerEventPayload>> {
    for await (const event of stream) {
      // A cluster's copy of an access change: the next event is checked against fresh access.
      if (event.type === 'ACCESS') {
        services.access.received(event.invalidation);
        continue;
      }
      const ending = (event.type === 'MemberLeft' && event.userId === viewer.userId) || event.type === 'ServerDeleted';
      if (ending) {
        yield fanoutItem(event, 'ending');
        return;
      }
      const access = await services.access.server(serverId, viewer.userId).catch(() => null);
      if (!access?.member) return;
      const channelId = channelOf(event);
      if (channelId && !visible(access, channelId)) continue;
      yield fanoutItem(event, services.access.permissionView(access));
    }
  }
  return closeWith(stream, events());
}
