import { describe, expect, it } from 'vitest';
import { analyzeModel, createContext, frontierFit, hField } from '../cape/index.ts';
import { bufferIo } from './io.ts';
import { main } from './main.ts';

async function cape(...argv: string[]) {
  const io = bufferIo();
  const code = await main(argv, io);
  return { code, out: io.stdout, err: io.stderr };
}

describe('cape CLI', () => {
  it('--json prints only JSON on stdout, equal to what the engine returns', async () => {
    const r = await cape('hfield', '--swe', '80', '--gpqa', '85', '--json');
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    const j = JSON.parse(r.out);
    const h = hField(createContext(), { swe: 80, gpqa: 85 });
    expect(j.h).toBeCloseTo(h.h, 12);
    expect(j.interval).toEqual(h.interval);
    expect(Object.keys(j)).toEqual(
      expect.arrayContaining(['h', 'slope', 'intercept', 'interval', 'interpretation']),
    );
  });

  it('analyze --json has phase, nc {value, ciLow, ciHigh}, gamma12, recommendations and predictions; params accept 410M', async () => {
    const r = await cape(
      'analyze',
      '--params',
      '410M',
      '--hellaswag',
      '40',
      '--truthfulqa',
      '41',
      '--json',
    );
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    const a = analyzeModel(createContext(), {
      params: 410e6,
      scores: { hellaswag: 40, truthfulqa_mc2: 41 },
    });
    expect(j.phase).toBe(a.phase);
    expect(['tax', 'transition', 'bonus', 'nc2', 'nc3']).toContain(j.phase);
    expect(j.nc).toMatchObject({ value: a.nc.value, ciLow: a.nc.ciLow, ciHigh: a.nc.ciHigh });
    expect(j.gamma12).toBeCloseTo(a.gamma12, 12);
    expect(j.gamma12Estimate.source).toBe('predicted');
    expect(Array.isArray(j.recommendations)).toBe(true);
    expect(j.predictions).toHaveLength(2);
  });

  it('family --json has n, r, p, rCi and transitions with from/to/gamma12', async () => {
    const j = JSON.parse((await cape('family', 'Pythia', '--json')).out);
    expect(j.n).toBe(8);
    expect(j.rCi).toHaveLength(2);
    expect(j.transitions[0]).toHaveProperty('gamma12');
    expect(j).toHaveProperty('nc');
  });

  it('frontier --json has n, slope, intercept, r, p and models with name, lab, swe, gpqa, h', async () => {
    const j = JSON.parse((await cape('frontier', '--json')).out);
    const f = frontierFit(createContext());
    expect(j.slope).toBeCloseTo(f.slope, 12);
    expect(j.models[0]).toEqual(
      expect.objectContaining({
        name: expect.any(String),
        lab: expect.any(String),
        swe: expect.any(Number),
        gpqa: expect.any(Number),
        h: expect.any(Number),
      }),
    );
  });

  it('verify --json is an array of rows with id, value and seed', async () => {
    const j = JSON.parse((await cape('verify', '--json')).out);
    expect(j.length).toBeGreaterThan(40);
    expect(j[0]).toEqual(
      expect.objectContaining({ id: expect.any(String), seed: expect.anything() }),
    );
    expect(j.find((r: { id: string }) => r.id === 'pythia.r').value).toBeLessThan(-0.9);
  });

  it('gate exits 1 on a tax excursion and says why on stderr; 0 on a cooperative step', async () => {
    const bad = await cape('gate', '--previous', 'GPT-5.1', '--swe', '85', '--gpqa', '80');
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/tax excursion against GPT-5.1/);
    expect((await cape('gate', '--previous', 'GPT-5.1', '--swe', '80', '--gpqa', '90')).code).toBe(
      0,
    );
  });

  it("trajectory lists a lab's steps by product line and --from/--to one step", async () => {
    const out = (await cape('trajectory', '--lab', 'anthropic')).out;
    expect(out).toMatch(/Anthropic · Claude Sonnet/);
    expect(out).toMatch(/Claude Sonnet 4.5 → Claude Sonnet 4.6/);
    expect(out).not.toMatch(/Haiku 4.5 → Claude Sonnet 4.6|Sonnet 4.6 → Claude Opus 4.6/);
    const j = JSON.parse(
      (await cape('trajectory', '--from', 'GPT-5.1', '--to', 'GPT-5.4 std', '--json')).out,
    );
    expect(j.kind).toBe('within-noise');
    expect(j.line).toBe('GPT-5');
  });

  it('bad input exits 2 with one line naming the field, the value and what is expected', async () => {
    const cases: [string[], RegExp][] = [
      [['hfield', '--swe', '170', '--gpqa', '80'], /swe.*170/],
      [['hfield', '--swe', '0.7', '--gpqa', 'abc'], /gpqa.*"abc"/],
      [['analyze', '--params', '-3B'], /params/],
      [['analyze', '--params', '7B', '--bogus', '1'], /bogus/],
      [['family', 'Pythai'], /did you mean "Pythia"/],
      [['nonsense'], /unknown command/],
      [['hfield', '--gpqa', '80'], /missing --swe/],
      [
        ['analyze', '--params', '1B', '--hellaswag', '0.49', '--truthfulqa', '0.39'],
        /did you pass a fraction/,
      ],
    ];
    for (const [argv, re] of cases) {
      const r = await cape(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err, argv.join(' ')).toMatch(re);
      expect(r.err.trim().split('\n'), argv.join(' ')).toHaveLength(1);
      expect(r.out).toBe('');
    }
  });

  it('analyze --file reads an lm-evaluation-harness results file and says which units it converted', async () => {
    const r = await cape('analyze', '--file', 'test/examples/lmeval-run', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.models.length).toBeGreaterThan(0);
    expect(j.notes.join(' ')).toMatch(/percent|fraction/i);
  });

  it('analyze --file on a missing path exits 2 naming the path', async () => {
    const r = await cape('analyze', '--file', 'no/such/file.json');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/no\/such\/file\.json/);
  });

  it('pair runs any two benchmarks and names the Nc2/Nc3 verdict', async () => {
    const r = await cape('pair', '--x', 'arc', '--y', 'truthfulqa');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Sign of γ12 by scale band/);
    expect(r.out).toMatch(/Nc2\/Nc3:/);
    expect((await cape('pair', '--x', 'arc', '--y', 'bogus')).err).toMatch(/bogus/);
  });

  it('help lists every command and exits 0; no command exits 2', async () => {
    const r = await cape('--help');
    expect(r.code).toBe(0);
    for (const c of [
      'analyze',
      'family',
      'frontier',
      'hfield',
      'trajectory',
      'gate',
      'verify',
      'predictions',
    ])
      expect(r.out).toContain(c);
    expect((await cape()).code).toBe(2);
  });
});

describe('cape CLI against hostile input (issue 12)', () => {
  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])(
    'cape %s is a usage error (exit 2), not an internal error',
    async (name) => {
      const r = await cape(name);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/^cape: unknown command/);
      expect(r.err.trim().split('\n')).toHaveLength(1);
    },
  );

  it('hfield and gate refuse fractions as analyze does', async () => {
    const h = await cape('hfield', '--swe', '0.8', '--gpqa', '0.85');
    expect(h.code).toBe(2);
    expect(h.err).toMatch(/gpqa.*fraction/);
    const g = await cape('gate', '--previous', 'GPT-5.1', '--swe', '0.78', '--gpqa', '0.85');
    expect(g.code).toBe(2);
  });
});
