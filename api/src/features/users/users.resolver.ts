import { Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { GraphqlContext } from '../../graphql/context.js';
import { ChosenStatus } from './user.entity.js';
import { UserObject } from './user.object.js';
import type { UserView } from './user.view.js';

@Resolver(() => UserObject)
export class UsersResolver {
  @Query(() => UserObject, { nullable: true })
  me(@Ctx() ctx: GraphqlContext): Promise<UserView | null> | null {
    return ctx.viewer ? ctx.loaders.users.load(ctx.viewer.userId) : null;
  }

  @FieldResolver(() => ChosenStatus)
  presence(@Root() user: UserView, @Ctx() ctx: GraphqlContext): Promise<ChosenStatus> {
    return ctx.loaders.presence.load(user.id);
  }
}
