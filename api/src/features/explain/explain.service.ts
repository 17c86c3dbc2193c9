import type { PermissionInputs, RoleGrant } from '../../permissions/compute.js';
import { explainPermissions, mayExplainFor } from '../../permissions/explain.js';
import { forbidden, notFound } from '../../kernel/errors/app-error.js';
import type { AccessService, ServerAccess } from '../access/access.service.js';
import type { ChannelSnapshot } from '../access/access.snapshot.js';
import type { PermissionExplanationObject } from './explanation.object.js';
import type { ExplainTarget } from './explain.inputs.js';

/** Who an explanation is about: a member's own inputs, or a role held alone by a plain member. */
interface Subject {
  memberId: string;
  roles: readonly RoleGrant[];
  timedOutUntil: Date | null;
}

/** Explains permissions from the same cached inputs and pure engine the API decides with. */
export class ExplainService {
  constructor(private readonly access: AccessService) {}

  async explain(viewer: ServerAccess, target: ExplainTarget, now = new Date()): Promise<PermissionExplanationObject> {
    if (!mayExplainFor(viewer.userId, target.userId, viewer.permissions)) {
      throw forbidden('MANAGE_ROLES', 'Explaining another member needs MANAGE_ROLES or MODERATE_MEMBERS');
    }
    const { server } = viewer;
    const subject = await this.subject(viewer, target);
    // A channel the viewer cannot see stays hidden, as everywhere else.
    const channel = target.channelId ? (await this.access.channel(target.channelId, viewer.userId, now)).channel : null;
    const inputs = (over: ChannelSnapshot | null): PermissionInputs => ({
      ownerId: server.ownerId,
      memberId: subject.memberId,
      everyone: server.everyone,
      roles: subject.roles,
      timedOutUntil: subject.timedOutUntil,
      now,
      ...(over ? { overwrites: over.overwrites, privateChannel: over.isPrivate } : {}),
    });
    const visibleChannelIds = [...server.channels.values()]
      .filter((c) => explainPermissions(inputs(c)).some((d) => d.permission === 'VIEW_CHANNEL' && d.allowed))
      .map((c) => c.id);
    return {
      userId: target.userId,
      roleId: target.roleId,
      channelId: channel?.id ?? null,
      timedOutUntil: subject.timedOutUntil && subject.timedOutUntil > now ? subject.timedOutUntil : null,
      decisions: explainPermissions(inputs(channel)),
      visibleChannelIds,
    };
  }

  private async subject(viewer: ServerAccess, target: ExplainTarget): Promise<Subject> {
    const { server } = viewer;
    if (target.userId) {
      const member = await this.access.memberSnapshot(server.id, target.userId);
      if (!member) throw notFound('Member');
      return {
        memberId: target.userId,
        roles: await this.access.rolesOfMember(server, target.userId),
        timedOutUntil: member.timedOutUntil,
      };
    }
    const role = target.roleId === server.everyone.id ? null : server.roles.get(target.roleId!);
    if (role === undefined) throw notFound('Role');
    // Nobody real: a member holding only this role (and @everyone), never the owner.
    return { memberId: '', roles: role ? [role] : [], timedOutUntil: null };
  }
}
