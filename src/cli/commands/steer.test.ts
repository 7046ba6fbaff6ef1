/**
 * `cape steer` through main(): the pinned JSON shapes against the fixtures' torch references,
 * and every bad input → exit 2 with one line naming the field, the value and what is expected.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../main.ts';
import { bufferIo } from '../io.ts';

const FIX = join(import.meta.dirname, '../../../test/fixtures/steering');

async function cape(...argv: string[]) {
  const io = bufferIo();
  const code = await main(argv, io);
  return { code, out: io.stdout, err: io.stderr };
}

describe('cape steer (JSON)', () => {
  it.each(['gpt-neox', 'llama'])(
    '%s: results[0] maps onto reference runs at 0, auto and 30',
    async (name) => {
      const dir = join(FIX, name);
      const ref = JSON.parse(readFileSync(join(dir, 'reference.json'), 'utf8'));
      const p = ref.prompts[2];
      for (const key of ['0', 'auto', '30']) {
        const r = await cape(
          'steer',
          '--model-dir',
          dir,
          '--prompt',
          p.prompt,
          '--max-tokens',
          '12',
          '--greedy',
          '--strength',
          key,
          '--json',
        );
        expect(r.code).toBe(0);
        const j = JSON.parse(r.out);
        expect(j.model).toEqual({
          architecture: ref.model.architecture,
          layers: 4,
          hidden: 64,
          probeLayer: 1,
          dtype: 'F32',
        });
        const x = j.results[0];
        const run = p.runs[key];
        expect([x.phase, x.strength, x.changed, x.promptTokens]).toEqual([
          p.phase,
          run.strength,
          run.changed,
          p.promptTokens,
        ]);
        expect([x.normal.tokens, x.steered.tokens]).toEqual([run.normal, run.steered]);
        expect(Math.abs(x.cosTruth - p.cosTruth)).toBeLessThan(1e-6);
        expect(Object.keys(j.timing)).toEqual(['loadMs', 'prefillMsPerToken', 'decodeMsPerToken']);
        expect(r.err).toMatch(/loading/);
      }
    },
    60_000,
  );

  it('calibrate --json prints the reference calibration', async () => {
    const dir = join(FIX, 'qwen2');
    const ref = JSON.parse(readFileSync(join(dir, 'reference.json'), 'utf8')).calibration;
    const r = await cape('steer', 'calibrate', '--model-dir', dir, '--json');
    const j = JSON.parse(r.out);
    expect(Object.keys(j)).toEqual([
      'layers',
      'hidden',
      'probeLayer',
      'rawNorm',
      'direction',
      'nTrue',
      'nFalse',
    ]);
    expect(
      Math.max(...j.direction.map((v: number, i: number) => Math.abs(v - ref.direction[i]))),
    ).toBeLessThan(1e-6);
    const one = await cape('steer', 'calibrate', '--model-dir', dir, '--threads', '1', '--json');
    expect(JSON.parse(one.out).direction).toEqual(j.direction);
  });

  it('--demo runs the 14 demo prompts; --calibration and --layer are used', async () => {
    const dir = join(FIX, 'gpt2');
    const cal = join(mkdtempSync(join(tmpdir(), 'cal-')), 'c.json');
    writeFileSync(cal, JSON.stringify({ true: ['Water is wet.'], false: ['Fire is cold.'] }));
    const r = await cape(
      'steer',
      '--model-dir',
      dir,
      '--demo',
      '--max-tokens',
      '2',
      '--json',
      '--calibration',
      cal,
      '--layer',
      '2',
    );
    const j = JSON.parse(r.out);
    expect(j.results).toHaveLength(14);
    const c = JSON.parse(
      (
        await cape(
          'steer',
          'calibrate',
          '--model-dir',
          dir,
          '--calibration',
          cal,
          '--layer',
          '2',
          '--json',
        )
      ).out,
    );
    expect([c.nTrue, c.nFalse, c.probeLayer]).toEqual([1, 1, 2]);
  }, 60_000);

  it('readable output: a table with cos, phase, strength, ‖h‖ and strength/‖h‖', async () => {
    const r = await cape(
      'steer',
      '--model-dir',
      join(FIX, 'gpt-neox'),
      '--prompt',
      'Hello',
      '--max-tokens',
      '3',
      '--seed',
      '4',
    );
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/strength\/‖h‖/);
    expect(r.out).toMatch(/seed 4, temperature 0.7, top-p 0.9 \(same rule for both arms\)/);
  });
});

describe('cape steer bad input → exit 2, one line', () => {
  const dir = join(FIX, 'gpt-neox');
  const cases: [string, string[], RegExp][] = [
    [
      'missing folder',
      ['--model-dir', '/no/such', '--prompt', 'x'],
      /--model-dir "\/no\/such": no such folder/,
    ],
    [
      'empty prompt',
      ['--model-dir', dir, '--prompt', ''],
      /--prompt "" \(expected non-empty text\)/,
    ],
    [
      'max-tokens 0',
      ['--model-dir', dir, '--prompt', 'x', '--max-tokens', '0'],
      /--max-tokens "0" \(expected an integer 1..2048\)/,
    ],
    [
      'threads 0',
      ['--model-dir', dir, '--prompt', 'x', '--threads', '0'],
      /--threads "0" \(expected an integer 1..64\)/,
    ],
    [
      'max-tokens 2049',
      ['--model-dir', dir, '--prompt', 'x', '--max-tokens', '2049'],
      /--max-tokens "2049"/,
    ],
    [
      'strength',
      ['--model-dir', dir, '--prompt', 'x', '--strength', 'big'],
      /--strength "big" \(expected auto or a number/,
    ],
    [
      'adapt',
      ['--model-dir', dir, '--prompt', 'x', '--adapt', 'always'],
      /--adapt "always" \(expected prompt or step\)/,
    ],
    [
      'greedy and seed',
      ['--model-dir', dir, '--prompt', 'x', '--greedy', '--seed', '1'],
      /--greedy and --seed together/,
    ],
    [
      'layer',
      ['--model-dir', dir, '--prompt', 'x', '--layer', '7'],
      /--layer 7 \(expected a block index 0..3\)/,
    ],
    ['no prompt', ['--model-dir', dir], /missing --prompt TEXT or --demo/],
    [
      'calibration file',
      ['--model-dir', dir, '--prompt', 'x', '--calibration', '/no/cal.json'],
      /--calibration "\/no\/cal.json": no such file/,
    ],
    ['unknown subcommand', ['frobnicate'], /cape steer frobnicate is unknown/],
  ];
  it.each(cases)('%s', async (_n, argv, re) => {
    const r = await cape('steer', ...argv);
    expect(r.code).toBe(2);
    const last = r.err.trim().split('\n').pop()!;
    expect(last).toMatch(re);
  });

  it('a calibration file with a bad field names the field', async () => {
    const f = join(mkdtempSync(join(tmpdir(), 'cal-')), 'c.json');
    writeFileSync(f, JSON.stringify({ true: ['a'], false: [] }));
    const r = await cape('steer', 'calibrate', '--model-dir', dir, '--calibration', f);
    expect([r.code, r.err.trim()]).toEqual([
      2,
      `cape steer: ${f}: field "false" is [] (expected a non-empty array of statements)`,
    ]);
  });
});
