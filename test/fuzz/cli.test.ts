/**
 * CLI fuzz (issue 12): random argument vectors against every command of the registry. The exit
 * status is always 0, 1 or 2; a failure prints one line on stderr without raw control bytes;
 * with --json a successful run prints parseable JSON. Bounded and seeded (fast-check).
 * `serve` (starts a server) and `steer` (loads model weights) are left out.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { bufferIo } from '../../src/cli/io.ts';
import { COMMANDS, main } from '../../src/cli/main.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'cape-fuzz-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const SKIP = new Set(['serve', 'steer']);
const FLAGS = [
  '--json',
  '--help',
  '--swe',
  '--gpqa',
  '--params',
  '--hellaswag',
  '--truthfulqa',
  '--family',
  '--name',
  '--previous',
  '--lab',
  '--from',
  '--to',
  '--subset',
  '--x',
  '--y',
  '--format',
  '--file',
  '--include-workspace',
  '--dry-run',
  '--threshold',
  '--nope',
  '-h',
  '--',
];
const VALUES = [
  '',
  '0',
  '0.5',
  '50',
  '101',
  '-1',
  'NaN',
  'Infinity',
  '1e309',
  '0x10',
  '7B',
  '410M',
  'Pythia',
  'GPT-5.1',
  'OpenAI',
  'frozen',
  'all',
  'csv',
  'json',
  'hellaswag',
  'kink',
  'list',
  'add',
  'check',
  'export',
  'remove',
  '1',
  '__proto__',
  'constructor',
  '\u0000',
  'a\nb',
  '\u001b[31m',
  '/dev/null',
  '/nonexistent/results.json',
];
const token = fc.oneof(
  fc.constantFrom(...FLAGS),
  fc.constantFrom(...VALUES),
  fc.string({ maxLength: 8 }),
);
// mostly flag-value pairs (so runs get past argument parsing), sometimes stray tokens
const argv = fc
  .array(
    fc.oneof(
      fc.tuple(fc.constantFrom(...FLAGS), fc.constantFrom(...VALUES)),
      token.map((t) => [t]),
    ),
    { maxLength: 5 },
  )
  .map((parts) => parts.flat());

describe('random argv against every command', () => {
  it('exit in {0, 1, 2}, one-line errors, parseable --json', async () => {
    const prev = process.env.CAPE_DATA_DIR;
    process.env.CAPE_DATA_DIR = dataDir;
    try {
      for (const name of [
        ...Object.keys(COMMANDS).filter((c) => !SKIP.has(c)),
        '__proto__',
        'toString',
        'nope',
      ]) {
        await fc.assert(
          fc.asyncProperty(argv, async (args) => {
            const full = [name, ...args];
            const io = bufferIo();
            const code = await main(full, io);
            const what = `cape ${JSON.stringify(full)} -> ${code}: ${io.stderr.slice(0, 200)}`;
            expect([0, 1, 2], what).toContain(code);
            if (code !== 0 && !(name === 'gate' && code === 1 && !args.includes('--json'))) {
              expect(io.stderr.trimEnd().split('\n').length, what).toBe(1);
            }
            expect(io.stderr, what).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
            if (
              code === 0 &&
              args.includes('--json') &&
              !args.includes('--help') &&
              !args.includes('-h')
            ) {
              expect(() => JSON.parse(io.stdout), what).not.toThrow();
            }
          }),
          {
            numRuns: name === 'leaderboard' || name === 'diagnostics' || name === 'verify' ? 6 : 30,
            seed: 1212,
            endOnFailure: true,
          },
        );
      }
    } finally {
      if (prev === undefined) delete process.env.CAPE_DATA_DIR;
      else process.env.CAPE_DATA_DIR = prev;
    }
  }, 180_000);
});
