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
      }
      channels {
        id
        name
        type
        position
        description
        isPrivate
        slowmodeSeconds
        userLimit
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
  query AdminMembers($serverId: ID!, $after: ID) {
    server(id: $serverId) {
      id
      members(first: 50, after: $after) {
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
  query AdminAuditLog($serverId: ID!, $before: ID) {
    auditLog(serverId: $serverId, limit: 50, before: $before) {
      id
      action
      actor {
        id
        displayName
      }
      targetId
      reason
      changes
      createdAt
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
