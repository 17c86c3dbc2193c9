// @vitest-environment jsdom
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { makeFragmentData } from '@/gql';
import type { AuditEntryFieldsFragment } from '@/gql/graphql';
import { AuditEntryFragment } from './admin.operations';
import { AuditEntry } from './audit-entry';
import { AUDIT_ACTIONS } from './audit-text';

afterEach(cleanup);

const alice = { id: '1', displayName: 'alice', isBot: false };
const entry = (fields: Partial<AuditEntryFieldsFragment>): AuditEntryFieldsFragment => ({
  id: '100',
  action: 'SERVER_UPDATE',
  actor: alice,
  target: null,
  mentions: [],
  reason: null,
  changes: null,
  createdAt: '2026-01-02T03:04:05.000Z',
  ...fields,
});

function show(fields: Partial<AuditEntryFieldsFragment>) {
  const { container } = render(
    <ol>
      <AuditEntry entry={makeFragmentData(entry(fields), AuditEntryFragment)} />
    </ol>,
  );
  const item = container.querySelector('.audit-entry')!;
  const changes = [...item.querySelectorAll('.audit-changes li')].map((li) => li.textContent);
  return { sentence: item.querySelector('.audit-sentence')!.textContent!.replace(/ · .*$/, ''), changes };
}

describe('AuditEntry', () => {
  it('names a channel and lists what changed in words, not JSON', () => {
    const { sentence, changes } = show({
      action: 'CHANNEL_UPDATE',
      target: { kind: 'CHANNEL', id: '5', name: 'lobby' },
      changes: JSON.stringify({ name: ['general', 'lobby'], slowmodeSeconds: [0, 10], isPrivate: [false, true] }),
    });
    expect(sentence).toBe('alice updated #lobby');
    expect(changes).toEqual(['name: general → lobby', 'slowmode: 0 s → 10 s', 'private: no → yes']);
  });

  it('names permissions added and removed with their labels', () => {
    const { sentence, changes } = show({
      action: 'ROLE_UPDATE',
      target: { kind: 'ROLE', id: '7', name: 'Moderators' },
      changes: JSON.stringify({
        permissions: [
          ['SEND_MESSAGES', 'KICK_MEMBERS'],
          ['SEND_MESSAGES', 'BAN_MEMBERS'],
        ],
      }),
    });
    expect(sentence).toBe('alice updated role Moderators');
    expect(changes).toEqual(['permissions added: Ban members', 'permissions removed: Kick members']);
  });

  it('names an overwrite by its role and what it allows and denies', () => {
    const { sentence, changes } = show({
      action: 'CHANNEL_OVERWRITE_SET',
      target: { kind: 'CHANNEL', id: '5', name: 'general' },
      mentions: [{ kind: 'ROLE', id: '7', name: 'Moderators' }],
      changes: JSON.stringify({ target: [null, 'ROLE:7'], allow: [[], ['MANAGE_MESSAGES']], deny: [[], []] }),
    });
    expect(sentence).toBe('alice set permissions in #general');
    // An unchanged deny says nothing.
    expect(changes).toEqual(['for: role Moderators', 'allowed: none → Manage messages']);
  });

  it("lists a first set of permissions as added, and a new role's as they are", () => {
    expect(
      show({
        action: 'ROLE_UPDATE',
        target: { kind: 'ROLE', id: '7', name: 'Mods' },
        changes: JSON.stringify({ permissions: [[], ['KICK_MEMBERS']] }),
      }).changes,
    ).toEqual(['permissions added: Kick members']);
    cleanup();
    expect(
      show({ action: 'ROLE_CREATE', target: { kind: 'ROLE', id: '7', name: 'Mods' }, changes: JSON.stringify({ permissions: [null, []] }) })
        .changes,
    ).toEqual(['permissions: none']);
  });

  it('names a deleted role by the name it had, and a role given by its name', () => {
    expect(
      show({ action: 'ROLE_DELETE', target: { kind: 'ROLE', id: '7', name: null }, changes: JSON.stringify({ name: ['Mods', null] }) })
        .sentence,
    ).toBe('alice deleted role Mods (deleted)');
    cleanup();
    const { sentence, changes } = show({
      action: 'MEMBER_ROLE_ADD',
      target: { kind: 'USER', id: '2', name: 'bob' },
      mentions: [{ kind: 'ROLE', id: '7', name: 'Moderators' }],
      changes: JSON.stringify({ role: [null, '7'] }),
    });
    expect(sentence).toBe('alice gave role Moderators to @bob');
    expect(changes).toEqual([]);
  });

  it('says where a message was deleted, and marks a bot actor and the system', () => {
    const { sentence, changes } = show({
      action: 'MESSAGE_DELETE',
      actor: { id: '9', displayName: 'Guard', isBot: true },
      target: { kind: 'USER', id: '2', name: 'bob' },
      mentions: [{ kind: 'CHANNEL', id: '5', name: 'general' }],
      reason: 'spam',
      changes: JSON.stringify({ message: ['55', null], channel: ['5', null] }),
    });
    expect(sentence).toBe('Guard BOT deleted a message by @bob in #general — spam');
    expect(changes).toEqual([]);
    cleanup();
    expect(
      show({
        action: 'MEMBER_TIMEOUT',
        actor: null,
        target: { kind: 'USER', id: '2', name: 'bob' },
        changes: JSON.stringify({ timedOutUntil: [null, '2026-01-02T03:09:05.000Z'] }),
      }).sentence,
    ).toBe('System AUTO timed out @bob');
  });

  it('says whose message was pinned or unpinned, and where, without the ids', () => {
    const pinned = show({
      action: 'MESSAGE_PIN',
      target: { kind: 'USER', id: '2', name: 'bob' },
      mentions: [{ kind: 'CHANNEL', id: '5', name: 'general' }],
      changes: JSON.stringify({ message: [null, '55'], channel: [null, '5'] }),
    });
    expect(pinned).toEqual({ sentence: 'alice pinned a message by @bob in #general', changes: [] });
    cleanup();
    const unpinned = show({
      action: 'MESSAGE_UNPIN',
      target: { kind: 'USER', id: '2', name: null },
      mentions: [{ kind: 'CHANNEL', id: '5', name: null }],
      changes: JSON.stringify({ message: ['55', null], channel: ['5', null] }),
    });
    expect(unpinned).toEqual({ sentence: 'alice unpinned a message by a deleted user in a deleted channel', changes: [] });
    expect(AUDIT_ACTIONS.MESSAGE_PIN?.label).toBe('Message pinned');
    expect(AUDIT_ACTIONS.MESSAGE_UNPIN?.label).toBe('Message unpinned');
  });

  it('names an invite by its code and a user who is gone as such', () => {
    expect(show({ action: 'INVITE_REVOKE', target: { kind: 'INVITE', id: 'AbC123', name: 'AbC123' } }).sentence).toBe(
      'alice revoked invite AbC123',
    );
    cleanup();
    const created = show({
      action: 'INVITE_CREATE',
      target: { kind: 'INVITE', id: 'AbC123', name: 'AbC123' },
      changes: JSON.stringify({ code: [null, 'AbC123'], maxUses: [null, 0], expiresInSeconds: [null, 86_400] }),
    });
    expect(created.changes).toEqual(['max uses: no limit', 'expires after: 1 d']);
    cleanup();
    expect(show({ action: 'MEMBER_KICK', target: { kind: 'USER', id: '2', name: null } }).sentence).toBe('alice kicked a deleted user');
  });
});
