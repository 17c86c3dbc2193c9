/**
 * Time-ordered 64-bit ids, Twitter-snowflake layout: 42 bits of milliseconds since EPOCH,
 * 10 bits of worker id, 12 bits of sequence. A later id compares larger as a big integer,
 * so message ids double as pagination cursors. Ids travel as decimal strings.
 */
export const SNOWFLAKE_EPOCH_MS = Date.UTC(2026, 0, 1);
const WORKER_BITS = 10n;
const SEQUENCE_BITS = 12n;
const MAX_SEQUENCE = (1n << SEQUENCE_BITS) - 1n;
export const MAX_WORKER_ID = (1 << Number(WORKER_BITS)) - 1;

export type Snowflake = string;

export class SnowflakeGenerator {
  private lastMs = -1;
  private sequence = 0n;

  constructor(
    private readonly workerId: number,
    private readonly now: () => number = Date.now,
  ) {
    if (!Number.isInteger(workerId) || workerId < 0 || workerId > MAX_WORKER_ID) {
      throw new RangeError(`worker id must be an integer in 0..${MAX_WORKER_ID}`);
    }
  }

  next(): Snowflake {
    let ms = Math.max(this.now(), this.lastMs);
    if (ms === this.lastMs) {
      this.sequence = (this.sequence + 1n) & MAX_SEQUENCE;
      // Sequence exhausted within this millisecond: borrow the next one so ids stay unique and ordered.
      if (this.sequence === 0n) ms += 1;
    } else {
      this.sequence = 0n;
    }
    this.lastMs = ms;
    const elapsed = BigInt(ms - SNOWFLAKE_EPOCH_MS);
    return ((elapsed << (WORKER_BITS + SEQUENCE_BITS)) | (BigInt(this.workerId) << SEQUENCE_BITS) | this.sequence).toString();
  }
}

/** The smallest id that could be generated at `date`: a cursor for "everything since this time". */
export function snowflakeAt(date: Date): Snowflake {
  return (BigInt(date.getTime() - SNOWFLAKE_EPOCH_MS) << (WORKER_BITS + SEQUENCE_BITS)).toString();
}

export function snowflakeTime(id: Snowflake): Date {
  return new Date(Number(BigInt(id) >> (WORKER_BITS + SEQUENCE_BITS)) + SNOWFLAKE_EPOCH_MS);
}

/** Orders ids as the numbers they are without parsing them: longer is larger, and at equal length text order is number order. */
export const compareSnowflakes = (a: Snowflake, b: Snowflake): number => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);

export function isSnowflake(value: string): boolean {
  return /^[0-9]{1,20}$/.test(value) && BigInt(value) < 1n << 63n;
}

let processGenerator = new SnowflakeGenerator(Math.floor(Math.random() * (MAX_WORKER_ID + 1)));

/** Called once at start with a worker id leased from Redis, so two processes never share one. */
export function useWorkerId(workerId: number): void {
  processGenerator = new SnowflakeGenerator(workerId);
}

export function newId(): Snowflake {
  return processGenerator.next();
}
