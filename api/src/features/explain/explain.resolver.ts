import { Arg, ID, Query, Resolver } from 'type-graphql';
import { GrantedServer, RequireAccess, serverArg } from '../../graphql/authorize.js';
import { parseInput } from '../../kernel/validation/parse-input.js';
import type { Services } from '../../services.js';
import type { ServerAccess } from '../access/access.service.js';
import { explainTargetSchema } from './explain.inputs.js';
import { PermissionExplanationObject } from './explanation.object.js';

@Resolver()
export class ExplainResolver {
  constructor(private readonly services: Services) {}

  /**
   * Why a member (or a member holding only roleId) can or cannot do each thing, server-wide or in a
   * channel, decided by the API's own permission engine. Yourself: anyone; others: MANAGE_ROLES or MODERATE_MEMBERS.
   */
  @RequireAccess(serverArg('serverId'))
  @Query(() => PermissionExplanationObject)
  explainPermissions(
    @Arg('serverId', () => ID) _serverId: string,
    @Arg('userId', () => ID, { nullable: true }) userId: string | null,
    @Arg('roleId', () => ID, { nullable: true }) roleId: string | null,
    @Arg('channelId', () => ID, { nullable: true }) channelId: string | null,
    @GrantedServer() access: ServerAccess,
  ): Promise<PermissionExplanationObject> {
    return this.services.explain.explain(access, parseInput(explainTargetSchema, { userId, roleId, channelId }));
  }
}
