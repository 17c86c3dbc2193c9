'use client';

import { createContext, useContext, useMemo, type CSSProperties, type ReactNode } from 'react';
import { useQuery } from 'urql';
import { ServerSidebarQuery } from '@/components/channels/channels.operations';
import { getFragmentData, graphql } from '@/gql';
import type { RoleNameOf } from './message-markup';

/**
 * What mentions need of a server: its channels (a `<#id>` shows as "#name"), its roles (a `<@&id>` shows as "@Name" in the role's colour;
 * the composer suggests the mentionable ones) and which of them the reader holds (a message
 * mentioning one of those calls them). Part of the sidebar's query, which serverEvents (role changes,
 * member changes, reconnects) read again.
 */
export const MentionRolesFragment = graphql(`
  fragment MentionRoles on Server {
    id
    roles {
      id
      name
      color
      position
      isDefault
      mentionable
    }
    myMember {
      roles {
        id
      }
    }
    channels {
      id
      name
    }
  }
`);

export interface MentionRole {
  id: string;
  name: string;
  color: string;
  position: number;
  isDefault: boolean;
  mentionable: boolean;
}

export interface ServerRoles {
  /** The server's roles by id. */
  byId: ReadonlyMap<string, MentionRole>;
  /** The ids of the roles the reader holds. */
  mine: ReadonlySet<string>;
  /** The names of the server's channels the reader sees, by id: a `<#id>` shows as "#name". */
  channelNames: ReadonlyMap<string, string>;
  /** The server's id, when inside one: a `<#id>` of its channels links to the channel. */
  serverId?: string;
}

export function serverRoles(
  roles: readonly MentionRole[],
  myRoleIds: Iterable<string>,
  channels: readonly { id: string; name: string }[] = [],
  serverId?: string,
): ServerRoles {
  return {
    byId: new Map(roles.map((role) => [role.id, role])),
    mine: new Set(myRoleIds),
    channelNames: new Map(channels.map((channel) => [channel.id, channel.name])),
    serverId,
  };
}

const NO_ROLES = serverRoles([], []);

/** Outside a server (or before its sidebar is in): no roles, every `<@&id>` a deleted role. */
export const ServerRolesContext = createContext<ServerRoles>(NO_ROLES);

export const useServerRoles = (): ServerRoles => useContext(ServerRolesContext);

/**
 * The server's roles for everything under it (chat, pins, search results), from the sidebar's query
 * in the cache: never a request of its own (see useServerUnread).
 */
export function ServerRolesProvider({ serverId, children }: { serverId: string; children: ReactNode }) {
  const [{ data }] = useQuery({ query: ServerSidebarQuery, variables: { serverId }, requestPolicy: 'cache-only' });
  const server = data?.server ? getFragmentData(MentionRolesFragment, data.server) : undefined;
  // The sidebar reads the server again on many events: the chat's messages redraw only when the roles changed.
  const held = JSON.stringify(
    server
      ? [server.roles, server.myMember?.roles.map((role) => role.id) ?? [], server.channels.map(({ id, name }) => ({ id, name }))]
      : null,
  );
  const value = useMemo(() => {
    const read = JSON.parse(held) as [MentionRole[], string[], { id: string; name: string }[]] | null;
    return read ? serverRoles(...read, serverId) : NO_ROLES;
  }, [held, serverId]);
  return <ServerRolesContext.Provider value={value}>{children}</ServerRolesContext.Provider>;
}

/** How a mention names the role, without its "@": the @everyone role is "everyone". */
export const roleLabel = (role: MentionRole): string => (role.isDefault ? 'everyone' : role.name);

/** A role's name by id, for plain text ("@Name": previews, labels), from the server's roles. */
export const roleNameOf =
  (roles: ServerRoles): RoleNameOf =>
  (roleId) => {
    const role = roles.byId.get(roleId);
    return role && roleLabel(role);
  };

/** A channel's name by id, for plain text ("#name"), from the server's channels. */
export const channelNameOf =
  (roles: ServerRoles): RoleNameOf =>
  (channelId) =>
    roles.channelNames.get(channelId);

/** The role's colour, when it has one (black is "no colour", as the member list reads it). */
export function roleColour(role: MentionRole): string | undefined {
  return /^#[0-9a-f]{6}$/i.test(role.color) && role.color !== '#000000' ? role.color : undefined;
}

/** Styles that draw something in the role's colour (CSS reads --role-colour); none for a role without one. */
export function roleColourStyle(role: MentionRole): CSSProperties | undefined {
  const colour = roleColour(role);
  return colour ? ({ '--role-colour': colour } as CSSProperties) : undefined;
}

/**
 * The roles a member may mention, highest first: with MENTION_EVERYONE in the channel any role but
 * @everyone's, else the mentionable ones (the API's rule; it decides again on send).
 */
export function mentionableRoles(roles: ServerRoles, mayMentionEveryone: boolean): MentionRole[] {
  return [...roles.byId.values()]
    .filter((role) => !role.isDefault && (role.mentionable || mayMentionEveryone))
    .sort((a, b) => b.position - a.position);
}
