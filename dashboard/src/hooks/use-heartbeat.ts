'use client';

import { useEffect } from 'react';
import { useMutation } from 'urql';
import { graphql } from '@/gql';

const HeartbeatMutation = graphql(`
  mutation Heartbeat {
    heartbeat
  }
`);

/** Well inside the API's default PRESENCE_TIMEOUT_SECONDS (60), so a quiet tab stays online. */
const HEARTBEAT_EVERY_MS = 25_000;

/** Beats while the page is open; the open socket counts too, this keeps an idle page present. */
export function useHeartbeat(enabled: boolean): void {
  const [, beat] = useMutation(HeartbeatMutation);
  useEffect(() => {
    if (!enabled) return;
    void beat({});
    const timer = setInterval(() => void beat({}), HEARTBEAT_EVERY_MS);
    return () => clearInterval(timer);
  }, [enabled, beat]);
}
