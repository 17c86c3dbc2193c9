import { Field, ID, registerEnumType } from 'type-graphql';
import { ObjectType } from '../../graphql/object-type.js';
import type { Loaders } from '../../request-context.js';
import { AuditTargetKind, type AuditTargetRef } from './audit-target.js';

registerEnumType(AuditTargetKind, {
  name: 'AuditTargetKind',
  description: 'What an audit entry names: a user, a bot, a role, a channel, an invite or the server.',
});

@ObjectType('AuditTarget', { description: 'Something an audit entry names, resolved to a name a person can read.' })
export class AuditTargetObject {
  @Field(() => AuditTargetKind)
  kind!: AuditTargetKind;

  @Field(() => ID, { description: 'Its id (an invite: its code), kept when it is gone.' })
  id!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Display name of a user or bot, name of a role, channel or server, code of an invite; null once it is gone.',
  })
  name!: string | null;
}

export interface AuditTargetView {
  kind: AuditTargetKind;
  id: string;
  name: string | null;
}

/** The name now, through the request's loaders: a page of entries costs one query per kind, not per entry. */
export async function resolveTarget(ref: AuditTargetRef, loaders: Loaders): Promise<AuditTargetView> {
  return { ...ref, name: await nameOf(ref, loaders) };
}

async function nameOf({ kind, id }: AuditTargetRef, loaders: Loaders): Promise<string | null> {
  switch (kind) {
    case AuditTargetKind.USER:
    case AuditTargetKind.BOT:
      return (await loaders.users.load(id))?.displayName ?? null;
    case AuditTargetKind.ROLE:
      return (await loaders.roles.load(id))?.name ?? null;
    case AuditTargetKind.CHANNEL:
      return (await loaders.channels.load(id))?.name ?? null;
    case AuditTargetKind.SERVER:
      return (await loaders.servers.load(id))?.name ?? null;
    case AuditTargetKind.INVITE:
      return id;
  }
}
