import DataLoader from 'dataloader';
import type { Viewer } from './features/auth/viewer.js';
import type { ChannelView } from './features/channels/channel.view.js';
import type { MessageView } from './features/messages/message.view.js';
import type { RoleView } from './features/roles/role.view.js';
import type { ServerView } from './features/servers/server.view.js';
import type { ChosenStatus } from './features/users/user.entity.js';
import type { UserView } from './features/users/user.view.js';
import type { Services } from './services.js';

/** Batched lookups, one set per request (or per subscription event), so no field resolver queries per row. */
export interface Loaders {
  users: DataLoader<string, UserView | null>;
  servers: DataLoader<string, ServerView | null>;
  memberCounts: DataLoader<string, number>;
  rolesByServer: DataLoader<string, RoleView[]>;
  channelsByServer: DataLoader<string, ChannelView[]>;
  presence: DataLoader<string, ChosenStatus>;
  channels: DataLoader<string, ChannelView | null>;
  messages: DataLoader<string, MessageView | null>;
}

export function createLoaders(services: Services): Loaders {
  return {
    users: new DataLoader((ids) => services.users.byIds(ids)),
    servers: new DataLoader((ids) => services.servers.byIds(ids)),
    memberCounts: new DataLoader((ids) => services.members.counts(ids)),
    rolesByServer: new DataLoader((ids) => services.roles.list(ids)),
    channelsByServer: new DataLoader((ids) => services.channels.listByServer(ids)),
    presence: new DataLoader((ids) => services.presence.statuses(ids)),
    channels: new DataLoader((ids) => services.channels.byIds(ids)),
    messages: new DataLoader((ids) => services.messages.byIds(ids)),
  };
}

/** A request's (or an operation's) GraphqlContext; the type lives in graphql/context.ts, which cannot import this wiring. */
export function createContext(services: Services, viewer: Viewer | null, ip: string, requestId: string) {
  return { viewer, ip, requestId, services, loaders: createLoaders(services) };
}
