import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import type { RunningApi } from '../src/app.js';
import { createServer, signUp, type GqlClient, type GqlResult, type TestUser } from './harness.js';

/** Shared GraphQL documents and steps of the feature tests; each names what it does, no hidden asserts. */

/** Bytes that begin as a PNG and a JPEG do (what uploads are checked for), then random. */
export const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(32)]);
export const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(32)]);

export const SERVER_FIELDS = 'id name slug description icon isPrivate owner { id } memberCount myPermissions createdAt';
export const CHANNEL_FIELDS =
  'id type name slug description position isPrivate slowmodeSeconds userLimit myPermissions overwrites { targetType targetId allow deny }';
export const ROLE_FIELDS = 'id name color permissions position isDefault';
export const MEMBER_FIELDS = 'user { id username } nickname roles { id name position } joinedAt timedOutUntil';
export const AUDIT_FIELDS = 'id action actor { id } targetId reason changes createdAt';

export interface AuditEntry {
  id: string;
  action: string;
  actor: { id: string } | null;
  targetId: string | null;
  reason: string | null;
  changes: string | null;
  createdAt: string;
}

/** Raw SQL against the run's database (for setting up time, and for checking what was written). */
export async function sql<T = Record<string, unknown>>(api: RunningApi, query: string, params: unknown[] = []): Promise<T[]> {
  return (await api.services.orm.em.fork().getConnection().execute(query, params)) as T[];
}

export async function joinServer(user: TestUser, serverId: string): Promise<void> {
  await user.client.ok('mutation($id: ID!) { joinServer(serverId: $id) { id } }', { id: serverId });
}

export async function createInvite(actor: TestUser, serverId: string, maxUses = 0, expiresInSeconds = 86_400): Promise<string> {
  const data = await actor.client.ok<{ createInvite: { code: string } }>(
    'mutation($s: ID!, $m: Int, $e: Int) { createInvite(serverId: $s, maxUses: $m, expiresInSeconds: $e) { code } }',
    { s: serverId, m: maxUses, e: expiresInSeconds },
  );
  return data.createInvite.code;
}

export async function joinByInvite(user: TestUser, code: string): Promise<void> {
  await user.client.ok('mutation($c: String!) { joinServer(inviteCode: $c) { id } }', { c: code });
}

export async function createRole(
  actor: TestUser,
  serverId: string,
  input: Record<string, unknown>,
): Promise<{ id: string; name: string; color: string; permissions: string[]; position: number }> {
  const data = await actor.client.ok(`mutation($s: ID!, $i: RoleInput!) { createRole(serverId: $s, input: $i) { ${ROLE_FIELDS} } }`, {
    s: serverId,
    i: input,
  });
  return data.createRole;
}

export async function assignRole(actor: TestUser, serverId: string, userId: string, roleId: string): Promise<void> {
  await actor.client.ok('mutation($s: ID!, $u: ID!, $r: ID!) { assignRole(serverId: $s, userId: $u, roleId: $r) { user { id } } }', {
    s: serverId,
    u: userId,
    r: roleId,
  });
}

export async function auditLog(actor: TestUser, serverId: string, limit = 100, before?: string): Promise<AuditEntry[]> {
  const data = await actor.client.ok<{ auditLog: AuditEntry[] }>(
    `query($s: ID!, $l: Int, $b: ID) { auditLog(serverId: $s, limit: $l, before: $b) { ${AUDIT_FIELDS} } }`,
    {
      s: serverId,
      l: limit,
      b: before ?? null,
    },
  );
  return data.auditLog;
}

export async function serverPermissions(client: GqlClient, serverId: string): Promise<string[] | null> {
  const data = await client.ok<{ server: { myPermissions: string[] } | null }>('query($id: ID!) { server(id: $id) { myPermissions } }', {
    id: serverId,
  });
  return data.server?.myPermissions ?? null;
}

export async function channelPermissions(client: GqlClient, channelId: string): Promise<string[] | null> {
  const data = await client.ok<{ channel: { myPermissions: string[] } | null }>('query($id: ID!) { channel(id: $id) { myPermissions } }', {
    id: channelId,
  });
  return data.channel?.myPermissions ?? null;
}

export async function visibleChannelIds(client: GqlClient, serverId: string): Promise<string[]> {
  const data = await client.ok<{ server: { channels: { id: string }[] } }>('query($id: ID!) { server(id: $id) { channels { id } } }', {
    id: serverId,
  });
  return data.server.channels.map((c) => c.id);
}

type ErrorOf = Awaited<ReturnType<GqlClient['errorOf']>>;

/** FORBIDDEN that names the missing permission. */
export function expectForbidden(error: ErrorOf, permission: string): void {
  expect(error.code).toBe('FORBIDDEN');
  expect(error.extensions.permission).toBe(permission);
}

/** BAD_USER_INPUT that names the offending field. */
export function expectBadInput(error: ErrorOf, field: string): void {
  expect(error.code).toBe('BAD_USER_INPUT');
  expect(error.extensions.field).toBe(field);
}

/** Parses an audit entry's `changes` JSON. */
export const changesOf = (entry: AuditEntry): Record<string, [unknown, unknown]> =>
  JSON.parse(entry.changes ?? 'null') as Record<string, [unknown, unknown]>;

/**
 * A server with a ladder of roles: Senior (10) > Mod (5) > Junior (1), and one member on each rung
 * (two on Mod), plus a member with no role. `modPermissions` are the Mod role's permissions.
 */
export async function rankedServer(api: { url: string }, owner: TestUser, modPermissions: string[], options: { isPrivate?: boolean } = {}) {
  const server = await createServer(owner, { isPrivate: options.isPrivate ?? false });
  const senior = await createRole(owner, server.id, { name: 'Senior', position: 10 });
  const mod = await createRole(owner, server.id, { name: 'Mod', position: 5, permissions: modPermissions });
  const junior = await createRole(owner, server.id, { name: 'Junior', position: 1 });
  const [moderator, peer, superior, subordinate, plain] = await Promise.all(
    ['moderator', 'peer', 'superior', 'subordinate', 'plain'].map((base) => signUp(api, base)),
  );
  const code = await createInvite(owner, server.id);
  for (const user of [moderator!, peer!, superior!, subordinate!, plain!]) await joinByInvite(user, code);
  await assignRole(owner, server.id, moderator!.id, mod.id);
  await assignRole(owner, server.id, peer!.id, mod.id);
  await assignRole(owner, server.id, superior!.id, senior.id);
  await assignRole(owner, server.id, subordinate!.id, junior.id);
  return {
    server,
    roles: { senior, mod, junior },
    moderator: moderator!,
    peer: peer!,
    superior: superior!,
    subordinate: subordinate!,
    plain: plain!,
  };
}

/**
 * Resolves once a backend of this database waits on a lock while running a statement starting with
 * `queryStart`: how a test holds a mutation half-way through its transaction and looks from outside.
 */
export async function waitForLockWait(api: RunningApi, queryStart: string): Promise<void> {
  for (let i = 0; i < 500; i += 1) {
    const rows = await sql(
      api,
      "select 1 from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and query like ?",
      [`${queryStart}%`],
    );
    if (rows.length) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`no backend ever waited on a lock running ${queryStart}`);
}

/**
 * A malformed id names nothing. It may be refused as NOT_FOUND or as BAD_USER_INPUT naming the
 * argument; never an internal error, never data.
 */
export function expectMalformedIdRefused(error: ErrorOf, arg: string): void {
  expect(['NOT_FOUND', 'BAD_USER_INPUT']).toContain(error.code);
  if (error.code === 'BAD_USER_INPUT') expect(error.extensions.field).toBe(arg);
}

/** A nullable lookup of something the caller cannot have: null, or a NOT_FOUND error (and no data). */
export function expectNullOrNotFound(result: GqlResult, field: string): void {
  if (result.errors?.length) {
    expect(result.errors[0]!.extensions?.code).toBe('NOT_FOUND');
    expect(result.data?.[field] ?? null).toBeNull();
  } else {
    expect(result.data?.[field]).toBeNull();
  }
}

/**
 * Retries `check` until it passes or `timeoutMs` runs out: for effects that cross processes through
 * Redis pub/sub, which arrive shortly after the mutation that caused them returns.
 */
export async function eventually(check: () => Promise<void>, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(20);
    }
  }
}

/**
 * Polls `read` until `done` holds (truthiness by default) and returns that value; after timeoutMs it
 * fails naming `what` and the last value. A `read` that throws fails at once.
 */
export async function until<T>(
  read: () => T | Promise<T>,
  what: string,
  { done = Boolean, timeoutMs = 10_000 }: { done?: (value: T) => boolean; timeoutMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(value)}`);
    await sleep(10);
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
