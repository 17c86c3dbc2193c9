// @vitest-environment jsdom
import { act, cleanup, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { Provider } from 'urql';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConnectionMonitor } from '@/lib/connection-status';
import { cachedApi, operationName } from '@/test/cached-api';
import { useRailRefresh } from './use-rail-refresh';

const { session } = vi.hoisted(() => ({ session: { api: { connection: null as unknown } } }));
vi.mock('@/components/session/api-provider', () => ({ useSession: () => session }));

let visibility: DocumentVisibilityState = 'visible';

/** The hook over a stand-in API; `reads()` counts the server list's reads from the API itself. */
function renderRefresh(selectedId: string | undefined) {
  const connection = new ConnectionMonitor();
  connection.set('online');
  session.api.connection = connection;
  // Answered, as the API would: a read still waiting would take the next one in.
  const { client, sent } = cachedApi(() => ({ me: null, myServers: [] }), []);
  const wrapper = ({ children }: { children: ReactNode }) => <Provider value={client}>{children}</Provider>;
  const hook = renderHook(({ id }) => useRailRefresh(id), { wrapper, initialProps: { id: selectedId } });
  const reads = () => sent.filter((op) => operationName(op) === 'Shell' && op.context.requestPolicy === 'network-only').length;
  return { ...hook, reads, connection };
}

const becomes = (state: DocumentVisibilityState) =>
  act(() => {
    visibility = state;
    document.dispatchEvent(new Event('visibilitychange'));
  });
const focus = () => act(() => void window.dispatchEvent(new Event('focus')));

describe('useRailRefresh', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    visibility = 'visible';
    vi.spyOn(document, 'visibilityState', 'get').mockImplementation(() => visibility);
  });
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('reads the server list again when the selected server changes, not on the first render; names the server left until it answers', async () => {
    const { rerender, reads, result } = renderRefresh('s1');
    expect(reads()).toBe(0);
    expect(result.current).toBeUndefined();
    rerender({ id: 's2' });
    expect(reads()).toBe(1);
    expect(result.current).toBe('s1');
    // The answer lands after the render that sent the read.
    await act(() => Promise.resolve());
    expect(result.current).toBeUndefined();
    rerender({ id: 's2' });
    expect(reads()).toBe(1);
    rerender({ id: undefined });
    expect(reads()).toBe(2);
    expect(result.current).toBe('s2');
  });

  it('on coming back to the page (once for visibilitychange and focus together), never while hidden', () => {
    const { reads } = renderRefresh('s1');
    becomes('hidden');
    expect(reads()).toBe(0);
    becomes('visible');
    expect(reads()).toBe(1);
    focus();
    expect(reads()).toBe(1);
    // Focus alone (back from another window, the tab visible all along).
    vi.advanceTimersByTime(5_000);
    focus();
    expect(reads()).toBe(2);
  });

  it('every minute while the page is in view', () => {
    const { reads } = renderRefresh('s1');
    vi.advanceTimersByTime(59_000);
    expect(reads()).toBe(0);
    vi.advanceTimersByTime(1_000);
    expect(reads()).toBe(1);
    becomes('hidden');
    vi.advanceTimersByTime(120_000);
    expect(reads()).toBe(1);
  });

  it('after a reconnect', () => {
    const { reads, connection } = renderRefresh('s1');
    act(() => connection.set('reconnecting'));
    expect(reads()).toBe(0);
    act(() => connection.set('online'));
    expect(reads()).toBe(1);
  });
});
