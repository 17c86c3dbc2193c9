// `npm test`: install if needed, make sure Postgres and Redis answer, then run every workspace's
// vitest suite in turn, streaming its output. Exits with the first failing suite's code.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkCoturn } from './coturn.mjs';
import { ensureServices } from './services.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const WORKSPACES = ['api', 'bots', 'dashboard'];
const TEST_FILE = /\.test\.tsx?$/;

let current;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (current?.pid) {
      try {
        process.kill(-current.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
    process.exit(1);
  });
}

if (!existsSync(join(ROOT, 'node_modules'))) {
  const lockfile = existsSync(join(ROOT, 'package-lock.json'));
  console.log(`test: installing dependencies (npm ${lockfile ? 'ci' : 'install'})`);
  const code = await run('npm', [lockfile ? 'ci' : 'install'], ROOT);
  if (code !== 0) process.exit(code);
}

try {
  await ensureServices({ log: (line) => console.log(`test: ${line}`) });
} catch (error) {
  console.error(`test: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

// The doctor's tests probe a real coturn (api/src/doctor/doctor.test.ts); they skip, saying why, without one.
try {
  checkCoturn({ log: (line) => console.log(`test: ${line}`) });
} catch (error) {
  console.error(`test: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

// The dashboard's browser tests drive Debian's Chromium; npm test installs no system packages.
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (spawnSync(chromium, ['--version'], { stdio: 'ignore' }).error) {
  console.error(`test: no Chromium at ${chromium}: install it (apt-get install -y chromium) or set CHROMIUM_PATH`);
  process.exit(1);
}

// Worker tests run the real worker program (api/dist/workers/main.js), which runs compiled code; the
// dashboard's browser tests run the built dashboard (`next start`) against the compiled API and workers.
console.log('test: building the api (and its workers entry) and the dashboard');
for (const ws of ['api', 'dashboard']) {
  const code = await run('npm', ['run', 'build', '-w', ws], ROOT);
  if (code !== 0) process.exit(code);
}

const suites = WORKSPACES.filter((ws) => hasTests(join(ROOT, ws)));
if (suites.length === 0) {
  console.error('test: no test files found');
  process.exit(1);
}

const reports = mkdtempSync(join(tmpdir(), 'rashigo-test-'));
const totals = { passed: 0, failed: 0, skipped: 0 };
let exitCode = 0;
for (const ws of suites) {
  console.log(`\ntest: ${ws} (vitest run)`);
  const report = join(reports, `${ws}.json`);
  const code = await run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`], join(ROOT, ws));
  addCounts(report);
  if (code !== 0) {
    // Keep going so one run reports every suite; exit with the first failure's code.
    if (exitCode === 0) exitCode = code;
    console.error(`test: ${ws} failed (exit code ${code})`);
  }
}
rmSync(reports, { recursive: true, force: true });

console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(exitCode);

/** A workspace has tests when src/ or test/ holds a *.test.ts(x) file. */
function hasTests(dir) {
  return ['src', 'test'].some((sub) => containsTest(join(dir, sub)));
}

function containsTest(dir) {
  if (!existsSync(dir)) return false;
  return readdirSync(dir, { withFileTypes: true }).some((entry) =>
    entry.isDirectory() ? entry.name !== 'node_modules' && containsTest(join(dir, entry.name)) : TEST_FILE.test(entry.name),
  );
}

function addCounts(reportFile) {
  try {
    const report = JSON.parse(readFileSync(reportFile, 'utf8'));
    totals.passed += report.numPassedTests ?? 0;
    totals.failed += report.numFailedTests ?? 0;
    totals.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  } catch {
    // no report (vitest did not get as far as writing one): the exit code tells
  }
}

function run(command, args, cwd) {
  return new Promise((resolve) => {
    current = spawn(command, args, { cwd, stdio: 'inherit', detached: true });
    current.once('error', (error) => {
      console.error(`test: cannot run ${command}: ${error.message}`);
      resolve(1);
    });
    current.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}
