/**
 * Running coupling γ12 = ΔY/ΔX between consecutive models of a family (sorted by N), placed at
 * the midpoint of log10 N (docs/science-spec.md §2). X is HellaSwag and Y TruthfulQA unless stated.
 * Pairs with |ΔX| below `minDelta` (0.5 points) make the ratio unstable: they are kept in the
 * list, marked excluded, and counted, never silently dropped. Every transition carries the SE of
 * ΔX, ΔY and γ12 from the scores' standard errors (./noise.ts); one whose |ΔX| is within
 * NOISE_K = 2 SE of zero has no established sign and is excluded the same way (`withinNoise`;
 * docs/science.md, issue 13 item 4).
 */
import type { BenchmarkId } from '../data/schema.ts';
import { diffSe, NOISE_K, ratioSe, scoreSe, withinNoise } from './noise.ts';
import type { ModelPoint } from './points.ts';

export interface Transition {
  family: string;
  from: string;
  to: string;
  fromParams: number;
  toParams: number;
  /** Midpoint of log10 N of the two models. */
  logMid: number;
  dX: number;
  dY: number;
  /** ΔY/ΔX; null when excluded. */
  gamma12: number | null;
  /** SEs (points) of ΔX and ΔY from the scores' SEs (stated or binomial); null when unknown. */
  seDx: number | null;
  seDy: number | null;
  /** Delta-method SE of ΔY/ΔX (also for an excluded pair with ΔX ≠ 0); null when unknown. */
  gammaSe: number | null;
  /** |ΔX| < NOISE_K·seDx: the ratio's sign is not established (excluded, with the reason). */
  withinNoise: boolean;
  excluded: boolean;
  reason?: string;
}

export interface PairOptions {
  x?: BenchmarkId;
  y?: BenchmarkId;
  /** Minimum |ΔX| (points) for a stable ratio. Default 0.5, the reference study's cut. */
  minDelta?: number;
  /** Exclude pairs with |ΔX| < noiseK·SE(ΔX). Default NOISE_K = 2; 0 keeps them (sensitivity). */
  noiseK?: number;
}

export const MIN_DELTA = 0.5;

/** Models of one family that have both benchmarks and a parameter count, sorted by N (ties: by
 * name). */
export function familySeries(
  points: readonly ModelPoint[],
  family: string,
  x: BenchmarkId,
  y: BenchmarkId,
): ModelPoint[] {
  return points
    .filter(
      (p) =>
        p.family === family &&
        p.params !== null &&
        p.scores[x] !== undefined &&
        p.scores[y] !== undefined,
    )
    .sort((a, b) => (a.params as number) - (b.params as number) || a.name.localeCompare(b.name));
}

/** The noise fields of a pair a → b (./noise.ts). */
function pairNoise(
  a: ModelPoint,
  b: ModelPoint,
  x: BenchmarkId,
  y: BenchmarkId,
  dX: number,
  dY: number,
  k: number,
): Pick<Transition, 'seDx' | 'seDy' | 'gammaSe' | 'withinNoise'> {
  const seDx = diffSe(scoreSe(a, x)?.se, scoreSe(b, x)?.se);
  const seDy = diffSe(scoreSe(a, y)?.se, scoreSe(b, y)?.se);
  return {
    seDx,
    seDy,
    gammaSe: ratioSe(dX, dY, seDx, seDy),
    withinNoise: withinNoise(dX, seDx, k),
  };
}

/** Why a pair is excluded, or null when its ratio is usable. */
function exclusion(
  t: Pick<Transition, 'fromParams' | 'toParams' | 'dX' | 'seDx' | 'withinNoise'>,
  x: BenchmarkId,
  minDelta: number,
  k: number,
): string | null {
  if (t.fromParams === t.toParams) return 'same parameter count';
  const d = Math.abs(t.dX).toFixed(2);
  if (Math.abs(t.dX) < minDelta) return `|Δ${x}| = ${d} < ${minDelta}`;
  if (t.withinNoise)
    return `|Δ${x}| = ${d} within ${k} SE (${k} × ${(t.seDx as number).toFixed(2)} = ${(k * (t.seDx as number)).toFixed(2)}): sign not established`;
  return null;
}

/** Transitions between consecutive models of one family. Equal sizes are skipped with a reason. */
export function familyTransitions(
  series: readonly ModelPoint[],
  opts: PairOptions = {},
): Transition[] {
  const x = opts.x ?? 'hellaswag';
  const y = opts.y ?? 'truthfulqa_mc2';
  const minDelta = opts.minDelta ?? MIN_DELTA;
  const k = opts.noiseK ?? NOISE_K;
  const out: Transition[] = [];
  for (let i = 1; i < series.length; i++) {
    const a = series[i - 1]!;
    const b = series[i]!;
    const pa = a.params as number;
    const pb = b.params as number;
    const dX = (b.scores[x] as number) - (a.scores[x] as number);
    const dY = (b.scores[y] as number) - (a.scores[y] as number);
    const base = {
      family: a.family,
      from: a.name,
      to: b.name,
      fromParams: pa,
      toParams: pb,
      logMid: (Math.log10(pa) + Math.log10(pb)) / 2,
      dX,
      dY,
      ...pairNoise(a, b, x, y, dX, dY, k),
    };
    const reason = exclusion(base, x, minDelta, k);
    if (reason === null) out.push({ ...base, gamma12: dY / dX, excluded: false });
    else out.push({ ...base, gamma12: null, excluded: true, reason });
  }
  return out;
}

/** Names of families with at least `minModels` models having both benchmarks. */
export function familiesWith(
  points: readonly ModelPoint[],
  x: BenchmarkId,
  y: BenchmarkId,
  minModels = 2,
): string[] {
  const counts = new Map<string, number>();
  for (const p of points) {
    if (p.params !== null && p.scores[x] !== undefined && p.scores[y] !== undefined)
      counts.set(p.family, (counts.get(p.family) ?? 0) + 1);
  }
  return [...counts]
    .filter(([, n]) => n >= minModels)
    .map(([f]) => f)
    .sort();
}

/** Every family's transitions, pooled. */
export function pooledTransitions(
  points: readonly ModelPoint[],
  opts: PairOptions = {},
): Transition[] {
  const x = opts.x ?? 'hellaswag';
  const y = opts.y ?? 'truthfulqa_mc2';
  return familiesWith(points, x, y).flatMap((f) =>
    familyTransitions(familySeries(points, f, x, y), opts),
  );
}

/** The usable transitions (not excluded). */
export function usable(ts: readonly Transition[]): (Transition & { gamma12: number })[] {
  return ts.filter((t): t is Transition & { gamma12: number } => !t.excluded && t.gamma12 !== null);
}
