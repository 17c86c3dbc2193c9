'use client';

import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Provider } from 'urql';
import type { ApiError } from '@/lib/api-errors';
import { resolveApiUrl } from '@/lib/api-url';
import { createApiClient, type ApiClient } from '@/lib/urql-client';
import { useSessionToken } from '@/lib/session-token';
import { ApiUrlContext } from './api-url';

interface Session {
  /** undefined while not known yet (server render), null when signed out. */
  token: string | null | undefined;
  setToken: (token: string | null) => void;
  api: ApiClient;
  /** A notice for the whole page (a channel was deleted, access was lost), shown by the shell. */
  notice: ApiError | undefined;
  /** Shows a notice that says exactly what happened (the channel was deleted), replacing any other. */
  setNotice: (notice: ApiError) => void;
  /** A generic loss (a stream ended, NOT_FOUND): shown only when nothing more precise already is. */
  reportLoss: (notice: ApiError | undefined) => void;
  dismissNotice: () => void;
}

const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside <ApiProvider>');
  return session;
}

/** Holds the session token (shared by every tab) and the one API client made for it. */
export function ApiProvider({ apiUrl, children }: { apiUrl: string | null; children: ReactNode }) {
  const [token, setToken] = useSessionToken();
  const [notice, setNotice] = useState<ApiError>();
  const reportLoss = useCallback((next: ApiError | undefined) => setNotice((current) => current ?? next), []);
  const dismissNotice = useCallback(() => setNotice(undefined), []);
  const expire = useCallback(() => setToken(null), [setToken]);
  const api = useMemo(
    () => createApiClient(resolveApiUrl(apiUrl), token ?? null, { onUnauthenticated: expire, onLost: reportLoss }),
    [apiUrl, token, expire, reportLoss],
  );
  useEffect(() => () => api.dispose(), [api]);

  const session = useMemo(
    () => ({ token, setToken, api, notice, setNotice, reportLoss, dismissNotice }),
    [token, setToken, api, notice, reportLoss, dismissNotice],
  );
  return (
    <SessionContext.Provider value={session}>
      <ApiUrlContext.Provider value={apiUrl}>
        <Provider value={api.urql}>{children}</Provider>
      </ApiUrlContext.Provider>
    </SessionContext.Provider>
  );
}
