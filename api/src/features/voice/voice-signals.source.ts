import type { Viewer } from '../auth/viewer.js';
import type { Services } from '../../services.js';
import { closeWith, EventStream } from '../../realtime/event-stream.js';
import { fanoutItem, type FanoutItem } from '../../realtime/fanout-item.js';
import { Topic } from '../../realtime/topics.js';
import type { VoiceSignalPayload } from './voice-state.js';

type Signal = Extract<VoiceSignalPayload, { fromSessionId: string }>;

/** voiceSignals(sessionId): only the session's own user; ends when the session ends. */
export async function voiceSignalSource(
  services: Services,
  viewer: Viewer,
  sessionId: string,
): Promise<AsyncIterableIterator<FanoutItem<Signal>>> {
  await services.voice.ownSession(viewer.userId, sessionId);
  let stop = () => {};
  const stream = new EventStream<VoiceSignalPayload>(() => stop());
  stop = await services.bus.listen(Topic.voiceSignals(sessionId), (signal) => stream.push(signal));
  // A session that ended between the check above and the listen published its END unheard: end here.
  if (!(await services.voice.session(sessionId))) stream.push({ type: 'END' });
  async function* signals(): AsyncGenerator<FanoutItem<Signal>> {
    for await (const signal of stream) {
      if (signal.type === 'END') return;
      // One recipient per topic: nothing to share, so the view is the session itself.
      yield fanoutItem(signal, sessionId);
    }
  }
  return closeWith(stream, signals());
}
