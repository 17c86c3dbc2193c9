// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ExplanationList } from './explanation-list';

afterEach(cleanup);

const roles = [
  { id: 'everyone', name: '@everyone' },
  { id: 'mods', name: 'Moderators' },
];

describe('ExplanationList', () => {
  it('names, per permission, the rule that decided it', () => {
    render(
      <ExplanationList
        subject="carol"
        roles={roles}
        decisions={[
          { permission: 'VIEW_CHANNEL', allowed: false, reason: 'PRIVATE_CHANNEL', roleIds: [] },
          { permission: 'SEND_MESSAGES', allowed: false, reason: 'NO_VIEW_CHANNEL', roleIds: [] },
          { permission: 'MANAGE_MESSAGES', allowed: true, reason: 'ROLE_OVERWRITE', roleIds: ['mods'] },
          { permission: 'READ_MESSAGE_HISTORY', allowed: true, reason: 'EVERYONE_ROLE', roleIds: ['everyone'] },
          { permission: 'CREATE_INVITE', allowed: false, reason: 'MEMBER_OVERWRITE', roleIds: [] },
        ]}
      />,
    );
    const row = (label: string) => screen.getByText(label, { exact: false, selector: '.explanation-name' }).closest('li')!;
    expect(row('View channels').textContent).toContain("Denied by this channel's @everyone rule: the channel is private");
    expect(row('View channels').textContent).toContain('denied');
    expect(row('Send messages').textContent).toContain('they cannot view this channel');
    expect(row('Manage messages').textContent).toContain("Allowed by this channel's overwrite for “Moderators”.");
    expect(row('Read message history').textContent).toContain('Allowed because @everyone has it.');
    expect(row('Create invites').textContent).toContain("Denied by this channel's overwrite for carol personally.");
    expect(screen.getByRole('list', { name: 'Permissions of carol' }).children).toHaveLength(5);
  });

  it('names the owner, the ADMINISTRATOR role and a timeout with its end', () => {
    render(
      <ExplanationList
        subject="dave"
        roles={roles}
        timedOutUntil="2030-01-01T00:00:00.000Z"
        decisions={[
          { permission: 'BAN_MEMBERS', allowed: true, reason: 'ADMINISTRATOR', roleIds: ['mods'] },
          { permission: 'SEND_MESSAGES', allowed: false, reason: 'TIMEOUT', roleIds: [] },
          { permission: 'KICK_MEMBERS', allowed: true, reason: 'OWNER', roleIds: [] },
        ]}
      />,
    );
    expect(screen.getByText(/Allowed by ADMINISTRATOR, granted by “Moderators”/)).toBeTruthy();
    expect(screen.getByText(/dave is timed out until/).textContent).toContain(new Date('2030-01-01T00:00:00.000Z').toLocaleString());
    expect(screen.getByText(/dave owns the server/)).toBeTruthy();
  });
});
