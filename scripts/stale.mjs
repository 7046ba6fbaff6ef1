// Shared by the build scripts: is `output` older than any file under `dirs` (relative to the repo)?
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const root = new URL('..', import.meta.url).pathname;

function newestMtime(dir) {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** True when `output` is missing or older than the newest file under any of `dirs`. */
export function isStale(output, dirs) {
  if (!existsSync(output)) return true;
  return statSync(output).mtimeMs < Math.max(...dirs.map((d) => newestMtime(join(root, d))));
}
