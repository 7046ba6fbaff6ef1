/**
 * Frontier coupling (docs/science-spec.md §13–14): OLS GPQA = a·SWE + b over the frontier set, each
 * model's
 * h-field (its residual from that line: > 0 reasoning-leaning, < 0 coding-leaning), per-lab mean h
 * and slopes, and the h-field calculator with the fit's 95% prediction interval.
 */
import { CapeError } from '../core/errors.ts';
import { ols, olsPredict, type OlsFit } from '../core/regression.ts';
import { mean, sd } from '../core/stats.ts';
import { tQuantile, tTwoSidedP } from '../core/distributions.ts';
import { cr2Ols, type ClusterRobustFit } from '../core/cluster-robust.ts';
import { bhQValues } from '../core/multiple.ts';
import { memo, type Context } from './context.ts';
import type { ModelPoint } from './points.ts';

/** Which frontier models enter the regression: the study's frozen 34, or all. */
export type FrontierSubset = 'frozen' | 'all';

export interface FrontierModelRow {
  name: string;
  lab: string;
  releaseDate: string | null;
  /** 'frozen' | 'post-cutoff' (the dataset's), 'user' (a frontier file's row), 'candidate'. */
  subset: string;
  swe: number;
  gpqa: number;
  /** Residual from the fit: GPQA − (slope·SWE + intercept). */
  h: number;
  /** True when h lies outside the fit's 95% prediction interval at that SWE. */
  anomaly: boolean;
  /** Two-sided p of h against the prediction SE (t, n − 2 df): anomaly ⇔ p < 0.05. */
  hP: number;
  /** Benjamini–Hochberg q-value of hP over every row (all models tested). */
  hQ: number;
  /** True when the model was in the fitted set (in-sample); false: out-of-sample (post-cutoff). */
  inFit: boolean;
  provenance: string;
  /** Who measured the scores (see ModelPoint.source); null when unknown. */
  source: string | null;
  /** Per-run standard errors (points) the source stated (Epoch AI's ±, a file's stderr column);
   * absent when none: trajectory and gate noise then use the binomial SE (frontier-noise.ts). */
  stderr?: { swe?: number; gpqa?: number };
}

export interface FrontierFit {
  subset: FrontierSubset;
  n: number;
  slope: number;
  intercept: number;
  r: number;
  r2: number;
  p: number;
  slopeCi: [number, number];
  interceptCi: [number, number];
  residualSe: number;
  /** Slope inference with labs as clusters (CR2, t with labs − 1 df); null below 2 labs. */
  labClustered: ClusterRobustFit | null;
  models: FrontierModelRow[];
  /** Models with both scores outside the subset (shown, not fitted). */
  excluded: string[];
  /** Rows of the dataset excluded from every analysis by a data decision, with the reason. */
  dataExclusions: { name: string; reason: string }[];
  fit: OlsFit;
}

/** Frontier models that have SWE-bench Verified and GPQA Diamond. */
export function frontierPairs(ctx: Context): ModelPoint[] {
  return ctx.frontier.filter(
    (p) => p.scores.swe_bench_verified !== undefined && p.scores.gpqa_diamond !== undefined,
  );
}

/** `{stderr}` of a row whose point states SWE or GPQA standard errors, else nothing (the
 * dataset's rows keep their keys). */
function statedSe(p: ModelPoint): { stderr?: { swe?: number; gpqa?: number } } {
  const swe = p.stderr?.swe_bench_verified;
  const gpqa = p.stderr?.gpqa_diamond;
  if (swe === undefined && gpqa === undefined) return {};
  return {
    stderr: { ...(swe !== undefined && { swe }), ...(gpqa !== undefined && { gpqa }) },
  };
}

/** The population regression GPQA = a·SWE + b with every model's h. */
export function frontierFit(ctx: Context, subset: FrontierSubset = 'frozen'): FrontierFit {
  return memo(ctx, `frontier:${subset}`, () => {
    const all = frontierPairs(ctx);
    // a point without a subset (a user's frontier file) is in the fit
    const fitted = subset === 'all' ? all : all.filter((p) => (p.subset ?? 'frozen') === 'frozen');
    if (fitted.length < 3)
      throw new CapeError(
        'E_INSUFFICIENT_DATA',
        `frontier regression needs at least 3 models with SWE and GPQA, got ${fitted.length}`,
      );
    const fit = ols(
      fitted.map((p) => p.scores.swe_bench_verified as number),
      fitted.map((p) => p.scores.gpqa_diamond as number),
    );
    const inFit = new Set(fitted);
    const rows = all.map((p) => {
      const swe = p.scores.swe_bench_verified as number;
      const gpqa = p.scores.gpqa_diamond as number;
      const pred = olsPredict(fit, swe);
      const h = gpqa - pred.fit;
      const se = fit.residualSe * Math.sqrt(1 + 1 / fit.n + (swe - fit.xMean) ** 2 / fit.sxx);
      return {
        name: p.name,
        lab: p.lab,
        releaseDate: p.releaseDate,
        subset: p.subset ?? 'user',
        swe,
        gpqa,
        h,
        anomaly: gpqa < pred.prediction[0] || gpqa > pred.prediction[1],
        hP: tTwoSidedP(h / se, fit.n - 2),
        inFit: inFit.has(p),
        provenance: p.provenance,
        source: p.source ?? null,
        ...statedSe(p),
      };
    });
    const q = bhQValues(rows.map((r) => r.hP));
    const models = rows.map((r, i) => ({ ...r, hQ: q[i]! }));
    return {
      subset,
      n: fit.n,
      slope: fit.slope,
      intercept: fit.intercept,
      r: fit.r,
      r2: fit.r2,
      p: fit.p,
      slopeCi: fit.slopeCi,
      interceptCi: fit.interceptCi,
      residualSe: fit.residualSe,
      models,
      labClustered: labClustered(fitted),
      excluded:
        subset === 'all'
          ? []
          : all.filter((p) => (p.subset ?? 'frozen') !== 'frozen').map((p) => p.name),
      dataExclusions: ctx.frontierExcluded,
      fit,
    };
  });
}

/** CR2 lab-clustered slope inference over the fitted models, or null with fewer than 2 labs. */
function labClustered(fitted: readonly ModelPoint[]): ClusterRobustFit | null {
  if (new Set(fitted.map((p) => p.lab)).size < 2) return null;
  return cr2Ols(
    fitted.map((p) => p.scores.swe_bench_verified as number),
    fitted.map((p) => p.scores.gpqa_diamond as number),
    fitted.map((p) => p.lab),
  );
}

export interface HFieldResult {
  swe: number;
  gpqa: number;
  h: number;
  /** 95% interval of h for a model of the population at this SWE (from the prediction interval). */
  interval: [number, number];
  expectedGpqa: number;
  slope: number;
  intercept: number;
  n: number;
  subset: FrontierSubset;
  direction: 'reasoning-leaning' | 'coding-leaning' | 'balanced';
  significant: boolean;
  interpretation: string;
}

/** h-field of a (SWE, GPQA) pair against the frontier fit, with the population's 95% interval. */
export function hField(
  ctx: Context,
  input: { swe: number; gpqa: number },
  subset: FrontierSubset = 'frozen',
): HFieldResult {
  const f = frontierFit(ctx, subset);
  const pred = olsPredict(f.fit, input.swe);
  const h = input.gpqa - pred.fit;
  const interval: [number, number] = [pred.prediction[0] - pred.fit, pred.prediction[1] - pred.fit];
  const significant = h < interval[0] || h > interval[1];
  const direction = h > 0 ? 'reasoning-leaning' : h < 0 ? 'coding-leaning' : 'balanced';
  const interpretation = significant
    ? `h = ${fmt(h)}: ${direction === 'reasoning-leaning' ? 'reasoning-leaning recipe (GPQA above' : 'coding-leaning recipe, a tax-excursion signature (GPQA below'} what SWE predicts, outside the 95% band of ${f.n} frontier models)`
    : `h = ${fmt(h)}: within the 95% band [${fmt(interval[0])}, ${fmt(interval[1])}] of ${f.n} frontier models; leaning ${direction === 'balanced' ? 'neither way' : direction.replace('-leaning', '')} but not distinguishable from population scatter`;
  return {
    swe: input.swe,
    gpqa: input.gpqa,
    h,
    interval,
    expectedGpqa: pred.fit,
    slope: f.slope,
    intercept: f.intercept,
    n: f.n,
    subset,
    direction,
    significant,
    interpretation,
  };
}

export interface LabSummary {
  lab: string;
  /** In-sample models (in the fit): n, mean h and its CI are over these only. */
  n: number;
  meanH: number;
  /** 95% t interval of the mean h (null for n < 2). */
  meanHCi: [number, number] | null;
  /** Within-lab slope GPQA ~ SWE (null for fewer than 3 models or constant SWE). */
  slope: number | null;
  slopeCi: [number, number] | null;
  models: string[];
  /** Out-of-sample models (not in the fit, e.g. post-cutoff): their h, labelled, never pooled in.
   * */
  outOfSample: { n: number; meanH: number | null; models: string[] };
}

/** Per-lab mean h (with CI) and within-lab slope. */
export function labSummaries(ctx: Context, subset: FrontierSubset = 'frozen'): LabSummary[] {
  const f = frontierFit(ctx, subset);
  const labs = [...new Set(f.models.map((m) => m.lab))].sort();
  return labs.map((lab) => {
    const out = f.models.filter((m) => m.lab === lab && !m.inFit);
    const outOfSample = {
      n: out.length,
      meanH: out.length ? mean(out.map((m) => m.h)) : null,
      models: out.map((m) => m.name),
    };
    const ms = f.models.filter((m) => m.lab === lab && m.inFit);
    if (ms.length === 0)
      return {
        lab,
        n: 0,
        meanH: NaN,
        meanHCi: null,
        slope: null,
        slopeCi: null,
        models: [],
        outOfSample,
      };
    const hs = ms.map((m) => m.h);
    const n = ms.length;
    const meanH = mean(hs);
    const half = n >= 2 ? (tQuantile(0.975, n - 1) * sd(hs)) / Math.sqrt(n) : NaN;
    let slope: number | null = null;
    let slopeCi: [number, number] | null = null;
    if (n >= 3 && new Set(ms.map((m) => m.swe)).size >= 2) {
      const lf = ols(
        ms.map((m) => m.swe),
        ms.map((m) => m.gpqa),
      );
      slope = lf.slope;
      slopeCi = lf.slopeCi;
    }
    return {
      lab,
      n,
      meanH,
      meanHCi: n >= 2 ? [meanH - half, meanH + half] : null,
      slope,
      slopeCi,
      models: ms.map((m) => m.name),
      outOfSample,
    };
  });
}

function fmt(v: number): string {
  return `${v >= 0 ? '+' : ''}${v.toFixed(1)}`;
}
