/**
 * Predictions with computed status (docs/science-spec.md §17): each prediction has a pass and a
 * fail
 * criterion on the data. A prediction with a date is judged at its deadline: before it, it is
 * "open" and `leaning` says which criterion the data meets today ("pass" / "fail"); after it,
 * "passed" / "failed", or "expired" when neither criterion holds. A prediction counted in releases
 * (no date) or already claimed as confirmed is judged as soon as the data meets a criterion.
 * A criterion that needs data the dataset does not hold is "not evaluable" and says why.
 */
import { CapeError } from '../core/errors.ts';
import { pearson } from '../core/stats.ts';
import type { Criterion, CriterionOp, Prediction } from '../data/schema.ts';
import type { Context } from './context.ts';
import { familySeries, familyTransitions, usable } from './coupling.ts';
import { familyCoupling } from './family.ts';
import { frontierFit, hField } from './frontier.ts';
import { findModel } from './lookup.ts';
import { holdout } from './diagnostics/holdout.ts';

export type PredictionStatus = 'open' | 'passed' | 'failed' | 'expired';

export interface CriterionCheck {
  holds: boolean | null;
  /** The measured quantity, when there is one. */
  value: number | null;
  n: number | null;
  detail: string;
}

export interface EvaluatedPrediction extends Prediction {
  status: PredictionStatus;
  /** Before a dated deadline: the criterion the data meets today, if any. */
  leaning: 'pass' | 'fail' | null;
  passCheck: CriterionCheck;
  failCheck: CriterionCheck;
  evaluatedOn: string;
}

export function compare(v: number, op: CriterionOp, x: number): boolean {
  switch (op) {
    case '<':
      return v < x;
    case '<=':
      return v <= x;
    case '>':
      return v > x;
    case '>=':
      return v >= x;
    case 'abs<':
      return Math.abs(v) < x;
    case 'abs>=':
      return Math.abs(v) >= x;
  }
}

const f2 = (v: number) => v.toFixed(2);
const na = (detail: string): CriterionCheck => ({ holds: null, value: null, n: null, detail });

/** Evaluates one criterion on the context's data. */
export function checkCriterion(ctx: Context, c: Criterion): CriterionCheck {
  switch (c.kind) {
    case 'top_k_spread': {
      const vals = ctx.frontier
        .map((p) => p.scores[c.benchmark])
        .filter((v): v is number => v !== undefined)
        .sort((a, b) => b - a)
        .slice(0, c.k);
      if (vals.length < c.k) return na(`only ${vals.length} models report ${c.benchmark}`);
      const spread = vals[0]! - vals.at(-1)!;
      return {
        holds: compare(spread, c.op, c.value),
        value: spread,
        n: vals.length,
        detail: `top-${c.k} ${c.benchmark} spread = ${f2(spread)} pp`,
      };
    }
    case 'frontier_r': {
      const pts = ctx.frontier.filter(
        (p) => p.scores[c.x] !== undefined && p.scores[c.y] !== undefined,
      );
      const r = pearson(
        pts.map((p) => p.scores[c.x] as number),
        pts.map((p) => p.scores[c.y] as number),
      );
      if (pts.length < c.minN || !Number.isFinite(r))
        return {
          holds: null,
          value: Number.isFinite(r) ? r : null,
          n: pts.length,
          detail: `n = ${pts.length} < ${c.minN} models with ${c.x} and ${c.y}`,
        };
      return {
        holds: compare(r, c.op, c.value),
        value: r,
        n: pts.length,
        detail: `r(${c.x}, ${c.y}) = ${f2(r)}, n = ${pts.length}`,
      };
    }
    case 'lab_next_h': {
      const rows = frontierFit(ctx)
        .models.filter((m) => m.lab === c.lab && m.releaseDate !== null && m.releaseDate > c.after)
        .sort((a, b) => (a.releaseDate as string).localeCompare(b.releaseDate as string))
        .slice(0, c.count);
      if (rows.length < c.count)
        return {
          holds: null,
          value: null,
          n: rows.length,
          detail: `${rows.length} of ${c.count} ${c.lab} releases after ${c.after} in the data`,
        };
      const ok = rows.map((r) => compare(r.h, c.op, c.value));
      return {
        holds: c.quantifier === 'all' ? ok.every(Boolean) : ok.some(Boolean),
        value: null,
        n: rows.length,
        detail: rows.map((r) => `${r.name} h = ${f2(r.h)}`).join('; '),
      };
    }
    case 'gamma12_between': {
      const a = findModel([...ctx.allBase, ...ctx.frontier], c.from);
      const b = findModel([...ctx.allBase, ...ctx.frontier], c.to);
      const [x, y] =
        a.kind === 'frontier'
          ? (['swe_bench_verified', 'gpqa_diamond'] as const)
          : (['hellaswag', 'truthfulqa_mc2'] as const);
      const dx = (b.scores[x] ?? NaN) - (a.scores[x] ?? NaN),
        dy = (b.scores[y] ?? NaN) - (a.scores[y] ?? NaN);
      if (!Number.isFinite(dx) || !Number.isFinite(dy) || dx === 0)
        return na(`γ12 between ${a.name} and ${b.name} is not defined by the data`);
      const g = dy / dx;
      return {
        holds: compare(g, c.op, c.value),
        value: g,
        n: 2,
        detail: `γ12(${a.name} → ${b.name}) = ${f2(dy)}/${f2(dx)} = ${g.toFixed(3)}`,
      };
    }
    case 'h_of': {
      const m = findModel(ctx.frontier, c.model, 'frontier model');
      const h = hField(ctx, {
        swe: m.scores.swe_bench_verified ?? NaN,
        gpqa: m.scores.gpqa_diamond ?? NaN,
      }).h;
      if (!Number.isFinite(h)) return na(`${m.name} has no SWE/GPQA pair`);
      return {
        holds: compare(h, c.op, c.value),
        value: h,
        n: 1,
        detail: `h(${m.name}) = ${f2(h)}`,
      };
    }
    case 'family_r': {
      const fc = familyCoupling(ctx, c.family);
      return {
        holds: compare(fc.r, c.op, c.value),
        value: fc.r,
        n: fc.n,
        detail: `r(HS, TQA) in ${fc.family} = ${fc.r.toFixed(3)}, n = ${fc.n}`,
      };
    }
    case 'family_gamma': {
      const ts = usable(
        familyTransitions(familySeries(ctx.base, c.family, 'hellaswag', 'truthfulqa_mc2')),
      );
      if (ts.length === 0) return na(`${c.family} has no usable transition in the data`);
      const ok = ts.map((t) => compare(t.gamma12, c.op, c.value));
      return {
        holds: c.quantifier === 'all' ? ok.every(Boolean) : ok.some(Boolean),
        value: null,
        n: ts.length,
        detail: ts.map((t) => `${t.from} → ${t.to}: γ12 = ${f2(t.gamma12)}`).join('; '),
      };
    }
    case 'ode_holdout_ratio': {
      const ho = holdout(ctx);
      const best = ho.polynomials.reduce((m, q) => (q.mape < m.mape ? q : m));
      const ratio = ho.ode.mape / best.mape;
      return {
        holds: compare(ratio, c.op, c.value),
        value: ratio,
        n: ho.ode.perModel.length,
        detail: `ODE holdout MAPE ${ho.ode.mape.toFixed(1)}% vs best polynomial (${best.method}) ${best.mape.toFixed(1)}%: ratio ${ratio.toFixed(2)}`,
      };
    }
    case 'needs_benchmark':
      return na(`not evaluable: the dataset has no ${c.benchmark} scores (${c.description})`);
  }
}

function safeCheck(ctx: Context, c: Criterion): CriterionCheck {
  try {
    return checkCriterion(ctx, c);
  } catch (e) {
    if (e instanceof CapeError) return na(`not evaluable: ${e.message}`);
    throw e;
  }
}

/** Evaluates one prediction. */
export function evaluatePrediction(ctx: Context, p: Prediction): EvaluatedPrediction {
  const passCheck = safeCheck(ctx, p.pass);
  const failCheck = safeCheck(ctx, p.fail);
  const meets = passCheck.holds === true ? 'pass' : failCheck.holds === true ? 'fail' : null;
  const due = p.deadline === null || ctx.today > p.deadline;
  let status: PredictionStatus = 'open';
  if (due && meets === 'pass') status = 'passed';
  else if (due && meets === 'fail') status = 'failed';
  else if (due && p.deadline !== null) status = 'expired';
  return {
    ...p,
    status,
    leaning: due ? null : meets,
    passCheck,
    failCheck,
    evaluatedOn: ctx.today,
  };
}

/** Every prediction of the dataset (plus `extra`, e.g. the user's ledger), evaluated. */
export function evaluatePredictions(
  ctx: Context,
  extra: readonly Prediction[] = [],
): EvaluatedPrediction[] {
  return [...ctx.dataset.predictions, ...extra].map((p) => evaluatePrediction(ctx, p));
}
