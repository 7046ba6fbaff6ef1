/** Finds a vendored file under the project's data/ folder from this module (source or bundle). */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CapeError } from '../../core/errors.ts';

/** Absolute path of data/<rel> in the nearest folder above `start` that has it. */
export function projectDataFile(
  rel: string,
  start = dirname(fileURLToPath(import.meta.url)),
): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const p = join(dir, 'data', rel);
    if (existsSync(p)) return p;
    if (dirname(dir) === dir) {
      throw new CapeError(
        'E_INPUT',
        `data/${rel} not found above ${start} (expected the file vendored in the project's data folder)`,
        rel,
      );
    }
  }
}
