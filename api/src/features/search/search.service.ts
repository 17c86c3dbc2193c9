import { notFound } from '../../kernel/errors/app-error.js';
import type { Orm } from '../../kernel/db/orm.js';
import type { RedisKeys } from '../../kernel/redis/keys.js';
import type { SlidingWindowLimiter } from '../../kernel/redis/sliding-window.js';
import { parseInput } from '../../kernel/validation/parse-input.js';
import { hasPermission } from '../../permissions/bits.js';
import type { AccessService, ServerAccess } from '../access/access.service.js';
import { messageReads, type MessageReads } from '../messages/message-reads.js';
import type { MessageSearchResult } from './search.object.js';
import { searchingTooFast } from './search.errors.js';
import { SEARCHES, searchSchema } from './search.inputs.js';

/**
 * Message search across a server: only channels where the caller may both view the channel and
 * read its history are searched, so a result never shows what the channel itself would not. Words
 * are matched whole through a GIN index on (server_id, the content's words); each member may run
 * SEARCHES per server and window.
 */
export class SearchService {
  private readonly reads: MessageReads;

  constructor(
    orm: Orm,
    private readonly access: AccessService,
    private readonly limiter: SlidingWindowLimiter,
    private readonly keys: RedisKeys,
  ) {
    this.reads = messageReads(orm);
  }

  async messages(server: ServerAccess, input: unknown): Promise<MessageSearchResult> {
    const q = parseInput(searchSchema, input);
    let channelIds = this.readableChannelIds(server);
    if (q.channelId) {
      // A channel elsewhere or hidden is not found; one without history is simply not searched.
      if (!this.access.visibleChannelIds(server).has(q.channelId)) throw notFound('Channel');
      channelIds = channelIds.filter((id) => id === q.channelId);
    }
    if (channelIds.length === 0) return { messages: [], hasMore: false };
    // Valid searches that reach the database count, across processes.
    const verdict = await this.limiter.consume([{ key: this.keys.searches(server.server.id, server.userId), ...SEARCHES }]);
    if (!verdict.allowed) throw searchingTooFast(verdict.retryAfterMs);
    const rows = await this.reads.matching(
      { serverId: server.server.id, channelIds, query: q.query, authorId: q.authorId, before: q.before },
      q.limit + 1,
    );
    return { messages: rows.slice(0, q.limit), hasMore: rows.length > q.limit };
  }

  private readableChannelIds(server: ServerAccess): string[] {
    const now = new Date();
    return [...server.server.channels.values()]
      .filter((channel) => {
        const permissions = this.access.channelPermissions(server, channel, now);
        return hasPermission(permissions, 'VIEW_CHANNEL') && hasPermission(permissions, 'READ_MESSAGE_HISTORY');
      })
      .map((channel) => channel.id);
  }
}
