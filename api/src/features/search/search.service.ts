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
 * are matched whole through a GIN index on (server_id, the content's words); `from:` and `in:` in
 * the text name authors and channels; each member may run SEARCHES per server and window.
 */
const nothing = (): MessageSearchResult => ({ messages: [], hasMore: false });

export class SearchService {
  private readonly reads: MessageReads;

  constructor(
    private readonly orm: Orm,
    private readonly access: AccessService,
    private readonly limiter: SlidingWindowLimiter,
    private readonly keys: RedisKeys,
  ) {
    this.reads = messageReads(orm);
  }

  async messages(server: ServerAccess, input: unknown): Promise<MessageSearchResult> {
    const q = parseInput(searchSchema, input);
    const serverId = server.server.id;
    let channelIds = this.readableChannelIds(server);
    if (q.channelId) {
      // A channel elsewhere or hidden is not found; one without history is simply not searched.
      if (!this.access.visibleChannelIds(server).has(q.channelId)) throw notFound('Channel');
      channelIds = channelIds.filter((id) => id === q.channelId);
    }
    if (channelIds.length === 0) return nothing();
    // Valid searches that reach the database count, across processes.
    const verdict = await this.limiter.consume([{ key: this.keys.searches(serverId, server.userId), ...SEARCHES }]);
    if (!verdict.allowed) throw searchingTooFast(verdict.retryAfterMs);
    // Names that match nothing the caller may search narrow the search to nothing, like a hidden
    // channel's name: it answers as a channel that does not exist would.
    const { words, from, in: channelNames } = q.query;
    if (channelNames.length > 0) {
      const named = new Set(await this.channelIdsNamed(serverId, channelNames));
      channelIds = channelIds.filter((id) => named.has(id));
    }
    let authorIds = q.authorId ? [q.authorId] : null;
    if (from.length > 0) {
      const named = await this.userIdsNamed(from);
      authorIds = authorIds ? authorIds.filter((id) => named.includes(id)) : named;
    }
    if (channelIds.length === 0 || authorIds?.length === 0) return nothing();
    const rows = await this.reads.matching({ serverId, channelIds, words, authorIds, before: q.before }, q.limit + 1);
    return { messages: rows.slice(0, q.limit), hasMore: rows.length > q.limit };
  }

  private async userIdsNamed(usernames: readonly string[]): Promise<string[]> {
    const rows: { id: string }[] = await this.orm.em
      .getConnection()
      .execute('select id from users where username = any(array[?])', [[...usernames]]);
    return rows.map((row) => String(row.id));
  }

  private async channelIdsNamed(serverId: string, names: readonly string[]): Promise<string[]> {
    const rows: { id: string }[] = await this.orm.em
      .getConnection()
      .execute('select id from channels where server_id = ? and lower(name) = any(array[?])', [serverId, [...names]]);
    return rows.map((row) => String(row.id));
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
