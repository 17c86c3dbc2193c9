'use client';

import { useCallback } from 'react';
import { logout } from '@/components/auth/auth-operations';
import { SignInForm } from '@/components/auth/sign-in-form';
import { ServersView } from '@/components/servers/servers-view';
import { useSessionToken } from '@/hooks/use-session-token';

/** Shows the sign-in form or, with a stored session token, the member's servers. */
export function SessionGate() {
  const [token, setToken] = useSessionToken();
  const forget = useCallback(() => setToken(null), [setToken]);
  const signOut = useCallback(() => {
    if (token) void logout(token).catch(() => undefined);
    setToken(null);
  }, [token, setToken]);

  if (token === undefined) return <main className="auth" aria-busy="true" />;
  if (token === null) return <SignInForm onSignedIn={setToken} />;
  return <ServersView token={token} onSignOut={signOut} onSessionExpired={forget} />;
}
