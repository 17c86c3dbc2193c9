import type { Logger } from 'pino';
import type { EntityManager, Orm } from '../kernel/db/orm.js';
import { Failpoint, failpoint } from '../kernel/faults/failpoint.js';
import type { OutboxEffect, OutboxHandlers } from './outbox-effect.js';

/** How long a performer has a row to itself: far longer than performing takes, short enough to retry soon. */
const CLAIM_SECONDS = 30;

/**
 * Rows this process failed to perform are retried by it, first after RETRY_FIRST_MS, then at twice
 * the wait each time up to RETRY_MAX_MS: Redis is usually back within seconds, and the sweep only
 * comes once a period (SWEEP_EVERY_SECONDS). At most RETRY_MAX_ROWS are tracked; the rest wait for it.
 */
const RETRY_FIRST_MS = 250;
const RETRY_MAX_MS = 8000;
const RETRY_MAX_ROWS = 10_000;

/** Adds effects the running transaction owes once committed. */
export type Owe = (...effects: OutboxEffect[]) => void;

/**
 * Transactional outbox: an action's side effects are a row written in its own transaction, so a
 * crash between commit and announcement cannot lose them. The committing process performs the row
 * right after the commit (the fast path); the workers' sweep performs what a dead process left.
 * A performer claims a row for CLAIM_SECONDS (one performer at a time), performs its effects in the
 * order owed with no connection held — they may need the database themselves, and holding one while
 * waiting for another exhausts the pool under load — then deletes it. A performer that dies or fails
 * leaves the row to be performed again once the claim lapses, one that fails gives its claim back
 * and retries the row itself (at least once; every effect is safe twice).
 */
export class Outbox {
  private handlers: OutboxHandlers | null = null;
  private readonly retrying = new Set<string>();
  private retryTimer: NodeJS.Timeout | null = null;
  private retryDelayMs = RETRY_FIRST_MS;

  constructor(
    private readonly orm: Orm,
    private readonly log: Logger,
  ) {}

  /** Wired once the services that perform the effects exist (they write to the outbox too). */
  handle(handlers: OutboxHandlers): void {
    this.handlers = handlers;
  }

  /**
   * Runs `work` in a new transaction; what it `owe`s is written in that transaction and performed
   * after the commit. The action stands even when performing fails now (Redis down): the sweep
   * performs it later.
   */
  async transaction<T>(work: (em: EntityManager, owe: Owe) => Promise<T>): Promise<T> {
    const effects: OutboxEffect[] = [];
    const { result, id } = await this.orm.em.fork().transactional(async (em) => {
      const result = await work(em, (...owed) => effects.push(...owed));
      return { result, id: effects.length > 0 ? await this.write(em, effects) : null };
    });
    if (id === null) return result;
    failpoint(Failpoint.outboxCommitted);
    await this.perform(id).catch((err: unknown) => {
      this.log.warn({ err, outboxId: id }, 'side effects not performed; retrying');
      this.retry(id);
    });
    return result;
  }

  /**
   * For a hot path that performs an effect straight after its commit, with no row written first:
   * if performing fails (Redis unreachable or silent), the effect is written for the sweep instead.
   * Never throws, since the action stands; an effect neither performed nor written is logged as lost.
   */
  async performOrOwe(effect: OutboxEffect): Promise<void> {
    try {
      await this.run(effect);
      return;
    } catch (err) {
      try {
        this.retry(await this.write(this.orm.em.fork(), [effect]));
        this.log.warn({ err, kind: effect.kind }, 'side effect not performed; owed and retrying');
      } catch (writeErr) {
        // The kind only: a message's content is not for the logs.
        this.log.error({ err, writeErr, kind: effect.kind }, 'side effect lost: neither performed nor written');
      }
    }
  }

  private async write(em: EntityManager, effects: OutboxEffect[]): Promise<string> {
    const [row] = await em.execute<{ id: string }[]>('insert into outbox (effects) values (?::jsonb) returning id', [
      JSON.stringify(effects),
    ]);
    return String(row!.id);
  }

  /** Performs one row's effects in order, then deletes it; false if it is gone or another performer claimed it. */
  async perform(id: string): Promise<boolean> {
    const em = this.orm.em.fork();
    const [row] = await em.execute<{ effects: OutboxEffect[] }[]>(
      `update outbox set claimed_until = now() + make_interval(secs => ?)
        where id = ? and (claimed_until is null or claimed_until < now()) returning effects`,
      [CLAIM_SECONDS, id],
    );
    if (!row) return false;
    try {
      for (const effect of row.effects) await this.run(effect);
    } catch (error) {
      // Given back, so the next attempt need not wait for the claim to lapse.
      await em.execute('update outbox set claimed_until = null where id = ?', [id]).catch(() => undefined);
      throw error;
    }
    await em.execute('delete from outbox where id = ?', [id]);
    return true;
  }

  /** Rows this process is retrying (for tests and metrics). */
  get retryingCount(): number {
    return this.retrying.size;
  }

  /** Stops retrying (the process is closing; what is left is the sweep's). */
  stop(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.retrying.clear();
  }

  private retry(id: string): void {
    if (this.retrying.size >= RETRY_MAX_ROWS) return;
    this.retrying.add(id);
    this.retryTimer ??= setTimeout(this.retryNow, this.retryDelayMs).unref();
  }

  private readonly retryNow = async (): Promise<void> => {
    for (const id of [...this.retrying]) {
      try {
        await this.perform(id); // false: gone, or claimed by the sweep; either way not ours now
        this.retrying.delete(id);
      } catch {
        break; // Still failing: the rest would fail the same way.
      }
    }
    this.retryDelayMs = this.retrying.size > 0 ? Math.min(this.retryDelayMs * 2, RETRY_MAX_MS) : RETRY_FIRST_MS;
    this.retryTimer = this.retrying.size > 0 ? setTimeout(this.retryNow, this.retryDelayMs).unref() : null;
  };

  private run(effect: OutboxEffect): Promise<void> {
    if (!this.handlers) throw new Error('Outbox handlers are not wired');
    return (this.handlers[effect.kind] as (effect: OutboxEffect) => Promise<void>)(effect);
  }

  /** The workers' sweep: rows older than `olderThanMs` (their own process had its chance), oldest first. */
  async sweep(olderThanMs: number): Promise<number> {
    const rows = await this.orm.em
      .fork()
      .execute<{ id: string }[]>('select id from outbox where created_at < now() - make_interval(secs => ?) order by id', [
        olderThanMs / 1000,
      ]);
    let performed = 0;
    for (const row of rows) if (await this.perform(String(row.id))) performed += 1;
    return performed;
  }
}
