'use client';

import { useEffect, useRef } from 'react';
import { useSession } from '@/components/session/api-provider';

/** Runs `callback` each time the realtime connection comes back after a drop (not on the first connect). */
export function useOnReconnect(callback: () => void): void {
  const { api } = useSession();
  const latest = useRef(callback);
  useEffect(() => {
    latest.current = callback;
  });
  useEffect(() => {
    let previous = api.connection.current;
    return api.connection.subscribe(() => {
      const now = api.connection.current;
      if (previous === 'reconnecting' && now === 'online') latest.current();
      previous = now;
    });
  }, [api]);
}
