import { graphql } from '@/gql';

/** Everything the settings pages share: the server, its roles and channels (with overwrites), my permissions. */
export const AdminServerQuery = graphql(`
  query AdminServer($serverId: ID!) {
    me {
      id
    }
    server(id: $serverId) {
      id
      name
      description
      icon
      isPrivate
      myPermissions
      owner {
        id
      }
      myMember {
        roles {
          id
          position
        }
      }
      roles {
        id
        name
        color
        position
        isDefault
        permissions
        mentionable
      }
      channels {
        id
        name
        type
        position
        description
        topic
        bitrate
        isPrivate
        slowmodeSeconds
        userLimit
        # Voice moderation is decided in the channel the member is in (and, to move, the destination).
        myPermissions
        voiceStates {
          sessionId
          serverMute
          serverDeaf
          user {
            id
            username
            displayName
          }
        }
        overwrites {
          targetType
          targetId
          allow
          deny
        }
      }
    }
  }
`);

export const AdminMembersQuery = graphql(`
  query AdminMembers($serverId: ID!, $after: ID, $query: String, $roleId: ID) {
    server(id: $serverId) {
      id
      members(first: 50, after: $after, query: $query, roleId: $roleId) {
        nickname
        timedOutUntil
        user {
          id
          username
          displayName
          isBot
        }
        roles {
          id
          name
          position
        }
      }
    }
  }
`);

export const ExplainQuery = graphql(`
  query ExplainPermissions($serverId: ID!, $userId: ID, $roleId: ID, $channelId: ID) {
    explainPermissions(serverId: $serverId, userId: $userId, roleId: $roleId, channelId: $channelId) {
      userId
      roleId
      channelId
      timedOutUntil
      visibleChannelIds
      decisions {
        permission
        allowed
        reason
        roleIds
      }
    }
  }
`);

export const CreateRoleMutation = graphql(`
  mutation AdminCreateRole($serverId: ID!, $input: RoleInput!) {
    createRole(serverId: $serverId, input: $input) {
      id
    }
  }
`);

export const UpdateRoleMutation = graphql(`
  mutation AdminUpdateRole($roleId: ID!, $input: RoleInput!) {
    updateRole(roleId: $roleId, input: $input) {
      id
      name
      color
      position
      permissions
      mentionable
    }
  }
`);

export const ReorderRolesMutation = graphql(`
  mutation AdminReorderRoles($serverId: ID!, $roleIds: [ID!]!) {
    reorderRoles(serverId: $serverId, roleIds: $roleIds) {
      id
      position
    }
  }
`);

export const DeleteRoleMutation = graphql(`
  mutation AdminDeleteRole($roleId: ID!) {
    deleteRole(roleId: $roleId)
  }
`);

export const AssignRoleMutation = graphql(`
  mutation AdminAssignRole($serverId: ID!, $userId: ID!, $roleId: ID!) {
    assignRole(serverId: $serverId, userId: $userId, roleId: $roleId) {
      user {
        id
      }
    }
  }
`);

export const RemoveRoleMutation = graphql(`
  mutation AdminRemoveRole($serverId: ID!, $userId: ID!, $roleId: ID!) {
    removeRole(serverId: $serverId, userId: $userId, roleId: $roleId) {
      user {
        id
      }
    }
  }
`);

export const ReorderChannelsMutation = graphql(`
  mutation AdminReorderChannels($serverId: ID!, $channelIds: [ID!]!) {
    reorderChannels(serverId: $serverId, channelIds: $channelIds) {
      id
      position
    }
  }
`);

export const CreateChannelMutation = graphql(`
  mutation AdminCreateChannel($input: CreateChannelInput!) {
    createChannel(input: $input) {
      id
    }
  }
`);

export const UpdateChannelMutation = graphql(`
  mutation AdminUpdateChannel($id: ID!, $input: UpdateChannelInput!) {
    updateChannel(id: $id, input: $input) {
      id
      name
      description
      topic
      bitrate
      isPrivate
      slowmodeSeconds
      userLimit
      position
    }
  }
`);

export const DeleteChannelMutation = graphql(`
  mutation AdminDeleteChannel($id: ID!) {
    deleteChannel(id: $id)
  }
`);

export const SetOverwriteMutation = graphql(`
  mutation AdminSetOverwrite($channelId: ID!, $input: OverwriteInput!) {
    setChannelOverwrite(channelId: $channelId, input: $input) {
      id
      overwrites {
        targetType
        targetId
        allow
        deny
      }
    }
  }
`);

export const RemoveOverwriteMutation = graphql(`
  mutation AdminRemoveOverwrite($channelId: ID!, $targetType: OverwriteTarget!, $targetId: ID!) {
    removeChannelOverwrite(channelId: $channelId, targetType: $targetType, targetId: $targetId) {
      id
      overwrites {
        targetType
        targetId
        allow
        deny
      }
    }
  }
`);

export const TimeoutMemberMutation = graphql(`
  mutation AdminTimeoutMember($serverId: ID!, $userId: ID!, $seconds: Int!, $reason: String) {
    timeoutMember(serverId: $serverId, userId: $userId, seconds: $seconds, reason: $reason) {
      timedOutUntil
      user {
        id
      }
    }
  }
`);

export const KickMemberMutation = graphql(`
  mutation AdminKickMember($serverId: ID!, $userId: ID!, $reason: String) {
    kickMember(serverId: $serverId, userId: $userId, reason: $reason)
  }
`);

export const BanMemberMutation = graphql(`
  mutation AdminBanMember($serverId: ID!, $userId: ID!, $reason: String, $deleteMessageSeconds: Int!) {
    banMember(serverId: $serverId, userId: $userId, reason: $reason, deleteMessageSeconds: $deleteMessageSeconds)
  }
`);

export const SetNicknameMutation = graphql(`
  mutation AdminSetNickname($serverId: ID!, $userId: ID!, $nickname: String) {
    setNickname(serverId: $serverId, userId: $userId, nickname: $nickname) {
      nickname
      user {
        id
      }
    }
  }
`);

export const AuditLogQuery = graphql(`
  query AdminAuditLog($serverId: ID!, $before: ID, $action: String, $actorId: ID, $bySystem: Boolean! = false) {
    auditLog(serverId: $serverId, limit: 50, before: $before, action: $action, actorId: $actorId, bySystem: $bySystem) {
      id
      ...AuditEntryFields
    }
  }
`);

export const UpdateServerMutation = graphql(`
  mutation AdminUpdateServer($id: ID!, $input: UpdateServerInput!) {
    updateServer(id: $id, input: $input) {
      id
      name
      description
      icon
      isPrivate
    }
  }
`);

export const DeleteServerMutation = graphql(`
  mutation AdminDeleteServer($id: ID!) {
    deleteServer(id: $id)
  }
`);

/** What an audit entry's sentence and change list show (audit-entry.tsx), in the audit log and the moderation queue alike. */
export const AuditEntryFragment = graphql(`
  fragment AuditEntryFields on AuditLogEntry {
    id
    action
    actor {
      id
      displayName
      isBot
    }
    target {
      kind
      id
      name
    }
    mentions {
      kind
      id
      name
    }
    reason
    changes
    createdAt
  }
`);

export const ModerationItemFragment = graphql(`
  fragment ModerationItemFields on ModerationItem {
    undo
    entry {
      id
      targetId
      ...AuditEntryFields
    }
  }
`);

export const ModerationQueueQuery = graphql(`
  query AdminModerationQueue($serverId: ID!) {
    moderationQueue(serverId: $serverId, limit: 50) {
      ...ModerationItemFields
    }
  }
`);

export const ModerationQueueAddedSubscription = graphql(`
  subscription AdminModerationQueueAdded($serverId: ID!, $since: ID) {
    moderationQueueAdded(serverId: $serverId, since: $since) {
      ...ModerationItemFields
    }
  }
`);

export const AuditLogAddedSubscription = graphql(`
  subscription AdminAuditLogAdded($serverId: ID!, $since: ID) {
    auditLogAdded(serverId: $serverId, since: $since) {
      id
    }
  }
`);

export const UnbanMutation = graphql(`
  mutation AdminUnban($serverId: ID!, $userId: ID!) {
    unbanMember(serverId: $serverId, userId: $userId)
  }
`);

export const BansQuery = graphql(`
  query AdminBans($serverId: ID!) {
    bans(serverId: $serverId) {
      reason
      createdAt
      user {
        id
        displayName
        username
      }
      bannedBy {
        id
        displayName
      }
    }
  }
`);

export const InvitesQuery = graphql(`
  query AdminInvites($serverId: ID!) {
    invites(serverId: $serverId) {
      code
      uses
      maxUses
      expiresAt
      creator {
        id
        username
        displayName
      }
    }
  }
`);

export const CreateInviteMutation = graphql(`
  mutation AdminCreateInvite($serverId: ID!, $maxUses: Int!, $expiresInSeconds: Int!) {
    createInvite(serverId: $serverId, maxUses: $maxUses, expiresInSeconds: $expiresInSeconds) {
      code
    }
  }
`);

export const RevokeInviteMutation = graphql(`
  mutation AdminRevokeInvite($code: String!) {
    revokeInvite(code: $code)
  }
`);

export const RateLimitsQuery = graphql(`
  query AdminRateLimits($serverId: ID!) {
    server(id: $serverId) {
      id
      rateLimits {
        channelMessageLimit
        channelMessageWindowSeconds
        serverMessageLimit
        serverMessageWindowSeconds
        escalationEnabled
        escalationRefusals
        escalationWindowSeconds
        escalationTimeoutSeconds
      }
    }
  }
`);

export const UpdateRateLimitsMutation = graphql(`
  mutation AdminUpdateRateLimits($serverId: ID!, $input: ServerRateLimitsInput!) {
    updateServerRateLimits(serverId: $serverId, input: $input) {
      channelMessageLimit
      channelMessageWindowSeconds
      serverMessageLimit
      serverMessageWindowSeconds
      escalationEnabled
      escalationRefusals
      escalationWindowSeconds
      escalationTimeoutSeconds
    }
  }
`);

export const TransferOwnershipMutation = graphql(`
  mutation AdminTransferOwnership($serverId: ID!, $userId: ID!) {
    transferOwnership(serverId: $serverId, userId: $userId) {
      id
      owner {
        id
      }
    }
  }
`);
