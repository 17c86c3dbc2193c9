import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SpeakingDetector } from './speaking-detector';

const thresholds = { on: 0.1, off: 0.05, holdMs: 300 };

/** Feeds levels 100 ms apart and returns the flag after each. */
function run(levels: number[]): boolean[] {
  const detector = new SpeakingDetector(thresholds);
  return levels.map((level, i) => detector.update(level, i * 100));
}

describe('SpeakingDetector', () => {
  it('lights up at the first loud level', () => {
    expect(run([0, 0.01, 0.2])).toEqual([false, false, true]);
  });

  it('stays lit through a short pause and goes out after the hold time', () => {
    // loud, then quiet at 100, 200, 300, 400 ms: quiet since 100 ms, out once 300 ms have passed (at 400).
    expect(run([0.2, 0, 0, 0, 0])).toEqual([true, true, true, true, false]);
  });

  it('a loud level during the pause restarts the hold', () => {
    expect(run([0.2, 0, 0, 0.2, 0, 0, 0, 0])).toEqual([true, true, true, true, true, true, true, false]);
  });

  it('levels between the thresholds keep the current answer (hysteresis)', () => {
    expect(run([0.07, 0.07])).toEqual([false, false]);
    expect(run([0.2, 0.07, 0.07, 0.07, 0.07, 0.07])).toEqual([true, true, true, true, true, true]);
  });

  it('a level between the thresholds interrupts the quiet count', () => {
    expect(run([0.2, 0, 0, 0.07, 0, 0, 0])).toEqual([true, true, true, true, true, true, true]);
  });

  it('never speaks without a level at or above `on`, and always speaks right after one', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 50 }), (levels) => {
        const flags = run(levels);
        const firstLoud = levels.findIndex((l) => l >= thresholds.on);
        flags.forEach((flag, i) => {
          if (firstLoud === -1 || i < firstLoud) expect(flag).toBe(false);
          if (levels[i]! >= thresholds.on) expect(flag).toBe(true);
        });
      }),
    );
  });
});
