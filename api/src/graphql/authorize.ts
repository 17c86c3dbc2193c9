import type { GraphQLResolveInfo } from 'graphql';
import { Authorized, createMethodMiddlewareDecorator, createParameterDecorator, type AuthChecker } from 'type-graphql';
import type { PermissionName } from '../permissions/bits.js';
import { requirePermissions } from '../permissions/require.js';
import { notFound, unauthenticated } from '../kernel/errors/app-error.js';
import type { GraphqlContext, Viewer } from './context.js';

type Args = Record<string, unknown>;
type AccessService = GraphqlContext['services']['access'];
type ServerAccess = Awaited<ReturnType<AccessService['server']>>;
type ChannelAccess = Awaited<ReturnType<AccessService['channel']>>;

/**
 * The one authentication check: type-graphql runs it before every field marked @Authorized (directly
 * or through @RequirePermission / @RequireAccess), subscriptions included. UNAUTHENTICATED, not false,
 * so the error carries the contract's code.
 */
export const authChecker: AuthChecker<GraphqlContext> = ({ context }) => {
  if (!context.viewer) throw unauthenticated();
  return true;
};

/** Parameter: the signed-in caller of an @Authorized field. */
export const CurrentViewer = () =>
  createParameterDecorator<GraphqlContext>(({ context }): Viewer => {
    if (!context.viewer) throw new Error('resolver is missing @Authorized');
    return context.viewer;
  });

/** Where an operation's permission is checked: a server, or a channel (overwrites apply). */
export type Scope = { kind: 'server'; serverId: string } | { kind: 'channel'; channelId: string };
export type ScopeFinder = (args: Args, ctx: GraphqlContext) => Promise<Scope>;

const argAt = (args: Args, path: string): string => {
  const value = path.split('.').reduce<unknown>((obj, key) => (obj as Args | undefined)?.[key], args);
  return typeof value === 'string' ? value : '';
};

export const serverArg =
  (path: string): ScopeFinder =>
  async (args) => ({ kind: 'server', serverId: argAt(args, path) });

export const channelArg =
  (path: string): ScopeFinder =>
  async (args) => ({ kind: 'channel', channelId: argAt(args, path) });

export const roleArg =
  (path: string): ScopeFinder =>
  async (args, ctx) => {
    const serverId = await ctx.services.access.serverIdOfRole(argAt(args, path));
    if (!serverId) throw notFound('Role');
    return { kind: 'server', serverId };
  };

/**
 * Declares, on the operation itself, the permission it needs and where: authenticates, resolves the
 * scope, checks through the permission engine, and leaves the access on the context for the resolver.
 * Private servers and hidden channels answer NOT_FOUND; a missing permission FORBIDDEN naming it.
 */
export function RequirePermission(permissions: PermissionName | readonly PermissionName[], scope: ScopeFinder): MethodDecorator {
  const needed: readonly PermissionName[] = typeof permissions === 'string' ? [permissions] : permissions;
  const check = createMethodMiddlewareDecorator<GraphqlContext>(async ({ args, context, info }, next) => {
    const { userId } = context.viewer!;
    const target = await scope(args as Args, context);
    if (target.kind === 'channel') {
      const access = await context.services.access.channel(target.channelId, userId);
      requirePermissions(access.channelPermissions, needed);
      grantedByField.set(info, access);
    } else {
      const access = await context.services.access.server(target.serverId, userId);
      requirePermissions(access.permissions, needed);
      grantedByField.set(info, access);
    }
    return next();
  });
  const authenticated = Authorized();
  return (target, key, descriptor) => {
    authenticated(target, key, descriptor);
    check(target, key, descriptor);
  };
}

/** A server the caller can see, or a channel they can view; no further permission (the service may check more). */
export const RequireAccess = (scope: ScopeFinder): MethodDecorator => RequirePermission([], scope);

/** The access a field's @RequirePermission granted; keyed by the field's own resolve info. */
const grantedByField = new WeakMap<GraphQLResolveInfo, ServerAccess | ChannelAccess>();

function granted(info: GraphQLResolveInfo): ServerAccess | ChannelAccess {
  const access = grantedByField.get(info);
  if (!access) throw new Error('resolver is missing @RequirePermission');
  return access;
}

/** Parameter: the ServerAccess checked by this field's @RequirePermission. */
export const GrantedServer = () => createParameterDecorator<GraphqlContext>(({ info }) => granted(info));

/** Parameter: the ChannelAccess checked by this field's channel-scoped @RequirePermission. */
export const GrantedChannel = () =>
  createParameterDecorator<GraphqlContext>(({ info }) => {
    const access = granted(info);
    if (!('channel' in access)) throw new Error('resolver needs a channel-scoped @RequirePermission');
    return access;
  });
