import { Arg, Ctx, Field, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { ObjectType } from '../../graphql/object-type.js';
import type { GraphqlContext } from '../../graphql/context.js';
import { DateTimeScalar } from '../../graphql/scalars.js';
import type { Services } from '../../services.js';
import type { InviteView } from './invites.service.js';
import { Personal } from '../../graphql/personal-fields.js';

/** What an invite link shows to anyone, signed in or not, before they join. */
@ObjectType('InvitePreview')
export class InvitePreviewObject {
  @Field()
  code!: string;

  @Field(() => DateTimeScalar, { nullable: true })
  expiresAt!: Date | null;
}

@Resolver(() => InvitePreviewObject)
export class InvitePreviewResolver {
  constructor(private readonly services: Services) {}

  /** No sign-in needed: an invite link is meant to be opened by people who are not members yet. */
  @Query(() => InvitePreviewObject, {
    nullable: true,
    description: 'The server behind an invite code; null when unknown, expired or used up.',
  })
  invitePreview(@Arg('code') code: string): Promise<InviteView | null> {
    return this.services.invites.preview(code);
  }

  @FieldResolver(() => String)
  async serverName(@Root() invite: InviteView, @Ctx() ctx: GraphqlContext): Promise<string> {
    return (await ctx.loaders.servers.load(invite.serverId))?.name ?? '';
  }

  @FieldResolver(() => String)
  async serverDescription(@Root() invite: InviteView, @Ctx() ctx: GraphqlContext): Promise<string> {
    return (await ctx.loaders.servers.load(invite.serverId))?.description ?? '';
  }

  @FieldResolver(() => String, { nullable: true })
  async serverIcon(@Root() invite: InviteView, @Ctx() ctx: GraphqlContext): Promise<string | null> {
    return (await ctx.loaders.servers.load(invite.serverId))?.icon ?? null;
  }

  @FieldResolver(() => Int)
  memberCount(@Root() invite: InviteView, @Ctx() ctx: GraphqlContext): Promise<number> {
    return ctx.loaders.memberCounts.load(invite.serverId);
  }

  /** True when the caller is signed in and already a member (the page then opens the server). */
  @Personal()
  @FieldResolver(() => Boolean)
  async alreadyMember(@Root() invite: InviteView, @Ctx() ctx: GraphqlContext): Promise<boolean> {
    if (!ctx.viewer) return false;
    return (await this.services.access.memberSnapshot(invite.serverId, ctx.viewer.userId)) !== null;
  }

  @FieldResolver(() => String, { description: 'Server id, to open it after joining.' })
  serverId(@Root() invite: InviteView): string {
    return invite.serverId;
  }
}
