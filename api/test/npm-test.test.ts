import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { testDatabaseUrl } from './global-setup.js';

const COTURN_MODULE = fileURLToPath(new URL('../../scripts/coturn.mjs', import.meta.url));

describe('npm test on a machine that is not this one', () => {
  const bin = mkdtempSync(join(tmpdir(), 'rashigo-no-coturn-'));
  const marker = join(bin, 'installed');
  // apt-get and sudo that only leave a mark: the check must never call them.
  for (const name of ['apt-get', 'sudo']) {
    writeFileSync(join(bin, name), `#!/bin/sh\necho "$0 $@" >> ${marker}\n`);
    chmodSync(join(bin, name), 0o755);
  }
  // Node alone on PATH (its own directory may be /usr/bin, which holds turnserver here).
  symlinkSync(process.execPath, join(bin, 'node'));
  afterAll(() => rmSync(bin, { recursive: true, force: true }));

  const check = (extraEnv: Record<string, string>) =>
    spawnSync(join(bin, 'node'), ['--input-type=module', '-e', `import { checkCoturn } from '${COTURN_MODULE}'; checkCoturn();`], {
      env: { PATH: bin, ...extraEnv },
      encoding: 'utf8',
    });

  it('installs nothing without coturn: it says the TURN tests skip, and how to install coturn', () => {
    const run = check({});
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/TURN tests are skipped.*apt-get install -y coturn/);
    expect(existsSync(marker)).toBe(false);
  });

  it('fails instead of skipping where the TURN tests are required (CI)', () => {
    const run = check({ RASHIGO_REQUIRE_TURN: '1' });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/RASHIGO_REQUIRE_TURN=1 but coturn \(turnserver\) is not installed/);
    expect(existsSync(marker)).toBe(false);
  });

  it("puts the test database on DATABASE_URL's server, with its credentials", () => {
    const url = new URL(testDatabaseUrl({ DATABASE_URL: 'postgres://app:s3cret@db.internal:6543/rashigo' }));
    expect([url.username, url.password, url.hostname, url.port]).toEqual(['app', 's3cret', 'db.internal', '6543']);
    expect(url.pathname).toMatch(/^\/rashigo_test_/);
    const explicit = new URL(testDatabaseUrl({ TEST_DATABASE_URL: 'postgres://t@tests:5433/x', DATABASE_URL: 'postgres://app@db/x' }));
    expect(explicit.host).toBe('tests:5433');
  });
});
