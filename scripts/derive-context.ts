/**
 * Writes data/derived/context.json and context-arrays.json/.bin: the dataset-level
 * context computed by the engine (src/cape/derived.ts) once per dataset version, loaded by
 * src/data/load.ts at start-up instead of recomputing its bootstraps in every process. Run by
 * `npm run build` and `npm run derive`. It first validates every shipped data file against its
 * schema (src/data/check.ts). With CI=true it writes nothing: it only checks, and exits 1 when a
 * file is stale.
 *
 *   npx tsx scripts/derive-context.ts [--check]
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deriveFiles } from '../src/cape/derived.ts';
import { checkShippedData } from '../src/data/check.ts';

// the shipped files are schema-checked here and by the CLI build, not at every start (load.ts)
checkShippedData();

const dir = join(import.meta.dirname, '..', 'data', 'derived');
const derived = deriveFiles();
const json = (v: unknown) => Buffer.from(`${JSON.stringify(v, null, 1)}\n`);
for (const [name, bytes] of [
  ['context.json', json(derived.context)],
  ['context-arrays.json', json(derived.arrays)],
  ['context-arrays.bin', Buffer.from(derived.arrayBytes)],
] as const) {
  const file = join(dir, name);
  const current = existsSync(file) ? readFileSync(file) : null;
  if (current?.equals(bytes)) {
    console.log(`${file}: up to date`);
  } else if (process.env.CI === 'true' || process.argv.includes('--check')) {
    console.error(`${file} is stale (run: npm run derive)`);
    process.exitCode = 1;
  } else {
    writeFileSync(file, bytes);
    console.log(`${file}: written (${bytes.length} bytes)`);
  }
}
