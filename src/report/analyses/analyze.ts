/**
 * Registry entry of the main analysis, `analyze`: one model's phase, Nc and its distance, γ12, χ,
 * d_eff, h-field, recommendations and predicted scores at the next size (src/cape/analyze.ts).
 * Its renderer is the text of `cape analyze` (also per model of `cape analyze --file`); the
 * CLI's file modes are its extras (src/cli/analysis-extras.ts, docs/registry.md).
 */
import { Type } from '@sinclair/typebox';
import { analyzeModel, type AnalyzeInput, type ModelAnalysis } from '../../cape/analyze.ts';
import type { FileModelAnalysis } from '../../cape/file-analysis.ts';
import { shortLabel } from '../../data/benchmarks.ts';
import { ParamsInputSchema, ScoresInputSchema } from '../../data/model-input-schema.ts';
import { fmtCi, fmtNum, fmtParams } from '../format.ts';
import { formatTable } from '../table.ts';
import { analysis } from './analysis.ts';

/** One model's scores: the input of `cape analyze` and the JSON-model body of POST /api/analyze. */
export const AnalyzeScoresSchema = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    params: ParamsInputSchema,
    scores: ScoresInputSchema,
    family: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
    previous: Type.Optional(
      Type.Union([Type.String({ maxLength: 200 }), Type.Null()], {
        description: 'the previous model of the family, to measure γ12 against',
      }),
    ),
    nextParams: Type.Optional(ParamsInputSchema),
  },
  {
    additionalProperties: false,
    examples: [{ name: 'my-7b', params: '6.9B', scores: { hellaswag: 64, truthfulqa: 33 } }],
  },
);

const Obj = (description: string) => Type.Object({}, { additionalProperties: true, description });
const Nullable = (t: ReturnType<typeof Obj>) => Type.Union([t, Type.Null()]);

/** ModelAnalysis's top-level keys (the OpenAPI response; checked against real output). */
const AnalyzeOutput = Type.Object(
  {
    name: Type.String(),
    params: Type.Number(),
    family: Type.Union([Type.String(), Type.Null()]),
    scores: Type.Record(Type.String(), Type.Number()),
    phase: Type.String({ description: 'tax, transition, bonus, nc2 or nc3' }),
    phaseEvidence: Type.Array(Type.String()),
    nc: Obj('Nc with its 95% CI, method, n, seed and resamples'),
    distanceToNc: Type.Number({ description: 'log10(N/Nc)' }),
    gamma12: Type.Number(),
    gamma12Estimate: Obj('how γ12 was obtained, with its interval and n'),
    chi: Type.Number(),
    dEff: Nullable(Obj('d_eff of the regime with its CI')),
    hField: Nullable(Obj('the h-field when SWE and GPQA are given')),
    recommendations: Type.Array(Type.String()),
    predictions: Type.Array(Obj('a predicted score at nextParams with its 95% interval')),
    nextParams: Type.Number(),
    notes: Type.Array(Type.String()),
  },
  { description: "one model's analysis" },
);

const USAGE = `cape analyze --params <N> [--hellaswag S] [--truthfulqa S] [--arc S] [--mmlu S] [--winogrande S]
             [--gsm8k S] [--swe S] [--gpqa S] [--ifeval S] [--family F] [--previous "<model>"] [--next <N>] [--name X] [--include-workspace] [--json]
cape analyze --file <results.json | folder | models.csv | leaderboard.csv> [--params N] [--family F] [--json | --ndjson]
             [--metric acc|acc_norm] [--runs latest|mean|all]
  lm-eval: --metric picks acc or acc_norm where a task reports both (default: acc_norm for
  HellaSwag, ARC, GPQA, BBH, MuSR; acc elsewhere); --runs combines runs of one model in a folder
  (default latest by the file's date). Stderr, per-sample intervals and flags: docs/ingest.md.
  Phase (tax / transition / bonus / nc2 / nc3) with its evidence, Nc with its 95% CI, γ12 (measured
  against --previous with ±1.96 SE from the scores' SEs, unless |ΔHS| is within 2 SE; else
  predicted with a 95% prediction interval), χ, d_eff of the regime, the
  h-field when SWE and GPQA are given, recommendations and predicted scores at the next size.
  Params accept 6.9e9, 6.9B, 410M. Scores are percent in [0, 100].`;

/** The file's own scores with stderr, per-sample interval, n-shot, metric and flags ('' when the
 * model came from flags or a CSV). */
function measured(a: ModelAnalysis | FileModelAnalysis): string {
  const d = Object.entries(('scoreDetails' in a && a.scoreDetails) || {});
  if (!d.length) return '';
  const table = formatTable({
    title: 'Scores as read from the file',
    headers: ['benchmark', 'score', '± SE', 'per-sample 95% CI', 'n', 'n-shot', 'metric', 'flag'],
    rows: d.map(([b, s]) => [
      shortLabel(b),
      fmtNum(s!.value, 1),
      s!.stderr === null ? null : fmtNum(s!.stderr, 2),
      s!.ci ? fmtCi([s!.ci.low, s!.ci.high], 1) : null,
      s!.ci?.n ?? null,
      s!.nShot,
      s!.metric,
      s!.nearChance ? 'near chance' : '',
    ]),
  });
  return `${table}\n`;
}

function headTable(a: ModelAnalysis): string {
  return formatTable({
    title: `${a.name} — ${fmtParams(a.params)}${a.family ? `, ${a.family}` : ''}`,
    headers: ['quantity', 'value', '95% interval', 'n', 'basis'],
    rows: [
      ['phase', a.phase.toUpperCase(), null, null, a.phaseEvidence[0] ?? ''],
      [
        'Nc',
        fmtParams(a.nc.value),
        `[${fmtParams(a.nc.ciLow)}, ${fmtParams(a.nc.ciHigh)}]`,
        a.nc.n,
        `${a.nc.method} (seed ${a.nc.seed}, ${a.nc.resamples} resamples)`,
      ],
      [
        'log10(N/Nc)',
        fmtNum(a.distanceToNc, 2, true),
        null,
        null,
        'decades from the critical scale',
      ],
      [
        'γ12',
        fmtNum(a.gamma12, 3, true),
        fmtCi(a.gamma12Estimate.interval),
        a.gamma12Estimate.n,
        `${a.gamma12Estimate.source}: ${a.gamma12Estimate.note}`,
      ],
      ['χ = 1/|γ12|', fmtNum(a.chi, 2), null, null, 'susceptibility (diverges at the crossing)'],
      [
        'd_eff',
        a.dEff ? fmtNum(a.dEff.value, 2) : null,
        a.dEff ? fmtCi(a.dEff.ci) : null,
        a.dEff?.n ?? null,
        a.dEff ? `regime ${a.dEff.band}` : 'no d_eff for this regime',
      ],
      ...(a.hField
        ? [
            [
              'h-field',
              fmtNum(a.hField.h, 1, true),
              fmtCi(a.hField.interval, 1),
              a.hField.n,
              a.hField.interpretation,
            ] as (string | number | null)[],
          ]
        : []),
    ],
    notes: a.phaseEvidence.slice(1),
  });
}

/** One model's analysis as the text `cape analyze` prints (a file's model adds its scores). */
export function renderModelAnalysis(a: ModelAnalysis | FileModelAnalysis): string {
  const preds = formatTable({
    title: `Predicted scores at ${fmtParams(a.nextParams)}`,
    headers: ['benchmark', 'now', 'predicted', '95% interval', 'n', 'basis'],
    rows: a.predictions.map((p) => [
      shortLabel(p.benchmark),
      fmtNum(p.current, 1),
      fmtNum(p.predicted, 1),
      fmtCi(p.interval, 1),
      p.n,
      p.basis,
    ]),
  });
  return `${headTable(a)}\n${measured(a)}${preds}\nRecommendations:\n${a.recommendations.map((r) => `  - ${r}`).join('\n')}\n`;
}

export const analyzeAnalysis = analysis({
  name: 'analyze',
  usage: USAGE,
  input: AnalyzeScoresSchema,
  output: AnalyzeOutput,
  context: { cli: 'workspace', apiWorkspace: true },
  api: {
    url: '/api/analyze',
    methods: ['POST'],
    handDeclared: 'the same URL also takes a file upload (src/server/routes/analysis.ts)',
  },
  // analyzeModel runs the one model-input checker (checkModelInput) first: size strings such as
  // "6.9B" and score aliases are read there, and refused there exactly as the front ends refuse.
  run: (ctx, i): ModelAnalysis => analyzeModel(ctx, i as AnalyzeInput),
  render: renderModelAnalysis,
});
