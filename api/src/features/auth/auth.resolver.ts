import { Arg, Authorized, Ctx, Field, Mutation, Resolver } from 'type-graphql';
import { ObjectType } from '../../graphql/object-type.js';
import { CurrentViewer } from '../../graphql/authorize.js';
import type { GraphqlContext, Viewer } from '../../graphql/context.js';
import { UserObject } from '../users/user.object.js';
import type { UserView } from '../users/user.view.js';
import type { Services } from '../../services.js';

@ObjectType('AuthPayload')
export class AuthPayloadObject {
  @Field()
  token!: string;

  @Field(() => UserObject)
  user!: UserView;
}

@Resolver()
export class AuthResolver {
  constructor(private readonly services: Services) {}

  @Mutation(() => AuthPayloadObject)
  register(
    @Arg('username') username: string,
    @Arg('password') password: string,
    @Arg('displayName', () => String, { nullable: true }) displayName: string | null,
    @Ctx() ctx: GraphqlContext,
  ) {
    return this.services.auth.register(ctx.ip, ctx.userAgent, { username, password, displayName });
  }

  @Mutation(() => AuthPayloadObject)
  login(@Arg('username') username: string, @Arg('password') password: string, @Ctx() ctx: GraphqlContext) {
    return this.services.auth.login(ctx.ip, ctx.userAgent, { username, password });
  }

  /** Needs the current password; ends the caller's other sessions (not this one). People only: a bot has no password. */
  @Authorized()
  @Mutation(() => Boolean)
  async changePassword(
    @Arg('currentPassword') currentPassword: string,
    @Arg('newPassword') newPassword: string,
    @CurrentViewer() viewer: Viewer,
    @Ctx() ctx: GraphqlContext,
  ): Promise<boolean> {
    await this.services.auth.changePassword(viewer, ctx.ip, { currentPassword, newPassword });
    return true;
  }

  @Authorized()
  @Mutation(() => Boolean)
  async logout(@CurrentViewer() viewer: Viewer): Promise<boolean> {
    await this.services.auth.logout(viewer);
    return true;
  }
}
