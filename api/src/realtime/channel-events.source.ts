import { hasPermission } from '../permissions/bits.js';
import { badInput, forbidden } from '../kernel/errors/app-error.js';
import { isSnowflake, snowflakeAt, snowflakeTime } from '../kernel/ids/snowflake.js';
import type { Viewer } from '../features/auth/viewer.js';
import { pushFeed, type PushFeed } from '../graphql/push-feed.js';
import type { Services } from '../services.js';
import { REPLAY_MARGIN_MS } from './recent-messages.js';
import { Topic, type ChannelEventPayload } from './topics.js';

/**
 * channelEvents(channelId, since): listen first, then replay from Postgres, then the live events
 * that arrived meanwhile minus the replayed ones — no gap, no duplicate. Access is re-checked
 * whenever it may have changed (the access cache announces it before any later event): live events
 * wait meanwhile, and a member who can no longer see the channel is cut off at once.
 */
export async function channelEventSource(
  services: Services,
  viewer: Viewer,
  channelId: string,
  since: string | null,
): Promise<PushFeed<ChannelEventPayload>> {
  if (since != null && !isSnowflake(since)) throw badInput('since', 'must be a message id');
  const initial = await services.access.channel(channelId, viewer.userId);
  if (since != null && !hasPermission(initial.channelPermissions, 'READ_MESSAGE_HISTORY')) throw forbidden('READ_MESSAGE_HISTORY');

  return pushFeed<ChannelEventPayload>(async (sink) => {
    sink.setView(services.access.permissionView(initial));
    let checks = 0;
    const recheck = () => {
      const check = (checks += 1);
      sink.hold();
      services.access.channel(channelId, viewer.userId).then(
        (access) => {
          if (check !== checks) return;
          sink.setView(services.access.permissionView(access));
          sink.resume();
        },
        () => sink.end(),
      );
    };
    // Live events that arrive during a replay (or after a gap, until it is replayed) wait here, so
    // replayed ones can be left out.
    let early: ChannelEventPayload[] | null = since == null ? null : [];
    // The latest message handed on (by id): a replay after a gap starts REPLAY_MARGIN_MS before it.
    // A stream without `since` starts at its subscription.
    let lastId = since ?? snowflakeAt(new Date());
    // A message committed before a replay read it but published after the replay ended would come
    // twice: the newest replayed ids (the only ones that can still be in flight) are left out live too.
    // Made by the first replay: most streams never replay, and an idle stream should hold little.
    let inFlight: Set<string> | null = null;
    let replaying = false;
    let gap = false;
    const unwatch = services.access.watch(initial.server.id, viewer.userId, recheck);
    const [recent, unrecord] = services.recentMessages.watch(channelId);
    const unlisten = await services.bus.listen(Topic.channel(channelId), (event) => {
      if (event.type === 'MessageCreated') recent.record(event.message.id);
      // END: the channel is gone; what was still queued for this subscriber is moot.
      if (event.type === 'END') sink.end();
      else if (early) early.push(event);
      else if (event.type !== 'MessageCreated') sink.push(event);
      else if (!inFlight?.delete(event.message.id)) {
        lastId = later(lastId, event.message.id);
        sink.push(event);
      }
    });

    // Replayed ids, kept (back to REPLAY_MARGIN_MS before the last id) from one gap to the next: left
    // out of `early` when it is let go, and not replayed twice.
    let replayed: Set<string> | null = null;
    /**
     * Replays, then what waited in `early` minus the replayed; again if a gap opened meanwhile. The
     * first replay of a `since` stream starts there; after a gap a stream starts REPLAY_MARGIN_MS
     * before its last id (ids are not published in order) and leaves out what this process received.
     */
    const replay = async (afterGap: boolean) => {
      replaying = true;
      replayed ??= new Set();
      inFlight ??= new Set();
      try {
        do {
          gap = false;
          const delivered = lastId;
          const from = afterGap ? marginBefore(delivered) : delivered;
          let previousPage: string[] = [];
          let lastPage: string[] = [];
          for await (const page of services.messages.messagesAfter(channelId, from)) {
            previousPage = lastPage;
            lastPage = page.map((message) => message.id);
            for (const message of page) {
              // Delivered before the gap, or waiting in `early`.
              if (afterGap && later(delivered, message.id) === delivered && recent.has(message.id)) continue;
              if (replayed.has(message.id)) continue;
              replayed.add(message.id);
              lastId = later(lastId, message.id);
              sink.push({ type: 'MessageCreated', message });
            }
          }
          afterGap = true;
          // Lost again during the replay: keep waiting (in `early`) until the subscriber is back.
          if (gap && !services.bus.isConnected) return;
          if (gap) continue;
          const waited = early ?? [];
          early = null;
          for (const event of waited) {
            if (event.type !== 'MessageCreated') sink.push(event);
            else if (!replayed.has(event.message.id)) {
              lastId = later(lastId, event.message.id);
              sink.push(event);
            }
          }
          const arrived = new Set(waited.flatMap((e) => (e.type === 'MessageCreated' ? [e.message.id] : [])));
          for (const id of [...previousPage, ...lastPage]) if (!arrived.has(id)) inFlight.add(id);
          // Older ones cannot be replayed again: the next gap's replay starts after them.
          const keepFrom = marginBefore(lastId);
          for (const id of replayed) if (later(keepFrom, id) === keepFrom) replayed.delete(id);
        } while (gap);
      } finally {
        replaying = false;
      }
    };
    // Events published while this process's subscriber was away reach no listener: from the loss on,
    // live events wait, and once it is back the stream replays from its last message, then goes on live.
    const unlost = services.bus.onLost(() => {
      gap = true;
      early ??= [];
    });
    const unresubscribed = services.bus.onResubscribed(() => {
      if (!replaying) replay(true).catch(() => sink.end());
    });
    const stop = () => {
      unwatch();
      unlisten();
      unlost();
      unresubscribed();
      unrecord();
    };
    if (early) {
      try {
        await replay(false);
      } catch (error) {
        stop();
        throw error;
      }
    }
    return stop;
  });
}

/** The later of two snowflake ids (decimal strings): no allocation, as it runs per live event. */
const later = (a: string, b: string): string => (b.length > a.length || (b.length === a.length && b > a) ? b : a);

const marginBefore = (id: string): string => snowflakeAt(new Date(snowflakeTime(id).getTime() - REPLAY_MARGIN_MS));
