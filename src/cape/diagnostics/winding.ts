/**
 * Eigenvector rotation and winding (docs/science-spec.md §9). Along log10 N, sliding windows over
 * the pooled
 * base models (every family, each model with HS, TQA and N): in each window the 2×2 covariance of
 * (HS, TQA) and the angle θ of its leading eigenvector e1 = (cos θ, sin θ), oriented so its HS
 * loading is ≥ 0 (θ ∈ (−90°, 90°]). The curve is unwrapped (consecutive steps taken modulo 180°
 * into (−90°, 90°], since an eigenvector is an axis); the accumulated angle θ_last − θ_first is the
 * geometric phase. e2, oriented so its HS loading is ≥ 0, has TQA loading −sign(sin θ)·cos θ: it
 * changes sign exactly where the window's HS–TQA covariance changes sign, and the winding number
 * W = ½ × (number of such sign changes) (one change = a half-winding).
 *
 * Windows (defaults): width 0.6 decades (a model is in when |log10 N − centre| ≤ 0.3), centres from
 * min log N + 0.3 to max log N − 0.3 in steps of 0.1, a window kept when it has ≥ 5 models and a
 * non-degenerate covariance (distinct eigenvalues).
 */
import { correlationTest } from '../../core/correlation.ts';
import { CapeError } from '../../core/errors.ts';
import { memo, type Context } from '../context.ts';
import { pooledTransitions, usable } from '../coupling.ts';
import { interp } from './util.ts';
import { dependenceCorrection, type DependenceCorrection } from './winding-inference.ts';

export interface WindowOptions {
  width?: number;
  step?: number;
  minModels?: number;
}
export interface AngleWindow {
  centre: number;
  n: number;
  covHsTqa: number;
  /** Unwrapped angle of e1, degrees. */
  thetaDeg: number;
  /** e2 with HS loading ≥ 0: [HS, TQA]. */
  e2: [number, number];
}
export interface Winding {
  windows: AngleWindow[];
  options: Required<WindowOptions>;
  phaseDeg: number;
  signChanges: number;
  W: number;
  /** log10 N where the covariance changes sign (linear interpolation between window centres). */
  crossings: number[];
}

/** Angle curve of (x = log10 N, a = HS, b = TQA) points. */
export function angleCurve(
  points: readonly { logN: number; a: number; b: number }[],
  options: WindowOptions = {},
): AngleWindow[] {
  const { width = 0.6, step = 0.1, minModels = 5 } = options;
  if (!(width > 0) || !(step > 0) || !Number.isInteger(minModels) || minModels < 3) {
    throw new CapeError(
      'E_INPUT',
      `windows: width ${width}, step ${step}, minModels ${minModels} (expected width > 0, step > 0, minModels ≥ 3)`,
    );
  }
  if (points.length < minModels)
    throw new CapeError(
      'E_INSUFFICIENT_DATA',
      `winding: ${points.length} models (need at least ${minModels} for one window)`,
    );
  const lo = Math.min(...points.map((p) => p.logN));
  const hi = Math.max(...points.map((p) => p.logN));
  const half = width / 2;
  const out: AngleWindow[] = [];
  let prev: number | null = null;
  for (let k = 0; ; k++) {
    const centre = Math.round((lo + half + step * k) * 1e9) / 1e9;
    if (centre > hi - half + 1e-9) break;
    const sel = points.filter((p) => Math.abs(p.logN - centre) <= half + 1e-12);
    if (sel.length < minModels) continue;
    const n = sel.length;
    let ma = 0,
      mb = 0;
    for (const p of sel) {
      ma += p.a / n;
      mb += p.b / n;
    }
    let saa = 0,
      sbb = 0,
      sab = 0;
    for (const p of sel) {
      saa += (p.a - ma) ** 2;
      sbb += (p.b - mb) ** 2;
      sab += (p.a - ma) * (p.b - mb);
    }
    saa /= n - 1;
    sbb /= n - 1;
    sab /= n - 1;
    if (Math.hypot(saa - sbb, 2 * sab) <= 1e-12 * (saa + sbb)) continue; // isotropic: no axis
    // Principal axis of [[saa, sab], [sab, sbb]]: θ = ½·atan2(2·sab, saa − sbb) ∈ (−90°, 90°].
    let theta = (0.5 * Math.atan2(2 * sab, saa - sbb) * 180) / Math.PI;
    if (prev !== null) {
      let d = theta - prev;
      d = ((((d + 90) % 180) + 180) % 180) - 90;
      theta = prev + d;
    }
    prev = theta;
    const s = Math.sin((theta * Math.PI) / 180);
    const c = Math.cos((theta * Math.PI) / 180);
    const e2: [number, number] = s >= 0 ? [s, -c] : [-s, c];
    out.push({ centre, n, covHsTqa: sab, thetaDeg: theta, e2: [e2[0] + 0, e2[1] + 0] });
  }
  return out;
}

/** Geometric phase, sign changes of e2's TQA loading and W from an angle curve. */
export function windingFromCurve(
  curve: readonly AngleWindow[],
): Pick<Winding, 'phaseDeg' | 'signChanges' | 'W' | 'crossings'> {
  if (curve.length < 2)
    throw new CapeError(
      'E_INSUFFICIENT_DATA',
      `winding: ${curve.length} usable window(s) (need at least 2 for a curve)`,
    );
  const crossings: number[] = [];
  let last: AngleWindow | null = null;
  for (const w of curve) {
    if (w.covHsTqa === 0) continue;
    if (last && Math.sign(last.covHsTqa) !== Math.sign(w.covHsTqa)) {
      const t = last.covHsTqa / (last.covHsTqa - w.covHsTqa);
      crossings.push(last.centre + t * (w.centre - last.centre));
    }
    last = w;
  }
  return {
    phaseDeg: curve[curve.length - 1]!.thetaDeg - curve[0]!.thetaDeg,
    signChanges: crossings.length,
    W: crossings.length / 2,
    crossings,
  };
}

/** The winding analysis on the context's pooled base models, with r(γ12, θ) (memoised per options).
 * */
export function winding(ctx: Context, options: WindowOptions = {}) {
  const opts = {
    width: options.width ?? 0.6,
    step: options.step ?? 0.1,
    minModels: options.minModels ?? 5,
  };
  return memo(ctx, `diag:winding:${opts.width}:${opts.step}:${opts.minModels}`, () => {
    // Rows with an estimated score are left out (docs/data-notes.md: analyses exclude them).
    const analysed = ctx.base.filter((p) => p.provenance !== 'estimated');
    const pts = analysed
      .filter(
        (p) =>
          p.params !== null &&
          p.scores.hellaswag !== undefined &&
          p.scores.truthfulqa_mc2 !== undefined,
      )
      .map((p) => ({
        logN: Math.log10(p.params as number),
        a: p.scores.hellaswag as number,
        b: p.scores.truthfulqa_mc2 as number,
      }));
    const windows = angleCurve(pts, opts);
    const w = windingFromCurve(windows);
    const xs = windows.map((v) => v.centre);
    const ys = windows.map((v) => v.thetaDeg);
    const pairs = usable(pooledTransitions(analysed)).flatMap((t) => {
      const th = interp(xs, ys, t.logMid);
      return th === null
        ? []
        : [{ family: t.family, from: t.from, logN: t.logMid, g: t.gamma12, th }];
    });
    const corr =
      pairs.length >= 3
        ? correlationTest(
            pairs.map((p) => p.g),
            pairs.map((p) => p.th),
            { seed: ctx.seed, resamples: ctx.resamples, permutations: ctx.resamples },
          )
        : null;
    const estimatedExcluded = ctx.base.filter((p) => p.provenance === 'estimated');
    const dependence =
      pairs.length >= 3
        ? dependenceCorrection(pairs, opts.width, { seed: ctx.seed, resamples: ctx.resamples })
        : null;
    const result: Winding & {
      models: number;
      rGammaTheta: typeof corr;
      /** Naive p above treats the pairs as independent; this corrects for overlap (item 5). */
      rGammaThetaDependence: DependenceCorrection | null;
      estimatedExcluded: string[];
    } = {
      windows,
      options: opts,
      ...w,
      models: pts.length,
      rGammaTheta: corr,
      rGammaThetaDependence: dependence,
      estimatedExcluded: estimatedExcluded.map((p) => p.name),
    };
    return result;
  });
}
