/**
 * Registry entries of the frontier analyses: `frontier` (population fit, every model's h, per-lab
 * summaries), `hfield` (one SWE/GPQA pair), `trajectory` (release steps) and `gate` (the release
 * gate). Their renderers are the text of `cape frontier|hfield|trajectory|gate`.
 */
import { Type, type Static } from '@sinclair/typebox';
import {
  frontierFit,
  gate,
  hField,
  labSummaries,
  labTrajectory,
  trajectoryBetween,
  trajectoryLabs,
  type GateInput,
  type LabTrajectory,
  type TrajectoryStep,
} from '../../cape/index.ts';
import { CapeError } from '../../core/errors.ts';
import { rejectFrontierFractions } from '../../data/ingest/scores.ts';
import { fmtCi, fmtNum, fmtP } from '../format.ts';
import { formatTable } from '../table.ts';
import { analysis, missing } from './analysis.ts';

const Percent = (description: string) => Type.Number({ minimum: 0, maximum: 100, description });
const Subset = Type.Optional(
  Type.Union([Type.Literal('frozen'), Type.Literal('all')], {
    description: "frontier models in the regression: the study's frozen 34 (default) or all",
  }),
);
const Name = (description: string) => Type.String({ minLength: 1, maxLength: 200, description });
const Interval = Type.Tuple([Type.Number(), Type.Number()]);
const Nullable = <T extends ReturnType<typeof Type.Number>>(t: T) => Type.Union([t, Type.Null()]);

const ModelRow = Type.Object({
  name: Type.String(),
  lab: Type.String(),
  releaseDate: Type.Union([Type.String(), Type.Null()]),
  swe: Type.Number(),
  gpqa: Type.Number(),
  h: Type.Number(),
  anomaly: Type.Boolean(),
  inFit: Type.Boolean(),
});

const FrontierOutput = Type.Object(
  {
    subset: Type.String(),
    n: Type.Integer(),
    slope: Type.Number(),
    intercept: Type.Number(),
    r: Type.Number(),
    p: Type.Number(),
    slopeCi: Interval,
    interceptCi: Interval,
    models: Type.Array(ModelRow),
    labs: Type.Array(Type.Object({ lab: Type.String(), n: Type.Integer(), meanH: Type.Number() })),
  },
  { description: "the frontier fit, every model's h and per-lab summaries" },
);

const HFieldOutput = Type.Object({
  swe: Type.Number(),
  gpqa: Type.Number(),
  h: Type.Number(),
  interval: Interval,
  expectedGpqa: Type.Number(),
  n: Type.Integer(),
  interpretation: Type.String(),
});

const Step = Type.Object({
  from: Type.String(),
  to: Type.String(),
  dSwe: Type.Number(),
  dGpqa: Type.Number(),
  gamma12: Nullable(Type.Number()),
  kind: Type.String(),
  interpretation: Type.String(),
});

const TrajectoryOutput = Type.Union([
  Type.Object({ labs: Type.Array(Type.String()) }),
  Step,
  Type.Object({ lab: Type.String(), n: Type.Integer(), steps: Type.Array(Step) }),
]);

const GateOutput = Type.Object({
  pass: Type.Boolean(),
  previous: Type.String(),
  step: Step,
  hCandidate: Type.Number(),
  reason: Type.String(),
});

const FRONTIER_USAGE = `cape frontier [--subset frozen|all] [--file F [--with-dataset]] [--json]
  OLS GPQA = a·SWE + b over the frontier set (default: the study's frozen 34 less GPT-5.4 xhigh,
  one model with std; --subset all adds the post-cutoff models but GLM-5.1, whose scores have no
  source), with r, n, p, CIs, every model's h-field and per-lab mean h.`;

export const frontier = analysis({
  name: 'frontier',
  usage: FRONTIER_USAGE,
  input: Type.Object({ subset: Subset }, { additionalProperties: false }),
  output: FrontierOutput,
  context: { cli: 'frontier-file', apiWorkspace: true },
  api: { url: '/api/frontier', methods: ['GET'] },
  run: (ctx, i) => {
    const subset = i.subset ?? 'frozen';
    const { fit: _fit, ...f } = frontierFit(ctx, subset);
    return { ...f, labs: labSummaries(ctx, subset) };
  },
  render: (f) =>
    [
      formatTable({
        title: `Frontier coupling: GPQA = ${fmtNum(f.slope, 3)}·SWE + ${fmtNum(f.intercept, 2)} (${f.subset} set)`,
        headers: ['n', 'slope', 'slope 95% CI', 'intercept', 'intercept 95% CI', 'r', 'p'],
        rows: [
          [
            f.n,
            fmtNum(f.slope, 3),
            fmtCi(f.slopeCi, 3),
            fmtNum(f.intercept, 2),
            fmtCi(f.interceptCi, 2),
            fmtNum(f.r, 3),
            fmtP(f.p),
          ],
        ],
        notes: f.labClustered
          ? [
              `labs as clusters (CR2, ${f.labClustered.clusters} labs, t with ${f.labClustered.df} df): slope 95% CI ${fmtCi(f.labClustered.slopeCi, 3)}, p = ${fmtP(f.labClustered.p)}`,
            ]
          : [],
      }),
      `\n${formatTable({
        title:
          'Models (h = GPQA − fit; * = outside the 95% prediction band; q = Benjamini–Hochberg over all rows)',
        headers: ['model', 'lab', 'date', 'SWE', 'GPQA', 'h', 'p', 'q', 'set'],
        rows: [...f.models]
          .sort((a, b) => a.h - b.h)
          .map((m) => [
            m.name,
            m.lab,
            m.releaseDate,
            fmtNum(m.swe, 1),
            fmtNum(m.gpqa, 1),
            `${fmtNum(m.h, 1, true)}${m.anomaly ? '*' : ''}`,
            fmtP(m.hP),
            fmtP(m.hQ),
            m.inFit ? m.subset : `${m.subset} (out of sample)`,
          ]),
      })}`,
      `\n${formatTable({
        title: 'Per lab (in-sample: models in the fit; out-of-sample models listed apart)',
        headers: ['lab', 'n', 'mean h', '95% CI', 'slope', 'slope 95% CI', 'out-of-sample h'],
        rows: f.labs.map((l) => [
          l.lab,
          l.n,
          fmtNum(l.meanH, 1, true),
          fmtCi(l.meanHCi, 1),
          fmtNum(l.slope, 2),
          fmtCi(l.slopeCi, 2),
          l.outOfSample.n
            ? `${fmtNum(l.outOfSample.meanH, 1, true)} (n = ${l.outOfSample.n})`
            : '—',
        ]),
      })}`,
      ...f.dataExclusions.map((e) => `\nNot analysed: ${e.name}. ${e.reason}\n`),
    ].join(''),
});

export const hfield = analysis({
  name: 'hfield',
  usage: `cape hfield --swe S --gpqa S [--subset frozen|all] [--json]
  h = GPQA − (a·SWE + b) against the frontier fit, with the 95% interval of h for a model of the
  population at that SWE, and its interpretation.`,
  input: Type.Object(
    {
      swe: Percent('SWE-bench Verified score in percent'),
      gpqa: Percent('GPQA Diamond score in percent'),
      subset: Subset,
    },
    { additionalProperties: false },
  ),
  output: HFieldOutput,
  context: { cli: 'dataset', apiWorkspace: true },
  api: { url: '/api/hfield', methods: ['GET', 'POST'] },
  run: (ctx, i) => {
    rejectFrontierFractions(i);
    return hField(ctx, { swe: i.swe, gpqa: i.gpqa }, i.subset ?? 'frozen');
  },
  render: (h) =>
    formatTable({
      headers: ['SWE', 'GPQA', 'expected GPQA', 'h', '95% interval of h', 'n'],
      rows: [
        [
          fmtNum(h.swe, 1),
          fmtNum(h.gpqa, 1),
          fmtNum(h.expectedGpqa, 1),
          fmtNum(h.h, 1, true),
          fmtCi(h.interval, 1),
          h.n,
        ],
      ],
      notes: [
        h.interpretation,
        `fit: GPQA = ${fmtNum(h.slope, 3)}·SWE + ${fmtNum(h.intercept, 2)} (${h.subset} set)`,
      ],
    }),
});

const TrajectoryInput = Type.Object(
  {
    lab: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'a lab' })),
    from: Type.Optional(Name('a frontier model name')),
    to: Type.Optional(Name('a frontier model name')),
  },
  { additionalProperties: false },
);

/** A lab's trajectory, one step between two releases, or the labs. */
function trajectory(ctx: Parameters<typeof labTrajectory>[0], q: Static<typeof TrajectoryInput>) {
  if (q.lab !== undefined) {
    if (q.from !== undefined || q.to !== undefined)
      throw new CapeError('E_INPUT', 'give either lab, or from and to (not both)', 'lab');
    return labTrajectory(ctx, q.lab);
  }
  if (q.from === undefined && q.to === undefined) return { labs: trajectoryLabs(ctx) };
  if (q.from === undefined) throw missing('from', 'a step needs from and to');
  if (q.to === undefined) throw missing('to', 'a step needs from and to');
  return trajectoryBetween(ctx, q.from, q.to);
}

function stepTable(steps: TrajectoryStep[], title: string): string {
  return formatTable({
    title,
    headers: ['transition', 'ΔSWE', 'ΔGPQA', 'γ12', 'h before → after', 'interpretation'],
    rows: steps.map((s) => [
      `${s.from} → ${s.to}`,
      fmtNum(s.dSwe, 1, true),
      fmtNum(s.dGpqa, 1, true),
      s.kind === 'within-noise'
        ? `${fmtNum(s.gamma12, 2, true)} (no sign)`
        : fmtNum(s.gamma12, 2, true),
      `${fmtNum(s.hFrom, 1, true)} → ${fmtNum(s.hTo, 1, true)}`,
      s.interpretation,
    ]),
  });
}

/** A lab's lines as text; E_INSUFFICIENT_DATA when no line has two ordered releases. */
function labText(t: LabTrajectory): string {
  if (t.steps.length === 0)
    throw new CapeError(
      'E_INSUFFICIENT_DATA',
      `${t.lab} has no product line with two releases in a known order (lines: ${t.lines.map((l) => l.line).join(', ')})`,
    );
  const out = [`${t.lab}: ${t.n} releases in ${t.lines.length} product lines; order ${t.order}\n`];
  for (const l of t.lines.filter((x) => x.steps.length > 0))
    out.push(`\n${stepTable(l.steps, `${t.lab} · ${l.line} (${l.n} releases)`)}`);
  const single = t.lines.filter((x) => x.n === 1 && x.unordered.length === 0).map((x) => x.line);
  if (single.length) out.push(`\nLines with one release (no step): ${single.join(', ')}\n`);
  if (t.undated.length)
    out.push(`\nLeft out (place in the line unknown): ${t.undated.join(', ')}\n`);
  return out.join('');
}

export const trajectoryAnalysis = analysis({
  name: 'trajectory',
  usage: `cape trajectory --lab <lab> [--json]
cape trajectory --from "<model>" --to "<model>" [--json]
  Consecutive releases of each product line (Claude Sonnet, GPT-5, ...; never across tiers):
  ΔSWE, ΔGPQA, γ12 = ΔGPQA/ΔSWE, h before → after, interpretation. A Δ within 2 standard errors
  of a binomial difference (500 SWE tasks, 198 GPQA questions) has no sign, and the step gets no
  trade-off label. Without --lab or --from, lists labs. A file's line/product_line column gives
  its product lines (a row without one is its own line).`,
  input: TrajectoryInput,
  output: TrajectoryOutput,
  context: { cli: 'frontier-file', apiWorkspace: true },
  api: { url: '/api/trajectory', methods: ['GET'] },
  run: trajectory,
  render: (t) => {
    if ('labs' in t)
      return `Labs with at least two dated releases: ${t.labs.join(', ')}\n(use --lab <lab> or --from/--to)\n`;
    if ('lines' in t) return labText(t);
    return stepTable([t], `${t.from} → ${t.to}`);
  },
});

const GateInputSchema = Type.Object(
  {
    previous: Name('the previous release, a frontier model name'),
    swe: Type.Optional(Percent("the candidate's SWE-bench Verified score")),
    gpqa: Type.Optional(Percent("the candidate's GPQA Diamond score")),
    candidate: Type.Optional(Name('the candidate, a model of the frontier set (or swe and gpqa)')),
  },
  { additionalProperties: false },
);

/** The gate's candidate: a model of the frontier set, or swe and gpqa. */
function gateInput(i: Static<typeof GateInputSchema>): GateInput {
  if (i.candidate !== undefined) {
    if (i.swe !== undefined || i.gpqa !== undefined)
      throw new CapeError('E_INPUT', 'give candidate or swe/gpqa, not both', 'candidate');
    return { previous: i.previous, candidate: i.candidate };
  }
  if (i.swe === undefined) throw missing('swe', "the candidate's SWE-bench Verified score");
  if (i.gpqa === undefined) throw missing('gpqa', "the candidate's GPQA Diamond score");
  const pair = { swe: i.swe, gpqa: i.gpqa };
  rejectFrontierFractions(pair);
  return { previous: i.previous, ...pair };
}

export const gateAnalysis = analysis({
  name: 'gate',
  usage: `cape gate --previous "<model>" (--swe S --gpqa S | --candidate "<model>") [--json]
  Release gate: exit 1 (and why) when GPQA fell beyond noise (2 SE of a binomial difference)
  against the previous release while SWE did not fall beyond noise (a tax excursion, or a
  reasoning loss with a noise-sized SWE change); exit 0 otherwise. A candidate and a previous
  release from different sources (Epoch AI vs vendor-reported) are flagged CROSS-SOURCE.`,
  input: GateInputSchema,
  output: GateOutput,
  context: { cli: 'frontier-file', apiWorkspace: true },
  api: { url: '/api/gate', methods: ['POST'] },
  run: (ctx, i) => gate(ctx, gateInput(i)),
  render: (g) => `${g.pass ? 'PASS' : 'FAIL'}: ${g.reason}\n`,
  exit: (g) => (g.pass ? null : { code: 1, message: g.reason }),
});
