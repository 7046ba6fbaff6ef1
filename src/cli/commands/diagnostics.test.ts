import { describe, expect, it } from 'vitest';
import { CapeError } from '../../core/errors.ts';
import { bufferIo } from '../io.ts';
import { run } from './diagnostics.ts';

const NAMES = [
  'kink',
  'beta',
  'winding',
  'ode',
  'holdout',
  'explorer',
  'arrhenius',
  'loss',
  'survival',
  'internal',
  'boosting',
];

describe('cape diagnostics', () => {
  it.each(NAMES)('%s prints a table, and --json prints JSON only', async (name) => {
    const io = bufferIo();
    expect(await run([name], io)).toBe(0);
    expect(io.stdout).toMatch(/\|/);
    expect(io.stdout).not.toMatch(/NaN/);
    const j = bufferIo();
    expect(await run([name, '--json'], j)).toBe(0);
    expect(() => JSON.parse(j.stdout)).not.toThrow();
  });

  it('explorer takes --family and source terms', async () => {
    const io = bufferIo();
    await run(
      [
        'explorer',
        '--family',
        'OPT',
        '--h',
        '1.5',
        '--width',
        '0.8',
        '--curation',
        '0.5',
        '--json',
      ],
      io,
    );
    const r = JSON.parse(io.stdout);
    expect(r.family).toBe('OPT');
    expect(r.sources).toEqual({ h: 1.5, width: 0.8, curation: 0.5 });
  });

  it('reported values are labelled in the Arrhenius and boosting tables', async () => {
    const io = bufferIo();
    await run(['arrhenius'], io);
    expect(io.stdout).toMatch(/reported by the study; not reproducible from the shipped data/);
  });

  it('bad usage throws E_USAGE (missing or unknown analysis, non-numeric flag)', async () => {
    for (const argv of [[], ['nope'], ['explorer', '--h', 'abc']]) {
      await expect(run(argv, bufferIo())).rejects.toSatisfy(
        (e: unknown) => e instanceof CapeError && e.code === 'E_USAGE',
      );
    }
  });

  it('checks its flags with the registry input schema the API uses: --threshold=-1 and an empty --family are refused naming the field', async () => {
    for (const [args, field] of [
      [['ode', '--threshold=-1'], 'threshold'],
      [['ode', '--family', ''], 'family'],
    ] as const) {
      const err = await run([...args], bufferIo()).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(CapeError);
      expect((err as CapeError).message).toContain(field);
    }
  });
});
