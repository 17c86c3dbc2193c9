import { AuditLogEntry } from './audit/audit-log-entry.entity.js';
import { Session } from './auth/session.entity.js';
import { Channel } from './channels/channel.entity.js';
import { PermissionOverwrite } from './channels/overwrite.entity.js';
import { Invite } from './invites/invite.entity.js';
import { Member } from './members/member.entity.js';
import { Message } from './messages/message.entity.js';
import { Ban } from './moderation/ban.entity.js';
import { TimeoutOutbox } from './moderation/timeout-outbox.entity.js';
import { Role } from './roles/role.entity.js';
import { MessageReaction } from './reactions/reaction.entity.js';
import { ReadState } from './read-states/read-state.entity.js';
import { Server } from './servers/server.entity.js';
import { User } from './users/user.entity.js';
import { UserAvatar } from './users/user-avatar.entity.js';
import { OutboxRow } from '../outbox/outbox-row.entity.js';

/** Every entity, for the ORM. Workers import this list rather than redefining any entity. */
export const entities = [
  User,
  Session,
  Server,
  Role,
  Member,
  Channel,
  PermissionOverwrite,
  Invite,
  Ban,
  AuditLogEntry,
  Message,
  TimeoutOutbox,
  OutboxRow,
  MessageReaction,
  ReadState,
  UserAvatar,
];
