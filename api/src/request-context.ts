import DataLoader from 'dataloader';
import type { Viewer } from './features/auth/viewer.js';
import type { ChannelView } from './features/channels/channel.view.js';
import type { MemberKey, MemberView } from './features/members/member.view.js';
import type { MessageView } from './features/messages/message.view.js';
import type { RoleView } from './features/roles/role.view.js';
import type { ServerView } from './features/servers/server.view.js';
import type { ChosenStatus } from './features/users/user.entity.js';
import type { UserView } from './features/users/user.view.js';
import type { Services } from './services.js';

/** Batched lookups, one set per request (or per subscription event), so no field resolver queries per row. */
export interface Loaders {
  users: DataLoader<string, UserView | null>;
  usersByUsername: DataLoader<string, UserView | null>;
  servers: DataLoader<string, ServerView | null>;
  memberCounts: DataLoader<string, number>;
  members: DataLoader<MemberKey, MemberView | null, string>;
  rolesByServer: DataLoader<string, RoleView[]>;
  roles: DataLoader<string, RoleView | null>;
  channelsByServer: DataLoader<string, ChannelView[]>;
  presence: DataLoader<string, ChosenStatus>;
  channels: DataLoader<string, ChannelView | null>;
  messages: DataLoader<string, MessageView | null>;
}

/**
 * Each loader is made on first use: most operations (a send, a push-feed event) touch one or none,
 * and a request or event should not pay for all of them.
 */
class RequestLoaders implements Loaders {
  private made: Partial<Loaders> = {};

  constructor(private readonly services: Services) {}

  get users() {
    return (this.made.users ??= new DataLoader((ids) => this.services.users.byIds(ids)));
  }
  get usersByUsername() {
    return (this.made.usersByUsername ??= new DataLoader((names) => this.services.users.byUsernames(names)));
  }
  get servers() {
    return (this.made.servers ??= new DataLoader((ids) => this.services.servers.byIds(ids)));
  }
  get memberCounts() {
    return (this.made.memberCounts ??= new DataLoader((ids) => this.services.members.counts(ids)));
  }
  get members() {
    return (this.made.members ??= new DataLoader((keys) => this.services.members.byKeys(keys), {
      cacheKeyFn: (k) => `${k.serverId}:${k.userId}`,
    }));
  }
  get rolesByServer() {
    return (this.made.rolesByServer ??= new DataLoader((ids) => this.services.roles.list(ids)));
  }
  get roles() {
    return (this.made.roles ??= new DataLoader((ids) => this.services.roles.byIds(ids)));
  }
  get channelsByServer() {
    return (this.made.channelsByServer ??= new DataLoader((ids) => this.services.channels.listByServer(ids)));
  }
  get presence() {
    return (this.made.presence ??= new DataLoader((ids) => this.services.presence.statuses(ids)));
  }
  get channels() {
    return (this.made.channels ??= new DataLoader((ids) => this.services.channels.byIds(ids)));
  }
  get messages() {
    return (this.made.messages ??= new DataLoader((ids) => this.services.messages.byIds(ids)));
  }
}

export const createLoaders = (services: Services): Loaders => new RequestLoaders(services);

/** A request's (or an operation's) GraphqlContext; the type lives in graphql/context.ts, which cannot import this wiring. */
export function createContext(services: Services, viewer: Viewer | null, ip: string, userAgent: string | null, requestId: string) {
  return { viewer, ip, userAgent, requestId, services, loaders: createLoaders(services) };
}
