'use client';

import { createContext, useEffect, useMemo, type ReactNode } from 'react';
import { useSession } from '@/components/session/api-provider';
import { createVoiceSignalling } from '@/lib/voice/urql-voice-signalling';
import { VoiceEngine } from '@/lib/voice/voice-engine';

export const VoiceEngineContext = createContext<VoiceEngine | null>(null);

/** One voice engine per signed-in session, above the pages, so voice stays on while the member navigates. */
export function VoiceProvider({ children }: { children: ReactNode }) {
  const { api } = useSession();
  const engine = useMemo(() => new VoiceEngine({ signalling: createVoiceSignalling(api) }), [api]);
  useEffect(() => {
    // Closing the tab or signing out leaves voice rather than waiting for the presence timeout.
    const leave = () => void engine.leave();
    window.addEventListener('pagehide', leave);
    return () => {
      window.removeEventListener('pagehide', leave);
      leave();
    };
  }, [engine]);
  return <VoiceEngineContext.Provider value={engine}>{children}</VoiceEngineContext.Provider>;
}
