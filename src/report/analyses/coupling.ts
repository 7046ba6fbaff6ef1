/**
 * Registry entries of the coupling analyses: `family` (within-family coupling), `pair` (any two
 * benchmarks) and `nc` (the critical size by both methods). Their renderers are the text of
 * `cape family|pair|nc`; `renderFamily` also prints a file's series (`cape family --file`).
 */
import { Type } from '@sinclair/typebox';
import {
  familyCoupling,
  ncCluster,
  ncReference,
  pairCoupling,
  type FamilyCoupling,
  type FamilyTest,
  type NcEstimate,
} from '../../cape/index.ts';
import { shortLabel } from '../../data/benchmarks.ts';
import { BenchmarkIdSchema } from '../../data/schema.ts';
import { fmtCi, fmtNum, fmtP, fmtParams } from '../format.ts';
import { formatTable } from '../table.ts';
import { analysis } from './analysis.ts';

const Interval = Type.Tuple([Type.Number(), Type.Number()]);
const OrNull = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) =>
  Type.Union([t, Type.Null()]);

function permutationNotes(f: Pick<FamilyCoupling, 'permutation'>): string[] {
  const p = f.permutation;
  if (!p) return [];
  const dist = p.distribution
    .map((d) => `${fmtNum(d.r, 3)} (${fmtNum(d.probability, 3)})`)
    .join(', ');
  return [
    `exact permutation p over all ${p.permutations} orderings = ${fmtP(p.p)}`,
    ...(p.distribution.length <= 12
      ? [`permutation distribution of r (probability): ${dist}`]
      : []),
  ];
}

function ncLine(f: Partial<Pick<FamilyCoupling, 'nc' | 'ncNote'>> & { family: string }): string {
  const nc = f.nc;
  if (!nc) return `Nc: ${f.ncNote ?? 'not estimated'}`;
  const share = `${(nc.validShare * 100).toFixed(1)}% of resamples gave a crossing`;
  const extra = nc.extrapolation ? `; EXTRAPOLATION: ${nc.extrapolation}` : '';
  return (
    `Nc (${f.family}) = ${fmtParams(nc.value)} (fitted crossing) [${fmtParams(nc.ciLow)}, ` +
    `${fmtParams(nc.ciHigh)}], n = ${nc.n} transitions, ${share}${extra}`
  );
}

/** A family's (or a file series') coupling as text: summary with Nc, then its transitions. */
export function renderFamily(
  f: Omit<FamilyCoupling, 'nc' | 'ncNote'> & Partial<Pick<FamilyCoupling, 'nc' | 'ncNote'>>,
): string {
  const [x, y] = [shortLabel(f.x), shortLabel(f.y)];
  const summary = formatTable({
    title: `Family ${f.family}: r(${x}, ${y}) over ${f.n} models`,
    headers: ['r', '95% CI (bootstrap)', '95% CI (Fisher)', 't-test p', 'permutation p', 'n'],
    rows: [
      [
        fmtNum(f.r, 3),
        fmtCi(f.rCi, 3),
        fmtCi(f.rCiFisher, 3),
        fmtP(f.p),
        fmtP(f.pPermutation),
        f.n,
      ],
    ],
    notes: [
      `seed ${f.seed}, ${f.resamples} resamples`,
      ...(f.rCiNote ? [f.rCiNote] : []),
      ...permutationNotes(f),
      ncLine(f),
    ],
  });
  const trans = formatTable({
    title: 'Transitions',
    headers: ['from', 'to', `Δ${x}`, `Δ${y}`, 'γ12', 'note'],
    rows: f.transitions.map((t) => [
      t.from,
      t.to,
      fmtNum(t.dX, 2, true),
      fmtNum(t.dY, 2, true),
      fmtNum(t.gamma12, 3, true),
      t.reason ?? '',
    ]),
    notes: [`${f.excludedTransitions} of ${f.transitions.length} transitions excluded`],
  });
  return `${summary}\n${trans}`;
}

/** Every family's r and p with Benjamini–Hochberg q (`cape family --all`). */
export function renderFamilyTests(rows: FamilyTest[]): string {
  return formatTable({
    title: `r(HS, TQA) in ${rows.length} families, with Benjamini–Hochberg q over the ${rows.length} tests`,
    headers: ['family', 'n', 'r', 't-test p', 'q', 'permutation p', 'q (perm.)'],
    rows: rows.map((r) => [
      r.family,
      r.n,
      fmtNum(r.r, 3),
      fmtP(r.p),
      fmtP(r.q),
      fmtP(r.pPermutation),
      fmtP(r.qPermutation),
    ]),
  });
}

export const family = analysis({
  name: 'family',
  usage: `cape family <name> [--x A --y B] [--include-workspace] [--json]
cape family --all [--json]
cape family --file <models.csv> [--json]
  Within-family r(HellaSwag, TruthfulQA) with t-test p, bootstrap 95% CI and permutation p; the
  transitions with γ12 = ΔTQA/ΔHS (|ΔHS| < 0.5 excluded and counted); the family's own Nc where
  it has at least 3 usable transitions. --all: every family's r and p with Benjamini–Hochberg q.`,
  input: Type.Object(
    {
      name: Type.String({
        minLength: 1,
        maxLength: 200,
        description: 'a family name, e.g. Pythia',
      }),
      x: Type.Optional({ ...BenchmarkIdSchema, description: 'first benchmark (hellaswag)' }),
      y: Type.Optional({ ...BenchmarkIdSchema, description: 'second benchmark (truthfulqa_mc2)' }),
    },
    { additionalProperties: false },
  ),
  positional: 'name',
  output: Type.Object({
    family: Type.String(),
    n: Type.Integer(),
    r: Type.Number(),
    p: Type.Number(),
    rCi: OrNull(Interval),
    transitions: Type.Array(Type.Object({ from: Type.String(), to: Type.String() })),
    excludedTransitions: Type.Integer(),
  }),
  context: { cli: 'workspace', apiWorkspace: true },
  api: { url: '/api/family/:name', methods: ['GET'] },
  run: (ctx, i) => familyCoupling(ctx, i.name, i.x ?? 'hellaswag', i.y ?? 'truthfulqa_mc2'),
  render: renderFamily,
});

/** A benchmark of a pair: a dataset id or alias, or (with a series) any name of the user's own;
 * the engine resolves and checks it (pairBenchmark: E_INPUT naming x or y). */
const PairBenchmark = (what: string) =>
  Type.String({
    maxLength: 1000,
    description: `${what}: an id or alias of the dataset (hellaswag, arc, truthfulqa…), or with a series any name of your own (HLE)`,
  });

const SeriesModelSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    params: Type.Number({ exclusiveMinimum: 0 }),
    x: Type.Number(),
    y: Type.Number(),
  },
  { additionalProperties: false },
);

export const pair = analysis({
  name: 'pair',
  usage: `cape pair --x <benchmark> --y <benchmark> [--series <models.csv | results folder>] [--json]
  γ12 = ΔY/ΔX per transition over the dataset's base models (or over your own series of sizes),
  the pooled running-coupling fit and its zero, the sign of γ12 per scale band, sign changes
  within families, and whether one lies at ≥ 70B (an Nc2/Nc3 candidate). Benchmarks: hellaswag,
  truthfulqa, arc, mmlu, winogrande, gsm8k, swe, gpqa, ifeval (frontier ones: correlation only).`,
  input: Type.Object(
    {
      x: PairBenchmark('the first benchmark, e.g. hellaswag'),
      y: PairBenchmark('the second benchmark, e.g. truthfulqa'),
      series: Type.Optional(
        Type.Array(SeriesModelSchema, {
          maxItems: 10_000,
          description: 'your own series of sizes instead of the base models (not a query value)',
        }),
      ),
    },
    { additionalProperties: false },
  ),
  output: Type.Object({
    x: Type.String(),
    y: Type.String(),
    source: Type.String(),
    transitions: Type.Array(Type.Object({ from: Type.String(), to: Type.String() })),
    excluded: Type.Integer(),
    bands: Type.Array(Type.Object({ band: Type.String(), n: Type.Integer() })),
    nc2: Type.String(),
  }),
  context: { cli: 'dataset', apiWorkspace: true },
  api: { url: '/api/pair', methods: ['GET'] },
  run: (ctx, i) => pairCoupling(ctx, i),
  render: (p) => {
    const label = `${shortLabel(p.x)} → ${shortLabel(p.y)}`;
    const out: string[] = [];
    if (p.frontier)
      out.push(
        formatTable({
          title: `${label} across frontier models`,
          headers: ['r', '95% CI', 'p', 'n'],
          rows: [
            [fmtNum(p.frontier.r, 3), fmtCi(p.frontier.ci, 3), fmtP(p.frontier.p), p.frontier.n],
          ],
          notes: [p.frontier.note],
        }),
      );
    if (p.fit)
      out.push(
        formatTable({
          title: `${label}: γ12 = A·log10 N + B over ${p.fit.n} transitions (${p.source})`,
          headers: ['A', 'A 95% CI', 'B', 'R²', 'zero', 'sign accuracy'],
          rows: [
            [
              fmtNum(p.fit.A, 3),
              fmtCi(p.fit.slopeCi, 3),
              fmtNum(p.fit.B, 3),
              fmtNum(p.fit.r2, 2),
              p.fit.zero ? fmtParams(p.fit.zero.params) : 'none (slope ≤ 0)',
              p.fit.signAccuracy ? `${p.fit.signAccuracy.correct}/${p.fit.signAccuracy.n}` : '—',
            ],
          ],
          notes: [`${p.excluded} transitions excluded (|ΔX| < 0.5, within 2 SE, or equal size)`],
        }),
      );
    else if (p.fitNote) out.push(`No running-coupling fit: ${p.fitNote}\n`);
    if (p.transitions.length) {
      out.push(
        `\n${formatTable({ title: 'Sign of γ12 by scale band', headers: ['band', 'range', 'n', 'γ12 > 0', 'γ12 ≤ 0', 'median γ12'], rows: p.bands.map((b) => [b.band, b.range, b.n, b.positive, b.negative, fmtNum(b.medianGamma, 3, true)]) })}`,
      );
      out.push(
        `\n${formatTable({ title: 'Sign changes within a family', headers: ['family', 'at', 'between', 'and', 'direction'], rows: p.crossings.map((c) => [c.family, fmtParams(c.params), c.after, c.before, c.direction]) })}`,
      );
    }
    out.push(`\nNc2/Nc3: ${p.nc2}\n`);
    return out.join('');
  },
});

const NcOutput = Type.Object({
  method: Type.String(),
  value: Type.Number(),
  ciLow: Type.Number(),
  ciHigh: Type.Number(),
  n: Type.Integer(),
  resamples: Type.Integer(),
  seed: Type.Integer(),
});

function ncRow(label: string, e: NcEstimate): (string | number)[] {
  return [
    label,
    fmtParams(e.value),
    `[${fmtParams(e.ciLow)}, ${fmtParams(e.ciHigh)}]`,
    e.n,
    `${e.resamples} (seed ${e.seed}), ${(e.validShare * 100).toFixed(1)}% with a crossing`,
    e.extrapolation ?? '',
  ];
}

export const nc = analysis({
  name: 'nc',
  usage: `cape nc [--include-workspace] [--json]
  The critical size Nc where γ12 changes sign: the pooled running-coupling crossing with a
  family-cluster bootstrap interval (the method the page states), beside the study's reference
  method (median vertex of resampled fits), each with n, resamples and seed.`,
  input: Type.Object({}, { additionalProperties: false }),
  output: Type.Object({ cluster: NcOutput, reference: NcOutput }),
  context: { cli: 'workspace', apiWorkspace: true },
  api: { url: '/api/nc', methods: ['GET'] },
  run: (ctx) => ({ cluster: ncCluster(ctx), reference: ncReference(ctx) }),
  render: (r) =>
    formatTable({
      title: 'Critical size Nc (γ12 = 0)',
      headers: ['method', 'Nc', '95% CI', 'n', 'resamples', 'extrapolation'],
      rows: [ncRow('family-cluster bootstrap', r.cluster), ncRow('reference (study)', r.reference)],
    }),
});
