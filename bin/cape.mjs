#!/usr/bin/env node
// Entry point of the `cape` command: runs the bundled CLI (built by `npm ci` via the prepare script).
// node:fs through require: an ESM import of it makes Node build its ESM facade, which loads the
// stream modules (~10 ms of CPU at every start).
import { createRequire } from 'node:module';
const { existsSync } = createRequire(import.meta.url)('node:fs');
const bundle = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(bundle)) {
  console.error('cape: dist/cli/main.js is missing; run `npm run build` (npm ci does it for you).');
  process.exit(2);
}
const { main } = await import(bundle.href);
process.exitCode = await main(process.argv.slice(2));
