import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Prints a benchmark's figures and keeps them in bench/results/<name>.json for comparison across runs. */
export function report(name: string, figures: Record<string, number | string>): void {
  console.log(`\n${name}`);
  for (const [key, value] of Object.entries(figures))
    console.log(`  ${key.padEnd(52)} ${typeof value === 'number' ? value.toFixed(2) : value}`);
  const dir = fileURLToPath(new URL('./results/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}${name}.json`, JSON.stringify({ at: new Date().toISOString(), ...figures }, null, 2));
}
