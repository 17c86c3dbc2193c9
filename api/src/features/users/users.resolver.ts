import { Arg, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { CurrentViewer } from '../../graphql/authorize.js';
import type { GraphqlContext, Viewer } from '../../graphql/context.js';
import type { Services } from '../../services.js';
import { avatarPath } from './avatar.http.js';
import { ChosenStatus } from './user.entity.js';
import { UserObject } from './user.object.js';
import type { UserView } from './user.view.js';

@Resolver(() => UserObject)
export class UsersResolver {
  constructor(private readonly services: Services) {}

  @Query(() => UserObject, { nullable: true })
  me(@Ctx() ctx: GraphqlContext): Promise<UserView | null> | null {
    return ctx.viewer ? ctx.loaders.users.load(ctx.viewer.userId) : null;
  }

  /** The caller's own profile: the name others see where they set no nickname (1-64 characters, trimmed). */
  @Authorized()
  @Mutation(() => UserObject)
  updateProfile(@Arg('displayName') displayName: string, @CurrentViewer() viewer: Viewer): Promise<UserView> {
    return this.services.users.updateProfile(viewer.userId, { displayName });
  }

  /** The caller's own avatar: an uploaded PNG, JPEG, GIF or WebP as a data URL of at most 192 KiB; null removes it. */
  @Authorized()
  @Mutation(() => UserObject)
  setAvatar(@Arg('image', () => String, { nullable: true }) image: string | null, @CurrentViewer() viewer: Viewer): Promise<UserView> {
    return this.services.users.setAvatar(viewer.userId, { image });
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      "The avatar's address: a path on the API's origin (resolve it against the GraphQL URL), or null when the user has none. A new avatar is a new address, so it may be cached for good.",
  })
  avatarUrl(@Root() user: UserView): string | null {
    return user.avatarHash ? avatarPath(user.id, user.avatarHash) : null;
  }

  @FieldResolver(() => ChosenStatus)
  presence(@Root() user: UserView, @Ctx() ctx: GraphqlContext): Promise<ChosenStatus> {
    return ctx.loaders.presence.load(user.id);
  }
}
