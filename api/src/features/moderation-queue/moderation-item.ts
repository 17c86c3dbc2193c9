import type { AuditLogEntryView } from '../audit/audit.service.js';

/** The one-click undo of a moderation action, while it still applies. */
export enum ModerationUndo {
  REMOVE_TIMEOUT = 'REMOVE_TIMEOUT',
  UNBAN = 'UNBAN',
}

export interface ModerationItemView {
  entry: AuditLogEntryView;
  undo: ModerationUndo | null;
}
