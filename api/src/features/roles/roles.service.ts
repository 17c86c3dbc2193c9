import { LockMode } from '@mikro-orm/postgresql';
import { ALL_PERMISSIONS, bitsToPermissions, permissionsToBits } from '../../permissions/bits.js';
import { canChangeMemberPermissions, canManageRole } from '../../permissions/hierarchy.js';
import type { Orm } from '../../kernel/db/orm.js';
import { notFound } from '../../kernel/errors/app-error.js';
import { isSnowflake } from '../../kernel/ids/snowflake.js';
import { parseInput } from '../../kernel/validation/parse-input.js';
import { owed } from '../../outbox/outbox-effect.js';
import type { Outbox, Owe } from '../../outbox/outbox.js';
import type { AccessService, ServerAccess } from '../access/access.service.js';
import { AuditAction } from '../audit/audit-action.js';
import { diff, type AuditService } from '../audit/audit.service.js';
import { Member } from '../members/member.entity.js';
import { toMemberView, type MemberView } from '../members/member.view.js';
import { reorderedRolePositions } from './role-order.js';
import { Role } from './role.entity.js';
import { cannotGrantUnheld, defaultRoleImmutable, memberAboveActor, roleAboveActor } from './roles.errors.js';
import { reorderRolesSchema, roleInputSchema } from './roles.inputs.js';
import { toRoleView, type RoleView } from './role.view.js';

export class RolesService {
  constructor(
    private readonly orm: Orm,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly outbox: Outbox,
  ) {}

  /** Highest first, @everyone last, as a role list is shown. */
  async list(serverIds: readonly string[]): Promise<RoleView[][]> {
    const roles = await this.orm.em.fork().find(Role, { server: { $in: [...serverIds] } }, { orderBy: { position: 'desc', id: 'asc' } });
    return serverIds.map((id) => roles.filter((r) => r.server === id).map(toRoleView));
  }

  async byIds(ids: readonly string[]): Promise<(RoleView | null)[]> {
    const roles = await this.orm.em.fork().find(Role, { id: { $in: [...ids] } });
    const byId = new Map(roles.map((r) => [r.id, toRoleView(r)]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  async create(access: ServerAccess, input: unknown): Promise<RoleView> {
    const data = parseInput(roleInputSchema, input);
    const position = data.position ?? 1;
    assertCanPlace(access, position);
    const permissions = permissionsToBits(data.permissions ?? []);
    assertHolds(access, permissions);
    return this.outbox.transaction(async (em, owe) => {
      const r = em.create(Role, {
        server: access.server.id,
        name: data.name ?? 'new role',
        color: data.color ?? '#99AAB5',
        permissions,
        position,
        mentionable: data.mentionable ?? false,
      });
      await em.flush();
      this.audit.record(em, {
        serverId: r.server,
        action: AuditAction.RoleCreate,
        actorId: access.userId,
        targetId: r.id,
        changes: { name: [null, r.name], permissions: [null, bitsToPermissions(permissions)], position: [null, position] },
      });
      return this.published(owe, r);
    });
  }

  async update(access: ServerAccess, roleId: string, input: unknown): Promise<RoleView> {
    const data = parseInput(roleInputSchema, input);
    return this.outbox.transaction(async (em, owe) => {
      const r = await em.findOne(Role, { id: roleId, server: access.server.id });
      if (!r) throw notFound('Role');
      if (!r.isDefault) assertCanPlace(access, r.position);
      else if (data.name != null || data.position != null) throw defaultRoleImmutable('keeps its name and position');
      else if (data.mentionable) throw defaultRoleImmutable('is mentioned as @everyone (MENTION_EVERYONE), never as a role');
      if (data.position != null) assertCanPlace(access, data.position);
      const permissions = data.permissions ? permissionsToBits(data.permissions) : undefined;
      // Only the bits being added must be held by the actor; keeping or removing is always allowed.
      if (permissions !== undefined) assertHolds(access, permissions & ~r.permissions);
      const next = {
        name: data.name ?? undefined,
        color: data.color ?? undefined,
        position: data.position ?? undefined,
        permissions,
        mentionable: data.mentionable ?? undefined,
      };
      const changed = diff(r, next);
      // Permissions are audited by name, as ROLE_CREATE records them, not as raw bits.
      if (changed?.permissions && permissions !== undefined)
        changed.permissions = [bitsToPermissions(r.permissions), bitsToPermissions(permissions)];
      em.assign(r, Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined)));
      if (changed)
        this.audit.record(em, {
          serverId: r.server,
          action: AuditAction.RoleUpdate,
          actorId: access.userId,
          targetId: r.id,
          changes: changed,
        });
      return this.published(owe, r);
    });
  }

  async delete(access: ServerAccess, roleId: string): Promise<void> {
    await this.outbox.transaction(async (em, owe) => {
      const r = await em.findOne(Role, { id: roleId, server: access.server.id });
      if (!r) throw notFound('Role');
      if (r.isDefault) throw defaultRoleImmutable('cannot be deleted');
      assertCanPlace(access, r.position);
      // em.execute, not em.getConnection().execute: only the former runs inside this transaction.
      await em.execute('update members set role_ids = array_remove(role_ids, ?) where server_id = ?', [r.id, r.server]);
      await em.execute('delete from permission_overwrites where target_type = ? and target_id = ?', ['ROLE', r.id]);
      em.remove(r);
      this.audit.record(em, {
        serverId: r.server,
        action: AuditAction.RoleDelete,
        actorId: access.userId,
        targetId: r.id,
        changes: { name: [r.name, null] },
      });
      owe(owed.access(r.server), owed.serverEvent(r.server, { type: 'RoleDeleted', roleId: r.id }));
    });
  }

  /**
   * Puts the server's roles (all but @everyone, highest first) in a new order in one transaction;
   * roles at or above the actor's highest stay put (see reorderedRolePositions). One audit entry
   * with the order before and after, then a RoleUpdated event per role that moved.
   */
  async reorder(access: ServerAccess, input: unknown): Promise<RoleView[]> {
    const { roleIds } = parseInput(reorderRolesSchema, input);
    const serverId = access.server.id;
    await this.outbox.transaction(async (em, owe) => {
      const roles = await em.find(
        Role,
        { server: serverId, isDefault: false },
        { orderBy: { position: 'desc', id: 'asc' }, lockMode: LockMode.PESSIMISTIC_WRITE },
      );
      const positions = reorderedRolePositions(roles, roleIds, (position) => canManageRole(access.actor, position));
      if (positions.size === 0) return;
      for (const role of roles) role.position = positions.get(role.id) ?? role.position;
      this.audit.record(em, {
        serverId,
        action: AuditAction.RoleReorder,
        actorId: access.userId,
        changes: { order: [roles.map((r) => r.id), roleIds] },
      });
      const moved = roles.filter((r) => positions.has(r.id));
      owe(owed.access(serverId), ...moved.map((role) => owed.serverEvent(serverId, { type: 'RoleUpdated', role: toRoleView(role) })));
    });
    return (await this.list([serverId]))[0]!;
  }

  /** Adds or removes one role of a member; both need the role, and the member unless it is the actor, below the actor's highest. */
  async setMemberRole(access: ServerAccess, userId: string, roleId: string, assign: boolean): Promise<MemberView> {
    if (!isSnowflake(roleId)) throw notFound('Role');
    if (!isSnowflake(userId)) throw notFound('Member');
    const targetRoles = await this.access.rolesOfMember(access.server, userId);
    if (!canChangeMemberPermissions(access.actor, { userId, roles: targetRoles })) throw memberAboveActor();
    return this.outbox.transaction(async (em, owe) => {
      const role = await em.findOne(Role, { id: roleId, server: access.server.id });
      if (!role) throw notFound('Role');
      if (role.isDefault) throw defaultRoleImmutable('belongs to every member');
      assertCanPlace(access, role.position);
      // Row-locked: changes of one member's roles at once apply one after the other, none writing back a stale list.
      const m = await em.findOne(Member, { server: access.server.id, user: userId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!m) throw notFound('Member');
      const has = m.roleIds.includes(roleId);
      if (has !== assign) {
        m.roleIds = assign ? [...m.roleIds, roleId] : m.roleIds.filter((id) => id !== roleId);
        const action = assign ? AuditAction.MemberRoleAdd : AuditAction.MemberRoleRemove;
        this.audit.record(em, {
          serverId: m.server,
          action,
          actorId: access.userId,
          targetId: userId,
          changes: { role: [assign ? null : roleId, assign ? roleId : null] },
        });
      }
      const view = toMemberView(m);
      owe(owed.access(m.server, userId), owed.serverEvent(m.server, { type: 'MemberUpdated', member: view }));
      return view;
    });
  }

  /** The role as this transaction leaves it; its announcement is owed once committed. */
  private published(owe: Owe, role: Role): RoleView {
    const view = toRoleView(role);
    owe(owed.access(role.server), owed.serverEvent(role.server, { type: 'RoleUpdated', role: view }));
    return view;
  }
}

function assertCanPlace(access: ServerAccess, position: number): void {
  if (!canManageRole(access.actor, position)) throw roleAboveActor();
}

/** Nobody grants a permission they lack (owners and administrators hold all). */
function assertHolds(access: ServerAccess, bits: bigint): void {
  const missing = bits & ~access.permissions & ALL_PERMISSIONS;
  const first = bitsToPermissions(missing)[0];
  if (first) throw cannotGrantUnheld(first);
}
