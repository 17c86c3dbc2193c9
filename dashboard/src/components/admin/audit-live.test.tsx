// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { Provider, type Operation } from 'urql';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConnectionMonitor } from '@/lib/connection-status';
import { cachedApi, operationName } from '@/test/cached-api';
import { AuditPanel } from './audit-panel';
import { ModerationQueuePanel } from './moderation-queue-panel';

const { session } = vi.hoisted(() => ({ session: { api: { connection: null as unknown } } }));
vi.mock('@/components/session/api-provider', () => ({ useSession: () => session }));

/** Ids are snowflakes: the server's is older than any entry of it. */
const SERVER = '100';
const ADA = { __typename: 'User', id: 'u1', username: 'ada', displayName: 'Ada', isBot: false, presence: 'ONLINE' };
const entry = (id: string) => ({
  __typename: 'AuditLogEntry',
  id,
  action: 'MEMBER_KICK',
  actor: ADA,
  target: null,
  targetId: 'u2',
  mentions: [],
  reason: `entry ${id}`,
  changes: null,
  createdAt: '2026-01-02T03:04:05.000Z',
});
const item = (id: string) => ({ __typename: 'ModerationItem', undo: null, automatic: false, entry: entry(id) });

const PANELS = {
  audit: { Panel: AuditPanel, read: 'AdminAuditLog', stream: 'AdminAuditLogAdded', event: (id: string) => ({ auditLogAdded: entry(id) }) },
  queue: {
    Panel: ModerationQueuePanel,
    read: 'AdminModerationQueue',
    stream: 'AdminModerationQueueAdded',
    event: (id: string) => ({ moderationQueueAdded: item(id) }),
  },
};

/** A panel over a stand-in API whose log holds `ids`, newest first. */
async function renderPanel(kind: keyof typeof PANELS, ids: string[]) {
  session.api.connection = new ConnectionMonitor();
  const { Panel, read, stream, event } = PANELS[kind];
  const reply = (op: Operation) => {
    if (operationName(op) === 'AdminAuditLog') return { auditLog: ids.map(entry) };
    if (operationName(op) === 'AdminModerationQueue') return { moderationQueue: ids.map(item) };
    return null;
  };
  const api = cachedApi(reply, [stream]);
  render(
    <Provider value={api.client}>
      <Panel serverId={SERVER} />
    </Provider>,
  );
  await screen.findByRole('list');
  return {
    subscriptions: () => api.sent.filter((op) => op.kind === 'subscription').map((op) => op.variables),
    reads: () => api.sent.filter((op) => op.kind === 'query' && operationName(op) === read).length,
    /** An entry arrives live, its root field as `stream` brings it. */
    push: (id: string) => act(() => api.push(Object.values(event(id))[0] as Record<string, unknown>)),
  };
}

describe('the admin panels’ live entries', () => {
  afterEach(cleanup);

  it.each(['audit', 'queue'] as const)(
    '%s: subscribes once the newest page is read, from its newest entry, so nothing committed in between is missed',
    async (kind) => {
      const panel = await renderPanel(kind, ['130', '120']);
      await vi.waitFor(() => expect(panel.subscriptions()).toEqual([{ serverId: SERVER, since: '130' }]));
    },
  );

  it.each(['audit', 'queue'] as const)('%s: an empty log subscribes from the server’s id, older than any entry', async (kind) => {
    const panel = await renderPanel(kind, []);
    await vi.waitFor(() => expect(panel.subscriptions()).toEqual([{ serverId: SERVER, since: SERVER }]));
  });

  it('reads the page again once for a burst of entries (a replay), not once per entry', async () => {
    const panel = await renderPanel('audit', ['130']);
    await vi.waitFor(() => expect(panel.subscriptions()).toHaveLength(1));
    const before = panel.reads();
    panel.push('140');
    panel.push('150');
    panel.push('160');
    await vi.waitFor(() => expect(panel.reads()).toBe(before + 1));
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(panel.reads()).toBe(before + 1);
  });
});
