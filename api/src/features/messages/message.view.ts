import type { UserView } from '../users/user.view.js';
import type { ReactionView } from '../reactions/reaction.view.js';
import type { Message } from './message.entity.js';

export interface MessageView {
  id: string;
  channelId: string;
  serverId: string;
  authorId: string;
  content: string;
  replyToId: string | null;
  createdAt: Date | string;
  editedAt: Date | string | null;
  pinnedAt: Date | string | null;
  mentionsEveryone: boolean;
  /** It mentions @here (who was online is kept in the row, not here: readers need not know). */
  mentionsHere: boolean;
  mentionRoleIds: string[];
  /** Embedded in live events so subscribers need no user lookup per event. */
  author?: UserView;
  /** Known without a query for a new message (none yet); loaded per page otherwise. */
  reactions?: ReactionView[];
}

export const toMessageView = (m: Message): MessageView => ({
  id: m.id,
  channelId: m.channel,
  serverId: m.server,
  authorId: m.author,
  content: m.content,
  replyToId: m.replyTo,
  createdAt: m.createdAt,
  editedAt: m.editedAt,
  pinnedAt: m.pinnedAt,
  mentionsEveryone: m.mentionsEveryone,
  mentionsHere: m.mentionHereUserIds !== null,
  mentionRoleIds: m.mentionRoleIds ?? [],
});
