/**
 * Custom benchmark pair (docs/features.md row 3): the HS/TQA machinery applied to any two
 * benchmarks —
 * γ12 = ΔY/ΔX per transition, the pooled running-coupling fit and its zero, the sign of γ12 per
 * scale band, the sign changes within each family (located by linear interpolation of γ12 along
 * log10 N) and whether any lies in the Nc2/Nc3 range. Works on the dataset's base models or on a
 * series the user enters (one family). Frontier benchmarks have no parameter counts: for them the
 * population correlation across frontier models is reported instead, and the output says why.
 * A user's series may name any two benchmarks (HLE, HarmBench): a name the vocabulary knows
 * (an id or alias) becomes its id; any other is the user's own, with no item count (no 2-SE
 * noise check on it). The dataset's models need dataset benchmarks.
 */
import { correlationTest, type CorrelationResult } from '../core/correlation.ts';
import { CapeError } from '../core/errors.ts';
import { benchmarkFromName } from '../data/benchmarks.ts';
import type { BenchmarkId } from '../data/schema.ts';
import type { Context } from './context.ts';
import { pooledTransitions, usable, type Transition } from './coupling.ts';
import { ncCluster } from './nc.ts';
import { FRONTIER_THREE, type ModelPoint } from './points.ts';
import { NC2_BAND } from './regimes.ts';
import { fitRunning, type RunningFitSummary } from './running.ts';
import { fmtParams } from '../report/format.ts';

export interface SeriesModel {
  name: string;
  params: number;
  x: number;
  y: number;
}

export interface BandSign {
  band: 'tax' | 'transition' | 'bonus' | 'frontier-scale';
  range: string;
  /** The band's bounds in parameters (lo inclusive, hi exclusive; hi null: no upper bound). */
  lo: number;
  hi: number | null;
  n: number;
  positive: number;
  negative: number;
  medianGamma: number | null;
}
export interface Crossing {
  family: string;
  after: string;
  before: string;
  logN: number;
  params: number;
  direction: 'rising' | 'falling';
  inNc2Range: boolean;
}

export interface PairCoupling {
  /** A benchmark id, or the user's own name for a benchmark of their series. */
  x: string;
  y: string;
  /** The names that are not dataset benchmarks (the user's own); empty for a dataset pair. */
  custom: string[];
  /** dataset: the base models; series: one family the user entered; points: the caller's models
   * (e.g. a leaderboard's families). */
  source: 'dataset' | 'series' | 'points';
  transitions: Transition[];
  excluded: number;
  fit: RunningFitSummary | null;
  fitNote: string | null;
  bands: BandSign[];
  crossings: Crossing[];
  /** The Nc2/Nc3 verdict in words (a crossing at ≥ 70B, or why none can be seen). */
  nc2: string;
  /** For frontier benchmarks: correlation across frontier models (no scale axis exists). */
  frontier: (CorrelationResult & { note: string }) | null;
}

const median = (v: number[]) => {
  const s = [...v].sort((a, b) => a - b);
  return s.length ? (s[(s.length - 1) >> 1]! + s[s.length >> 1]!) / 2 : null;
};

function seriesPoints(series: readonly SeriesModel[], x: string, y: string): ModelPoint[] {
  return series.map((m, i) => ({
    id: `series-${i}`,
    name: m.name,
    family: 'your series',
    lab: '',
    params: m.params,
    scores: { [x]: m.x, [y]: m.y },
    provenance: 'measured',
    kind: 'user',
    releaseDate: null,
  }));
}

function crossingsOf(ts: readonly Transition[]): Crossing[] {
  const out: Crossing[] = [];
  const byFamily = new Map<string, (Transition & { gamma12: number })[]>();
  for (const t of usable(ts)) byFamily.set(t.family, [...(byFamily.get(t.family) ?? []), t]);
  for (const [family, list] of byFamily) {
    for (let i = 1; i < list.length; i++) {
      const a = list[i - 1]!,
        b = list[i]!;
      if (Math.sign(a.gamma12) === Math.sign(b.gamma12) || a.gamma12 === 0) continue;
      const logN = a.logMid + ((0 - a.gamma12) * (b.logMid - a.logMid)) / (b.gamma12 - a.gamma12);
      const params = 10 ** logN;
      out.push({
        family,
        after: `${a.from} → ${a.to}`,
        before: `${b.from} → ${b.to}`,
        logN,
        params,
        direction: b.gamma12 > a.gamma12 ? 'rising' : 'falling',
        inNc2Range: params >= NC2_BAND[0],
      });
    }
  }
  return out.sort((p, q) => p.logN - q.logN);
}

/** Maximum length of a benchmark name of the user's own. */
export const MAX_NAME = 60;

/**
 * A benchmark name as the pair uses it: the id when the vocabulary knows the name, else the
 * trimmed name itself (allowed only with the user's own series). Throws E_INPUT naming the field.
 */
export function pairBenchmark(name: string, field: 'x' | 'y', ownSeries: boolean): string {
  const t = String(name ?? '').trim();
  const which = field === 'x' ? 'benchmark A' : 'benchmark B';
  if (!t)
    throw new CapeError('E_INPUT', `${which} is empty (enter a benchmark name, e.g. HLE)`, field);
  if (t.length > MAX_NAME)
    throw new CapeError(
      'E_INPUT',
      `${which} name is ${t.length} characters (at most ${MAX_NAME})`,
      field,
    );
  const id = benchmarkFromName(t);
  if (id) return id;
  if (!ownSeries)
    throw new CapeError(
      'E_INPUT',
      `${which} "${t}" is not a benchmark of the dataset: enter your own series with its scores, or pick a dataset benchmark`,
      field,
    );
  return t;
}

/** Coupling of any two benchmarks over the dataset's base models, a user's series, or given points.
 * With a series, `x` and `y` may be any names (see pairBenchmark). */
export function pairCoupling(
  ctx: Context,
  input: {
    x: string;
    y: string;
    series?: readonly SeriesModel[];
    points?: readonly ModelPoint[];
  },
): PairCoupling {
  const ownSeries = input.series !== undefined;
  const x = pairBenchmark(input.x, 'x', ownSeries) as BenchmarkId;
  const y = pairBenchmark(input.y, 'y', ownSeries) as BenchmarkId;
  if (x.toLowerCase() === y.toLowerCase())
    throw new CapeError(
      'E_INPUT',
      `invalid pair: ${x} twice (expected two different benchmarks)`,
      'y',
    );
  const frontierPair = FRONTIER_THREE.includes(x) || FRONTIER_THREE.includes(y);
  let frontier: PairCoupling['frontier'] = null;
  const own = input.series ? seriesPoints(input.series, x, y) : (input.points ?? null);
  if (frontierPair && !own) {
    const pts = ctx.frontier.filter((p) => p.scores[x] !== undefined && p.scores[y] !== undefined);
    if (pts.length < 3)
      throw new CapeError(
        'E_INSUFFICIENT_DATA',
        `pair ${x}/${y}: ${pts.length} frontier models report both (need at least 3)`,
        'y',
      );
    const t = correlationTest(
      pts.map((p) => p.scores[x] as number),
      pts.map((p) => p.scores[y] as number),
      { resamples: ctx.resamples, permutations: ctx.resamples, seed: ctx.seed },
    );
    frontier = {
      ...t,
      note: 'frontier models publish no parameter counts: no running coupling along N can be formed; this is the correlation across frontier models (for release-to-release γ12 see the trajectories)',
    };
  }
  const ts = frontierPair && !own ? [] : pooledTransitions(own ?? ctx.base, { x, y });
  let fit: PairCoupling['fit'] = null;
  let fitNote: string | null = null;
  try {
    if (ts.length > 0) {
      const { transitions: _t, fit: _f, ...rest } = fitRunning(ts);
      fit = rest;
    } else
      fitNote = frontierPair
        ? 'no scale axis for frontier benchmarks'
        : `no model has both ${x} and ${y} with a size`;
  } catch (e) {
    if (!(e instanceof CapeError)) throw e;
    fitNote = e.message;
  }
  const nc = ncCluster(ctx);
  const u = usable(ts);
  const band = (name: BandSign['band'], range: string, lo: number, hi: number): BandSign => {
    const g = u.filter((t) => 10 ** t.logMid >= lo && 10 ** t.logMid < hi).map((t) => t.gamma12);
    return {
      band: name,
      range,
      lo,
      hi: Number.isFinite(hi) ? hi : null,
      n: g.length,
      positive: g.filter((v) => v > 0).length,
      negative: g.filter((v) => v <= 0).length,
      medianGamma: median(g),
    };
  };
  const bands = [
    band('tax', `< ${fmtParams(nc.ciLow)}`, 0, nc.ciLow),
    band('transition', `${fmtParams(nc.ciLow)}–${fmtParams(nc.ciHigh)}`, nc.ciLow, nc.ciHigh),
    band('bonus', `${fmtParams(nc.ciHigh)}–${fmtParams(NC2_BAND[0])}`, nc.ciHigh, NC2_BAND[0]),
    band('frontier-scale', `≥ ${fmtParams(NC2_BAND[0])}`, NC2_BAND[0], Infinity),
  ];
  const crossings = crossingsOf(ts);
  const high = crossings.filter((c) => c.inNc2Range);
  const above = bands[3]!.n;
  const nc2 =
    frontierPair && !own
      ? 'Nc2/Nc3 cannot be located on frontier benchmarks: their models have no parameter counts.'
      : high.length > 0
        ? `sign change${high.length > 1 ? 's' : ''} at ≥ 70B: ${high.map((c) => `${fmtParams(c.params)} in ${c.family} (${c.direction})`).join('; ')} — a candidate Nc2/Nc3 for this pair`
        : `no sign change at ≥ 70B (${above} usable transition${above === 1 ? '' : 's'} at that scale${above < 2 ? ': too few to see one' : ''})`;
  return {
    x,
    y,
    custom: [x, y].filter((b) => !benchmarkFromName(b)),
    source: input.series ? 'series' : input.points ? 'points' : 'dataset',
    transitions: ts,
    excluded: ts.length - u.length,
    fit,
    fitNote,
    bands,
    crossings,
    nc2,
    frontier,
  };
}
