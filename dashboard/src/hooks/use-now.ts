'use client';

import { useEffect, useState } from 'react';

/** The time, read again every `intervalMs` while mounted: what says "5 minutes ago" goes on counting. */
export function useNow(intervalMs: number): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
