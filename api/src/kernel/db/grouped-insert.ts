interface Waiting<Row> {
  row: Row;
  resolve(): void;
  reject(error: unknown): void;
}

/** The most rows one grouped INSERT carries; more wait for the next. */
const MAX_ROWS = 500;

/** SQLSTATE classes 22 (data exception) and 23 (integrity constraint violation): a row's own fault. */
const isRowError = (error: unknown) => /^2[23]/.test(String((error as { code?: unknown } | null)?.code ?? ''));

/**
 * Inserts rows one statement at a time per key (a channel, say): the rows that arrive while the
 * key's INSERT is in flight wait for it and then go in together, one statement, one commit (one WAL
 * flush) and one round trip for all of them, where each used to cost Postgres and the API its own.
 * A row that finds nothing in flight for its key is inserted at once, so a quiet channel's message
 * waits for nothing, and an INSERT that stalls (on a lock) holds back only its own key. When a
 * grouped INSERT fails for a row's sake (a row whose author was just deleted, say), its rows are
 * inserted one by one, so only the failing row's caller sees the error and every other row is
 * stored once; when it fails for the database's (unreachable), every row's caller gets that error
 * at once rather than after as many more attempts.
 */
export class GroupedInsert<Row> {
  /** Per key with an INSERT in flight: the rows waiting for it, in the order they came. */
  private readonly waiting = new Map<string, Waiting<Row>[]>();

  constructor(
    private readonly insertOne: (row: Row) => Promise<unknown>,
    private readonly insertMany: (rows: Row[]) => Promise<unknown>,
  ) {}

  insert(key: string, row: Row): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const queue = this.waiting.get(key);
      if (queue) queue.push({ row, resolve, reject });
      else {
        this.waiting.set(key, []);
        void this.drain(key, [{ row, resolve, reject }]);
      }
    });
  }

  private async drain(key: string, group: Waiting<Row>[]): Promise<void> {
    for (;;) {
      await this.write(group);
      const queue = this.waiting.get(key)!;
      if (queue.length === 0) {
        this.waiting.delete(key);
        return;
      }
      group = queue.splice(0, MAX_ROWS);
    }
  }

  private async write(group: Waiting<Row>[]): Promise<void> {
    if (group.length > 1) {
      try {
        await this.insertMany(group.map((waiting) => waiting.row));
        for (const waiting of group) waiting.resolve();
        return;
      } catch (error) {
        if (!isRowError(error)) {
          for (const waiting of group) waiting.reject(error);
          return;
        }
        // One bad row fails the statement: find it by inserting each alone.
      }
    }
    await Promise.all(group.map((waiting) => this.insertOne(waiting.row).then(waiting.resolve, waiting.reject)));
  }
}
