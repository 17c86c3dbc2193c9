/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment AccountDialog on User {\n    id\n    username\n    displayName\n    avatarUrl\n  }\n": typeof types.AccountDialogFragmentDoc,
    "\n  mutation UpdateProfile($displayName: String!) {\n    updateProfile(displayName: $displayName) {\n      id\n      displayName\n    }\n  }\n": typeof types.UpdateProfileDocument,
    "\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)\n  }\n": typeof types.ChangePasswordDocument,
    "\n  mutation SetAvatar($image: String) {\n    setAvatar(image: $image) {\n      id\n      avatarUrl\n    }\n  }\n": typeof types.SetAvatarDocument,
    "\n  query MySessions {\n    mySessions {\n      id\n      current\n      ...SessionRow\n    }\n  }\n": typeof types.MySessionsDocument,
    "\n  mutation EndSession($id: ID!) {\n    endSession(id: $id)\n  }\n": typeof types.EndSessionDocument,
    "\n  mutation EndOtherSessions {\n    endOtherSessions\n  }\n": typeof types.EndOtherSessionsDocument,
    "\n  fragment SessionRow on AccountSession {\n    id\n    client\n    createdAt\n    lastActiveAt\n    current\n  }\n": typeof types.SessionRowFragmentDoc,
    "\n  query AdminServer($serverId: ID!) {\n    me {\n      id\n    }\n    server(id: $serverId) {\n      id\n      name\n      description\n      icon\n      isPrivate\n      myPermissions\n      owner {\n        id\n      }\n      myMember {\n        roles {\n          id\n          position\n        }\n      }\n      roles {\n        id\n        name\n        color\n        position\n        isDefault\n        permissions\n        mentionable\n      }\n      channels {\n        id\n        name\n        type\n        position\n        description\n        topic\n        bitrate\n        isPrivate\n        slowmodeSeconds\n        userLimit\n        # Voice moderation is decided in the channel the member is in (and, to move, the destination).\n        myPermissions\n        voiceStates {\n          sessionId\n          serverMute\n          serverDeaf\n          user {\n            id\n            username\n            displayName\n          }\n        }\n        overwrites {\n          targetType\n          targetId\n          allow\n          deny\n        }\n      }\n    }\n  }\n": typeof types.AdminServerDocument,
    "\n  query AdminMembers($serverId: ID!, $after: ID, $query: String, $roleId: ID) {\n    server(id: $serverId) {\n      id\n      members(first: 50, after: $after, query: $query, roleId: $roleId) {\n        nickname\n        timedOutUntil\n        user {\n          id\n          username\n          displayName\n          isBot\n        }\n        roles {\n          id\n          name\n          position\n        }\n      }\n    }\n  }\n": typeof types.AdminMembersDocument,
    "\n  query ExplainPermissions($serverId: ID!, $userId: ID, $roleId: ID, $channelId: ID) {\n    explainPermissions(serverId: $serverId, userId: $userId, roleId: $roleId, channelId: $channelId) {\n      userId\n      roleId\n      channelId\n      timedOutUntil\n      visibleChannelIds\n      decisions {\n        permission\n        allowed\n        reason\n        roleIds\n      }\n    }\n  }\n": typeof types.ExplainPermissionsDocument,
    "\n  mutation AdminCreateRole($serverId: ID!, $input: RoleInput!) {\n    createRole(serverId: $serverId, input: $input) {\n      id\n    }\n  }\n": typeof types.AdminCreateRoleDocument,
    "\n  mutation AdminUpdateRole($roleId: ID!, $input: RoleInput!) {\n    updateRole(roleId: $roleId, input: $input) {\n      id\n      name\n      color\n      position\n      permissions\n      mentionable\n    }\n  }\n": typeof types.AdminUpdateRoleDocument,
    "\n  mutation AdminReorderRoles($serverId: ID!, $roleIds: [ID!]!) {\n    reorderRoles(serverId: $serverId, roleIds: $roleIds) {\n      id\n      position\n    }\n  }\n": typeof types.AdminReorderRolesDocument,
    "\n  mutation AdminDeleteRole($roleId: ID!) {\n    deleteRole(roleId: $roleId)\n  }\n": typeof types.AdminDeleteRoleDocument,
    "\n  mutation AdminAssignRole($serverId: ID!, $userId: ID!, $roleId: ID!) {\n    assignRole(serverId: $serverId, userId: $userId, roleId: $roleId) {\n      user {\n        id\n      }\n    }\n  }\n": typeof types.AdminAssignRoleDocument,
    "\n  mutation AdminRemoveRole($serverId: ID!, $userId: ID!, $roleId: ID!) {\n    removeRole(serverId: $serverId, userId: $userId, roleId: $roleId) {\n      user {\n        id\n      }\n    }\n  }\n": typeof types.AdminRemoveRoleDocument,
    "\n  mutation AdminReorderChannels($serverId: ID!, $channelIds: [ID!]!) {\n    reorderChannels(serverId: $serverId, channelIds: $channelIds) {\n      id\n      position\n    }\n  }\n": typeof types.AdminReorderChannelsDocument,
    "\n  mutation AdminCreateChannel($input: CreateChannelInput!) {\n    createChannel(input: $input) {\n      id\n    }\n  }\n": typeof types.AdminCreateChannelDocument,
    "\n  mutation AdminUpdateChannel($id: ID!, $input: UpdateChannelInput!) {\n    updateChannel(id: $id, input: $input) {\n      id\n      name\n      description\n      topic\n      bitrate\n      isPrivate\n      slowmodeSeconds\n      userLimit\n      position\n    }\n  }\n": typeof types.AdminUpdateChannelDocument,
    "\n  mutation AdminDeleteChannel($id: ID!) {\n    deleteChannel(id: $id)\n  }\n": typeof types.AdminDeleteChannelDocument,
    "\n  mutation AdminSetOverwrite($channelId: ID!, $input: OverwriteInput!) {\n    setChannelOverwrite(channelId: $channelId, input: $input) {\n      id\n      overwrites {\n        targetType\n        targetId\n        allow\n        deny\n      }\n    }\n  }\n": typeof types.AdminSetOverwriteDocument,
    "\n  mutation AdminRemoveOverwrite($channelId: ID!, $targetType: OverwriteTarget!, $targetId: ID!) {\n    removeChannelOverwrite(channelId: $channelId, targetType: $targetType, targetId: $targetId) {\n      id\n      overwrites {\n        targetType\n        targetId\n        allow\n        deny\n      }\n    }\n  }\n": typeof types.AdminRemoveOverwriteDocument,
    "\n  mutation AdminTimeoutMember($serverId: ID!, $userId: ID!, $seconds: Int!, $reason: String) {\n    timeoutMember(serverId: $serverId, userId: $userId, seconds: $seconds, reason: $reason) {\n      timedOutUntil\n      user {\n        id\n      }\n    }\n  }\n": typeof types.AdminTimeoutMemberDocument,
    "\n  mutation AdminKickMember($serverId: ID!, $userId: ID!, $reason: String) {\n    kickMember(serverId: $serverId, userId: $userId, reason: $reason)\n  }\n": typeof types.AdminKickMemberDocument,
    "\n  mutation AdminBanMember($serverId: ID!, $userId: ID!, $reason: String, $deleteMessageSeconds: Int!) {\n    banMember(serverId: $serverId, userId: $userId, reason: $reason, deleteMessageSeconds: $deleteMessageSeconds)\n  }\n": typeof types.AdminBanMemberDocument,
    "\n  mutation AdminSetNickname($serverId: ID!, $userId: ID!, $nickname: String) {\n    setNickname(serverId: $serverId, userId: $userId, nickname: $nickname) {\n      nickname\n      user {\n        id\n      }\n    }\n  }\n": typeof types.AdminSetNicknameDocument,
    "\n  query AdminAuditLog($serverId: ID!, $before: ID, $action: String, $actorId: ID, $bySystem: Boolean! = false) {\n    auditLog(serverId: $serverId, limit: 50, before: $before, action: $action, actorId: $actorId, bySystem: $bySystem) {\n      id\n      ...AuditEntryFields\n    }\n  }\n": typeof types.AdminAuditLogDocument,
    "\n  mutation AdminUpdateServer($id: ID!, $input: UpdateServerInput!) {\n    updateServer(id: $id, input: $input) {\n      id\n      name\n      description\n      icon\n      isPrivate\n    }\n  }\n": typeof types.AdminUpdateServerDocument,
    "\n  mutation AdminDeleteServer($id: ID!) {\n    deleteServer(id: $id)\n  }\n": typeof types.AdminDeleteServerDocument,
    "\n  fragment AuditEntryFields on AuditLogEntry {\n    id\n    action\n    actor {\n      id\n      displayName\n      isBot\n    }\n    target {\n      kind\n      id\n      name\n    }\n    mentions {\n      kind\n      id\n      name\n    }\n    reason\n    changes\n    createdAt\n  }\n": typeof types.AuditEntryFieldsFragmentDoc,
    "\n  fragment ModerationItemFields on ModerationItem {\n    undo\n    entry {\n      id\n      targetId\n      ...AuditEntryFields\n    }\n  }\n": typeof types.ModerationItemFieldsFragmentDoc,
    "\n  query AdminModerationQueue($serverId: ID!) {\n    moderationQueue(serverId: $serverId, limit: 50) {\n      ...ModerationItemFields\n    }\n  }\n": typeof types.AdminModerationQueueDocument,
    "\n  subscription AdminModerationQueueAdded($serverId: ID!, $since: ID) {\n    moderationQueueAdded(serverId: $serverId, since: $since) {\n      ...ModerationItemFields\n    }\n  }\n": typeof types.AdminModerationQueueAddedDocument,
    "\n  subscription AdminAuditLogAdded($serverId: ID!, $since: ID) {\n    auditLogAdded(serverId: $serverId, since: $since) {\n      id\n    }\n  }\n": typeof types.AdminAuditLogAddedDocument,
    "\n  mutation AdminUnban($serverId: ID!, $userId: ID!) {\n    unbanMember(serverId: $serverId, userId: $userId)\n  }\n": typeof types.AdminUnbanDocument,
    "\n  query AdminBans($serverId: ID!) {\n    bans(serverId: $serverId) {\n      reason\n      createdAt\n      user {\n        id\n        displayName\n        username\n      }\n      bannedBy {\n        id\n        displayName\n      }\n    }\n  }\n": typeof types.AdminBansDocument,
    "\n  query AdminInvites($serverId: ID!) {\n    invites(serverId: $serverId) {\n      code\n      uses\n      maxUses\n      expiresAt\n      creator {\n        id\n        username\n        displayName\n      }\n    }\n  }\n": typeof types.AdminInvitesDocument,
    "\n  mutation AdminCreateInvite($serverId: ID!, $maxUses: Int!, $expiresInSeconds: Int!) {\n    createInvite(serverId: $serverId, maxUses: $maxUses, expiresInSeconds: $expiresInSeconds) {\n      code\n    }\n  }\n": typeof types.AdminCreateInviteDocument,
    "\n  mutation AdminRevokeInvite($code: String!) {\n    revokeInvite(code: $code)\n  }\n": typeof types.AdminRevokeInviteDocument,
    "\n  query AdminRateLimits($serverId: ID!) {\n    server(id: $serverId) {\n      id\n      rateLimits {\n        channelMessageLimit\n        channelMessageWindowSeconds\n        serverMessageLimit\n        serverMessageWindowSeconds\n        escalationEnabled\n        escalationRefusals\n        escalationWindowSeconds\n        escalationTimeoutSeconds\n      }\n    }\n  }\n": typeof types.AdminRateLimitsDocument,
    "\n  mutation AdminUpdateRateLimits($serverId: ID!, $input: ServerRateLimitsInput!) {\n    updateServerRateLimits(serverId: $serverId, input: $input) {\n      channelMessageLimit\n      channelMessageWindowSeconds\n      serverMessageLimit\n      serverMessageWindowSeconds\n      escalationEnabled\n      escalationRefusals\n      escalationWindowSeconds\n      escalationTimeoutSeconds\n    }\n  }\n": typeof types.AdminUpdateRateLimitsDocument,
    "\n  mutation AdminTransferOwnership($serverId: ID!, $userId: ID!) {\n    transferOwnership(serverId: $serverId, userId: $userId) {\n      id\n      owner {\n        id\n      }\n    }\n  }\n": typeof types.AdminTransferOwnershipDocument,
    "\n  fragment UserPanel on User {\n    id\n    username\n    displayName\n    avatarUrl\n    presence\n    ...AccountDialog\n  }\n": typeof types.UserPanelFragmentDoc,
    "\n  mutation SetPresence($status: PresenceStatus!) {\n    setPresence(status: $status) {\n      id\n      presence\n    }\n  }\n": typeof types.SetPresenceDocument,
    "\n  mutation Login($username: String!, $password: String!) {\n    login(username: $username, password: $password) {\n      token\n    }\n  }\n": typeof types.LoginDocument,
    "\n  mutation Register($username: String!, $password: String!, $displayName: String) {\n    register(username: $username, password: $password, displayName: $displayName) {\n      token\n    }\n  }\n": typeof types.RegisterDocument,
    "\n  mutation Logout {\n    logout\n  }\n": typeof types.LogoutDocument,
    "\n  query DemoLogin {\n    demoLogin {\n      username\n      password\n    }\n  }\n": typeof types.DemoLoginDocument,
    "\n  query MyBots {\n    myBots {\n      id\n      displayName\n      username\n      botServers {\n        id\n        name\n      }\n    }\n  }\n": typeof types.MyBotsDocument,
    "\n  query BotTargets {\n    myServers {\n      id\n      name\n      myPermissions\n    }\n  }\n": typeof types.BotTargetsDocument,
    "\n  mutation CreateBot($name: String!) {\n    createBot(name: $name) {\n      token\n      bot {\n        id\n        displayName\n      }\n    }\n  }\n": typeof types.CreateBotDocument,
    "\n  mutation RegenerateBotToken($botId: ID!) {\n    regenerateBotToken(botId: $botId) {\n      token\n      bot {\n        id\n        displayName\n      }\n    }\n  }\n": typeof types.RegenerateBotTokenDocument,
    "\n  mutation DeleteBot($botId: ID!) {\n    deleteBot(botId: $botId)\n  }\n": typeof types.DeleteBotDocument,
    "\n  mutation AddBotToServer($botId: ID!, $serverId: ID!) {\n    addBotToServer(botId: $botId, serverId: $serverId) {\n      user {\n        id\n      }\n    }\n  }\n": typeof types.AddBotToServerDocument,
    "\n  fragment ChannelItem on Channel {\n    id\n    name\n    type\n    isPrivate\n    myPermissions\n    voiceStates {\n      sessionId\n      ...VoiceParticipant\n    }\n  }\n": typeof types.ChannelItemFragmentDoc,
    "\n  query ServerSidebar($serverId: ID!) {\n    server(id: $serverId) {\n      id\n      name\n      description\n      memberCount\n      myPermissions\n      # Refetched on every channel or access change: the cache then updates the open channel's\n      # permissions, slowmode and topic, and the member's timeout end, so the chat view follows.\n      myMember {\n        timedOutUntil\n      }\n      # The roles a <@&id> names, and which the member holds (components/chat/server-roles.tsx).\n      ...MentionRoles\n      ...VoiceModerator\n      channels {\n        id\n        type\n        position\n        myPermissions\n        slowmodeSeconds\n        topic\n        lastMessageId\n        lastReadMessageId\n        mentionCount\n        ...ChannelItem\n      }\n    }\n  }\n": typeof types.ServerSidebarDocument,
    "\n  subscription ServerEvents($serverId: ID!) {\n    serverEvents(serverId: $serverId) {\n      __typename\n      ... on ChannelDeleted {\n        channelId\n      }\n      # Written to the cache as it arrives: every view of the role (the settings' role list among\n      # them) follows a rename or a move without a refetch.\n      ... on RoleUpdated {\n        role {\n          id\n          name\n          color\n          position\n          mentionable\n        }\n      }\n      ... on PresenceUpdated {\n        user {\n          id\n          presence\n        }\n      }\n      # Written to the cache as it arrives: every cached view of the user (pins, search results, who\n      # reacted, their own panel in another tab) shows a new display name at once. The member list\n      # reads its pages again, and open chats rename the messages they hold (members/user-names.ts).\n      ... on MemberUpdated {\n        member {\n          user {\n            id\n            displayName\n            avatarUrl\n          }\n        }\n      }\n      ... on MemberJoined {\n        member {\n          user {\n            id\n          }\n        }\n      }\n      ... on MemberLeft {\n        userId\n        reason\n      }\n      ... on ServerDeleted {\n        serverId\n      }\n      ... on VoiceStateUpdated {\n        voiceChannelId: channelId\n        userId\n        sessionId\n        state {\n          ...VoiceParticipant\n          channel {\n            id\n          }\n        }\n      }\n    }\n  }\n": typeof types.ServerEventsDocument,
    "\n  subscription ChannelActivity($channelId: ID!, $since: ID) {\n    channelEvents(channelId: $channelId, since: $since) {\n      __typename\n      ... on MessageCreated {\n        message {\n          id\n          content\n          mentionsEveryone\n          mentionsHere\n          mentionRoleIds\n          author {\n            id\n          }\n          replyTo {\n            id\n            author {\n              id\n            }\n          }\n          channel {\n            id\n            server {\n              id\n            }\n          }\n        }\n      }\n      ... on MessageDeleted {\n        messageId\n      }\n    }\n  }\n": typeof types.ChannelActivityDocument,
    "\n  query ChannelPage($channelId: ID!) {\n    me {\n      id\n      username\n    }\n    channel(id: $channelId) {\n      id\n      name\n      topic\n      type\n      slowmodeSeconds\n      myPermissions\n      lastReadMessageId\n      server {\n        id\n        myMember {\n          timedOutUntil\n        }\n      }\n      ...VoiceChannelView\n    }\n  }\n": typeof types.ChannelPageDocument,
    "\n  query ChannelHistory($channelId: ID!, $before: ID, $after: ID, $around: ID, $limit: Int!) {\n    messages(channelId: $channelId, before: $before, after: $after, around: $around, limit: $limit) {\n      hasMoreBefore\n      hasMoreAfter\n      messages {\n        ...ChatMessage\n        ...MessageReactions\n      }\n    }\n  }\n": typeof types.ChannelHistoryDocument,
    "\n  subscription ChannelEvents($channelId: ID!, $since: ID) {\n    channelEvents(channelId: $channelId, since: $since) {\n      __typename\n      ... on MessageCreated {\n        message {\n          ...ChatMessage\n        }\n      }\n      ... on MessageUpdated {\n        message {\n          ...ChatMessage\n        }\n      }\n      ... on MessageDeleted {\n        messageId\n      }\n      ... on MessageReactionChanged {\n        channelId\n        messageId\n        emoji\n        userId\n        reacted\n        count\n      }\n      ... on TypingStarted {\n        user {\n          id\n          displayName\n        }\n      }\n    }\n  }\n": typeof types.ChannelEventsDocument,
    "\n  mutation SendMessage($channelId: ID!, $content: String!, $replyToId: ID) {\n    sendMessage(channelId: $channelId, content: $content, replyToId: $replyToId) {\n      ...ChatMessage\n    }\n  }\n": typeof types.SendMessageDocument,
    "\n  mutation EditMessage($messageId: ID!, $content: String!) {\n    editMessage(messageId: $messageId, content: $content) {\n      ...ChatMessage\n    }\n  }\n": typeof types.EditMessageDocument,
    "\n  mutation DeleteMessage($messageId: ID!) {\n    deleteMessage(messageId: $messageId)\n  }\n": typeof types.DeleteMessageDocument,
    "\n  mutation AddReaction($messageId: ID!, $emoji: String!) {\n    addReaction(messageId: $messageId, emoji: $emoji) {\n      id\n      ...MessageReactions\n    }\n  }\n": typeof types.AddReactionDocument,
    "\n  mutation RemoveReaction($messageId: ID!, $emoji: String!, $userId: ID) {\n    removeReaction(messageId: $messageId, emoji: $emoji, userId: $userId) {\n      id\n      ...MessageReactions\n    }\n  }\n": typeof types.RemoveReactionDocument,
    "\n  mutation PinMessage($messageId: ID!) {\n    pinMessage(messageId: $messageId) {\n      ...ChatMessage\n    }\n  }\n": typeof types.PinMessageDocument,
    "\n  mutation UnpinMessage($messageId: ID!) {\n    unpinMessage(messageId: $messageId) {\n      ...ChatMessage\n    }\n  }\n": typeof types.UnpinMessageDocument,
    "\n  mutation StartTyping($channelId: ID!) {\n    startTyping(channelId: $channelId)\n  }\n": typeof types.StartTypingDocument,
    "\n  mutation MarkChannelRead($channelId: ID!, $messageId: ID!) {\n    markChannelRead(channelId: $channelId, messageId: $messageId) {\n      id\n      lastReadMessageId\n      lastMessageId\n      mentionCount\n    }\n  }\n": typeof types.MarkChannelReadDocument,
    "\n  query MentionCandidates($serverId: ID!, $query: String, $first: Int!) {\n    server(id: $serverId) {\n      id\n      members(first: $first, query: $query) {\n        nickname\n        user {\n          id\n          username\n          displayName\n        }\n      }\n    }\n  }\n": typeof types.MentionCandidatesDocument,
    "\n  query Shown {\n    searchMessages(serverId: \"1\", query: \"m\", limit: 25) {\n      hasMore\n      messages {\n        id\n        content\n        channel {\n          id\n        }\n      }\n    }\n    pinnedMessages(channelId: \"9\") {\n      id\n      content\n      channel {\n        id\n      }\n    }\n  }\n": typeof types.ShownDocument,
    "\n  mutation Delete($messageId: ID!) {\n    deleteMessage(messageId: $messageId)\n  }\n": typeof types.DeleteDocument,
    "\n  fragment ChatMessage on Message {\n    id\n    channel {\n      id\n    }\n    content\n    createdAt\n    editedAt\n    pinnedAt\n    mentionsEveryone\n    mentionsHere\n    mentionRoleIds\n    mentionedMembers {\n      nickname\n      user {\n        id\n        username\n        displayName\n      }\n    }\n    author {\n      id\n      username\n      displayName\n      avatarUrl\n    }\n    replyTo {\n      id\n      content\n      author {\n        id\n        displayName\n        avatarUrl\n      }\n    }\n  }\n": typeof types.ChatMessageFragmentDoc,
    "\n  fragment MessageReactions on Message {\n    reactions {\n      emoji\n      count\n      me\n    }\n  }\n": typeof types.MessageReactionsFragmentDoc,
    "\n  query ReactionUsers($messageId: ID!, $emoji: String!, $limit: Int!) {\n    reactionUsers(messageId: $messageId, emoji: $emoji, limit: $limit) {\n      id\n      displayName\n    }\n  }\n": typeof types.ReactionUsersDocument,
    "\n  fragment PinnedMessage on Message {\n    id\n    content\n    createdAt\n    pinnedAt\n    mentionsEveryone\n    mentionsHere\n    mentionedMembers {\n      nickname\n      user {\n        id\n        username\n        displayName\n      }\n    }\n    author {\n      id\n      displayName\n    }\n  }\n": typeof types.PinnedMessageFragmentDoc,
    "\n  query PinnedMessages($channelId: ID!) {\n    pinnedMessages(channelId: $channelId) {\n      id\n      ...PinnedMessage\n    }\n  }\n": typeof types.PinnedMessagesDocument,
    "\n    query Me {\n      me {\n        id\n        username\n      }\n    }\n  ": typeof types.MeDocument,
    "\n  fragment Reactor on User {\n    id\n    username\n    displayName\n    isBot\n  }\n": typeof types.ReactorFragmentDoc,
    "\n  query ReactionList($messageId: ID!, $emoji: String!, $limit: Int!) {\n    reactionUsers(messageId: $messageId, emoji: $emoji, limit: $limit) {\n      id\n      ...Reactor\n    }\n  }\n": typeof types.ReactionListDocument,
    "\n  fragment MentionRoles on Server {\n    id\n    roles {\n      id\n      name\n      color\n      position\n      isDefault\n      mentionable\n    }\n    myMember {\n      roles {\n        id\n      }\n    }\n    channels {\n      id\n      name\n    }\n  }\n": typeof types.MentionRolesFragmentDoc,
    "\n  fragment VoiceChannelView on Channel {\n    id\n    name\n    userLimit\n    voiceStates {\n      sessionId\n      selfMute\n      selfDeaf\n      user {\n        id\n        displayName\n      }\n    }\n  }\n": typeof types.VoiceChannelViewFragmentDoc,
    "\n  query InvitePreview($code: String!) {\n    invitePreview(code: $code) {\n      code\n      serverId\n      serverName\n      serverDescription\n      memberCount\n      alreadyMember\n    }\n  }\n": typeof types.InvitePreviewDocument,
    "\n  fragment MemberRow on Member {\n    nickname\n    user {\n      id\n      displayName\n      avatarUrl\n      presence\n      isBot\n    }\n    roles {\n      id\n      name\n      color\n      position\n    }\n  }\n": typeof types.MemberRowFragmentDoc,
    "\n  query ServerMembers($serverId: ID!, $first: Int!, $after: ID) {\n    server(id: $serverId) {\n      id\n      memberCount\n      members(first: $first, after: $after) {\n        user {\n          id\n        }\n        ...MemberRow\n      }\n    }\n  }\n": typeof types.ServerMembersDocument,
    "\n  fragment SearchResult on Message {\n    id\n    content\n    createdAt\n    editedAt\n    mentionsEveryone\n    mentionsHere\n    mentionedMembers {\n      nickname\n      user {\n        id\n        username\n        displayName\n      }\n    }\n    author {\n      id\n      displayName\n    }\n    channel {\n      id\n      name\n    }\n  }\n": typeof types.SearchResultFragmentDoc,
    "\n  query SearchMessages($serverId: ID!, $query: String!, $channelId: ID, $before: ID, $limit: Int!) {\n    searchMessages(serverId: $serverId, query: $query, channelId: $channelId, before: $before, limit: $limit) {\n      hasMore\n      messages {\n        id\n        ...SearchResult\n      }\n    }\n  }\n": typeof types.SearchMessagesDocument,
    "\n  query DiscoverServers($query: String) {\n    discoverServers(query: $query, first: 50) {\n      id\n      name\n      description\n      memberCount\n    }\n  }\n": typeof types.DiscoverServersDocument,
    "\n  mutation CreateInvite($serverId: ID!) {\n    createInvite(serverId: $serverId, maxUses: 0, expiresInSeconds: 604800) {\n      code\n      expiresAt\n    }\n  }\n": typeof types.CreateInviteDocument,
    "\n  fragment ServerRailItem on Server {\n    id\n    name\n    icon\n    hasUnread\n    mentionCount\n  }\n": typeof types.ServerRailItemFragmentDoc,
    "\n  query Shell {\n    me {\n      id\n      ...UserPanel\n    }\n    myServers {\n      id\n      ...ServerRailItem\n    }\n  }\n": typeof types.ShellDocument,
    "\n  mutation CreateServer($input: CreateServerInput!) {\n    createServer(input: $input) {\n      id\n      ...ServerRailItem\n      channels {\n        id\n        type\n      }\n    }\n  }\n": typeof types.CreateServerDocument,
    "\n  mutation LeaveServer($serverId: ID!) {\n    leaveServer(serverId: $serverId)\n  }\n": typeof types.LeaveServerDocument,
    "\n  mutation JoinServer($serverId: ID, $inviteCode: String) {\n    joinServer(serverId: $serverId, inviteCode: $inviteCode) {\n      id\n      ...ServerRailItem\n    }\n  }\n": typeof types.JoinServerDocument,
    "\n  mutation MarkServerRead($serverId: ID!) {\n    markServerRead(serverId: $serverId) {\n      id\n      hasUnread\n      mentionCount\n      channels {\n        id\n        lastReadMessageId\n        mentionCount\n      }\n    }\n  }\n": typeof types.MarkServerReadDocument,
    "\n  query VoiceTargetRank($serverId: ID!, $userId: ID!) {\n    server(id: $serverId) {\n      id\n      member(userId: $userId) {\n        roles {\n          id\n          position\n        }\n      }\n    }\n  }\n": typeof types.VoiceTargetRankDocument,
    "\n  query VoicePanel($channelId: ID!) {\n    channel(id: $channelId) {\n      id\n      name\n      myPermissions\n      server {\n        id\n        name\n      }\n    }\n  }\n": typeof types.VoicePanelDocument,
    "\n  fragment VoiceParticipant on VoiceState {\n    sessionId\n    selfMute\n    selfDeaf\n    serverMute\n    serverDeaf\n    user {\n      id\n      displayName\n      avatarUrl\n      isBot\n    }\n  }\n": typeof types.VoiceParticipantFragmentDoc,
    "\n  fragment VoiceModerator on Server {\n    id\n    owner {\n      id\n    }\n    myMember {\n      user {\n        id\n      }\n      roles {\n        id\n        position\n      }\n    }\n  }\n": typeof types.VoiceModeratorFragmentDoc,
    "\n  mutation Heartbeat {\n    heartbeat\n  }\n": typeof types.HeartbeatDocument,
    "\n  query MentionCountSidebar {\n    me {\n      id\n      username\n    }\n    server(id: \"1\") {\n      id\n      channels {\n        id\n        type\n        lastMessageId\n        lastReadMessageId\n        mentionCount\n      }\n    }\n  }\n": typeof types.MentionCountSidebarDocument,
    "\n  query MyPresence {\n    me {\n      id\n      presence\n    }\n  }\n": typeof types.MyPresenceDocument,
    "\n      query RoleMentionSidebar {\n        me {\n          id\n          username\n        }\n        server(id: \"1\") {\n          id\n          myMember {\n            roles {\n              id\n            }\n          }\n          channels {\n            id\n            type\n            lastMessageId\n            lastReadMessageId\n            mentionCount\n          }\n        }\n      }\n    ": typeof types.RoleMentionSidebarDocument,
    "\n      query PinnedAuthors {\n        pinnedMessages(channelId: \"9\") {\n          id\n          author {\n            id\n            displayName\n          }\n        }\n      }\n    ": typeof types.PinnedAuthorsDocument,
    "\n  fragment _MentionCount on Channel {\n    id\n    mentionCount\n  }\n": typeof types._MentionCountFragmentDoc,
    "\n  fragment _ on Channel {\n    id\n    lastMessageId\n  }\n": typeof types._FragmentDoc,
    "\n  fragment VoiceSessionState on VoiceState {\n    sessionId\n    selfMute\n    selfDeaf\n    serverMute\n    serverDeaf\n    user {\n      id\n    }\n    channel {\n      id\n    }\n  }\n": typeof types.VoiceSessionStateFragmentDoc,
    "\n  mutation JoinVoice($channelId: ID!, $selfMute: Boolean, $selfDeaf: Boolean) {\n    joinVoice(channelId: $channelId, selfMute: $selfMute, selfDeaf: $selfDeaf) {\n      sessionId\n      iceServers {\n        urls\n        username\n        credential\n      }\n      participants {\n        ...VoiceSessionState\n      }\n      channel {\n        id\n        bitrate\n        voiceStates {\n          ...VoiceSessionState\n          ...VoiceParticipant\n        }\n      }\n    }\n  }\n": typeof types.JoinVoiceDocument,
    "\n  mutation LeaveVoice($sessionId: ID!) {\n    leaveVoice(sessionId: $sessionId)\n  }\n": typeof types.LeaveVoiceDocument,
    "\n  mutation UpdateVoiceState($sessionId: ID!, $selfMute: Boolean, $selfDeaf: Boolean) {\n    updateVoiceState(sessionId: $sessionId, selfMute: $selfMute, selfDeaf: $selfDeaf) {\n      ...VoiceSessionState\n      ...VoiceParticipant\n    }\n  }\n": typeof types.UpdateVoiceStateDocument,
    "\n  mutation SendVoiceSignal($sessionId: ID!, $toSessionId: ID!, $type: VoiceSignalType!, $payload: String!) {\n    sendVoiceSignal(sessionId: $sessionId, toSessionId: $toSessionId, type: $type, payload: $payload)\n  }\n": typeof types.SendVoiceSignalDocument,
    "\n  subscription VoiceSignals($sessionId: ID!) {\n    voiceSignals(sessionId: $sessionId) {\n      fromSessionId\n      fromUser {\n        id\n      }\n      type\n      payload\n    }\n  }\n": typeof types.VoiceSignalsDocument,
    "\n  subscription VoiceStateChanges($serverId: ID!) {\n    serverEvents(serverId: $serverId) {\n      __typename\n      ... on VoiceStateUpdated {\n        channelId\n        userId\n        sessionId\n        state {\n          ...VoiceSessionState\n          ...VoiceParticipant\n        }\n        movedToSessionId\n      }\n      ... on ChannelUpdated {\n        channel {\n          id\n          bitrate\n        }\n      }\n    }\n  }\n": typeof types.VoiceStateChangesDocument,
    "\n  query VoiceChannelStates($channelId: ID!) {\n    channel(id: $channelId) {\n      id\n      bitrate\n      voiceStates {\n        ...VoiceSessionState\n        ...VoiceParticipant\n      }\n    }\n  }\n": typeof types.VoiceChannelStatesDocument,
    "\n  mutation ModerateVoice(\n    $serverId: ID!\n    $userId: ID!\n    $serverMute: Boolean\n    $serverDeaf: Boolean\n    $moveToChannelId: ID\n    $disconnect: Boolean\n  ) {\n    moderateVoice(\n      serverId: $serverId\n      userId: $userId\n      serverMute: $serverMute\n      serverDeaf: $serverDeaf\n      moveToChannelId: $moveToChannelId\n      disconnect: $disconnect\n    )\n  }\n": typeof types.ModerateVoiceDocument,
};
const documents: Documents = {
    "\n  fragment AccountDialog on User {\n    id\n    username\n    displayName\n    avatarUrl\n  }\n": types.AccountDialogFragmentDoc,
    "\n  mutation UpdateProfile($displayName: String!) {\n    updateProfile(displayName: $displayName) {\n      id\n      displayName\n    }\n  }\n": types.UpdateProfileDocument,
    "\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)\n  }\n": types.ChangePasswordDocument,
    "\n  mutation SetAvatar($image: String) {\n    setAvatar(image: $image) {\n      id\n      avatarUrl\n    }\n  }\n": types.SetAvatarDocument,
    "\n  query MySessions {\n    mySessions {\n      id\n      current\n      ...SessionRow\n    }\n  }\n": types.MySessionsDocument,
    "\n  mutation EndSession($id: ID!) {\n    endSession(id: $id)\n  }\n": types.EndSessionDocument,
    "\n  mutation EndOtherSessions {\n    endOtherSessions\n  }\n": types.EndOtherSessionsDocument,
    "\n  fragment SessionRow on AccountSession {\n    id\n    client\n    createdAt\n    lastActiveAt\n    current\n  }\n": types.SessionRowFragmentDoc,
    "\n  query AdminServer($serverId: ID!) {\n    me {\n      id\n    }\n    server(id: $serverId) {\n      id\n      name\n      description\n      icon\n      isPrivate\n      myPermissions\n      owner {\n        id\n      }\n      myMember {\n        roles {\n          id\n          position\n        }\n      }\n      roles {\n        id\n        name\n        color\n        position\n        isDefault\n        permissions\n        mentionable\n      }\n      channels {\n        id\n        name\n        type\n        position\n        description\n        topic\n        bitrate\n        isPrivate\n        slowmodeSeconds\n        userLimit\n        # Voice moderation is decided in the channel the member is in (and, to move, the destination).\n        myPermissions\n        voiceStates {\n          sessionId\n          serverMute\n          serverDeaf\n          user {\n            id\n            username\n            displayName\n          }\n        }\n        overwrites {\n          targetType\n          targetId\n          allow\n          deny\n        }\n      }\n    }\n  }\n": types.AdminServerDocument,
    "\n  query AdminMembers($serverId: ID!, $after: ID, $query: String, $roleId: ID) {\n    server(id: $serverId) {\n      id\n      members(first: 50, after: $after, query: $query, roleId: $roleId) {\n        nickname\n        timedOutUntil\n        user {\n          id\n          username\n          displayName\n          isBot\n        }\n        roles {\n          id\n          name\n          position\n        }\n      }\n    }\n  }\n": types.AdminMembersDocument,
    "\n  query ExplainPermissions($serverId: ID!, $userId: ID, $roleId: ID, $channelId: ID) {\n    explainPermissions(serverId: $serverId, userId: $userId, roleId: $roleId, channelId: $channelId) {\n      userId\n      roleId\n      channelId\n      timedOutUntil\n      visibleChannelIds\n      decisions {\n        permission\n        allowed\n        reason\n        roleIds\n      }\n    }\n  }\n": types.ExplainPermissionsDocument,
    "\n  mutation AdminCreateRole($serverId: ID!, $input: RoleInput!) {\n    createRole(serverId: $serverId, input: $input) {\n      id\n    }\n  }\n": types.AdminCreateRoleDocument,
    "\n  mutation AdminUpdateRole($roleId: ID!, $input: RoleInput!) {\n    updateRole(roleId: $roleId, input: $input) {\n      id\n      name\n      color\n      position\n      permissions\n      mentionable\n    }\n  }\n": types.AdminUpdateRoleDocument,
    "\n  mutation AdminReorderRoles($serverId: ID!, $roleIds: [ID!]!) {\n    reorderRoles(serverId: $serverId, roleIds: $roleIds) {\n      id\n      position\n    }\n  }\n": types.AdminReorderRolesDocument,
    "\n  mutation AdminDeleteRole($roleId: ID!) {\n    deleteRole(roleId: $roleId)\n  }\n": types.AdminDeleteRoleDocument,
    "\n  mutation AdminAssignRole($serverId: ID!, $userId: ID!, $roleId: ID!) {\n    assignRole(serverId: $serverId, userId: $userId, roleId: $roleId) {\n      user {\n        id\n      }\n    }\n  }\n": types.AdminAssignRoleDocument,
    "\n  mutation AdminRemoveRole($serverId: ID!, $userId: ID!, $roleId: ID!) {\n    removeRole(serverId: $serverId, userId: $userId, roleId: $roleId) {\n      user {\n        id\n      }\n    }\n  }\n": types.AdminRemoveRoleDocument,
    "\n  mutation AdminReorderChannels($serverId: ID!, $channelIds: [ID!]!) {\n    reorderChannels(serverId: $serverId, channelIds: $channelIds) {\n      id\n      position\n    }\n  }\n": types.AdminReorderChannelsDocument,
    "\n  mutation AdminCreateChannel($input: CreateChannelInput!) {\n    createChannel(input: $input) {\n      id\n    }\n  }\n": types.AdminCreateChannelDocument,
    "\n  mutation AdminUpdateChannel($id: ID!, $input: UpdateChannelInput!) {\n    updateChannel(id: $id, input: $input) {\n      id\n      name\n      description\n      topic\n      bitrate\n      isPrivate\n      slowmodeSeconds\n      userLimit\n      position\n    }\n  }\n": types.AdminUpdateChannelDocument,
    "\n  mutation AdminDeleteChannel($id: ID!) {\n    deleteChannel(id: $id)\n  }\n": types.AdminDeleteChannelDocument,
    "\n  mutation AdminSetOverwrite($channelId: ID!, $input: OverwriteInput!) {\n    setChannelOverwrite(channelId: $channelId, input: $input) {\n      id\n      overwrites {\n        targetType\n        targetId\n        allow\n        deny\n      }\n    }\n  }\n": types.AdminSetOverwriteDocument,
    "\n  mutation AdminRemoveOverwrite($channelId: ID!, $targetType: OverwriteTarget!, $targetId: ID!) {\n    removeChannelOverwrite(channelId: $channelId, targetType: $targetType, targetId: $targetId) {\n      id\n      overwrites {\n        targetType\n        targetId\n        allow\n        deny\n      }\n    }\n  }\n": types.AdminRemoveOverwriteDocument,
    "\n  mutation AdminTimeoutMember($serverId: ID!, $userId: ID!, $seconds: Int!, $reason: String) {\n    timeoutMember(serverId: $serverId, userId: $userId, seconds: $seconds, reason: $reason) {\n      timedOutUntil\n      user {\n        id\n      }\n    }\n  }\n": types.AdminTimeoutMemberDocument,
    "\n  mutation AdminKickMember($serverId: ID!, $userId: ID!, $reason: String) {\n    kickMember(serverId: $serverId, userId: $userId, reason: $reason)\n  }\n": types.AdminKickMemberDocument,
    "\n  mutation AdminBanMember($serverId: ID!, $userId: ID!, $reason: String, $deleteMessageSeconds: Int!) {\n    banMember(serverId: $serverId, userId: $userId, reason: $reason, deleteMessageSeconds: $deleteMessageSeconds)\n  }\n": types.AdminBanMemberDocument,
    "\n  mutation AdminSetNickname($serverId: ID!, $userId: ID!, $nickname: String) {\n    setNickname(serverId: $serverId, userId: $userId, nickname: $nickname) {\n      nickname\n      user {\n        id\n      }\n    }\n  }\n": types.AdminSetNicknameDocument,
    "\n  query AdminAuditLog($serverId: ID!, $before: ID, $action: String, $actorId: ID, $bySystem: Boolean! = false) {\n    auditLog(serverId: $serverId, limit: 50, before: $before, action: $action, actorId: $actorId, bySystem: $bySystem) {\n      id\n      ...AuditEntryFields\n    }\n  }\n": types.AdminAuditLogDocument,
    "\n  mutation AdminUpdateServer($id: ID!, $input: UpdateServerInput!) {\n    updateServer(id: $id, input: $input) {\n      id\n      name\n      description\n      icon\n      isPrivate\n    }\n  }\n": types.AdminUpdateServerDocument,
    "\n  mutation AdminDeleteServer($id: ID!) {\n    deleteServer(id: $id)\n  }\n": types.AdminDeleteServerDocument,
    "\n  fragment AuditEntryFields on AuditLogEntry {\n    id\n    action\n    actor {\n      id\n      displayName\n      isBot\n    }\n    target {\n      kind\n      id\n      name\n    }\n    mentions {\n      kind\n      id\n      name\n    }\n    reason\n    changes\n    createdAt\n  }\n": types.AuditEntryFieldsFragmentDoc,
    "\n  fragment ModerationItemFields on ModerationItem {\n    undo\n    entry {\n      id\n      targetId\n      ...AuditEntryFields\n    }\n  }\n": types.ModerationItemFieldsFragmentDoc,
    "\n  query AdminModerationQueue($serverId: ID!) {\n    moderationQueue(serverId: $serverId, limit: 50) {\n      ...ModerationItemFields\n    }\n  }\n": types.AdminModerationQueueDocument,
    "\n  subscription AdminModerationQueueAdded($serverId: ID!, $since: ID) {\n    moderationQueueAdded(serverId: $serverId, since: $since) {\n      ...ModerationItemFields\n    }\n  }\n": types.AdminModerationQueueAddedDocument,
    "\n  subscription AdminAuditLogAdded($serverId: ID!, $since: ID) {\n    auditLogAdded(serverId: $serverId, since: $since) {\n      id\n    }\n  }\n": types.AdminAuditLogAddedDocument,
    "\n  mutation AdminUnban($serverId: ID!, $userId: ID!) {\n    unbanMember(serverId: $serverId, userId: $userId)\n  }\n": types.AdminUnbanDocument,
    "\n  query AdminBans($serverId: ID!) {\n    bans(serverId: $serverId) {\n      reason\n      createdAt\n      user {\n        id\n        displayName\n        username\n      }\n      bannedBy {\n        id\n        displayName\n      }\n    }\n  }\n": types.AdminBansDocument,
    "\n  query AdminInvites($serverId: ID!) {\n    invites(serverId: $serverId) {\n      code\n      uses\n      maxUses\n      expiresAt\n      creator {\n        id\n        username\n        displayName\n      }\n    }\n  }\n": types.AdminInvitesDocument,
    "\n  mutation AdminCreateInvite($serverId: ID!, $maxUses: Int!, $expiresInSeconds: Int!) {\n    createInvite(serverId: $serverId, maxUses: $maxUses, expiresInSeconds: $expiresInSeconds) {\n      code\n    }\n  }\n": types.AdminCreateInviteDocument,
    "\n  mutation AdminRevokeInvite($code: String!) {\n    revokeInvite(code: $code)\n  }\n": types.AdminRevokeInviteDocument,
    "\n  query AdminRateLimits($serverId: ID!) {\n    server(id: $serverId) {\n      id\n      rateLimits {\n        channelMessageLimit\n        channelMessageWindowSeconds\n        serverMessageLimit\n        serverMessageWindowSeconds\n        escalationEnabled\n        escalationRefusals\n        escalationWindowSeconds\n        escalationTimeoutSeconds\n      }\n    }\n  }\n": types.AdminRateLimitsDocument,
    "\n  mutation AdminUpdateRateLimits($serverId: ID!, $input: ServerRateLimitsInput!) {\n    updateServerRateLimits(serverId: $serverId, input: $input) {\n      channelMessageLimit\n      channelMessageWindowSeconds\n      serverMessageLimit\n      serverMessageWindowSeconds\n      escalationEnabled\n      escalationRefusals\n      escalationWindowSeconds\n      escalationTimeoutSeconds\n    }\n  }\n": types.AdminUpdateRateLimitsDocument,
    "\n  mutation AdminTransferOwnership($serverId: ID!, $userId: ID!) {\n    transferOwnership(serverId: $serverId, userId: $userId) {\n      id\n      owner {\n        id\n      }\n    }\n  }\n": types.AdminTransferOwnershipDocument,
    "\n  fragment UserPanel on User {\n    id\n    username\n    displayName\n    avatarUrl\n    presence\n    ...AccountDialog\n  }\n": types.UserPanelFragmentDoc,
    "\n  mutation SetPresence($status: PresenceStatus!) {\n    setPresence(status: $status) {\n      id\n      presence\n    }\n  }\n": types.SetPresenceDocument,
    "\n  mutation Login($username: String!, $password: String!) {\n    login(username: $username, password: $password) {\n      token\n    }\n  }\n": types.LoginDocument,
    "\n  mutation Register($username: String!, $password: String!, $displayName: String) {\n    register(username: $username, password: $password, displayName: $displayName) {\n      token\n    }\n  }\n": types.RegisterDocument,
    "\n  mutation Logout {\n    logout\n  }\n": types.LogoutDocument,
    "\n  query DemoLogin {\n    demoLogin {\n      username\n      password\n    }\n  }\n": types.DemoLoginDocument,
    "\n  query MyBots {\n    myBots {\n      id\n      displayName\n      username\n      botServers {\n        id\n        name\n      }\n    }\n  }\n": types.MyBotsDocument,
    "\n  query BotTargets {\n    myServers {\n      id\n      name\n      myPermissions\n    }\n  }\n": types.BotTargetsDocument,
    "\n  mutation CreateBot($name: String!) {\n    createBot(name: $name) {\n      token\n      bot {\n        id\n        displayName\n      }\n    }\n  }\n": types.CreateBotDocument,
    "\n  mutation RegenerateBotToken($botId: ID!) {\n    regenerateBotToken(botId: $botId) {\n      token\n      bot {\n        id\n        displayName\n      }\n    }\n  }\n": types.RegenerateBotTokenDocument,
    "\n  mutation DeleteBot($botId: ID!) {\n    deleteBot(botId: $botId)\n  }\n": types.DeleteBotDocument,
    "\n  mutation AddBotToServer($botId: ID!, $serverId: ID!) {\n    addBotToServer(botId: $botId, serverId: $serverId) {\n      user {\n        id\n      }\n    }\n  }\n": types.AddBotToServerDocument,
    "\n  fragment ChannelItem on Channel {\n    id\n    name\n    type\n    isPrivate\n    myPermissions\n    voiceStates {\n      sessionId\n      ...VoiceParticipant\n    }\n  }\n": types.ChannelItemFragmentDoc,
    "\n  query ServerSidebar($serverId: ID!) {\n    server(id: $serverId) {\n      id\n      name\n      description\n      memberCount\n      myPermissions\n      # Refetched on every channel or access change: the cache then updates the open channel's\n      # permissions, slowmode and topic, and the member's timeout end, so the chat view follows.\n      myMember {\n        timedOutUntil\n      }\n      # The roles a <@&id> names, and which the member holds (components/chat/server-roles.tsx).\n      ...MentionRoles\n      ...VoiceModerator\n      channels {\n        id\n        type\n        position\n        myPermissions\n        slowmodeSeconds\n        topic\n        lastMessageId\n        lastReadMessageId\n        mentionCount\n        ...ChannelItem\n      }\n    }\n  }\n": types.ServerSidebarDocument,
    "\n  subscription ServerEvents($serverId: ID!) {\n    serverEvents(serverId: $serverId) {\n      __typename\n      ... on ChannelDeleted {\n        channelId\n      }\n      # Written to the cache as it arrives: every view of the role (the settings' role list among\n      # them) follows a rename or a move without a refetch.\n      ... on RoleUpdated {\n        role {\n          id\n          name\n          color\n          position\n          mentionable\n        }\n      }\n      ... on PresenceUpdated {\n        user {\n          id\n          presence\n        }\n      }\n      # Written to the cache as it arrives: every cached view of the user (pins, search results, who\n      # reacted, their own panel in another tab) shows a new display name at once. The member list\n      # reads its pages again, and open chats rename the messages they hold (members/user-names.ts).\n      ... on MemberUpdated {\n        member {\n          user {\n            id\n            displayName\n            avatarUrl\n          }\n        }\n      }\n      ... on MemberJoined {\n        member {\n          user {\n            id\n          }\n        }\n      }\n      ... on MemberLeft {\n        userId\n        reason\n      }\n      ... on ServerDeleted {\n        serverId\n      }\n      ... on VoiceStateUpdated {\n        voiceChannelId: channelId\n        userId\n        sessionId\n        state {\n          ...VoiceParticipant\n          channel {\n            id\n          }\n        }\n      }\n    }\n  }\n": types.ServerEventsDocument,
    "\n  subscription ChannelActivity($channelId: ID!, $since: ID) {\n    channelEvents(channelId: $channelId, since: $since) {\n      __typename\n      ... on MessageCreated {\n        message {\n          id\n          content\n          mentionsEveryone\n          mentionsHere\n          mentionRoleIds\n          author {\n            id\n          }\n          replyTo {\n            id\n            author {\n              id\n            }\n          }\n          channel {\n            id\n            server {\n              id\n            }\n          }\n        }\n      }\n      ... on MessageDeleted {\n        messageId\n      }\n    }\n  }\n": types.ChannelActivityDocument,
    "\n  query ChannelPage($channelId: ID!) {\n    me {\n      id\n      username\n    }\n    channel(id: $channelId) {\n      id\n      name\n      topic\n      type\n      slowmodeSeconds\n      myPermissions\n      lastReadMessageId\n      server {\n        id\n        myMember {\n          timedOutUntil\n        }\n      }\n      ...VoiceChannelView\n    }\n  }\n": types.ChannelPageDocument,
    "\n  query ChannelHistory($channelId: ID!, $before: ID, $after: ID, $around: ID, $limit: Int!) {\n    messages(channelId: $channelId, before: $before, after: $after, around: $around, limit: $limit) {\n      hasMoreBefore\n      hasMoreAfter\n      messages {\n        ...ChatMessage\n        ...MessageReactions\n      }\n    }\n  }\n": types.ChannelHistoryDocument,
    "\n  subscription ChannelEvents($channelId: ID!, $since: ID) {\n    channelEvents(channelId: $channelId, since: $since) {\n      __typename\n      ... on MessageCreated {\n        message {\n          ...ChatMessage\n        }\n      }\n      ... on MessageUpdated {\n        message {\n          ...ChatMessage\n        }\n      }\n      ... on MessageDeleted {\n        messageId\n      }\n      ... on MessageReactionChanged {\n        channelId\n        messageId\n        emoji\n        userId\n        reacted\n        count\n      }\n      ... on TypingStarted {\n        user {\n          id\n          displayName\n        }\n      }\n    }\n  }\n": types.ChannelEventsDocument,
    "\n  mutation SendMessage($channelId: ID!, $content: String!, $replyToId: ID) {\n    sendMessage(channelId: $channelId, content: $content, replyToId: $replyToId) {\n      ...ChatMessage\n    }\n  }\n": types.SendMessageDocument,
    "\n  mutation EditMessage($messageId: ID!, $content: String!) {\n    editMessage(messageId: $messageId, content: $content) {\n      ...ChatMessage\n    }\n  }\n": types.EditMessageDocument,
    "\n  mutation DeleteMessage($messageId: ID!) {\n    deleteMessage(messageId: $messageId)\n  }\n": types.DeleteMessageDocument,
    "\n  mutation AddReaction($messageId: ID!, $emoji: String!) {\n    addReaction(messageId: $messageId, emoji: $emoji) {\n      id\n      ...MessageReactions\n    }\n  }\n": types.AddReactionDocument,
    "\n  mutation RemoveReaction($messageId: ID!, $emoji: String!, $userId: ID) {\n    removeReaction(messageId: $messageId, emoji: $emoji, userId: $userId) {\n      id\n      ...MessageReactions\n    }\n  }\n": types.RemoveReactionDocument,
    "\n  mutation PinMessage($messageId: ID!) {\n    pinMessage(messageId: $messageId) {\n      ...ChatMessage\n    }\n  }\n": types.PinMessageDocument,
    "\n  mutation UnpinMessage($messageId: ID!) {\n    unpinMessage(messageId: $messageId) {\n      ...ChatMessage\n    }\n  }\n": types.UnpinMessageDocument,
    "\n  mutation StartTyping($channelId: ID!) {\n    startTyping(channelId: $channelId)\n  }\n": types.StartTypingDocument,
    "\n  mutation MarkChannelRead($channelId: ID!, $messageId: ID!) {\n    markChannelRead(channelId: $channelId, messageId: $messageId) {\n      id\n      lastReadMessageId\n      lastMessageId\n      mentionCount\n    }\n  }\n": types.MarkChannelReadDocument,
    "\n  query MentionCandidates($serverId: ID!, $query: String, $first: Int!) {\n    server(id: $serverId) {\n      id\n      members(first: $first, query: $query) {\n        nickname\n        user {\n          id\n          username\n          displayName\n        }\n      }\n    }\n  }\n": types.MentionCandidatesDocument,
    "\n  query Shown {\n    searchMessages(serverId: \"1\", query: \"m\", limit: 25) {\n      hasMore\n      messages {\n        id\n        content\n        channel {\n          id\n        }\n      }\n    }\n    pinnedMessages(channelId: \"9\") {\n      id\n      content\n      channel {\n        id\n      }\n    }\n  }\n": types.ShownDocument,
    "\n  mutation Delete($messageId: ID!) {\n    deleteMessage(messageId: $messageId)\n  }\n": types.DeleteDocument,
    "\n  fragment ChatMessage on Message {\n    id\n    channel {\n      id\n    }\n    content\n    createdAt\n    editedAt\n    pinnedAt\n    mentionsEveryone\n    mentionsHere\n    mentionRoleIds\n    mentionedMembers {\n      nickname\n      user {\n        id\n        username\n        displayName\n      }\n    }\n    author {\n      id\n      username\n      displayName\n      avatarUrl\n    }\n    replyTo {\n      id\n      content\n      author {\n        id\n        displayName\n        avatarUrl\n      }\n    }\n  }\n": types.ChatMessageFragmentDoc,
    "\n  fragment MessageReactions on Message {\n    reactions {\n      emoji\n      count\n      me\n    }\n  }\n": types.MessageReactionsFragmentDoc,
    "\n  query ReactionUsers($messageId: ID!, $emoji: String!, $limit: Int!) {\n    reactionUsers(messageId: $messageId, emoji: $emoji, limit: $limit) {\n      id\n      displayName\n    }\n  }\n": types.ReactionUsersDocument,
    "\n  fragment PinnedMessage on Message {\n    id\n    content\n    createdAt\n    pinnedAt\n    mentionsEveryone\n    mentionsHere\n    mentionedMembers {\n      nickname\n      user {\n        id\n        username\n        displayName\n      }\n    }\n    author {\n      id\n      displayName\n    }\n  }\n": types.PinnedMessageFragmentDoc,
    "\n  query PinnedMessages($channelId: ID!) {\n    pinnedMessages(channelId: $channelId) {\n      id\n      ...PinnedMessage\n    }\n  }\n": types.PinnedMessagesDocument,
    "\n    query Me {\n      me {\n        id\n        username\n      }\n    }\n  ": types.MeDocument,
    "\n  fragment Reactor on User {\n    id\n    username\n    displayName\n    isBot\n  }\n": types.ReactorFragmentDoc,
    "\n  query ReactionList($messageId: ID!, $emoji: String!, $limit: Int!) {\n    reactionUsers(messageId: $messageId, emoji: $emoji, limit: $limit) {\n      id\n      ...Reactor\n    }\n  }\n": types.ReactionListDocument,
    "\n  fragment MentionRoles on Server {\n    id\n    roles {\n      id\n      name\n      color\n      position\n      isDefault\n      mentionable\n    }\n    myMember {\n      roles {\n        id\n      }\n    }\n    channels {\n      id\n      name\n    }\n  }\n": types.MentionRolesFragmentDoc,
    "\n  fragment VoiceChannelView on Channel {\n    id\n    name\n    userLimit\n    voiceStates {\n      sessionId\n      selfMute\n      selfDeaf\n      user {\n        id\n        displayName\n      }\n    }\n  }\n": types.VoiceChannelViewFragmentDoc,
    "\n  query InvitePreview($code: String!) {\n    invitePreview(code: $code) {\n      code\n      serverId\n      serverName\n      serverDescription\n      memberCount\n      alreadyMember\n    }\n  }\n": types.InvitePreviewDocument,
    "\n  fragment MemberRow on Member {\n    nickname\n    user {\n      id\n      displayName\n      avatarUrl\n      presence\n      isBot\n    }\n    roles {\n      id\n      name\n      color\n      position\n    }\n  }\n": types.MemberRowFragmentDoc,
    "\n  query ServerMembers($serverId: ID!, $first: Int!, $after: ID) {\n    server(id: $serverId) {\n      id\n      memberCount\n      members(first: $first, after: $after) {\n        user {\n          id\n        }\n        ...MemberRow\n      }\n    }\n  }\n": types.ServerMembersDocument,
    "\n  fragment SearchResult on Message {\n    id\n    content\n    createdAt\n    editedAt\n    mentionsEveryone\n    mentionsHere\n    mentionedMembers {\n      nickname\n      user {\n        id\n        username\n        displayName\n      }\n    }\n    author {\n      id\n      displayName\n    }\n    channel {\n      id\n      name\n    }\n  }\n": types.SearchResultFragmentDoc,
    "\n  query SearchMessages($serverId: ID!, $query: String!, $channelId: ID, $before: ID, $limit: Int!) {\n    searchMessages(serverId: $serverId, query: $query, channelId: $channelId, before: $before, limit: $limit) {\n      hasMore\n      messages {\n        id\n        ...SearchResult\n      }\n    }\n  }\n": types.SearchMessagesDocument,
    "\n  query DiscoverServers($query: String) {\n    discoverServers(query: $query, first: 50) {\n      id\n      name\n      description\n      memberCount\n    }\n  }\n": types.DiscoverServersDocument,
    "\n  mutation CreateInvite($serverId: ID!) {\n    createInvite(serverId: $serverId, maxUses: 0, expiresInSeconds: 604800) {\n      code\n      expiresAt\n    }\n  }\n": types.CreateInviteDocument,
    "\n  fragment ServerRailItem on Server {\n    id\n    name\n    icon\n    hasUnread\n    mentionCount\n  }\n": types.ServerRailItemFragmentDoc,
    "\n  query Shell {\n    me {\n      id\n      ...UserPanel\n    }\n    myServers {\n      id\n      ...ServerRailItem\n    }\n  }\n": types.ShellDocument,
    "\n  mutation CreateServer($input: CreateServerInput!) {\n    createServer(input: $input) {\n      id\n      ...ServerRailItem\n      channels {\n        id\n        type\n      }\n    }\n  }\n": types.CreateServerDocument,
    "\n  mutation LeaveServer($serverId: ID!) {\n    leaveServer(serverId: $serverId)\n  }\n": types.LeaveServerDocument,
    "\n  mutation JoinServer($serverId: ID, $inviteCode: String) {\n    joinServer(serverId: $serverId, inviteCode: $inviteCode) {\n      id\n      ...ServerRailItem\n    }\n  }\n": types.JoinServerDocument,
    "\n  mutation MarkServerRead($serverId: ID!) {\n    markServerRead(serverId: $serverId) {\n      id\n      hasUnread\n      mentionCount\n      channels {\n        id\n        lastReadMessageId\n        mentionCount\n      }\n    }\n  }\n": types.MarkServerReadDocument,
    "\n  query VoiceTargetRank($serverId: ID!, $userId: ID!) {\n    server(id: $serverId) {\n      id\n      member(userId: $userId) {\n        roles {\n          id\n          position\n        }\n      }\n    }\n  }\n": types.VoiceTargetRankDocument,
    "\n  query VoicePanel($channelId: ID!) {\n    channel(id: $channelId) {\n      id\n      name\n      myPermissions\n      server {\n        id\n        name\n      }\n    }\n  }\n": types.VoicePanelDocument,
    "\n  fragment VoiceParticipant on VoiceState {\n    sessionId\n    selfMute\n    selfDeaf\n    serverMute\n    serverDeaf\n    user {\n      id\n      displayName\n      avatarUrl\n      isBot\n    }\n  }\n": types.VoiceParticipantFragmentDoc,
    "\n  fragment VoiceModerator on Server {\n    id\n    owner {\n      id\n    }\n    myMember {\n      user {\n        id\n      }\n      roles {\n        id\n        position\n      }\n    }\n  }\n": types.VoiceModeratorFragmentDoc,
    "\n  mutation Heartbeat {\n    heartbeat\n  }\n": types.HeartbeatDocument,
    "\n  query MentionCountSidebar {\n    me {\n      id\n      username\n    }\n    server(id: \"1\") {\n      id\n      channels {\n        id\n        type\n        lastMessageId\n        lastReadMessageId\n        mentionCount\n      }\n    }\n  }\n": types.MentionCountSidebarDocument,
    "\n  query MyPresence {\n    me {\n      id\n      presence\n    }\n  }\n": types.MyPresenceDocument,
    "\n      query RoleMentionSidebar {\n        me {\n          id\n          username\n        }\n        server(id: \"1\") {\n          id\n          myMember {\n            roles {\n              id\n            }\n          }\n          channels {\n            id\n            type\n            lastMessageId\n            lastReadMessageId\n            mentionCount\n          }\n        }\n      }\n    ": types.RoleMentionSidebarDocument,
    "\n      query PinnedAuthors {\n        pinnedMessages(channelId: \"9\") {\n          id\n          author {\n            id\n            displayName\n          }\n        }\n      }\n    ": types.PinnedAuthorsDocument,
    "\n  fragment _MentionCount on Channel {\n    id\n    mentionCount\n  }\n": types._MentionCountFragmentDoc,
    "\n  fragment _ on Channel {\n    id\n    lastMessageId\n  }\n": types._FragmentDoc,
    "\n  fragment VoiceSessionState on VoiceState {\n    sessionId\n    selfMute\n    selfDeaf\n    serverMute\n    serverDeaf\n    user {\n      id\n    }\n    channel {\n      id\n    }\n  }\n": types.VoiceSessionStateFragmentDoc,
    "\n  mutation JoinVoice($channelId: ID!, $selfMute: Boolean, $selfDeaf: Boolean) {\n    joinVoice(channelId: $channelId, selfMute: $selfMute, selfDeaf: $selfDeaf) {\n      sessionId\n      iceServers {\n        urls\n        username\n        credential\n      }\n      participants {\n        ...VoiceSessionState\n      }\n      channel {\n        id\n        bitrate\n        voiceStates {\n          ...VoiceSessionState\n          ...VoiceParticipant\n        }\n      }\n    }\n  }\n": types.JoinVoiceDocument,
    "\n  mutation LeaveVoice($sessionId: ID!) {\n    leaveVoice(sessionId: $sessionId)\n  }\n": types.LeaveVoiceDocument,
    "\n  mutation UpdateVoiceState($sessionId: ID!, $selfMute: Boolean, $selfDeaf: Boolean) {\n    updateVoiceState(sessionId: $sessionId, selfMute: $selfMute, selfDeaf: $selfDeaf) {\n      ...VoiceSessionState\n      ...VoiceParticipant\n    }\n  }\n": types.UpdateVoiceStateDocument,
    "\n  mutation SendVoiceSignal($sessionId: ID!, $toSessionId: ID!, $type: VoiceSignalType!, $payload: String!) {\n    sendVoiceSignal(sessionId: $sessionId, toSessionId: $toSessionId, type: $type, payload: $payload)\n  }\n": types.SendVoiceSignalDocument,
    "\n  subscription VoiceSignals($sessionId: ID!) {\n    voiceSignals(sessionId: $sessionId) {\n      fromSessionId\n      fromUser {\n        id\n      }\n      type\n      payload\n    }\n  }\n": types.VoiceSignalsDocument,
    "\n  subscription VoiceStateChanges($serverId: ID!) {\n    serverEvents(serverId: $serverId) {\n      __typename\n      ... on VoiceStateUpdated {\n        channelId\n        userId\n        sessionId\n        state {\n          ...VoiceSessionState\n          ...VoiceParticipant\n        }\n        movedToSessionId\n      }\n      ... on ChannelUpdated {\n        channel {\n          id\n          bitrate\n        }\n      }\n    }\n  }\n": types.VoiceStateChangesDocument,
    "\n  query VoiceChannelStates($channelId: ID!) {\n    channel(id: $channelId) {\n      id\n      bitrate\n      voiceStates {\n        ...VoiceSessionState\n        ...VoiceParticipant\n      }\n    }\n  }\n": types.VoiceChannelStatesDocument,
    "\n  mutation ModerateVoice(\n    $serverId: ID!\n    $userId: ID!\n    $serverMute: Boolean\n    $serverDeaf: Boolean\n    $moveToChannelId: ID\n    $disconnect: Boolean\n  ) {\n    moderateVoice(\n      serverId: $serverId\n      userId: $userId\n      serverMute: $serverMute\n      serverDeaf: $serverDeaf\n      moveToChannelId: $moveToChannelId\n      disconnect: $disconnect\n    )\n  }\n": types.ModerateVoiceDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AccountDialog on User {\n    id\n    username\n    displayName\n    avatarUrl\n  }\n"): (typeof documents)["\n  fragment AccountDialog on User {\n    id\n    username\n    displayName\n    avatarUrl\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateProfile($displayName: String!) {\n    updateProfile(displayName: $displayName) {\n      id\n      displayName\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateProfile($displayName: String!) {\n    updateProfile(displayName: $displayName) {\n      id\n      displayName\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)\n  }\n"): (typeof documents)["\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetAvatar($image: String) {\n    setAvatar(image: $image) {\n      id\n      avatarUrl\n    }\n  }\n"): (typeof documents)["\n  mutation SetAvatar($image: String) {\n    setAvatar(image: $image) {\n      id\n      avatarUrl\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MySessions {\n    mySessions {\n      id\n      current\n      ...SessionRow\n    }\n  }\n"): (typeof documents)["\n  query MySessions {\n    mySessions {\n      id\n      current\n      ...SessionRow\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EndSession($id: ID!) {\n    endSession(id: $id)\n  }\n"): (typeof documents)["\n  mutation EndSession($id: ID!) {\n    endSession(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EndOtherSessions {\n    endOtherSessions\n  }\n"): (typeof documents)["\n  mutation EndOtherSessions {\n    endOtherSessions\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SessionRow on AccountSession {\n    id\n    client\n    createdAt\n    lastActiveAt\n    current\n  }\n"): (typeof documents)["\n  fragment SessionRow on AccountSession {\n    id\n    client\n    createdAt\n    lastActiveAt\n    current\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminServer($serverId: ID!) {\n    me {\n      id\n    }\n    server(id: $serverId) {\n      id\n      name\n      description\n      icon\n      isPrivate\n      myPermissions\n      owner {\n        id\n      }\n      myMember {\n        roles {\n          id\n          position\n        }\n      }\n      roles {\n        id\n        name\n        color\n        position\n        isDefault\n        permissions\n        mentionable\n      }\n      channels {\n        id\n        name\n        type\n        position\n        description\n        topic\n        bitrate\n        isPrivate\n        slowmodeSeconds\n        userLimit\n        # Voice moderation is decided in the channel the member is in (and, to move, the destination).\n        myPermissions\n        voiceStates {\n          sessionId\n          serverMute\n          serverDeaf\n          user {\n            id\n            username\n            displayName\n          }\n        }\n        overwrites {\n          targetType\n          targetId\n          allow\n          deny\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminServer($serverId: ID!) {\n    me {\n      id\n    }\n    server(id: $serverId) {\n      id\n      name\n      description\n      icon\n      isPrivate\n      myPermissions\n      owner {\n        id\n      }\n      myMember {\n        roles {\n          id\n          position\n        }\n      }\n      roles {\n        id\n        name\n        color\n        position\n        isDefault\n        permissions\n        mentionable\n      }\n      channels {\n        id\n        name\n        type\n        position\n        description\n        topic\n        bitrate\n        isPrivate\n        slowmodeSeconds\n        userLimit\n        # Voice moderation is decided in the channel the member is in (and, to move, the destination).\n        myPermissions\n        voiceStates {\n          sessionId\n          serverMute\n          serverDeaf\n          user {\n            id\n            username\n            displayName\n          }\n        }\n        overwrites {\n          targetType\n          targetId\n          allow\n          deny\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminMembers($serverId: ID!, $after: ID, $query: String, $roleId: ID) {\n    server(id: $serverId) {\n      id\n      members(first: 50, after: $after, query: $query, roleId: $roleId) {\n        nickname\n        timedOutUntil\n        user {\n          id\n          username\n          displayName\n          isBot\n        }\n        roles {\n          id\n          name\n          position\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminMembers($serverId: ID!, $after: ID, $query: String, $roleId: ID) {\n    server(id: $serverId) {\n      id\n      members(first: 50, after: $after, query: $query, roleId: $roleId) {\n        nickname\n        timedOutUntil\n        user {\n          id\n          username\n          displayName\n          isBot\n        }\n        roles {\n          id\n          name\n          position\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExplainPermissions($serverId: ID!, $userId: ID, $roleId: ID, $channelId: ID) {\n    explainPermissions(serverId: $serverId, userId: $userId, roleId: $roleId, channelId: $channelId) {\n      userId\n      roleId\n      channelId\n      timedOutUntil\n      visibleChannelIds\n      decisions {\n        permission\n        allowed\n        reason\n        roleIds\n      }\n    }\n  }\n"): (typeof documents)["\n  query ExplainPermissions($serverId: ID!, $userId: ID, $roleId: ID, $channelId: ID) {\n    explainPermissions(serverId: $serverId, userId: $userId, roleId: $roleId, channelId: $channelId) {\n      userId\n      roleId\n      channelId\n      timedOutUntil\n      visibleChannelIds\n      decisions {\n        permission\n        allowed\n        reason\n        roleIds\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminCreateRole($serverId: ID!, $input: RoleInput!) {\n    createRole(serverId: $serverId, input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation AdminCreateRole($serverId: ID!, $input: RoleInput!) {\n    createRole(serverId: $serverId, input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminUpdateRole($roleId: ID!, $input: RoleInput!) {\n    updateRole(roleId: $roleId, input: $input) {\n      id\n      name\n      color\n      position\n      permissions\n      mentionable\n    }\n  }\n"): (typeof documents)["\n  mutation AdminUpdateRole($roleId: ID!, $input: RoleInput!) {\n    updateRole(roleId: $roleId, input: $input) {\n      id\n      name\n      color\n      position\n      permissions\n      mentionable\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminReorderRoles($serverId: ID!, $roleIds: [ID!]!) {\n    reorderRoles(serverId: $serverId, roleIds: $roleIds) {\n      id\n      position\n    }\n  }\n"): (typeof documents)["\n  mutation AdminReorderRoles($serverId: ID!, $roleIds: [ID!]!) {\n    reorderRoles(serverId: $serverId, roleIds: $roleIds) {\n      id\n      position\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminDeleteRole($roleId: ID!) {\n    deleteRole(roleId: $roleId)\n  }\n"): (typeof documents)["\n  mutation AdminDeleteRole($roleId: ID!) {\n    deleteRole(roleId: $roleId)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminAssignRole($serverId: ID!, $userId: ID!, $roleId: ID!) {\n    assignRole(serverId: $serverId, userId: $userId, roleId: $roleId) {\n      user {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation AdminAssignRole($serverId: ID!, $userId: ID!, $roleId: ID!) {\n    assignRole(serverId: $serverId, userId: $userId, roleId: $roleId) {\n      user {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminRemoveRole($serverId: ID!, $userId: ID!, $roleId: ID!) {\n    removeRole(serverId: $serverId, userId: $userId, roleId: $roleId) {\n      user {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation AdminRemoveRole($serverId: ID!, $userId: ID!, $roleId: ID!) {\n    removeRole(serverId: $serverId, userId: $userId, roleId: $roleId) {\n      user {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminReorderChannels($serverId: ID!, $channelIds: [ID!]!) {\n    reorderChannels(serverId: $serverId, channelIds: $channelIds) {\n      id\n      position\n    }\n  }\n"): (typeof documents)["\n  mutation AdminReorderChannels($serverId: ID!, $channelIds: [ID!]!) {\n    reorderChannels(serverId: $serverId, channelIds: $channelIds) {\n      id\n      position\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminCreateChannel($input: CreateChannelInput!) {\n    createChannel(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation AdminCreateChannel($input: CreateChannelInput!) {\n    createChannel(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminUpdateChannel($id: ID!, $input: UpdateChannelInput!) {\n    updateChannel(id: $id, input: $input) {\n      id\n      name\n      description\n      topic\n      bitrate\n      isPrivate\n      slowmodeSeconds\n      userLimit\n      position\n    }\n  }\n"): (typeof documents)["\n  mutation AdminUpdateChannel($id: ID!, $input: UpdateChannelInput!) {\n    updateChannel(id: $id, input: $input) {\n      id\n      name\n      description\n      topic\n      bitrate\n      isPrivate\n      slowmodeSeconds\n      userLimit\n      position\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminDeleteChannel($id: ID!) {\n    deleteChannel(id: $id)\n  }\n"): (typeof documents)["\n  mutation AdminDeleteChannel($id: ID!) {\n    deleteChannel(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminSetOverwrite($channelId: ID!, $input: OverwriteInput!) {\n    setChannelOverwrite(channelId: $channelId, input: $input) {\n      id\n      overwrites {\n        targetType\n        targetId\n        allow\n        deny\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation AdminSetOverwrite($channelId: ID!, $input: OverwriteInput!) {\n    setChannelOverwrite(channelId: $channelId, input: $input) {\n      id\n      overwrites {\n        targetType\n        targetId\n        allow\n        deny\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminRemoveOverwrite($channelId: ID!, $targetType: OverwriteTarget!, $targetId: ID!) {\n    removeChannelOverwrite(channelId: $channelId, targetType: $targetType, targetId: $targetId) {\n      id\n      overwrites {\n        targetType\n        targetId\n        allow\n        deny\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation AdminRemoveOverwrite($channelId: ID!, $targetType: OverwriteTarget!, $targetId: ID!) {\n    removeChannelOverwrite(channelId: $channelId, targetType: $targetType, targetId: $targetId) {\n      id\n      overwrites {\n        targetType\n        targetId\n        allow\n        deny\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminTimeoutMember($serverId: ID!, $userId: ID!, $seconds: Int!, $reason: String) {\n    timeoutMember(serverId: $serverId, userId: $userId, seconds: $seconds, reason: $reason) {\n      timedOutUntil\n      user {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation AdminTimeoutMember($serverId: ID!, $userId: ID!, $seconds: Int!, $reason: String) {\n    timeoutMember(serverId: $serverId, userId: $userId, seconds: $seconds, reason: $reason) {\n      timedOutUntil\n      user {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminKickMember($serverId: ID!, $userId: ID!, $reason: String) {\n    kickMember(serverId: $serverId, userId: $userId, reason: $reason)\n  }\n"): (typeof documents)["\n  mutation AdminKickMember($serverId: ID!, $userId: ID!, $reason: String) {\n    kickMember(serverId: $serverId, userId: $userId, reason: $reason)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminBanMember($serverId: ID!, $userId: ID!, $reason: String, $deleteMessageSeconds: Int!) {\n    banMember(serverId: $serverId, userId: $userId, reason: $reason, deleteMessageSeconds: $deleteMessageSeconds)\n  }\n"): (typeof documents)["\n  mutation AdminBanMember($serverId: ID!, $userId: ID!, $reason: String, $deleteMessageSeconds: Int!) {\n    banMember(serverId: $serverId, userId: $userId, reason: $reason, deleteMessageSeconds: $deleteMessageSeconds)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminSetNickname($serverId: ID!, $userId: ID!, $nickname: String) {\n    setNickname(serverId: $serverId, userId: $userId, nickname: $nickname) {\n      nickname\n      user {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation AdminSetNickname($serverId: ID!, $userId: ID!, $nickname: String) {\n    setNickname(serverId: $serverId, userId: $userId, nickname: $nickname) {\n      nickname\n      user {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminAuditLog($serverId: ID!, $before: ID, $action: String, $actorId: ID, $bySystem: Boolean! = false) {\n    auditLog(serverId: $serverId, limit: 50, before: $before, action: $action, actorId: $actorId, bySystem: $bySystem) {\n      id\n      ...AuditEntryFields\n    }\n  }\n"): (typeof documents)["\n  query AdminAuditLog($serverId: ID!, $before: ID, $action: String, $actorId: ID, $bySystem: Boolean! = false) {\n    auditLog(serverId: $serverId, limit: 50, before: $before, action: $action, actorId: $actorId, bySystem: $bySystem) {\n      id\n      ...AuditEntryFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminUpdateServer($id: ID!, $input: UpdateServerInput!) {\n    updateServer(id: $id, input: $input) {\n      id\n      name\n      description\n      icon\n      isPrivate\n    }\n  }\n"): (typeof documents)["\n  mutation AdminUpdateServer($id: ID!, $input: UpdateServerInput!) {\n    updateServer(id: $id, input: $input) {\n      id\n      name\n      description\n      icon\n      isPrivate\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminDeleteServer($id: ID!) {\n    deleteServer(id: $id)\n  }\n"): (typeof documents)["\n  mutation AdminDeleteServer($id: ID!) {\n    deleteServer(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AuditEntryFields on AuditLogEntry {\n    id\n    action\n    actor {\n      id\n      displayName\n      isBot\n    }\n    target {\n      kind\n      id\n      name\n    }\n    mentions {\n      kind\n      id\n      name\n    }\n    reason\n    changes\n    createdAt\n  }\n"): (typeof documents)["\n  fragment AuditEntryFields on AuditLogEntry {\n    id\n    action\n    actor {\n      id\n      displayName\n      isBot\n    }\n    target {\n      kind\n      id\n      name\n    }\n    mentions {\n      kind\n      id\n      name\n    }\n    reason\n    changes\n    createdAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ModerationItemFields on ModerationItem {\n    undo\n    entry {\n      id\n      targetId\n      ...AuditEntryFields\n    }\n  }\n"): (typeof documents)["\n  fragment ModerationItemFields on ModerationItem {\n    undo\n    entry {\n      id\n      targetId\n      ...AuditEntryFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminModerationQueue($serverId: ID!) {\n    moderationQueue(serverId: $serverId, limit: 50) {\n      ...ModerationItemFields\n    }\n  }\n"): (typeof documents)["\n  query AdminModerationQueue($serverId: ID!) {\n    moderationQueue(serverId: $serverId, limit: 50) {\n      ...ModerationItemFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription AdminModerationQueueAdded($serverId: ID!, $since: ID) {\n    moderationQueueAdded(serverId: $serverId, since: $since) {\n      ...ModerationItemFields\n    }\n  }\n"): (typeof documents)["\n  subscription AdminModerationQueueAdded($serverId: ID!, $since: ID) {\n    moderationQueueAdded(serverId: $serverId, since: $since) {\n      ...ModerationItemFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription AdminAuditLogAdded($serverId: ID!, $since: ID) {\n    auditLogAdded(serverId: $serverId, since: $since) {\n      id\n    }\n  }\n"): (typeof documents)["\n  subscription AdminAuditLogAdded($serverId: ID!, $since: ID) {\n    auditLogAdded(serverId: $serverId, since: $since) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminUnban($serverId: ID!, $userId: ID!) {\n    unbanMember(serverId: $serverId, userId: $userId)\n  }\n"): (typeof documents)["\n  mutation AdminUnban($serverId: ID!, $userId: ID!) {\n    unbanMember(serverId: $serverId, userId: $userId)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminBans($serverId: ID!) {\n    bans(serverId: $serverId) {\n      reason\n      createdAt\n      user {\n        id\n        displayName\n        username\n      }\n      bannedBy {\n        id\n        displayName\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminBans($serverId: ID!) {\n    bans(serverId: $serverId) {\n      reason\n      createdAt\n      user {\n        id\n        displayName\n        username\n      }\n      bannedBy {\n        id\n        displayName\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminInvites($serverId: ID!) {\n    invites(serverId: $serverId) {\n      code\n      uses\n      maxUses\n      expiresAt\n      creator {\n        id\n        username\n        displayName\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminInvites($serverId: ID!) {\n    invites(serverId: $serverId) {\n      code\n      uses\n      maxUses\n      expiresAt\n      creator {\n        id\n        username\n        displayName\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminCreateInvite($serverId: ID!, $maxUses: Int!, $expiresInSeconds: Int!) {\n    createInvite(serverId: $serverId, maxUses: $maxUses, expiresInSeconds: $expiresInSeconds) {\n      code\n    }\n  }\n"): (typeof documents)["\n  mutation AdminCreateInvite($serverId: ID!, $maxUses: Int!, $expiresInSeconds: Int!) {\n    createInvite(serverId: $serverId, maxUses: $maxUses, expiresInSeconds: $expiresInSeconds) {\n      code\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminRevokeInvite($code: String!) {\n    revokeInvite(code: $code)\n  }\n"): (typeof documents)["\n  mutation AdminRevokeInvite($code: String!) {\n    revokeInvite(code: $code)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminRateLimits($serverId: ID!) {\n    server(id: $serverId) {\n      id\n      rateLimits {\n        channelMessageLimit\n        channelMessageWindowSeconds\n        serverMessageLimit\n        serverMessageWindowSeconds\n        escalationEnabled\n        escalationRefusals\n        escalationWindowSeconds\n        escalationTimeoutSeconds\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminRateLimits($serverId: ID!) {\n    server(id: $serverId) {\n      id\n      rateLimits {\n        channelMessageLimit\n        channelMessageWindowSeconds\n        serverMessageLimit\n        serverMessageWindowSeconds\n        escalationEnabled\n        escalationRefusals\n        escalationWindowSeconds\n        escalationTimeoutSeconds\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminUpdateRateLimits($serverId: ID!, $input: ServerRateLimitsInput!) {\n    updateServerRateLimits(serverId: $serverId, input: $input) {\n      channelMessageLimit\n      channelMessageWindowSeconds\n      serverMessageLimit\n      serverMessageWindowSeconds\n      escalationEnabled\n      escalationRefusals\n      escalationWindowSeconds\n      escalationTimeoutSeconds\n    }\n  }\n"): (typeof documents)["\n  mutation AdminUpdateRateLimits($serverId: ID!, $input: ServerRateLimitsInput!) {\n    updateServerRateLimits(serverId: $serverId, input: $input) {\n      channelMessageLimit\n      channelMessageWindowSeconds\n      serverMessageLimit\n      serverMessageWindowSeconds\n      escalationEnabled\n      escalationRefusals\n      escalationWindowSeconds\n      escalationTimeoutSeconds\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminTransferOwnership($serverId: ID!, $userId: ID!) {\n    transferOwnership(serverId: $serverId, userId: $userId) {\n      id\n      owner {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation AdminTransferOwnership($serverId: ID!, $userId: ID!) {\n    transferOwnership(serverId: $serverId, userId: $userId) {\n      id\n      owner {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment UserPanel on User {\n    id\n    username\n    displayName\n    avatarUrl\n    presence\n    ...AccountDialog\n  }\n"): (typeof documents)["\n  fragment UserPanel on User {\n    id\n    username\n    displayName\n    avatarUrl\n    presence\n    ...AccountDialog\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetPresence($status: PresenceStatus!) {\n    setPresence(status: $status) {\n      id\n      presence\n    }\n  }\n"): (typeof documents)["\n  mutation SetPresence($status: PresenceStatus!) {\n    setPresence(status: $status) {\n      id\n      presence\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($username: String!, $password: String!) {\n    login(username: $username, password: $password) {\n      token\n    }\n  }\n"): (typeof documents)["\n  mutation Login($username: String!, $password: String!) {\n    login(username: $username, password: $password) {\n      token\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Register($username: String!, $password: String!, $displayName: String) {\n    register(username: $username, password: $password, displayName: $displayName) {\n      token\n    }\n  }\n"): (typeof documents)["\n  mutation Register($username: String!, $password: String!, $displayName: String) {\n    register(username: $username, password: $password, displayName: $displayName) {\n      token\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Logout {\n    logout\n  }\n"): (typeof documents)["\n  mutation Logout {\n    logout\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DemoLogin {\n    demoLogin {\n      username\n      password\n    }\n  }\n"): (typeof documents)["\n  query DemoLogin {\n    demoLogin {\n      username\n      password\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyBots {\n    myBots {\n      id\n      displayName\n      username\n      botServers {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyBots {\n    myBots {\n      id\n      displayName\n      username\n      botServers {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BotTargets {\n    myServers {\n      id\n      name\n      myPermissions\n    }\n  }\n"): (typeof documents)["\n  query BotTargets {\n    myServers {\n      id\n      name\n      myPermissions\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateBot($name: String!) {\n    createBot(name: $name) {\n      token\n      bot {\n        id\n        displayName\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateBot($name: String!) {\n    createBot(name: $name) {\n      token\n      bot {\n        id\n        displayName\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RegenerateBotToken($botId: ID!) {\n    regenerateBotToken(botId: $botId) {\n      token\n      bot {\n        id\n        displayName\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RegenerateBotToken($botId: ID!) {\n    regenerateBotToken(botId: $botId) {\n      token\n      bot {\n        id\n        displayName\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteBot($botId: ID!) {\n    deleteBot(botId: $botId)\n  }\n"): (typeof documents)["\n  mutation DeleteBot($botId: ID!) {\n    deleteBot(botId: $botId)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddBotToServer($botId: ID!, $serverId: ID!) {\n    addBotToServer(botId: $botId, serverId: $serverId) {\n      user {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation AddBotToServer($botId: ID!, $serverId: ID!) {\n    addBotToServer(botId: $botId, serverId: $serverId) {\n      user {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ChannelItem on Channel {\n    id\n    name\n    type\n    isPrivate\n    myPermissions\n    voiceStates {\n      sessionId\n      ...VoiceParticipant\n    }\n  }\n"): (typeof documents)["\n  fragment ChannelItem on Channel {\n    id\n    name\n    type\n    isPrivate\n    myPermissions\n    voiceStates {\n      sessionId\n      ...VoiceParticipant\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ServerSidebar($serverId: ID!) {\n    server(id: $serverId) {\n      id\n      name\n      description\n      memberCount\n      myPermissions\n      # Refetched on every channel or access change: the cache then updates the open channel's\n      # permissions, slowmode and topic, and the member's timeout end, so the chat view follows.\n      myMember {\n        timedOutUntil\n      }\n      # The roles a <@&id> names, and which the member holds (components/chat/server-roles.tsx).\n      ...MentionRoles\n      ...VoiceModerator\n      channels {\n        id\n        type\n        position\n        myPermissions\n        slowmodeSeconds\n        topic\n        lastMessageId\n        lastReadMessageId\n        mentionCount\n        ...ChannelItem\n      }\n    }\n  }\n"): (typeof documents)["\n  query ServerSidebar($serverId: ID!) {\n    server(id: $serverId) {\n      id\n      name\n      description\n      memberCount\n      myPermissions\n      # Refetched on every channel or access change: the cache then updates the open channel's\n      # permissions, slowmode and topic, and the member's timeout end, so the chat view follows.\n      myMember {\n        timedOutUntil\n      }\n      # The roles a <@&id> names, and which the member holds (components/chat/server-roles.tsx).\n      ...MentionRoles\n      ...VoiceModerator\n      channels {\n        id\n        type\n        position\n        myPermissions\n        slowmodeSeconds\n        topic\n        lastMessageId\n        lastReadMessageId\n        mentionCount\n        ...ChannelItem\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ServerEvents($serverId: ID!) {\n    serverEvents(serverId: $serverId) {\n      __typename\n      ... on ChannelDeleted {\n        channelId\n      }\n      # Written to the cache as it arrives: every view of the role (the settings' role list among\n      # them) follows a rename or a move without a refetch.\n      ... on RoleUpdated {\n        role {\n          id\n          name\n          color\n          position\n          mentionable\n        }\n      }\n      ... on PresenceUpdated {\n        user {\n          id\n          presence\n        }\n      }\n      # Written to the cache as it arrives: every cached view of the user (pins, search results, who\n      # reacted, their own panel in another tab) shows a new display name at once. The member list\n      # reads its pages again, and open chats rename the messages they hold (members/user-names.ts).\n      ... on MemberUpdated {\n        member {\n          user {\n            id\n            displayName\n            avatarUrl\n          }\n        }\n      }\n      ... on MemberJoined {\n        member {\n          user {\n            id\n          }\n        }\n      }\n      ... on MemberLeft {\n        userId\n        reason\n      }\n      ... on ServerDeleted {\n        serverId\n      }\n      ... on VoiceStateUpdated {\n        voiceChannelId: channelId\n        userId\n        sessionId\n        state {\n          ...VoiceParticipant\n          channel {\n            id\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription ServerEvents($serverId: ID!) {\n    serverEvents(serverId: $serverId) {\n      __typename\n      ... on ChannelDeleted {\n        channelId\n      }\n      # Written to the cache as it arrives: every view of the role (the settings' role list among\n      # them) follows a rename or a move without a refetch.\n      ... on RoleUpdated {\n        role {\n          id\n          name\n          color\n          position\n          mentionable\n        }\n      }\n      ... on PresenceUpdated {\n        user {\n          id\n          presence\n        }\n      }\n      # Written to the cache as it arrives: every cached view of the user (pins, search results, who\n      # reacted, their own panel in another tab) shows a new display name at once. The member list\n      # reads its pages again, and open chats rename the messages they hold (members/user-names.ts).\n      ... on MemberUpdated {\n        member {\n          user {\n            id\n            displayName\n            avatarUrl\n          }\n        }\n      }\n      ... on MemberJoined {\n        member {\n          user {\n            id\n          }\n        }\n      }\n      ... on MemberLeft {\n        userId\n        reason\n      }\n      ... on ServerDeleted {\n        serverId\n      }\n      ... on VoiceStateUpdated {\n        voiceChannelId: channelId\n        userId\n        sessionId\n        state {\n          ...VoiceParticipant\n          channel {\n            id\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ChannelActivity($channelId: ID!, $since: ID) {\n    channelEvents(channelId: $channelId, since: $since) {\n      __typename\n      ... on MessageCreated {\n        message {\n          id\n          content\n          mentionsEveryone\n          mentionsHere\n          mentionRoleIds\n          author {\n            id\n          }\n          replyTo {\n            id\n            author {\n              id\n            }\n          }\n          channel {\n            id\n            server {\n              id\n            }\n          }\n        }\n      }\n      ... on MessageDeleted {\n        messageId\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription ChannelActivity($channelId: ID!, $since: ID) {\n    channelEvents(channelId: $channelId, since: $since) {\n      __typename\n      ... on MessageCreated {\n        message {\n          id\n          content\n          mentionsEveryone\n          mentionsHere\n          mentionRoleIds\n          author {\n            id\n          }\n          replyTo {\n            id\n            author {\n              id\n            }\n          }\n          channel {\n            id\n            server {\n              id\n            }\n          }\n        }\n      }\n      ... on MessageDeleted {\n        messageId\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ChannelPage($channelId: ID!) {\n    me {\n      id\n      username\n    }\n    channel(id: $channelId) {\n      id\n      name\n      topic\n      type\n      slowmodeSeconds\n      myPermissions\n      lastReadMessageId\n      server {\n        id\n        myMember {\n          timedOutUntil\n        }\n      }\n      ...VoiceChannelView\n    }\n  }\n"): (typeof documents)["\n  query ChannelPage($channelId: ID!) {\n    me {\n      id\n      username\n    }\n    channel(id: $channelId) {\n      id\n      name\n      topic\n      type\n      slowmodeSeconds\n      myPermissions\n      lastReadMessageId\n      server {\n        id\n        myMember {\n          timedOutUntil\n        }\n      }\n      ...VoiceChannelView\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ChannelHistory($channelId: ID!, $before: ID, $after: ID, $around: ID, $limit: Int!) {\n    messages(channelId: $channelId, before: $before, after: $after, around: $around, limit: $limit) {\n      hasMoreBefore\n      hasMoreAfter\n      messages {\n        ...ChatMessage\n        ...MessageReactions\n      }\n    }\n  }\n"): (typeof documents)["\n  query ChannelHistory($channelId: ID!, $before: ID, $after: ID, $around: ID, $limit: Int!) {\n    messages(channelId: $channelId, before: $before, after: $after, around: $around, limit: $limit) {\n      hasMoreBefore\n      hasMoreAfter\n      messages {\n        ...ChatMessage\n        ...MessageReactions\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ChannelEvents($channelId: ID!, $since: ID) {\n    channelEvents(channelId: $channelId, since: $since) {\n      __typename\n      ... on MessageCreated {\n        message {\n          ...ChatMessage\n        }\n      }\n      ... on MessageUpdated {\n        message {\n          ...ChatMessage\n        }\n      }\n      ... on MessageDeleted {\n        messageId\n      }\n      ... on MessageReactionChanged {\n        channelId\n        messageId\n        emoji\n        userId\n        reacted\n        count\n      }\n      ... on TypingStarted {\n        user {\n          id\n          displayName\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription ChannelEvents($channelId: ID!, $since: ID) {\n    channelEvents(channelId: $channelId, since: $since) {\n      __typename\n      ... on MessageCreated {\n        message {\n          ...ChatMessage\n        }\n      }\n      ... on MessageUpdated {\n        message {\n          ...ChatMessage\n        }\n      }\n      ... on MessageDeleted {\n        messageId\n      }\n      ... on MessageReactionChanged {\n        channelId\n        messageId\n        emoji\n        userId\n        reacted\n        count\n      }\n      ... on TypingStarted {\n        user {\n          id\n          displayName\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SendMessage($channelId: ID!, $content: String!, $replyToId: ID) {\n    sendMessage(channelId: $channelId, content: $content, replyToId: $replyToId) {\n      ...ChatMessage\n    }\n  }\n"): (typeof documents)["\n  mutation SendMessage($channelId: ID!, $content: String!, $replyToId: ID) {\n    sendMessage(channelId: $channelId, content: $content, replyToId: $replyToId) {\n      ...ChatMessage\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EditMessage($messageId: ID!, $content: String!) {\n    editMessage(messageId: $messageId, content: $content) {\n      ...ChatMessage\n    }\n  }\n"): (typeof documents)["\n  mutation EditMessage($messageId: ID!, $content: String!) {\n    editMessage(messageId: $messageId, content: $content) {\n      ...ChatMessage\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteMessage($messageId: ID!) {\n    deleteMessage(messageId: $messageId)\n  }\n"): (typeof documents)["\n  mutation DeleteMessage($messageId: ID!) {\n    deleteMessage(messageId: $messageId)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddReaction($messageId: ID!, $emoji: String!) {\n    addReaction(messageId: $messageId, emoji: $emoji) {\n      id\n      ...MessageReactions\n    }\n  }\n"): (typeof documents)["\n  mutation AddReaction($messageId: ID!, $emoji: String!) {\n    addReaction(messageId: $messageId, emoji: $emoji) {\n      id\n      ...MessageReactions\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveReaction($messageId: ID!, $emoji: String!, $userId: ID) {\n    removeReaction(messageId: $messageId, emoji: $emoji, userId: $userId) {\n      id\n      ...MessageReactions\n    }\n  }\n"): (typeof documents)["\n  mutation RemoveReaction($messageId: ID!, $emoji: String!, $userId: ID) {\n    removeReaction(messageId: $messageId, emoji: $emoji, userId: $userId) {\n      id\n      ...MessageReactions\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PinMessage($messageId: ID!) {\n    pinMessage(messageId: $messageId) {\n      ...ChatMessage\n    }\n  }\n"): (typeof documents)["\n  mutation PinMessage($messageId: ID!) {\n    pinMessage(messageId: $messageId) {\n      ...ChatMessage\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UnpinMessage($messageId: ID!) {\n    unpinMessage(messageId: $messageId) {\n      ...ChatMessage\n    }\n  }\n"): (typeof documents)["\n  mutation UnpinMessage($messageId: ID!) {\n    unpinMessage(messageId: $messageId) {\n      ...ChatMessage\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartTyping($channelId: ID!) {\n    startTyping(channelId: $channelId)\n  }\n"): (typeof documents)["\n  mutation StartTyping($channelId: ID!) {\n    startTyping(channelId: $channelId)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MarkChannelRead($channelId: ID!, $messageId: ID!) {\n    markChannelRead(channelId: $channelId, messageId: $messageId) {\n      id\n      lastReadMessageId\n      lastMessageId\n      mentionCount\n    }\n  }\n"): (typeof documents)["\n  mutation MarkChannelRead($channelId: ID!, $messageId: ID!) {\n    markChannelRead(channelId: $channelId, messageId: $messageId) {\n      id\n      lastReadMessageId\n      lastMessageId\n      mentionCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MentionCandidates($serverId: ID!, $query: String, $first: Int!) {\n    server(id: $serverId) {\n      id\n      members(first: $first, query: $query) {\n        nickname\n        user {\n          id\n          username\n          displayName\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MentionCandidates($serverId: ID!, $query: String, $first: Int!) {\n    server(id: $serverId) {\n      id\n      members(first: $first, query: $query) {\n        nickname\n        user {\n          id\n          username\n          displayName\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Shown {\n    searchMessages(serverId: \"1\", query: \"m\", limit: 25) {\n      hasMore\n      messages {\n        id\n        content\n        channel {\n          id\n        }\n      }\n    }\n    pinnedMessages(channelId: \"9\") {\n      id\n      content\n      channel {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  query Shown {\n    searchMessages(serverId: \"1\", query: \"m\", limit: 25) {\n      hasMore\n      messages {\n        id\n        content\n        channel {\n          id\n        }\n      }\n    }\n    pinnedMessages(channelId: \"9\") {\n      id\n      content\n      channel {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Delete($messageId: ID!) {\n    deleteMessage(messageId: $messageId)\n  }\n"): (typeof documents)["\n  mutation Delete($messageId: ID!) {\n    deleteMessage(messageId: $messageId)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ChatMessage on Message {\n    id\n    channel {\n      id\n    }\n    content\n    createdAt\n    editedAt\n    pinnedAt\n    mentionsEveryone\n    mentionsHere\n    mentionRoleIds\n    mentionedMembers {\n      nickname\n      user {\n        id\n        username\n        displayName\n      }\n    }\n    author {\n      id\n      username\n      displayName\n      avatarUrl\n    }\n    replyTo {\n      id\n      content\n      author {\n        id\n        displayName\n        avatarUrl\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment ChatMessage on Message {\n    id\n    channel {\n      id\n    }\n    content\n    createdAt\n    editedAt\n    pinnedAt\n    mentionsEveryone\n    mentionsHere\n    mentionRoleIds\n    mentionedMembers {\n      nickname\n      user {\n        id\n        username\n        displayName\n      }\n    }\n    author {\n      id\n      username\n      displayName\n      avatarUrl\n    }\n    replyTo {\n      id\n      content\n      author {\n        id\n        displayName\n        avatarUrl\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment MessageReactions on Message {\n    reactions {\n      emoji\n      count\n      me\n    }\n  }\n"): (typeof documents)["\n  fragment MessageReactions on Message {\n    reactions {\n      emoji\n      count\n      me\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReactionUsers($messageId: ID!, $emoji: String!, $limit: Int!) {\n    reactionUsers(messageId: $messageId, emoji: $emoji, limit: $limit) {\n      id\n      displayName\n    }\n  }\n"): (typeof documents)["\n  query ReactionUsers($messageId: ID!, $emoji: String!, $limit: Int!) {\n    reactionUsers(messageId: $messageId, emoji: $emoji, limit: $limit) {\n      id\n      displayName\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PinnedMessage on Message {\n    id\n    content\n    createdAt\n    pinnedAt\n    mentionsEveryone\n    mentionsHere\n    mentionedMembers {\n      nickname\n      user {\n        id\n        username\n        displayName\n      }\n    }\n    author {\n      id\n      displayName\n    }\n  }\n"): (typeof documents)["\n  fragment PinnedMessage on Message {\n    id\n    content\n    createdAt\n    pinnedAt\n    mentionsEveryone\n    mentionsHere\n    mentionedMembers {\n      nickname\n      user {\n        id\n        username\n        displayName\n      }\n    }\n    author {\n      id\n      displayName\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PinnedMessages($channelId: ID!) {\n    pinnedMessages(channelId: $channelId) {\n      id\n      ...PinnedMessage\n    }\n  }\n"): (typeof documents)["\n  query PinnedMessages($channelId: ID!) {\n    pinnedMessages(channelId: $channelId) {\n      id\n      ...PinnedMessage\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    query Me {\n      me {\n        id\n        username\n      }\n    }\n  "): (typeof documents)["\n    query Me {\n      me {\n        id\n        username\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment Reactor on User {\n    id\n    username\n    displayName\n    isBot\n  }\n"): (typeof documents)["\n  fragment Reactor on User {\n    id\n    username\n    displayName\n    isBot\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReactionList($messageId: ID!, $emoji: String!, $limit: Int!) {\n    reactionUsers(messageId: $messageId, emoji: $emoji, limit: $limit) {\n      id\n      ...Reactor\n    }\n  }\n"): (typeof documents)["\n  query ReactionList($messageId: ID!, $emoji: String!, $limit: Int!) {\n    reactionUsers(messageId: $messageId, emoji: $emoji, limit: $limit) {\n      id\n      ...Reactor\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment MentionRoles on Server {\n    id\n    roles {\n      id\n      name\n      color\n      position\n      isDefault\n      mentionable\n    }\n    myMember {\n      roles {\n        id\n      }\n    }\n    channels {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment MentionRoles on Server {\n    id\n    roles {\n      id\n      name\n      color\n      position\n      isDefault\n      mentionable\n    }\n    myMember {\n      roles {\n        id\n      }\n    }\n    channels {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment VoiceChannelView on Channel {\n    id\n    name\n    userLimit\n    voiceStates {\n      sessionId\n      selfMute\n      selfDeaf\n      user {\n        id\n        displayName\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment VoiceChannelView on Channel {\n    id\n    name\n    userLimit\n    voiceStates {\n      sessionId\n      selfMute\n      selfDeaf\n      user {\n        id\n        displayName\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query InvitePreview($code: String!) {\n    invitePreview(code: $code) {\n      code\n      serverId\n      serverName\n      serverDescription\n      memberCount\n      alreadyMember\n    }\n  }\n"): (typeof documents)["\n  query InvitePreview($code: String!) {\n    invitePreview(code: $code) {\n      code\n      serverId\n      serverName\n      serverDescription\n      memberCount\n      alreadyMember\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment MemberRow on Member {\n    nickname\n    user {\n      id\n      displayName\n      avatarUrl\n      presence\n      isBot\n    }\n    roles {\n      id\n      name\n      color\n      position\n    }\n  }\n"): (typeof documents)["\n  fragment MemberRow on Member {\n    nickname\n    user {\n      id\n      displayName\n      avatarUrl\n      presence\n      isBot\n    }\n    roles {\n      id\n      name\n      color\n      position\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ServerMembers($serverId: ID!, $first: Int!, $after: ID) {\n    server(id: $serverId) {\n      id\n      memberCount\n      members(first: $first, after: $after) {\n        user {\n          id\n        }\n        ...MemberRow\n      }\n    }\n  }\n"): (typeof documents)["\n  query ServerMembers($serverId: ID!, $first: Int!, $after: ID) {\n    server(id: $serverId) {\n      id\n      memberCount\n      members(first: $first, after: $after) {\n        user {\n          id\n        }\n        ...MemberRow\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SearchResult on Message {\n    id\n    content\n    createdAt\n    editedAt\n    mentionsEveryone\n    mentionsHere\n    mentionedMembers {\n      nickname\n      user {\n        id\n        username\n        displayName\n      }\n    }\n    author {\n      id\n      displayName\n    }\n    channel {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment SearchResult on Message {\n    id\n    content\n    createdAt\n    editedAt\n    mentionsEveryone\n    mentionsHere\n    mentionedMembers {\n      nickname\n      user {\n        id\n        username\n        displayName\n      }\n    }\n    author {\n      id\n      displayName\n    }\n    channel {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SearchMessages($serverId: ID!, $query: String!, $channelId: ID, $before: ID, $limit: Int!) {\n    searchMessages(serverId: $serverId, query: $query, channelId: $channelId, before: $before, limit: $limit) {\n      hasMore\n      messages {\n        id\n        ...SearchResult\n      }\n    }\n  }\n"): (typeof documents)["\n  query SearchMessages($serverId: ID!, $query: String!, $channelId: ID, $before: ID, $limit: Int!) {\n    searchMessages(serverId: $serverId, query: $query, channelId: $channelId, before: $before, limit: $limit) {\n      hasMore\n      messages {\n        id\n        ...SearchResult\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DiscoverServers($query: String) {\n    discoverServers(query: $query, first: 50) {\n      id\n      name\n      description\n      memberCount\n    }\n  }\n"): (typeof documents)["\n  query DiscoverServers($query: String) {\n    discoverServers(query: $query, first: 50) {\n      id\n      name\n      description\n      memberCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateInvite($serverId: ID!) {\n    createInvite(serverId: $serverId, maxUses: 0, expiresInSeconds: 604800) {\n      code\n      expiresAt\n    }\n  }\n"): (typeof documents)["\n  mutation CreateInvite($serverId: ID!) {\n    createInvite(serverId: $serverId, maxUses: 0, expiresInSeconds: 604800) {\n      code\n      expiresAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ServerRailItem on Server {\n    id\n    name\n    icon\n    hasUnread\n    mentionCount\n  }\n"): (typeof documents)["\n  fragment ServerRailItem on Server {\n    id\n    name\n    icon\n    hasUnread\n    mentionCount\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Shell {\n    me {\n      id\n      ...UserPanel\n    }\n    myServers {\n      id\n      ...ServerRailItem\n    }\n  }\n"): (typeof documents)["\n  query Shell {\n    me {\n      id\n      ...UserPanel\n    }\n    myServers {\n      id\n      ...ServerRailItem\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateServer($input: CreateServerInput!) {\n    createServer(input: $input) {\n      id\n      ...ServerRailItem\n      channels {\n        id\n        type\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateServer($input: CreateServerInput!) {\n    createServer(input: $input) {\n      id\n      ...ServerRailItem\n      channels {\n        id\n        type\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LeaveServer($serverId: ID!) {\n    leaveServer(serverId: $serverId)\n  }\n"): (typeof documents)["\n  mutation LeaveServer($serverId: ID!) {\n    leaveServer(serverId: $serverId)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation JoinServer($serverId: ID, $inviteCode: String) {\n    joinServer(serverId: $serverId, inviteCode: $inviteCode) {\n      id\n      ...ServerRailItem\n    }\n  }\n"): (typeof documents)["\n  mutation JoinServer($serverId: ID, $inviteCode: String) {\n    joinServer(serverId: $serverId, inviteCode: $inviteCode) {\n      id\n      ...ServerRailItem\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MarkServerRead($serverId: ID!) {\n    markServerRead(serverId: $serverId) {\n      id\n      hasUnread\n      mentionCount\n      channels {\n        id\n        lastReadMessageId\n        mentionCount\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation MarkServerRead($serverId: ID!) {\n    markServerRead(serverId: $serverId) {\n      id\n      hasUnread\n      mentionCount\n      channels {\n        id\n        lastReadMessageId\n        mentionCount\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query VoiceTargetRank($serverId: ID!, $userId: ID!) {\n    server(id: $serverId) {\n      id\n      member(userId: $userId) {\n        roles {\n          id\n          position\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query VoiceTargetRank($serverId: ID!, $userId: ID!) {\n    server(id: $serverId) {\n      id\n      member(userId: $userId) {\n        roles {\n          id\n          position\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query VoicePanel($channelId: ID!) {\n    channel(id: $channelId) {\n      id\n      name\n      myPermissions\n      server {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query VoicePanel($channelId: ID!) {\n    channel(id: $channelId) {\n      id\n      name\n      myPermissions\n      server {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment VoiceParticipant on VoiceState {\n    sessionId\n    selfMute\n    selfDeaf\n    serverMute\n    serverDeaf\n    user {\n      id\n      displayName\n      avatarUrl\n      isBot\n    }\n  }\n"): (typeof documents)["\n  fragment VoiceParticipant on VoiceState {\n    sessionId\n    selfMute\n    selfDeaf\n    serverMute\n    serverDeaf\n    user {\n      id\n      displayName\n      avatarUrl\n      isBot\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment VoiceModerator on Server {\n    id\n    owner {\n      id\n    }\n    myMember {\n      user {\n        id\n      }\n      roles {\n        id\n        position\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment VoiceModerator on Server {\n    id\n    owner {\n      id\n    }\n    myMember {\n      user {\n        id\n      }\n      roles {\n        id\n        position\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Heartbeat {\n    heartbeat\n  }\n"): (typeof documents)["\n  mutation Heartbeat {\n    heartbeat\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MentionCountSidebar {\n    me {\n      id\n      username\n    }\n    server(id: \"1\") {\n      id\n      channels {\n        id\n        type\n        lastMessageId\n        lastReadMessageId\n        mentionCount\n      }\n    }\n  }\n"): (typeof documents)["\n  query MentionCountSidebar {\n    me {\n      id\n      username\n    }\n    server(id: \"1\") {\n      id\n      channels {\n        id\n        type\n        lastMessageId\n        lastReadMessageId\n        mentionCount\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyPresence {\n    me {\n      id\n      presence\n    }\n  }\n"): (typeof documents)["\n  query MyPresence {\n    me {\n      id\n      presence\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n      query RoleMentionSidebar {\n        me {\n          id\n          username\n        }\n        server(id: \"1\") {\n          id\n          myMember {\n            roles {\n              id\n            }\n          }\n          channels {\n            id\n            type\n            lastMessageId\n            lastReadMessageId\n            mentionCount\n          }\n        }\n      }\n    "): (typeof documents)["\n      query RoleMentionSidebar {\n        me {\n          id\n          username\n        }\n        server(id: \"1\") {\n          id\n          myMember {\n            roles {\n              id\n            }\n          }\n          channels {\n            id\n            type\n            lastMessageId\n            lastReadMessageId\n            mentionCount\n          }\n        }\n      }\n    "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n      query PinnedAuthors {\n        pinnedMessages(channelId: \"9\") {\n          id\n          author {\n            id\n            displayName\n          }\n        }\n      }\n    "): (typeof documents)["\n      query PinnedAuthors {\n        pinnedMessages(channelId: \"9\") {\n          id\n          author {\n            id\n            displayName\n          }\n        }\n      }\n    "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment _MentionCount on Channel {\n    id\n    mentionCount\n  }\n"): (typeof documents)["\n  fragment _MentionCount on Channel {\n    id\n    mentionCount\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment _ on Channel {\n    id\n    lastMessageId\n  }\n"): (typeof documents)["\n  fragment _ on Channel {\n    id\n    lastMessageId\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment VoiceSessionState on VoiceState {\n    sessionId\n    selfMute\n    selfDeaf\n    serverMute\n    serverDeaf\n    user {\n      id\n    }\n    channel {\n      id\n    }\n  }\n"): (typeof documents)["\n  fragment VoiceSessionState on VoiceState {\n    sessionId\n    selfMute\n    selfDeaf\n    serverMute\n    serverDeaf\n    user {\n      id\n    }\n    channel {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation JoinVoice($channelId: ID!, $selfMute: Boolean, $selfDeaf: Boolean) {\n    joinVoice(channelId: $channelId, selfMute: $selfMute, selfDeaf: $selfDeaf) {\n      sessionId\n      iceServers {\n        urls\n        username\n        credential\n      }\n      participants {\n        ...VoiceSessionState\n      }\n      channel {\n        id\n        bitrate\n        voiceStates {\n          ...VoiceSessionState\n          ...VoiceParticipant\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation JoinVoice($channelId: ID!, $selfMute: Boolean, $selfDeaf: Boolean) {\n    joinVoice(channelId: $channelId, selfMute: $selfMute, selfDeaf: $selfDeaf) {\n      sessionId\n      iceServers {\n        urls\n        username\n        credential\n      }\n      participants {\n        ...VoiceSessionState\n      }\n      channel {\n        id\n        bitrate\n        voiceStates {\n          ...VoiceSessionState\n          ...VoiceParticipant\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LeaveVoice($sessionId: ID!) {\n    leaveVoice(sessionId: $sessionId)\n  }\n"): (typeof documents)["\n  mutation LeaveVoice($sessionId: ID!) {\n    leaveVoice(sessionId: $sessionId)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateVoiceState($sessionId: ID!, $selfMute: Boolean, $selfDeaf: Boolean) {\n    updateVoiceState(sessionId: $sessionId, selfMute: $selfMute, selfDeaf: $selfDeaf) {\n      ...VoiceSessionState\n      ...VoiceParticipant\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateVoiceState($sessionId: ID!, $selfMute: Boolean, $selfDeaf: Boolean) {\n    updateVoiceState(sessionId: $sessionId, selfMute: $selfMute, selfDeaf: $selfDeaf) {\n      ...VoiceSessionState\n      ...VoiceParticipant\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SendVoiceSignal($sessionId: ID!, $toSessionId: ID!, $type: VoiceSignalType!, $payload: String!) {\n    sendVoiceSignal(sessionId: $sessionId, toSessionId: $toSessionId, type: $type, payload: $payload)\n  }\n"): (typeof documents)["\n  mutation SendVoiceSignal($sessionId: ID!, $toSessionId: ID!, $type: VoiceSignalType!, $payload: String!) {\n    sendVoiceSignal(sessionId: $sessionId, toSessionId: $toSessionId, type: $type, payload: $payload)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription VoiceSignals($sessionId: ID!) {\n    voiceSignals(sessionId: $sessionId) {\n      fromSessionId\n      fromUser {\n        id\n      }\n      type\n      payload\n    }\n  }\n"): (typeof documents)["\n  subscription VoiceSignals($sessionId: ID!) {\n    voiceSignals(sessionId: $sessionId) {\n      fromSessionId\n      fromUser {\n        id\n      }\n      type\n      payload\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription VoiceStateChanges($serverId: ID!) {\n    serverEvents(serverId: $serverId) {\n      __typename\n      ... on VoiceStateUpdated {\n        channelId\n        userId\n        sessionId\n        state {\n          ...VoiceSessionState\n          ...VoiceParticipant\n        }\n        movedToSessionId\n      }\n      ... on ChannelUpdated {\n        channel {\n          id\n          bitrate\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription VoiceStateChanges($serverId: ID!) {\n    serverEvents(serverId: $serverId) {\n      __typename\n      ... on VoiceStateUpdated {\n        channelId\n        userId\n        sessionId\n        state {\n          ...VoiceSessionState\n          ...VoiceParticipant\n        }\n        movedToSessionId\n      }\n      ... on ChannelUpdated {\n        channel {\n          id\n          bitrate\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query VoiceChannelStates($channelId: ID!) {\n    channel(id: $channelId) {\n      id\n      bitrate\n      voiceStates {\n        ...VoiceSessionState\n        ...VoiceParticipant\n      }\n    }\n  }\n"): (typeof documents)["\n  query VoiceChannelStates($channelId: ID!) {\n    channel(id: $channelId) {\n      id\n      bitrate\n      voiceStates {\n        ...VoiceSessionState\n        ...VoiceParticipant\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ModerateVoice(\n    $serverId: ID!\n    $userId: ID!\n    $serverMute: Boolean\n    $serverDeaf: Boolean\n    $moveToChannelId: ID\n    $disconnect: Boolean\n  ) {\n    moderateVoice(\n      serverId: $serverId\n      userId: $userId\n      serverMute: $serverMute\n      serverDeaf: $serverDeaf\n      moveToChannelId: $moveToChannelId\n      disconnect: $disconnect\n    )\n  }\n"): (typeof documents)["\n  mutation ModerateVoice(\n    $serverId: ID!\n    $userId: ID!\n    $serverMute: Boolean\n    $serverDeaf: Boolean\n    $moveToChannelId: ID\n    $disconnect: Boolean\n  ) {\n    moderateVoice(\n      serverId: $serverId\n      userId: $userId\n      serverMute: $serverMute\n      serverDeaf: $serverDeaf\n      moveToChannelId: $moveToChannelId\n      disconnect: $disconnect\n    )\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;