#!/usr/bin/env node
// Entry point of the `cape` command: runs the bundled CLI (built by `npm ci` via the prepare script).
import { existsSync } from 'node:fs';
const bundle = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(bundle)) {
  console.error('cape: dist/cli/main.js is missing; run `npm run build` (npm ci does it for you).');
  process.exit(2);
}
const { main } = await import(bundle.href);
process.exitCode = await main(process.argv.slice(2));
