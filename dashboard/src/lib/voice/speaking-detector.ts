export interface SpeakingThresholds {
  /** A level at or above this starts "speaking". */
  on: number;
  /** Below this for `holdMs` ends it; between `off` and `on` keeps the current answer (hysteresis). */
  off: number;
  holdMs: number;
}

/** Levels are linear 0..1 (RTP audioLevel, or the RMS of Web Audio samples). */
export const DEFAULT_SPEAKING_THRESHOLDS: SpeakingThresholds = { on: 0.04, off: 0.02, holdMs: 300 };

/**
 * Turns a stream of audio levels into a steady speaking flag: quick to light up, slow to go out,
 * so the ring does not flicker between syllables.
 */
export class SpeakingDetector {
  private speaking = false;
  private quietSince: number | null = null;

  constructor(private readonly thresholds: SpeakingThresholds = DEFAULT_SPEAKING_THRESHOLDS) {}

  get isSpeaking(): boolean {
    return this.speaking;
  }

  /** Feeds one level measured at `now` (ms); returns whether the source counts as speaking. */
  update(level: number, now: number): boolean {
    const { on, off, holdMs } = this.thresholds;
    if (level >= on) {
      this.speaking = true;
      this.quietSince = null;
    } else if (level < off && this.speaking) {
      this.quietSince ??= now;
      if (now - this.quietSince >= holdMs) {
        this.speaking = false;
        this.quietSince = null;
      }
    } else {
      this.quietSince = null;
    }
    return this.speaking;
  }
}
