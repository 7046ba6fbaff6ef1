import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loadDataset } from '../data/load.ts';
import { createContext } from './context.ts';
import { deltaNoise, noisySign, stepNoise } from './frontier-noise.ts';
import { frontierFileContext } from './frontier-file.ts';
import { parseFrontierFile } from '../data/ingest/frontier-file.ts';
import { frontierModel as fm } from './test-helpers.ts';
import { gate, labTrajectory, trajectoryBetween } from './trajectory.ts';

const models = [
  fm('B1', 'LabA', '2025-01', 20, 30, undefined, 'Big'),
  fm('S1', 'LabA', '2025-03', 30, 20, undefined, 'Small'),
  fm('B2', 'LabA', '2025-06', 40, 50, undefined, 'Big'),
  fm('S2', 'LabA', '2025-09', 45, 60, undefined, 'Small'),
  fm('B3', 'LabA', '2025-12', 60, 35, undefined, 'Big'),
  fm('B4', 'LabA', '2026-03', 75, 75, undefined, 'Big'),
  fm('Y1', 'LabY', '2024-05', 30, 40, undefined, 'Y'),
  fm('Y2', 'LabY', '2025', 50, 60, undefined, 'Y'),
  fm('Y3', 'LabY', '2026-01', 70, 80, undefined, 'Y'),
  fm('Z1', 'LabY', '2025', 40, 50, undefined, 'Z'),
  fm('Z2', 'LabY', '2025-07', 60, 70, undefined, 'Z'),
  fm('N1', 'LabN', '2025-01', 50, 50),
  fm('N2', 'LabN', '2025-05', 50, 50),
  fm('N3', 'LabN', '2025-09', 53, 44),
];
const ctx = createContext({ dataset: { ...loadDataset(), frontier: models } });

describe('trajectories follow product lines', () => {
  it('steps stay inside each line, in date order, with excursion and recovery labels', () => {
    const t = labTrajectory(ctx, 'laba');
    expect(t.lines.map((l) => l.line)).toEqual(['Big', 'Small']);
    expect(t.steps.map((s) => `${s.from}>${s.to}`)).toEqual(['B1>B2', 'B2>B3', 'B3>B4', 'S1>S2']);
    expect(t.steps.map((s) => s.kind)).toEqual([
      'cooperative',
      'tax-excursion',
      'recovery',
      'cooperative',
    ]);
    for (const s of t.steps) expect(s.line).not.toBeNull();
  });

  it('orders a year-only date against other years, and leaves out releases it cannot place', () => {
    const t = labTrajectory(ctx, 'LabY');
    expect(t.lines.find((l) => l.line === 'Y')!.steps.map((s) => s.to)).toEqual(['Y2', 'Y3']);
    expect(t.undated.sort()).toEqual(['Z1', 'Z2']);
  });

  it('a zero or within-noise Δ gives no sign and no trade-off label', () => {
    const flat = trajectoryBetween(ctx, 'N1', 'N2');
    expect(flat.kind).toBe('within-noise');
    expect(flat.signs).toEqual({ swe: 0, gpqa: 0 });
    expect(flat.gamma12).toBeNull();
    const small = trajectoryBetween(ctx, 'N2', 'N3');
    expect(small.kind).toBe('within-noise');
    expect(small.interpretation).toMatch(/^No sign: ΔSWE \+3\.0 is within noise/);
    expect(small.interpretation).not.toMatch(/Cooperative|Competitive|excursion/);
  });

  it('a step between two lines is allowed on request and carries line null', () => {
    expect(trajectoryBetween(ctx, 'B2', 'S2').line).toBeNull();
    expect(trajectoryBetween(ctx, 'B1', 'B2').line).toBe('Big');
  });

  it('gate fails a tax excursion and a reasoning loss beyond noise; passes a drop within noise', () => {
    expect(gate(ctx, { previous: 'B2', swe: 60, gpqa: 35 }).reason).toMatch(/^tax excursion/);
    const loss = gate(ctx, { previous: 'B2', swe: 41, gpqa: 35 });
    expect(loss.pass).toBe(false);
    expect(loss.reason).toMatch(/^reasoning loss .* within noise/);
    expect(gate(ctx, { previous: 'B2', swe: 60, gpqa: 47 }).pass).toBe(true);
    expect(gate(ctx, { previous: 'B2', swe: 60, gpqa: 70 }).pass).toBe(true);
  });

  it('an unknown model name is an E_NOT_FOUND error with suggestions', () => {
    expect(() => trajectoryBetween(ctx, 'B9', 'B1')).toThrow(
      /unknown frontier model: "B9" \(did you mean/,
    );
  });
});

describe('measurement noise of a frontier Δ', () => {
  it('deltaNoise is 2 SE of a binomial difference (numpy: 5.20308 and 8.16946)', () => {
    // 2*100*np.sqrt(a/100*(1-a/100)/n + b/100*(1-b/100)/n), numpy 2.4.6
    expect(deltaNoise(77.2, 79.6, 500)).toBeCloseTo(5.203076013282912, 10);
    expect(deltaNoise(83.4, 74.1, 198)).toBeCloseTo(8.16945530620004, 10);
  });

  it('is symmetric, non-negative, zero only at 0 or 100 on both sides', () => {
    const pct = fc.double({ min: 0, max: 100, noNaN: true });
    fc.assert(
      fc.property(pct, pct, fc.integer({ min: 1, max: 20000 }), (a, b, n) => {
        const t = deltaNoise(a, b, n);
        expect(t).toBeGreaterThanOrEqual(0);
        expect(t).toBeCloseTo(deltaNoise(b, a, n), 12);
      }),
    );
    expect(deltaNoise(0, 100, 10)).toBe(0);
    expect(() => deltaNoise(101, 50, 10)).toThrow(/invalid a: 101/);
    expect(() => deltaNoise(50, 50, 0)).toThrow(/invalid items: 0/);
  });

  it('stepNoise uses stated SEs where given (numpy 2.4.6: 2·hypot(2, 2), 2·hypot(2, binomial))', () => {
    // 2*np.hypot(2.0, 2.0); 2*np.hypot(2.0, 100*np.sqrt(0.623*0.377/500))
    expect(stepNoise({ value: 61.6, se: 2 }, { value: 62.3, se: 2 }, 500)).toEqual({
      threshold: expect.closeTo(5.656854249492381, 12),
      basis: 'stated',
    });
    const mixed = stepNoise({ value: 61.6, se: 2 }, { value: 62.3 }, 500);
    expect(mixed.basis).toBe('mixed');
    expect(mixed.threshold).toBeCloseTo(5.8982777147231715, 12);
    // without a stated SE it is deltaNoise itself, to the bit
    expect(stepNoise({ value: 77.2 }, { value: 79.6 }, 500)).toEqual({
      threshold: deltaNoise(77.2, 79.6, 500),
      basis: 'binomial',
    });
    expect(() => stepNoise({ value: 50, se: -1 }, { value: 50 }, 500)).toThrow(
      /invalid stderr of a: -1/,
    );
  });

  it("a trajectory step uses the runs' stated SEs instead of binomial ones (the sign can change)", () => {
    const file = (se: string) =>
      [
        `model,lab,release_date,product_line,swe,gpqa${se ? ',swe_stderr,gpqa_stderr' : ''}`,
        `A,L,2025-01,a,35,60${se ? `,${se},1` : ''}`,
        `B,L,2025-06,a,40,61${se ? `,${se},1` : ''}`,
        `C,L,2025-09,c,70,80${se ? `,${se},1` : ''}`,
      ].join('\n');
    const stepOf = (text: string) => {
      const c = frontierFileContext(ctx, parseFrontierFile(text, 'f.csv').rows);
      return trajectoryBetween(c, 'A', 'B');
    };
    // ΔSWE = 5: within binomial noise, 2*100*np.sqrt(0.35*0.65/500 + 0.40*0.60/500) = 6.1156;
    // beyond stated SEs of 1 (2√2), within stated SEs of 3 (2·hypot(3, 3) = 8.485)
    const plain = stepOf(file(''));
    expect(plain.noiseBasis).toEqual({ swe: 'binomial', gpqa: 'binomial' });
    expect(plain.noise.swe).toBeCloseTo(6.115553940568262, 10);
    const tight = stepOf(file('1'));
    expect(tight.noiseBasis).toEqual({ swe: 'stated', gpqa: 'stated' });
    expect(tight.noise.swe).toBeCloseTo(2 * Math.SQRT2, 12);
    expect([plain.signs.swe, tight.signs.swe]).toEqual([0, 1]);
    const wide = stepOf(file('3'));
    expect(wide.noise.swe).toBeCloseTo(8.48528137423857, 10); // 2*np.hypot(3, 3)
    expect(wide.interpretation).toMatch(/2 SE of the difference: SWE from the runs' stated SEs/);
  });

  it('noisySign is 0 within the threshold and the sign of Δ beyond it', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -100, max: 100, noNaN: true }),
        fc.double({ min: 0, max: 50, noNaN: true }),
        (d, t) => {
          const s = noisySign(d, t);
          if (Math.abs(d) < t || d === 0) expect(s).toBe(0);
          else expect(s).toBe(Math.sign(d));
        },
      ),
    );
  });
});

describe("the seed's excursions, tested as the seed states them (shipped data)", () => {
  const real = createContext();
  it('Sonnet 4.5 → 4.6 is a step of the Claude Sonnet line; ΔSWE is within noise, ΔGPQA is not', () => {
    const t = labTrajectory(real, 'Anthropic');
    const s = t.steps.find((x) => x.from === 'Claude Sonnet 4.5')!;
    expect(s.to).toBe('Claude Sonnet 4.6');
    expect(s.line).toBe('Claude Sonnet');
    expect(s.kind).toBe('within-noise');
    expect(s.signs).toEqual({ swe: 0, gpqa: -1 });
    expect(s.noise.swe).toBeCloseTo(5.203076013282912, 10);
    expect(s.noise.gpqa).toBeCloseTo(8.16945530620004, 10);
    expect(t.steps.some((x) => x.line === null)).toBe(false);
  });

  it('GPT-5.1 → GPT-5.4 std is a step of the GPT-5 line with no sign (both Δ within noise)', () => {
    const t = labTrajectory(real, 'OpenAI');
    const s = t.steps.find((x) => x.from === 'GPT-5.1')!;
    expect(s.to).toBe('GPT-5.4 std');
    expect(s.kind).toBe('within-noise');
    expect(s.signs).toEqual({ swe: 0, gpqa: 0 });
    expect(s.noise.swe).toBeCloseTo(5.343010387412699, 10);
    expect(s.noise.gpqa).toBeCloseTo(6.932211447695141, 10);
    expect(t.steps.map((x) => x.to)).not.toContain('GPT-5.4 xhigh');
  });
});
