/**
 * Writes data/derived/context.json: the dataset-level context computed by the engine
 * (src/cape/derived.ts) once per dataset version, loaded by src/data/load.ts at start-up instead
 * of recomputing its bootstraps in every process. Run by `npm run build` and `npm run derive`.
 * It first validates every shipped data file against its schema (src/data/check.ts).
 * With CI=true it writes nothing: it only checks, and exits 1 when the file is stale.
 *
 *   npx tsx scripts/derive-context.ts [--check]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deriveContext } from '../src/cape/derived.ts';
import { checkShippedData } from '../src/data/check.ts';

// the shipped files are schema-checked here and by the CLI build, not at every start (load.ts)
checkShippedData();

const file = join(import.meta.dirname, '..', 'data', 'derived', 'context.json');
const text = `${JSON.stringify(deriveContext(), null, 1)}\n`;
const current = readFileSync(file, 'utf8');
if (current === text) {
  console.log(`${file}: up to date`);
} else if (process.env.CI === 'true' || process.argv.includes('--check')) {
  console.error(`${file} is stale (run: npm run derive)`);
  process.exitCode = 1;
} else {
  writeFileSync(file, text);
  console.log(`${file}: written (${Object.keys(JSON.parse(text).entries).length} entries)`);
}
