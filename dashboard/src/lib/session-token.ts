'use client';

import { useCallback, useSyncExternalStore } from 'react';

const STORAGE_KEY = 'rashigo.token';
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  // Signing in or out in another tab updates this one too.
  const onStorage = (event: StorageEvent) => {
    if (event.key === STORAGE_KEY) listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

const read = () => window.localStorage.getItem(STORAGE_KEY);
// On the server there is no localStorage: render as "unknown", then hydrate.
const readOnServer = () => undefined;

/**
 * The session token kept in localStorage. `undefined` while rendering on the server (not known yet),
 * `null` when signed out.
 */
export function useSessionToken(): [token: string | null | undefined, setToken: (token: string | null) => void] {
  const token = useSyncExternalStore<string | null | undefined>(subscribe, read, readOnServer);
  const setToken = useCallback((next: string | null) => {
    if (next) window.localStorage.setItem(STORAGE_KEY, next);
    else window.localStorage.removeItem(STORAGE_KEY);
    for (const listener of listeners) listener();
  }, []);
  return [token, setToken];
}
