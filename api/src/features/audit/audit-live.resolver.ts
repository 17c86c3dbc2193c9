import { Arg, Authorized, ID, Resolver, Root, Subscription } from 'type-graphql';
import type { GraphqlContext } from '../../graphql/context.js';
import { AUDIT_SINCE_DESCRIPTION, auditEntrySource } from './audit-entry.source.js';
import { AuditLogEntryObject } from './audit.resolver.js';
import type { AuditLogEntryView } from './audit.service.js';

@Resolver()
export class AuditLiveResolver {
  /** Every new audit entry of the server as it commits (actor null: the system). Needs MANAGE_SERVER, as auditLog does. */
  @Authorized()
  @Subscription(() => AuditLogEntryObject, {
    subscribe: ({ args, context }) => {
      const { services, viewer } = context as GraphqlContext;
      return auditEntrySource(
        services,
        viewer!,
        args.serverId as string,
        'MANAGE_SERVER',
        undefined,
        async (entry) => entry,
        (args.since as string | null | undefined) ?? null,
      );
    },
  })
  auditLogAdded(
    @Root() entry: AuditLogEntryView,
    @Arg('serverId', () => ID) _serverId: string,
    @Arg('since', () => ID, { nullable: true, description: AUDIT_SINCE_DESCRIPTION }) _since: string | null,
  ): AuditLogEntryView {
    return entry;
  }
}
