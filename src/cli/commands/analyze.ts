/** `cape analyze`: one model from flags, or every model in a file/folder (--file). */
import { analyzeModel, type ModelAnalysis } from '../../cape/analyze.ts';
import type { FileModelAnalysis } from '../../cape/file-analysis.ts';
import { cliContext, workspaceOption } from '../context.ts';
import { fmtCi, fmtNum, fmtParams } from '../../report/format.ts';
import { formatTable } from '../../report/table.ts';
import { modelFromFlags, parse, scoreOptions } from '../args.ts';
import { printJson, type Io } from '../io.ts';
import { shortLabel } from '../../data/benchmarks.ts';

export const help = `cape analyze --params <N> [--hellaswag S] [--truthfulqa S] [--arc S] [--mmlu S] [--winogrande S]
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
function measured(a: FileModelAnalysis): string {
  const d = Object.entries(a.scoreDetails ?? {});
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

export function render(a: ModelAnalysis | FileModelAnalysis): string {
  const head = formatTable({
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
  return `${head}\n${measured(a)}${preds}\nRecommendations:\n${a.recommendations.map((r) => `  - ${r}`).join('\n')}\n`;
}

export type Values = Record<string, string | boolean | undefined>;

export async function run(argv: string[], io: Io): Promise<number> {
  const { values } = parse(argv, {
    ...scoreOptions,
    params: { type: 'string' },
    family: { type: 'string' },
    previous: { type: 'string' },
    next: { type: 'string' },
    name: { type: 'string' },
    file: { type: 'string' },
    ndjson: { type: 'boolean' },
    metric: { type: 'string' },
    runs: { type: 'string' },
    ...workspaceOption,
  });
  if (values.help) return (io.out(`${help}\n`), 0);
  const ctx = await cliContext(values);
  if (typeof values.file === 'string')
    return (await import('./analyze-file.ts')).analyzeFileCommand(ctx, values.file, values, io);
  const a = analyzeModel(ctx, modelFromFlags(values));
  if (values.json) return (printJson(io, a), 0);
  io.out(render(a));
  return 0;
}
