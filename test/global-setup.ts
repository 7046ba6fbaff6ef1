/**
 * Vitest global setup: `npm test` includes the browser tests, so a missing Chromium stops the run
 * at once with one line saying how to install it — never a silent skip, never a wall of failures.
 */
import { existsSync } from 'node:fs';
import { CHROMIUM, CHROMIUM_MISSING } from './e2e/harness.ts';

export default function setup(): void {
  if (!existsSync(CHROMIUM)) {
    process.stderr.write(`\n${CHROMIUM_MISSING}\n\n`);
    throw new Error(CHROMIUM_MISSING);
  }
}
