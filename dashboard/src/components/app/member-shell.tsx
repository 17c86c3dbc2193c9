'use client';

import { useParams, usePathname } from 'next/navigation';
import { useEffect, useState, type ReactNode } from 'react';
import { useQuery } from 'urql';
import { SignInPage } from '@/components/auth/sign-in-page';
import { MentionBadge } from '@/components/channels/mention-badge';
import { ServerSidebarContainer } from '@/components/channels/server-sidebar-container';
import { unreadSuffix } from '@/components/channels/unread';
import { allServersMarks, ServerRail, ServerRailItemFragment, useServerMarks } from '@/components/servers/server-rail';
import { ShellQuery } from '@/components/servers/servers.operations';
import { useSession } from '@/components/session/api-provider';
import { ErrorState, LoadingState } from '@/components/ui/states';
import { getFragmentData } from '@/gql';
import { useHeartbeat } from '@/hooks/use-heartbeat';
import { useVoice } from '@/hooks/use-voice';
import { apiErrorOf } from '@/lib/api-errors';
import { ConnectionBanner } from './connection-banner';
import { useDocumentTitle } from './document-title';
import { PageNotice } from './page-notice';
import { UserPanel } from './user-panel';
import { VoicePanel } from '@/components/voice/voice-panel';
import { VoiceProvider } from '@/components/voice/voice-provider';

/** Everything a signed-in member sees around the current page: servers, channels, their own panel. */
export function MemberShell({ children }: { children: ReactNode }) {
  const { token } = useSession();
  if (token === undefined) return <LoadingState label="Loading Rashigo…" fullPage />;
  if (token === null) return <SignInPage />;
  return (
    <VoiceProvider>
      <SignedInShell>{children}</SignedInShell>
    </VoiceProvider>
  );
}

function SignedInShell({ children }: { children: ReactNode }) {
  const params = useParams<{ serverId?: string; channelId?: string }>();
  const pathname = usePathname();
  const [{ data, error, fetching }, refetch] = useQuery({ query: ShellQuery });
  const [drawerOpen, setDrawerOpen] = useState(false);
  const { engine: voice } = useVoice();
  const marks = useServerMarks(data?.myServers ?? [], params.serverId, params.channelId);
  const waiting = allServersMarks(marks);
  const listed = data?.myServers.map((ref) => getFragmentData(ServerRailItemFragment, ref)).find((s) => s.id === params.serverId);
  useDocumentTitle(params.serverId, params.channelId, listed?.name, waiting);
  useHeartbeat(Boolean(data?.me));
  // Navigating closes the drawer on small screens; so does Escape.
  useEffect(() => setDrawerOpen(false), [pathname]);
  useEffect(() => {
    if (!drawerOpen) return;
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && setDrawerOpen(false);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [drawerOpen]);

  if (!data && fetching) return <LoadingState label="Loading your servers…" fullPage />;
  if (!data?.me) return <ErrorState error={apiErrorOf(error)} onRetry={() => refetch({ requestPolicy: 'network-only' })} fullPage />;

  const closeDrawer = () => setDrawerOpen(false);
  const serverId = params.serverId;
  return (
    <div className="app">
      <ConnectionBanner />
      <PageNotice />
      <div className={drawerOpen ? 'app-body drawer-open' : 'app-body'}>
        <div className="drawer" id="navigation">
          <ServerRail servers={data.myServers} marks={marks} selectedId={params.serverId} onNavigate={closeDrawer} />
          <div className="drawer-column">
            {serverId ? (
              <ServerSidebarContainer
                key={serverId}
                serverId={serverId}
                channelId={params.channelId}
                onNavigate={closeDrawer}
                onJoinVoice={(voiceChannelId) => void voice.join(serverId, voiceChannelId)}
              />
            ) : (
              <nav className="sidebar" aria-label="Home">
                <header className="sidebar-header">
                  <h2 className="sidebar-title">Home</h2>
                </header>
                <p className="muted small sidebar-hint">Pick a server on the left, create one with +, or discover public servers.</p>
              </nav>
            )}
            <VoicePanel />
            <UserPanel user={data.me} />
          </div>
        </div>
        {drawerOpen && <button type="button" className="drawer-scrim" aria-label="Close navigation" onClick={closeDrawer} />}
        <main className="main">
          <button
            type="button"
            className="menu-button"
            aria-label={`Open navigation${unreadSuffix(waiting.hasUnread, waiting.mentionCount)}`}
            aria-expanded={drawerOpen}
            aria-controls="navigation"
            onClick={() => setDrawerOpen(true)}
          >
            <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden fill="none" stroke="currentColor" strokeWidth="2">
              <path d="M4 6h16M4 12h16M4 18h16" />
            </svg>
            {/* Somewhere in the folded rail and sidebar: a red count for mentions, else a dot for unread. */}
            {waiting.mentionCount > 0 ? (
              <MentionBadge count={waiting.mentionCount} />
            ) : (
              waiting.hasUnread && <span className="unread-dot" aria-hidden />
            )}
          </button>
          {children}
        </main>
      </div>
    </div>
  );
}
