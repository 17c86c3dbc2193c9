import type { GraphQLResolveInfo } from 'graphql';
import { createMethodMiddlewareDecorator, createParameterDecorator } from 'type-graphql';
import type { PermissionName } from '../permissions/bits.js';
import type { ChannelAccess, ServerAccess } from '../features/access/access.service.js';
import { requirePermissions } from '../permissions/require.js';
import { notFound } from '../kernel/errors/app-error.js';
import { requireViewer, type GraphqlContext } from './context.js';

type Args = Record<string, unknown>;

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
export function RequirePermission(permissions: PermissionName | readonly PermissionName[] | null, scope: ScopeFinder) {
  const needed: readonly PermissionName[] = permissions === null ? [] : typeof permissions === 'string' ? [permissions] : permissions;
  return createMethodMiddlewareDecorator<GraphqlContext>(async ({ args, context, info }, next) => {
    const viewer = requireViewer(context);
    const target = await scope(args as Args, context);
    if (target.kind === 'channel') {
      const access = await context.services.access.channel(target.channelId, viewer.userId);
      requirePermissions(access.channelPermissions, needed);
      grantedByField.set(info, access);
    } else {
      const access = await context.services.access.server(target.serverId, viewer.userId);
      requirePermissions(access.permissions, needed);
      grantedByField.set(info, access);
    }
    return next();
  });
}

/** Only for signed-in callers; no permission beyond that. */
export const Authenticated = () =>
  createMethodMiddlewareDecorator<GraphqlContext>(async ({ context }, next) => {
    requireViewer(context);
    return next();
  });

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
