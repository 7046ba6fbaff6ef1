/**
 * `cape steer eval`: TruthfulQA MC1/MC2 by log-likelihood on the fixed test split, unsteered vs
 * the truth direction at the study's adaptive strength vs a control (a seeded random unit
 * direction at the same strengths), paired bootstrap CIs and McNemar's exact p; a strength sweep
 * relative to ‖h‖ on the dev split; perplexity on a neutral text with and without steering.
 *
 *   calibrate -> classify each item (engine steer(), 1 token) -> score arms -> statistics -> result
 */
import { readFileSync } from 'node:fs';
import { createRng, randomNormal } from '../../core/random.ts';
import type { SteerModel, SteerVector } from '../types.ts';
import { projectDataFile } from './files.ts';
import type { Arm, Comparison, PerplexityRow, SteerEvalResult, SweepRow } from './result.ts';
import { encodeItem, scoreItem, type EncodedItem } from './score.ts';
import { mcnemarOf, pairedBootstrap, perplexity } from './stats.ts';
import { itemContext, loadTruthfulQa, SPLIT_SEED, splitIds, type TqaItem } from './truthfulqa.ts';

export interface EvalOptions {
  /** Use the first N test (and dev) items; default all. */
  limit?: number;
  /** Seed of the control direction and the bootstrap. */
  seed?: number;
  /** Strengths of the sweep as fractions of ‖h‖. */
  sweep?: number[];
  resamples?: number;
  /** Items (default: the vendored TruthfulQA). */
  items?: TqaItem[];
  /** Neutral text for perplexity (default: data/steering/neutral-text.txt). */
  neutralText?: string;
  progress?: (line: string) => void;
  signal?: AbortSignal;
  now?: () => Date;
}

export const DEFAULT_SWEEP = [0.02, 0.05, 0.1, 0.2];
export const NEUTRAL_SOURCE =
  'data/steering/neutral-text.txt (a plain paragraph about a public library, written for CAPE Studio)';

/** A seeded random unit vector of length `n` (Gaussian components, normalised). */
export function randomDirection(n: number, seed: number): Float32Array {
  const rng = createRng(seed);
  const v = new Float64Array(n);
  for (let i = 0; i < n; i++) v[i] = randomNormal(rng);
  const norm = Math.hypot(...v);
  return Float32Array.from(v, (x) => x / norm);
}

interface Classified {
  item: EncodedItem;
  phase: string;
  strength: number;
  hiddenNorm: number;
}

async function classify(
  model: SteerModel,
  items: TqaItem[],
  o: EvalOptions,
  what: string,
): Promise<Classified[]> {
  const out: Classified[] = [];
  for (const [i, it] of items.entries()) {
    o.signal?.throwIfAborted();
    const r = await model.steer(
      itemContext(it),
      { maxTokens: 1, greedy: true, strength: 'auto', adapt: 'prompt' },
      undefined,
      o.signal,
    );
    out.push({
      item: encodeItem(model, it),
      phase: r.phase,
      strength: r.strength,
      hiddenNorm: r.hiddenNorm,
    });
    if ((i + 1) % 25 === 0 || i + 1 === items.length)
      o.progress?.(`classified ${i + 1}/${items.length} ${what} items`);
  }
  return out;
}

type Scores = { mc1: number[]; mc2: number[] };

async function scoreArm(
  model: SteerModel,
  cs: Classified[],
  vec: (c: Classified) => SteerVector | undefined,
  o: EvalOptions,
  label: string,
): Promise<Scores> {
  const s: Scores = { mc1: [], mc2: [] };
  for (const [i, c] of cs.entries()) {
    o.signal?.throwIfAborted();
    const r = await scoreItem(model, c.item, vec(c));
    s.mc1.push(r.mc1);
    s.mc2.push(r.mc2);
    if ((i + 1) % 25 === 0 || i + 1 === cs.length) o.progress?.(`${label}: ${i + 1}/${cs.length}`);
  }
  return s;
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

function compare(
  a: Arm,
  sa: Scores,
  b: Arm,
  sb: Scores,
  seed: number,
  resamples: number,
): Comparison {
  const m = mcnemarOf(sa.mc1, sb.mc1);
  return {
    a,
    b,
    mc1: {
      ...pairedBootstrap(sa.mc1, sb.mc1, { seed, resamples }),
      mcnemar: { b: m.b, c: m.c, p: m.p },
    },
    mc2: pairedBootstrap(sa.mc2, sb.mc2, { seed, resamples }),
  };
}

const vector = (
  direction: Float32Array,
  layer: number,
  strength: number,
): SteerVector | undefined => (strength > 0 ? { direction, strength, layer } : undefined);

async function runSweep(
  model: SteerModel,
  dev: Classified[],
  truth: Float32Array,
  layer: number,
  o: Required<Pick<EvalOptions, 'seed' | 'resamples' | 'sweep'>> & EvalOptions,
): Promise<SweepRow[]> {
  if (!dev.length || !o.sweep.length) return [];
  const none = await scoreArm(model, dev, () => undefined, o, 'sweep: unsteered (dev)');
  const rows: SweepRow[] = [];
  for (const r of o.sweep) {
    const s = await scoreArm(
      model,
      dev,
      (c) => vector(truth, layer, r * c.hiddenNorm),
      o,
      `sweep: ${r}·‖h‖ (dev)`,
    );
    rows.push({
      relative: r,
      meanStrength: mean(dev.map((c) => r * c.hiddenNorm)),
      mc1: mean(s.mc1),
      mc2: mean(s.mc2),
      vsNone: compare('truth', s, 'none', none, o.seed, o.resamples),
    });
  }
  return rows;
}

async function runPerplexity(
  model: SteerModel,
  text: string,
  truth: Float32Array,
  control: Float32Array,
  layer: number,
  sweep: number[],
  o: { seed: number; resamples: number; signal?: AbortSignal },
): Promise<SteerEvalResult['perplexity']> {
  const ids = model.encode(text);
  const probe = await model.steer(
    text,
    { maxTokens: 1, greedy: true, strength: 0, adapt: 'prompt' },
    undefined,
    o.signal,
  );
  const base = Array.from(await model.tokenLogProbs(ids));
  const row = async (arm: Arm, dir: Float32Array, strength: number): Promise<PerplexityRow> => {
    const lp = Array.from(await model.tokenLogProbs(ids, vector(dir, layer, strength)));
    return {
      arm,
      strength,
      relative: strength / probe.hiddenNorm,
      ppl: perplexity(lp),
      vsNone: pairedBootstrap(lp, base, o),
    };
  };
  const rows: PerplexityRow[] = [
    { arm: 'none', strength: 0, relative: 0, ppl: perplexity(base), vsNone: null },
  ];
  rows.push(await row('truth', truth, 3), await row('control', control, 3));
  for (const r of sweep) rows.push(await row('truth', truth, r * probe.hiddenNorm));
  return { source: NEUTRAL_SOURCE, tokens: base.length, hiddenNorm: probe.hiddenNorm, rows };
}

function countPhases(cs: Classified[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of cs) out[c.phase] = (out[c.phase] ?? 0) + 1;
  return out;
}

/** Runs the whole evaluation on an open model; progress lines go to `opts.progress`. */
export async function runSteeringEval(
  model: SteerModel,
  opts: EvalOptions = {},
): Promise<SteerEvalResult> {
  const o = { seed: 1, resamples: 2000, sweep: DEFAULT_SWEEP, ...opts };
  const items = o.items ?? loadTruthfulQa();
  const split = splitIds(items.length);
  const take = (ids: number[]) => ids.slice(0, o.limit ?? ids.length).map((i) => items[i]!);
  o.progress?.(
    `calibrating ${model.info.architecture} (${model.info.layers} layers, probe layer ${model.info.probeLayer})`,
  );
  const cal = await model.calibrate();
  const layer = cal.probeLayer;
  const truth = Float32Array.from(cal.direction);
  const control = randomDirection(truth.length, o.seed);
  const test = await classify(model, take(split.test), o, 'test');
  const none = await scoreArm(model, test, () => undefined, o, 'unsteered');
  const steered = await scoreArm(
    model,
    test,
    (c) => vector(truth, layer, c.strength),
    o,
    'truth direction, adaptive strength',
  );
  const ctrl = await scoreArm(
    model,
    test,
    (c) => vector(control, layer, c.strength),
    o,
    'control direction, same strengths',
  );
  const dev = await classify(model, take(split.dev), o, 'dev');
  const sweepRows = await runSweep(model, dev, truth, layer, o);
  o.progress?.('perplexity on the neutral text');
  const text = o.neutralText ?? readFileSync(projectDataFile('steering/neutral-text.txt'), 'utf8');
  const ppl = await runPerplexity(model, text, truth, control, layer, o.sweep, o);
  const norms = test.map((c) => c.hiddenNorm);
  const info = model.info;
  return {
    kind: 'cape-steer-eval',
    version: 1,
    createdAt: (o.now?.() ?? new Date()).toISOString(),
    model: {
      architecture: info.architecture,
      layers: info.layers,
      hidden: info.hidden,
      probeLayer: info.probeLayer,
      dtype: info.dtype,
      parameters: info.parameters,
      path: info.path,
    },
    calibration: { rawNorm: cal.rawNorm, nTrue: cal.nTrue, nFalse: cal.nFalse, layer },
    protocol: {
      dataset:
        'TruthfulQA.csv, 817 questions (Lin, Hilton & Evans 2021; Apache-2.0); MC1/MC2 built from the CSV, not mc_task.json',
      split: 'test',
      splitSeed: SPLIT_SEED,
      n: test.length,
      limit: o.limit ?? null,
      prompt: 'Q: <question>\\nA: <answer>, zero-shot; sum of answer-token log-probabilities',
      steering: `strength·direction added to block ${layer}'s output at every position from the last context token on; strength by the study's phase rule from cos(h, direction) at the last context token`,
      control: `a random unit direction (Gaussian, createRng(${o.seed})) at the same per-item strengths`,
      bootstrap: { seed: o.seed, resamples: o.resamples, level: 0.95 },
    },
    phases: countPhases(test),
    hiddenNorm: { mean: mean(norms), min: Math.min(...norms), max: Math.max(...norms) },
    arms: [
      { arm: 'none', label: 'unsteered', n: test.length, mc1: mean(none.mc1), mc2: mean(none.mc2) },
      {
        arm: 'truth',
        label: 'truth direction, adaptive strength',
        n: test.length,
        mc1: mean(steered.mc1),
        mc2: mean(steered.mc2),
      },
      {
        arm: 'control',
        label: 'random direction, same strengths',
        n: test.length,
        mc1: mean(ctrl.mc1),
        mc2: mean(ctrl.mc2),
      },
    ],
    comparisons: [
      compare('truth', steered, 'none', none, o.seed, o.resamples),
      compare('control', ctrl, 'none', none, o.seed, o.resamples),
      compare('truth', steered, 'control', ctrl, o.seed, o.resamples),
    ],
    sweep: { split: 'dev', n: dev.length, rows: sweepRows },
    perplexity: ppl,
    notes: evalNotes(test),
  };
}

function evalNotes(test: Classified[]): string[] {
  const zero = test.filter((c) => c.strength <= 0).length;
  const notes = [
    `${zero} of ${test.length} test items are in the BONUS phase (strength 0): for them the steered and control arms equal the unsteered arm, which pulls every difference toward 0.`,
  ];
  notes.push(
    'Per-token log-probabilities of one text are not independent: the perplexity intervals (bootstrap over tokens) are too narrow and only indicate direction.',
  );
  return notes;
}
