import { Arg, Ctx, Field, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { ObjectType } from '../../graphql/object-type.js';
import { z } from 'zod';
import { RequirePermission, serverArg } from '../../graphql/authorize.js';
import type { GraphqlContext } from '../../graphql/context.js';
import { DateTimeScalar } from '../../graphql/scalars.js';
import { smallListCost } from '../../graphql/limits.js';
import { isSnowflake } from '../../kernel/ids/snowflake.js';
import { parseInput } from '../../kernel/validation/parse-input.js';
import type { Services } from '../../services.js';
import { UserObject } from '../users/user.object.js';
import type { UserView } from '../users/user.view.js';
import { AuditTargetObject, resolveTarget, type AuditTargetView } from './audit-target.object.js';
import { mentionsOf, targetOf } from './audit-target.js';
import type { AuditLogEntryView } from './audit.service.js';

@ObjectType('AuditLogEntry')
export class AuditLogEntryObject {
  @Field(() => ID)
  id!: string;

  @Field()
  action!: string;

  @Field(() => ID, { nullable: true })
  targetId!: string | null;

  @Field(() => String, { nullable: true })
  reason!: string | null;

  @Field(() => String, { nullable: true, description: 'JSON: {"field": [before, after]}.' })
  changes!: string | null;

  @Field(() => DateTimeScalar)
  createdAt!: Date;
}

const pageSchema = z.object({
  before: z.string().refine(isSnowflake, 'must be an entry id').nullish(),
  limit: z.number().int().min(1, 'must be 1-100').max(100, 'must be 1-100'),
  action: z.string().max(64, 'must be at most 64 characters').nullish(),
  actorId: z.string().refine(isSnowflake, 'must be a user id').nullish(),
});

@Resolver(() => AuditLogEntryObject)
export class AuditResolver {
  constructor(private readonly services: Services) {}

  /** Newest first. Reading the audit log needs MANAGE_SERVER. */
  @RequirePermission('MANAGE_SERVER', serverArg('serverId'))
  @Query(() => [AuditLogEntryObject])
  auditLog(
    @Arg('serverId', () => ID) serverId: string,
    @Arg('before', () => ID, { nullable: true }) before: string | null,
    @Arg('limit', () => Int, { defaultValue: 50 }) limit: number,
    @Arg('action', () => String, { nullable: true, description: 'Only entries of this action.' }) action: string | null,
    @Arg('actorId', () => ID, { nullable: true, description: 'Only entries by this user.' }) actorId: string | null,
    @Arg('bySystem', { defaultValue: false, description: 'Only entries by the system (rate-limit escalation, timeout ends).' })
    bySystem: boolean,
  ): Promise<AuditLogEntryView[]> {
    const page = parseInput(pageSchema, { before, limit, action, actorId });
    const actor = bySystem ? { actorId: null } : page.actorId ? { actorId: page.actorId } : {};
    return this.services.audit.page(serverId, page.before ?? null, page.limit, {
      ...(page.action ? { actions: [page.action] } : {}),
      ...actor,
    });
  }

  @FieldResolver(() => AuditTargetObject, {
    nullable: true,
    description: 'What the action was taken on, by name; null: no single target (a reorder).',
  })
  target(@Root() entry: AuditLogEntryView, @Ctx() ctx: GraphqlContext): Promise<AuditTargetView> | null {
    const ref = targetOf(entry);
    return ref ? resolveTarget(ref, ctx.loaders) : null;
  }

  @FieldResolver(() => [AuditTargetObject], {
    description:
      "The ids `changes` holds (a role given, a deleted message's channel, an overwrite's role or member, a new owner), by name.",
    // A few per entry, at most two per changed field.
    complexity: smallListCost,
  })
  mentions(@Root() entry: AuditLogEntryView, @Ctx() ctx: GraphqlContext): Promise<AuditTargetView[]> {
    return Promise.all(mentionsOf(entry).map((ref) => resolveTarget(ref, ctx.loaders)));
  }

  @FieldResolver(() => UserObject, { nullable: true })
  actor(@Root() entry: AuditLogEntryView, @Ctx() ctx: GraphqlContext): Promise<UserView | null> | null {
    return entry.actorId ? ctx.loaders.users.load(entry.actorId) : null;
  }
}
