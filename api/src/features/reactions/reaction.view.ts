/** One emoji's reactions on a message, as the caller sees them. */
export interface ReactionView {
  emoji: string;
  count: number;
  /** Whether the caller is among them. */
  me: boolean;
}

/** One member's reaction as it is now (announced after each change), and how many share the emoji. */
export interface ReactionChange {
  channelId: string;
  messageId: string;
  emoji: string;
  userId: string;
  reacted: boolean;
  count: number;
}
