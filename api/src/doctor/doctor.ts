import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { ConfigError, loadConfig, type ApiConfig } from '../kernel/config/config.js';
import { withinMs } from '../kernel/time/within-ms.js';
import { doctorChecks, type Check, type CheckResult, type CheckStatus } from './checks.js';

// `npm run doctor`: tells a self-hoster whether Rashigo, and voice, will work with the services
// and network in their environment, one plain line per check.

export interface DoctorOptions {
  /** Each check gives up after this long (default 3 s). */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 3000;
const MARKS: Record<CheckStatus, string> = { pass: '✔', warn: '⚠', fail: '✘' };

/** Runs every check at once, prints their lines in order and a summary; resolves to the exit code. */
export async function runDoctor(config: ApiConfig, print: (line: string) => void, options: DoctorOptions = {}): Promise<number> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const checks = doctorChecks(config);
  print(`Rashigo doctor: ${checks.length} checks, each giving up after ${timeoutMs / 1000} s`);
  const running = checks.map((check) => settle(check, timeoutMs));
  const counts: Record<CheckStatus, number> = { pass: 0, warn: 0, fail: 0 };
  for (const [index, check] of checks.entries()) {
    const result = await running[index]!;
    counts[result.status] += 1;
    print(`${MARKS[result.status]} ${check.name.padEnd(8)}  ${check.target}  ${result.detail}`);
  }
  print('');
  print(summary(counts, checks.length));
  return counts.fail ? 1 : 0;
}

/** A check never throws and never hangs the doctor: a backstop beyond its own timeouts. */
async function settle(check: Check, timeoutMs: number): Promise<CheckResult> {
  const limitMs = 2 * timeoutMs + 1000; // a check may spend its timeout twice (connect, then query)
  const outcome = check.run(timeoutMs).catch((error: unknown): CheckResult => ({
    status: 'fail',
    detail: `failed: ${error instanceof Error ? error.message : String(error)}`,
  }));
  return withinMs(outcome, limitMs, () => ({ status: 'fail', detail: `no answer in ${limitMs / 1000} s` }));
}

function summary(counts: Record<CheckStatus, number>, total: number): string {
  const warnings = counts.warn === 1 ? '1 warning' : `${counts.warn} warnings`;
  if (counts.fail) return `${counts.fail} of ${total} checks failed (✘ above). Fix them and run npm run doctor again.`;
  if (counts.warn) return `No failures; ${warnings} (⚠ above): Rashigo will run, but read them.`;
  return `All ${total} checks passed.`;
}

async function main(): Promise<void> {
  let config: ApiConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.log(`${MARKS.fail} config    ${error.message}`);
    process.exitCode = 1;
    return;
  }
  process.exitCode = await runDoctor(config, (line) => console.log(line));
  // A check that overran its backstop may still hold a socket: do not wait for it.
  setTimeout(() => process.exit(), 1000).unref();
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(realpathSync(entry)).href) await main();
