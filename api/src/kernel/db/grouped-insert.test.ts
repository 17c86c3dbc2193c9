import { describe, expect, it } from 'vitest';
import { GroupedInsert } from './grouped-insert.js';

/** A writer the test finishes by hand: records each call's rows; "bad" breaks a constraint, "down" finds the database gone. */
function writer() {
  const calls: { kind: 'one' | 'many'; rows: string[] }[] = [];
  const pending: (() => void)[] = [];
  const call = (kind: 'one' | 'many', rows: string[]) =>
    new Promise<void>((resolve, reject) => {
      calls.push({ kind, rows });
      pending.push(() => {
        if (rows.includes('bad')) reject(Object.assign(new Error(`${kind} failed`), { code: '23503' }));
        else if (rows.includes('down')) reject(Object.assign(new Error('connection refused'), { code: 'ECONNREFUSED' }));
        else resolve();
      });
    });
  const finishAll = async () => {
    while (pending.length > 0) {
      pending.shift()!();
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  const grouped = new GroupedInsert<string>(
    (row) => call('one', [row]),
    (rows) => call('many', rows),
  );
  return { grouped, calls, finishAll };
}

const outcome = (p: Promise<void>) =>
  p.then(
    () => 'stored',
    (error: Error) => error.message,
  );

describe('GroupedInsert', () => {
  it('inserts a lone row at once, and the rows that arrive while it is in flight together in one statement', async () => {
    const { grouped, calls, finishAll } = writer();
    const first = outcome(grouped.insert('c1', 'r1'));
    expect(calls).toEqual([{ kind: 'one', rows: ['r1'] }]);
    const later = ['r2', 'r3', 'r4'].map((row) => outcome(grouped.insert('c1', row)));
    // Nothing more is written until the first INSERT is done.
    expect(calls).toHaveLength(1);
    await finishAll();
    expect(await Promise.all([first, ...later])).toEqual(['stored', 'stored', 'stored', 'stored']);
    expect(calls).toEqual([
      { kind: 'one', rows: ['r1'] },
      { kind: 'many', rows: ['r2', 'r3', 'r4'] },
    ]);
    // Idle again: the next row goes at once, alone.
    const next = outcome(grouped.insert('c1', 'r5'));
    expect(calls.at(-1)).toEqual({ kind: 'one', rows: ['r5'] });
    await finishAll();
    expect(await next).toBe('stored');
  });

  it('keeps one INSERT in flight per key: a row of another key is not held back', async () => {
    const { grouped, calls, finishAll } = writer();
    const rows = [grouped.insert('c1', 'a1'), grouped.insert('c2', 'b1'), grouped.insert('c1', 'a2'), grouped.insert('c1', 'a3')].map(
      outcome,
    );
    expect(calls).toEqual([
      { kind: 'one', rows: ['a1'] },
      { kind: 'one', rows: ['b1'] },
    ]);
    await finishAll();
    expect(await Promise.all(rows)).toEqual(['stored', 'stored', 'stored', 'stored']);
    expect(calls.at(-1)).toEqual({ kind: 'many', rows: ['a2', 'a3'] });
  });

  it('when a grouped INSERT fails, inserts its rows one by one so that only the failing row is refused', async () => {
    const { grouped, calls, finishAll } = writer();
    const first = outcome(grouped.insert('c1', 'r1'));
    const later = ['r2', 'bad', 'r3'].map((row) => outcome(grouped.insert('c1', row)));
    await finishAll();
    expect(await Promise.all([first, ...later])).toEqual(['stored', 'stored', 'one failed', 'stored']);
    expect(calls).toEqual([
      { kind: 'one', rows: ['r1'] },
      { kind: 'many', rows: ['r2', 'bad', 'r3'] },
      { kind: 'one', rows: ['r2'] },
      { kind: 'one', rows: ['bad'] },
      { kind: 'one', rows: ['r3'] },
    ]);
  });

  it('when a grouped INSERT fails for the database (not a row), refuses every row at once without retrying each', async () => {
    const { grouped, calls, finishAll } = writer();
    const rows = ['r1', 'r2', 'down', 'r3'].map((row) => outcome(grouped.insert('c1', row)));
    await finishAll();
    expect(await Promise.all(rows)).toEqual(['stored', 'connection refused', 'connection refused', 'connection refused']);
    expect(calls).toEqual([
      { kind: 'one', rows: ['r1'] },
      { kind: 'many', rows: ['r2', 'down', 'r3'] },
    ]);
  });

  it('carries at most 500 rows in one statement', async () => {
    const { grouped, calls, finishAll } = writer();
    const rows = Array.from({ length: 1201 }, (_, i) => `r${i}`);
    const all = Promise.all(rows.map((row) => outcome(grouped.insert('c1', row))));
    await finishAll();
    expect(new Set(await all)).toEqual(new Set(['stored']));
    expect(calls.map((c) => c.rows.length)).toEqual([1, 500, 500, 200]);
    expect(calls.flatMap((c) => c.rows)).toEqual(rows);
  });
});
