'use client';

import { useEffect, useRef } from 'react';

/** A signal raised for one server at a time, and the hook that runs a callback on each raise. */
export interface ServerSignal {
  raise(serverId: string): void;
  useOn(serverId: string, callback: () => void): void;
}

export function serverSignal(): ServerSignal {
  const target = new EventTarget();
  return {
    raise: (serverId) => void target.dispatchEvent(new Event(serverId)),
    useOn(serverId, callback) {
      // The latest callback runs, without re-subscribing on every render.
      const latest = useRef(callback);
      useEffect(() => {
        latest.current = callback;
      });
      useEffect(() => {
        const listener = () => latest.current();
        target.addEventListener(serverId, listener);
        return () => target.removeEventListener(serverId, listener);
      }, [serverId]);
    },
  };
}
