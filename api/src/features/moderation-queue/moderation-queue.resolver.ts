import { Arg, Authorized, FieldResolver, ID, Int, Query, Resolver, Root, Subscription } from 'type-graphql';
import { z } from 'zod';
import { RequirePermission, serverArg } from '../../graphql/authorize.js';
import type { GraphqlContext } from '../../graphql/context.js';
import { isSnowflake } from '../../kernel/ids/snowflake.js';
import { parseInput } from '../../kernel/validation/parse-input.js';
import type { Services } from '../../services.js';
import { AUDIT_SINCE_DESCRIPTION, auditEntrySource } from '../audit/audit-entry.source.js';
import type { ModerationItemView } from './moderation-item.js';
import { ModerationItemObject } from './moderation-item.object.js';
import { MODERATION_ACTIONS } from './moderation-queue.service.js';

const pageSchema = z.object({
  before: z.string().refine(isSnowflake, 'must be an entry id').nullish(),
  limit: z.number().int().min(1, 'must be 1-100').max(100, 'must be 1-100'),
});

@Resolver(() => ModerationItemObject)
export class ModerationQueueResolver {
  constructor(private readonly services: Services) {}

  /** Newest first: timeouts (automatic ones included), bans, kicks, deleted messages, voice moderation. Needs MODERATE_MEMBERS. */
  @RequirePermission('MODERATE_MEMBERS', serverArg('serverId'))
  @Query(() => [ModerationItemObject])
  moderationQueue(
    @Arg('serverId', () => ID) serverId: string,
    @Arg('before', () => ID, { nullable: true }) before: string | null,
    @Arg('limit', () => Int, { defaultValue: 50 }) limit: number,
  ): Promise<ModerationItemView[]> {
    const page = parseInput(pageSchema, { before, limit });
    return this.services.moderationQueue.page(serverId, page.before ?? null, page.limit);
  }

  /** Each new moderation action as it commits, whoever took it (a moderator, a bot, the system). Needs MODERATE_MEMBERS. */
  @Authorized()
  @Subscription(() => ModerationItemObject, {
    subscribe: ({ args, context }) => {
      const { services, viewer } = context as GraphqlContext;
      const serverId = args.serverId as string;
      const since = (args.since as string | null | undefined) ?? null;
      return auditEntrySource(
        services,
        viewer!,
        serverId,
        'MODERATE_MEMBERS',
        MODERATION_ACTIONS,
        async (entry) => {
          const [item] = await services.moderationQueue.withUndo(serverId, [entry]);
          return item!;
        },
        since,
      );
    },
  })
  moderationQueueAdded(
    @Root() item: ModerationItemView,
    @Arg('serverId', () => ID) _serverId: string,
    @Arg('since', () => ID, { nullable: true, description: AUDIT_SINCE_DESCRIPTION }) _since: string | null,
  ): ModerationItemView {
    return item;
  }

  @FieldResolver(() => Boolean)
  automatic(@Root() item: ModerationItemView): boolean {
    return item.entry.actorId === null;
  }
}
