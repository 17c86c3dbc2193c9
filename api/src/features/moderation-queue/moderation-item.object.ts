import { Field, registerEnumType } from 'type-graphql';
import { ObjectType } from '../../graphql/object-type.js';
import { AuditLogEntryObject } from '../audit/audit.resolver.js';
import type { AuditLogEntryView } from '../audit/audit.service.js';
import { ModerationUndo } from './moderation-item.js';

registerEnumType(ModerationUndo, {
  name: 'ModerationUndo',
  description: 'The one-click undo of a moderation action, while it still applies.',
});

@ObjectType('ModerationItem', {
  description: 'A moderation action (by a moderator, a bot or the system) and how to undo it while it still applies.',
})
export class ModerationItemObject {
  @Field(() => AuditLogEntryObject)
  entry!: AuditLogEntryView;

  @Field(() => ModerationUndo, { nullable: true, description: 'null: nothing to undo (any more).' })
  undo!: ModerationUndo | null;

  @Field({ description: 'Taken by the system (rate-limit escalation), not a person or bot.' })
  automatic!: boolean;
}
