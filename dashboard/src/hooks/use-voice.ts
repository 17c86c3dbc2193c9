'use client';

import { useContext, useSyncExternalStore } from 'react';
import { VoiceEngineContext } from '@/components/voice/voice-provider';
import type { VoiceEngine } from '@/lib/voice/voice-engine';
import type { VoiceSnapshot } from '@/lib/voice/voice-state';

/** The member's voice connection: what to render, and the engine to act on it. */
export function useVoice(): { voice: VoiceSnapshot; engine: VoiceEngine } {
  const engine = useContext(VoiceEngineContext);
  if (!engine) throw new Error('useVoice outside <VoiceProvider>');
  const voice = useSyncExternalStore(engine.subscribe, engine.getSnapshot, engine.getSnapshot);
  return { voice, engine };
}
