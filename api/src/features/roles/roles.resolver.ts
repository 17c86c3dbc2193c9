import { Arg, ID, Mutation, Resolver } from 'type-graphql';
import { unpagedListCost } from '../../graphql/limits.js';
import { GrantedServer, RequirePermission, roleArg, serverArg } from '../../graphql/authorize.js';
import type { Services } from '../../services.js';
import type { ServerAccess } from '../access/access.service.js';
import { MemberObject } from '../members/member.object.js';
import type { MemberView } from '../members/member.view.js';
import { RoleInput, RoleObject } from './role.object.js';
import type { RoleView } from './role.view.js';

@Resolver(() => RoleObject)
export class RolesResolver {
  constructor(private readonly services: Services) {}

  @RequirePermission('MANAGE_ROLES', serverArg('serverId'))
  @Mutation(() => RoleObject)
  createRole(
    @Arg('serverId', () => ID) _serverId: string,
    @Arg('input', () => RoleInput) input: RoleInput,
    @GrantedServer() access: ServerAccess,
  ): Promise<RoleView> {
    return this.services.roles.create(access, input);
  }

  @RequirePermission('MANAGE_ROLES', roleArg('roleId'))
  @Mutation(() => RoleObject)
  updateRole(
    @Arg('roleId', () => ID) roleId: string,
    @Arg('input', () => RoleInput) input: RoleInput,
    @GrantedServer() access: ServerAccess,
  ): Promise<RoleView> {
    return this.services.roles.update(access, roleId, input);
  }

  @RequirePermission('MANAGE_ROLES', serverArg('serverId'))
  @Mutation(() => [RoleObject], {
    complexity: unpagedListCost,
    description:
      'Puts every role of the server but @everyone in this order (highest first), at once; roles at or above your highest must stay where they are.',
  })
  reorderRoles(
    @Arg('serverId', () => ID) _serverId: string,
    @Arg('roleIds', () => [ID]) roleIds: string[],
    @GrantedServer() access: ServerAccess,
  ): Promise<RoleView[]> {
    return this.services.roles.reorder(access, { roleIds });
  }

  @RequirePermission('MANAGE_ROLES', roleArg('roleId'))
  @Mutation(() => Boolean)
  async deleteRole(@Arg('roleId', () => ID) roleId: string, @GrantedServer() access: ServerAccess): Promise<boolean> {
    await this.services.roles.delete(access, roleId);
    return true;
  }

  @RequirePermission('MANAGE_ROLES', serverArg('serverId'))
  @Mutation(() => MemberObject)
  assignRole(
    @Arg('serverId', () => ID) _serverId: string,
    @Arg('userId', () => ID) userId: string,
    @Arg('roleId', () => ID) roleId: string,
    @GrantedServer() access: ServerAccess,
  ): Promise<MemberView> {
    return this.services.roles.setMemberRole(access, userId, roleId, true);
  }

  @RequirePermission('MANAGE_ROLES', serverArg('serverId'))
  @Mutation(() => MemberObject)
  removeRole(
    @Arg('serverId', () => ID) _serverId: string,
    @Arg('userId', () => ID) userId: string,
    @Arg('roleId', () => ID) roleId: string,
    @GrantedServer() access: ServerAccess,
  ): Promise<MemberView> {
    return this.services.roles.setMemberRole(access, userId, roleId, false);
  }
}
