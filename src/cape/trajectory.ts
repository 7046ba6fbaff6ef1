/**
 * Release trajectories (docs/science-spec.md §15): for two releases, γ12 = ΔGPQA/ΔSWE and the
 * change of h. A lab's trajectory follows its PRODUCT LINES (the tier it versions: Claude Sonnet
 * 3.5 → 3.7 → 4.5 → 4.6), never release order across tiers. Each Δ is compared with its
 * measurement noise (frontier-noise.ts: 2 SE of the difference, binomial unless the runs state
 * their SEs); a Δ within noise has no sign, and a step with a sign-less Δ gets no trade-off label
 * ("within-noise"). Coding gained at reasoning's cost beyond noise (ΔSWE > 0, ΔGPQA < 0) is a "tax excursion"; a cooperative step
 * right after an excursion is a "recovery". Also the release gate.
 */
import { CapeError } from '../core/errors.ts';
import type { Context } from './context.ts';
import { frontierFit, frontierPairs, hField, type FrontierModelRow } from './frontier.ts';
import {
  FRONTIER_ITEMS,
  NOISE_SE,
  type NoiseBasis,
  noisySign,
  stepNoise,
} from './frontier-noise.ts';
import { findModel, findName } from './lookup.ts';

export type StepKind =
  | 'tax-excursion'
  | 'recovery'
  | 'cooperative'
  | 'reasoning-over-coding'
  | 'joint-regression'
  | 'within-noise';

export interface TrajectoryStep {
  from: string;
  to: string;
  fromDate: string | null;
  toDate: string | null;
  /** The product line of both releases; null when the step crosses lines. */
  line: string | null;
  dSwe: number;
  dGpqa: number;
  /** Noise thresholds (points): NOISE_SE standard errors of each difference. */
  noise: { swe: number; gpqa: number };
  /** The SEs each threshold was built from: binomial over the item count, the runs' stated SEs
   * (Epoch AI's ±, a file's stderr column), or one of each (frontier-noise.ts `stepNoise`). */
  noiseBasis: { swe: NoiseBasis; gpqa: NoiseBasis };
  /** Signs after the noise test: 0 = within noise. */
  signs: { swe: -1 | 0 | 1; gpqa: -1 | 0 | 1 };
  /** ΔGPQA/ΔSWE; null when ΔSWE is 0. Its sign means nothing when either Δ is within noise. */
  gamma12: number | null;
  /** ΔSWE within noise: the ratio is not meaningful. */
  tinyDelta: boolean;
  hFrom: number;
  hTo: number;
  kind: StepKind;
  interpretation: string;
  /** True when `to` was released before `from` (a comparison the reference made backwards in time). */
  backwardsInTime: boolean;
  /** The two models' scores come from different sources (e.g. Epoch AI's runs vs vendor reports):
   * the deltas mix protocols. Null when both sources are the same or either is unknown. */
  crossSource: { from: string; to: string } | null;
}

function classify(swe: number, gpqa: number, prev: StepKind | null): StepKind {
  if (swe === 0 || gpqa === 0) return 'within-noise';
  if (swe > 0 && gpqa < 0) return 'tax-excursion';
  if (swe < 0 && gpqa > 0) return 'reasoning-over-coding';
  if (swe < 0 && gpqa < 0) return 'joint-regression';
  return prev === 'tax-excursion' || prev === 'reasoning-over-coding' ? 'recovery' : 'cooperative';
}

const TEXT: Record<Exclude<StepKind, 'within-noise'>, string> = {
  'tax-excursion': "Tax excursion: coding gained at reasoning's cost",
  'reasoning-over-coding': "Trade-off the other way: reasoning gained at coding's cost",
  'joint-regression': 'Both capabilities dropped',
  recovery: 'Recovery: both capabilities improve after an excursion',
  cooperative: 'Cooperative: both capabilities improve',
};

const f1 = (v: number) => `${v >= 0 ? '+' : ''}${v.toFixed(1)}`;

const BASIS: Record<NoiseBasis, string> = {
  binomial: 'binomial SEs',
  stated: "the runs' stated SEs",
  mixed: 'a stated and a binomial SE',
};

/** What the thresholds are: unchanged wording when both are binomial. */
function basisText(b: TrajectoryStep['noiseBasis']): string {
  if (b.swe === 'binomial' && b.gpqa === 'binomial')
    return `${NOISE_SE} SE of a binomial difference`;
  return `${NOISE_SE} SE of the difference: SWE from ${BASIS[b.swe]}, GPQA from ${BASIS[b.gpqa]}`;
}

function noiseText(
  s: Pick<TrajectoryStep, 'dSwe' | 'dGpqa' | 'noise' | 'signs' | 'noiseBasis'>,
): string {
  const part = (name: string, d: number, t: number, sg: number) =>
    sg === 0
      ? `Δ${name} ${f1(d)} is within noise (±${t.toFixed(1)})`
      : `Δ${name} ${f1(d)} is beyond noise (±${t.toFixed(1)})`;
  return `No sign: ${part('SWE', s.dSwe, s.noise.swe, s.signs.swe)}; ${part('GPQA', s.dGpqa, s.noise.gpqa, s.signs.gpqa)} (${basisText(s.noiseBasis)})`;
}

function rowOf(rows: readonly FrontierModelRow[], name: string): FrontierModelRow {
  return findModel(rows, name, 'frontier model');
}

/** True for a date with at least month precision ("2025-06", "2025-06-17"; not "2025"). */
function monthKnown(d: string | null): boolean {
  return d !== null && d.length >= 7;
}

/** −1/+1 when the two dates are ordered at their common precision, 0 when they cannot be told
 * apart (same year with a month missing, or the same month), null when either is missing. */
function dateOrder(a: string | null, b: string | null): -1 | 0 | 1 | null {
  if (a === null || b === null) return null;
  const k = Math.min(a.length, b.length, 7);
  const x = a.slice(0, k);
  const y = b.slice(0, k);
  return x === y ? 0 : x < y ? -1 : 1;
}

function step(
  a: FrontierModelRow,
  b: FrontierModelRow,
  prev: StepKind | null,
  lines: ReadonlyMap<string, string>,
): TrajectoryStep {
  const dSwe = b.swe - a.swe;
  const dGpqa = b.gpqa - a.gpqa;
  const swe = stepNoise(
    { value: a.swe, se: a.stderr?.swe },
    { value: b.swe, se: b.stderr?.swe },
    FRONTIER_ITEMS.swe_bench_verified,
  );
  const gpqa = stepNoise(
    { value: a.gpqa, se: a.stderr?.gpqa },
    { value: b.gpqa, se: b.stderr?.gpqa },
    FRONTIER_ITEMS.gpqa_diamond,
  );
  const noise = { swe: swe.threshold, gpqa: gpqa.threshold };
  const noiseBasis = { swe: swe.basis, gpqa: gpqa.basis };
  const signs = { swe: noisySign(dSwe, noise.swe), gpqa: noisySign(dGpqa, noise.gpqa) };
  const kind = classify(signs.swe, signs.gpqa, prev);
  const backwardsInTime =
    monthKnown(a.releaseDate) &&
    monthKnown(b.releaseDate) &&
    dateOrder(a.releaseDate, b.releaseDate) === 1;
  let interpretation =
    kind === 'within-noise' ? noiseText({ dSwe, dGpqa, noise, signs, noiseBasis }) : TEXT[kind];
  if (backwardsInTime) interpretation += ' (note: the second model was released first)';
  const crossSource =
    a.source && b.source && a.source !== b.source ? { from: a.source, to: b.source } : null;
  if (crossSource)
    interpretation += ` (CROSS-SOURCE: ${a.source} vs ${b.source}: the deltas mix two measurement protocols, not two models)`;
  const la = lines.get(a.name) ?? null;
  return {
    from: a.name,
    to: b.name,
    fromDate: a.releaseDate,
    toDate: b.releaseDate,
    line: la !== null && la === lines.get(b.name) ? la : null,
    dSwe,
    dGpqa,
    noise,
    noiseBasis,
    signs,
    gamma12: dSwe === 0 ? null : dGpqa / dSwe,
    tinyDelta: signs.swe === 0,
    hFrom: a.h,
    hTo: b.h,
    kind,
    interpretation,
    backwardsInTime,
    crossSource,
  };
}

/** Product line of every analysed frontier model, by name. */
function lineMap(ctx: Context): Map<string, string> {
  return new Map(ctx.frontier.map((p) => [p.name, p.productLine ?? p.lab]));
}

/** The step between two named frontier models (in the order given; may cross product lines). */
export function trajectoryBetween(ctx: Context, from: string, to: string): TrajectoryStep {
  const rows = frontierFit(ctx).models;
  return step(rowOf(rows, from), rowOf(rows, to), null, lineMap(ctx));
}

export interface LineTrajectory {
  line: string;
  /** Releases placed in order (at least the first). */
  n: number;
  steps: TrajectoryStep[];
  /** Releases whose place in the line is unknown (no date, or a year-only date that ties). */
  unordered: string[];
}

export interface LabTrajectory {
  lab: string;
  /** Releases placed in order, over all lines. */
  n: number;
  /** Every line's steps, line by line (no step crosses lines). */
  steps: TrajectoryStep[];
  lines: LineTrajectory[];
  /** Releases left out because their place in their line is unknown. */
  undated: string[];
  order: string;
}

/** Consecutive releases of one product line: ordered by release date where the dates tell. */
function lineTrajectory(
  rows: FrontierModelRow[],
  line: string,
  lines: ReadonlyMap<string, string>,
): LineTrajectory {
  const unordered = rows.filter((r) =>
    rows.some(
      (o) => o !== r && (dateOrder(r.releaseDate, o.releaseDate) ?? 0) === 0 && !sameMonth(r, o),
    ),
  );
  const placed = rows
    .filter((r) => !unordered.includes(r))
    .sort((a, b) => (dateOrder(a.releaseDate, b.releaseDate) as number) || a.swe - b.swe);
  const steps: TrajectoryStep[] = [];
  for (let i = 1; i < placed.length; i++)
    steps.push(step(placed[i - 1]!, placed[i]!, steps.at(-1)?.kind ?? null, lines));
  return { line, n: placed.length, steps, unordered: unordered.map((r) => r.name) };
}

/** Both dates known to the month and equal: ordered by SWE (the documented tie rule). */
function sameMonth(a: FrontierModelRow, b: FrontierModelRow): boolean {
  return (
    monthKnown(a.releaseDate) &&
    monthKnown(b.releaseDate) &&
    dateOrder(a.releaseDate, b.releaseDate) === 0
  );
}

/** A lab's releases, product line by product line (lines with one release have no step). */
export function labTrajectory(ctx: Context, lab: string): LabTrajectory {
  const rows = frontierFit(ctx).models;
  const name = findName([...new Set(rows.map((r) => r.lab))], lab, 'lab');
  const lines = lineMap(ctx);
  const mine = rows.filter((r) => r.lab === name);
  const names = [...new Set(mine.map((r) => lines.get(r.name) ?? name))].sort();
  const per = names.map((l) =>
    lineTrajectory(
      mine.filter((r) => (lines.get(r.name) ?? name) === l),
      l,
      lines,
    ),
  );
  return {
    lab: name,
    n: per.reduce((s, l) => s + l.n, 0),
    steps: per.flatMap((l) => l.steps),
    lines: per,
    undated: per.flatMap((l) => l.unordered),
    order:
      'within each product line: release date (as precise as both dates allow), then SWE for releases of the same month',
  };
}

/** Labs with at least one product line of two or more ordered releases. */
export function trajectoryLabs(ctx: Context): string[] {
  const labs = [...new Set(frontierFit(ctx).models.map((r) => r.lab))].sort();
  return labs.filter((l) => labTrajectory(ctx, l).steps.length > 0);
}

export interface GateResult {
  pass: boolean;
  previous: string;
  step: TrajectoryStep;
  hCandidate: number;
  reason: string;
  /** Set when the candidate and the previous release were measured by different sources. */
  crossSource: { from: string; to: string } | null;
}

/** The gate's candidate: a named frontier model, or scores given by the user. */
export type GateInput =
  | { previous: string; candidate: string }
  | { previous: string; swe: number; gpqa: number; source?: string | null };

function candidateRow(
  ctx: Context,
  rows: readonly FrontierModelRow[],
  input: GateInput,
  lab: string,
): FrontierModelRow {
  if ('candidate' in input) return rowOf(rows, input.candidate);
  const h = hField(ctx, { swe: input.swe, gpqa: input.gpqa });
  return {
    name: 'candidate',
    lab,
    releaseDate: null,
    subset: 'candidate',
    swe: input.swe,
    gpqa: input.gpqa,
    h: h.h,
    anomaly: h.significant,
    hP: NaN,
    hQ: NaN,
    inFit: false,
    provenance: 'user',
    source: input.source ?? null,
  };
}

/** The gate's one-line reason (after any cross-source warning). */
function gateReason(prev: FrontierModelRow, cand: FrontierModelRow, s: TrajectoryStep): string {
  const hs = `h ${f1(prev.h)} → ${f1(cand.h)}`;
  if (!(s.signs.gpqa === -1 && s.signs.swe >= 0))
    return `no tax excursion: ΔSWE ${f1(s.dSwe)}, ΔGPQA ${f1(s.dGpqa)} (${s.interpretation}); ${hs}`;
  return s.kind === 'tax-excursion'
    ? `tax excursion against ${prev.name}: SWE ${f1(s.dSwe)} while GPQA ${f1(s.dGpqa)} beyond noise (±${s.noise.gpqa.toFixed(1)}; γ12 = ${(s.gamma12 as number).toFixed(2)}); ${hs}`
    : `reasoning loss against ${prev.name}: GPQA ${f1(s.dGpqa)} beyond noise (±${s.noise.gpqa.toFixed(1)}) while ΔSWE ${f1(s.dSwe)} is within noise (±${s.noise.swe.toFixed(1)}); ${hs}`;
}

/**
 * Release gate: compares a candidate (SWE and GPQA, or a named model) with the previous release.
 * Fails (pass=false) when GPQA fell beyond noise while SWE did not fall beyond noise: a tax
 * excursion, or a reasoning loss whose coding change is noise-sized (the ratio then has no sign,
 * the loss is still real). A GPQA drop within noise passes, and the reason says so. A candidate
 * and a previous release measured by different sources (Epoch AI vs vendor-reported) are flagged
 * `crossSource`, and the reason says so first.
 */
export function gate(ctx: Context, input: GateInput): GateResult {
  const rows = frontierFit(ctx).models;
  if (frontierPairs(ctx).length === 0)
    throw new CapeError('E_INSUFFICIENT_DATA', 'no frontier models with SWE and GPQA');
  const prev = rowOf(rows, input.previous);
  const cand = candidateRow(ctx, rows, input, prev.lab);
  const s = step(prev, cand, null, lineMap(ctx));
  const pass = !(s.signs.gpqa === -1 && s.signs.swe >= 0);
  const cross = s.crossSource
    ? `CROSS-SOURCE comparison (${s.crossSource.from} → ${s.crossSource.to}): the deltas mix two measurement protocols; `
    : '';
  const reason = `${cross}${gateReason(prev, cand, s)}`;
  return {
    pass,
    previous: prev.name,
    step: s,
    hCandidate: cand.h,
    reason,
    crossSource: s.crossSource,
  };
}
