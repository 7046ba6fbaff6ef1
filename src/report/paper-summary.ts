/**
 * The seed's paper summary, recomputed: its four key cards and its "12 diagnostics → 2 numbers"
 * grid, each card bound to a `cape verify` row (value, n, interval, the seed's value) and, where
 * one exists, to the diagnostic of the registry that computes it; each gets a verdict by a
 * stated rule (supported / not established / not computable). No number is typed here: values
 * come from the rows, the seed's from data/seed-claims.json through them.
 */
import type { VerifyRow } from '../cape/verify.ts';
import { diagnosticNamed, type DiagnosticName } from './diagnostics.ts';
import { fmtCi, fmtNum, fmtSigned } from './format.ts';

export type Verdict = 'supported' | 'not established' | 'not computable';

export interface SummaryCard {
  key: string;
  /** The seed's heading for the card, in words. */
  title: string;
  /** What the seed claims, without its numbers (they are in `row.seed`). */
  claim: string;
  row: VerifyRow | null;
  verdict: Verdict;
  /** Why the verdict, with the numbers it rests on. */
  why: string;
  /** The registry diagnostic that computes the value (`cape diagnostics <name>`). */
  diagnostic: { name: DiagnosticName; summary: string } | null;
}

type Rows = ReadonlyMap<string, VerifyRow>;
type Judged = { verdict: Verdict; why: string };
type Rule = (r: VerifyRow & { value: number }, rows: Rows) => Judged;

interface Spec {
  key: string;
  title: string;
  claim: string;
  /** The verify row; absent when the engine has no quantity for the claim. */
  row?: string;
  rule?: Rule;
  diagnostic?: DiagnosticName;
  /** Why it cannot be computed, when there is no row. */
  missing?: string;
}

/** Relative tolerance for a value that has no interval: within 10% of the seed's. */
export const TOLERANCE = 0.1;

/** Integers as integers, |v| ≥ 10 with 1 decimal, else 3 (the summary's one number style). */
export function fmtValue(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  if (Number.isInteger(v)) return String(v);
  return fmtNum(v, Math.abs(v) >= 10 ? 1 : 3);
}

const printed = (r: VerifyRow) => r.seed ?? r.study;

/** A value as the seed printed it (no padding zeros): 4.9, not 4.900. */
export function fmtSeed(v: number | null | undefined): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '—' : String(+v.toPrecision(6));
}
const ok = (yes: boolean, why: string): Judged => ({
  verdict: yes ? 'supported' : 'not established',
  why,
});

/** The seed's value lies inside our 95% interval. */
const seedInInterval: Rule = (r) => {
  const s = printed(r)!;
  const [lo, hi] = r.ci!;
  const inside = s >= lo && s <= hi;
  return ok(
    inside,
    `the seed's ${fmtSeed(s)} is ${inside ? 'inside' : 'outside'} our 95% interval ${fmtCi(r.ci, fmtValue)}`,
  );
};

/** No interval: within TOLERANCE of the seed's value. */
const withinTolerance: Rule = (r) => {
  const s = printed(r)!;
  const rel = Math.abs(r.value - s) / Math.abs(s);
  return ok(
    rel <= TOLERANCE,
    `ours differs from the seed's ${fmtSeed(s)} by ${fmtNum(rel * 100, 0)}% (no interval; tolerance ${TOLERANCE * 100}%)`,
  );
};

/** The default rule: interval if there is one, else the tolerance. */
const compareWithSeed: Rule = (r, rows) =>
  printed(r) === null
    ? { verdict: 'not established', why: 'the seed prints no value to compare with' }
    : r.ci
      ? seedInInterval(r, rows)
      : withinTolerance(r, rows);

/** A count of n that the seed claims is all of them (e.g. "12/12 sign correct"). */
const allCorrect: Rule = (r) =>
  ok(r.value === r.n, `${r.value} of ${r.n} correct (the seed: every one of its ${printed(r)})`);

/** A negative estimate whose interval excludes 0. */
const negativeEstablished: Rule = (r, rows) => {
  const lofo = rows.get('lofo.below.HS–TQA');
  const folds = lofo?.value != null ? `; negative in ${lofo.value} of ${lofo.n} LOFO folds` : '';
  return ok(
    r.ci !== null && r.ci[1] < 0,
    `r = ${fmtSigned(r.value, 3)}, 95% interval ${fmtCi(r.ci, (v) => fmtSigned(v, 3))}, n = ${r.n}${folds}`,
  );
};

/** A positive slope whose interval excludes 0 (a rising running coupling). */
const risingLine: Rule = (r, rows) => {
  const r2 = rows.get('running.r2')?.value;
  return ok(
    r.ci !== null && r.ci[0] > 0,
    `A = ${fmtValue(r.value)}, 95% interval ${fmtCi(r.ci, fmtValue)} over n = ${r.n} transitions; R² ${fmtNum(r2, 2)}: the line explains ${fmtNum((r2 ?? NaN) * 100, 0)}% of γ12's variance`,
  );
};

/** Fewer than 5 sized base models in the range: the claim cannot be tested here. */
const tooFewAtScale: Rule = (r) => ({
  verdict: (r.n ?? 0) < 5 ? 'not computable' : 'not established',
  why: `only ${r.n} sized base models lie in 70B–130B and frontier models publish no parameter counts: a breakdown there cannot be located from these data`,
});

const KEY_CARDS: readonly Spec[] = [
  {
    key: 'core',
    title: 'Core finding: alignment tax',
    claim: 'below Nc, reasoning (HellaSwag) and truthfulness (TruthfulQA) anticorrelate',
    row: 'pythia.r',
    rule: negativeEstablished,
  },
  {
    key: 'lever',
    title: 'Practical lever: curate data',
    claim: 'curated data (Phi) lifts TruthfulQA far above the web-trained baseline',
    row: 'phi.h',
  },
  {
    key: 'framework',
    title: 'Framework: one running-coupling line',
    claim: 'γ12 = A·log10 N + B rises with scale and crosses zero at Nc',
    row: 'running.A',
    rule: risingLine,
  },
  {
    key: 'validity',
    title: 'Validity: self-limiting near 130B',
    claim: 'the theory predicts its own breakdown near 130B',
    row: 'range.hsTqa70to130B',
    rule: tooFewAtScale,
  },
];

const GRID: readonly Spec[] = [
  {
    key: 'alpha',
    title: 'α: loss scaling exponent',
    claim: 'L = E + A·N^−α',
    row: 'loss.alpha',
    diagnostic: 'loss',
  },
  {
    key: 'signs',
    title: 'γ12 linear fit',
    claim: 'the line gets the sign of every transition right',
    row: 'running.signCorrect',
    rule: allCorrect,
  },
  {
    key: 'beta',
    title: 'β: collective gradient scaling',
    claim: '‖∇L‖ ∝ N^−β',
    row: 'loss.beta',
    diagnostic: 'loss',
  },
  {
    key: 'ode',
    title: 'ODE from 70M',
    claim: 'the coupled ODE fits 5 benchmarks (in-sample MAPE %)',
    row: 'ode.inSampleMape',
    diagnostic: 'ode',
  },
  {
    key: 'chi',
    title: 'χ_ND: Chinchilla from coupling',
    claim: 'the compute-optimal ratio emerges from the coupling',
    missing: 'the dataset holds no training-token counts D, so no N–D susceptibility can be formed',
  },
  {
    key: 'h',
    title: 'h(D) field',
    claim: 'Phi sits far above the web-trained baseline',
    row: 'phi.h',
  },
  {
    key: 'W',
    title: 'W (conserved)',
    claim: 'capability gain is redistributed, not created',
    missing:
      'the seed names a conserved W without defining it (the winding number W is a different quantity, in the topology panel)',
  },
  {
    key: 'theta',
    title: 'θ*: Riccati fixed point',
    claim: 'the eigenvector angle flows to a fixed point',
    missing:
      'the seed does not state its Riccati equation, so its fixed point cannot be recomputed',
  },
  {
    key: 'lambda2',
    title: 'λ2 soft-mode collapse',
    claim: 'the second eigenvalue falls as a power of N',
    missing: 'the seed does not say which matrices or windows its λ2 comes from',
  },
  {
    key: 'dip',
    title: 'Gradient dip at 1B',
    claim: 'the gradient norm dips below its trend in the Nc region',
    row: 'loss.gradDipPct',
    diagnostic: 'loss',
  },
  {
    key: 'curvature',
    title: 'Curvature peak',
    claim: 'TruthfulQA’s curvature peaks in the Nc region',
    missing: 'the seed does not define the curvature it peaks (of which curve, in which variable)',
  },
  {
    key: 'rgt',
    title: 'r(γ, θ)',
    claim: 'γ12 correlates with the eigenvector angle',
    row: 'winding.rGammaTheta',
    diagnostic: 'winding',
  },
];

function card(spec: Spec, rows: Rows): SummaryCard {
  const row = spec.row ? (rows.get(spec.row) ?? null) : null;
  const d = spec.diagnostic ? diagnosticNamed(spec.diagnostic) : null;
  const base = {
    key: spec.key,
    title: spec.title,
    claim: spec.claim,
    row,
    diagnostic: d ? { name: d.name, summary: d.summary } : null,
  };
  if (!row || row.value === null) {
    const why = row ? row.note : (spec.missing ?? 'no engine quantity');
    return { ...base, verdict: 'not computable', why };
  }
  const judged = (spec.rule ?? compareWithSeed)(row as VerifyRow & { value: number }, rows);
  return { ...base, ...judged };
}

/** The four key cards and the twelve diagnostics, judged against `verify(ctx)` rows. */
export function paperSummary(rows: readonly VerifyRow[]): {
  keyCards: SummaryCard[];
  diagnostics: SummaryCard[];
  /** The two numbers: the running line's A and B rows. */
  line: { A: VerifyRow | null; B: VerifyRow | null; r2: VerifyRow | null };
} {
  const byId: Rows = new Map(rows.map((r) => [r.id, r]));
  return {
    keyCards: KEY_CARDS.map((s) => card(s, byId)),
    diagnostics: GRID.map((s) => card(s, byId)),
    line: {
      A: byId.get('running.A') ?? null,
      B: byId.get('running.B') ?? null,
      r2: byId.get('running.r2') ?? null,
    },
  };
}

/** How many cards have each verdict. */
export function verdictCounts(cards: readonly SummaryCard[]): Record<Verdict, number> {
  const c: Record<Verdict, number> = {
    supported: 0,
    'not established': 0,
    'not computable': 0,
  };
  for (const x of cards) c[x.verdict]++;
  return c;
}

/** The one-line takeaway: how many of the twelve diagnostics the data support. */
export function summaryTakeaway(rows: readonly VerifyRow[]): string {
  const c = verdictCounts(paperSummary(rows).diagnostics);
  return `Of the seed's 12 diagnostics, the data support ${c.supported}, do not establish ${c['not established']} and cannot compute ${c['not computable']}; every quantity is in the table below.`;
}
