import { Arg, ID, Mutation, Resolver } from 'type-graphql';
import { GrantedServer, RequireAccess, serverArg } from '../../graphql/authorize.js';
import type { Services } from '../../services.js';
import type { ServerAccess } from '../access/access.service.js';
import { ServerObject } from './server.object.js';
import type { ServerView } from './server.view.js';

@Resolver()
export class OwnershipResolver {
  constructor(private readonly services: Services) {}

  /** The owner hands the server to another member (a person); they keep their roles and become a plain member. */
  @RequireAccess(serverArg('serverId'))
  @Mutation(() => ServerObject)
  transferOwnership(
    @Arg('serverId', () => ID) _serverId: string,
    @Arg('userId', () => ID) userId: string,
    @GrantedServer() access: ServerAccess,
  ): Promise<ServerView> {
    return this.services.ownership.transfer(access, userId);
  }
}
