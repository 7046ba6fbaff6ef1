/**
 * Registry entries of the study checks: `verify` (the seed's headline numbers recomputed) and
 * `predictions` (the study's predictions with computed status). Renderers are the text of
 * `cape verify|predictions`; `renderPredictions` also prints a workspace ledger.
 */
import { Type } from '@sinclair/typebox';
import { evaluatePredictions, verify, type EvaluatedPrediction } from '../../cape/index.ts';
import { fmtCi } from '../format.ts';
import { formatTable } from '../table.ts';
import { analysis } from './analysis.ts';

const OrNull = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) =>
  Type.Union([t, Type.Null()]);

/** A verify value as the table prints it: 0, 1 or 3 decimals by size. */
function d(v: number | null): string | null {
  if (v === null) return null;
  if (Math.abs(v) >= 100) return v.toFixed(0);
  return Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(3);
}

export const verifyAnalysis = analysis({
  name: 'verify',
  usage: `cape verify [--json]
  Every headline number of the seed page that the engine computes, recomputed from the dataset,
  beside the seed's printed value (or, for numbers the seed page does not print, the value in the
  study's files, in its own column), with n, 95% CI and the difference.`,
  input: Type.Object({}, { additionalProperties: false }),
  output: Type.Array(
    Type.Object({
      id: Type.String(),
      label: Type.String(),
      value: OrNull(Type.Number()),
      n: OrNull(Type.Number()),
      ci: OrNull(Type.Tuple([Type.Number(), Type.Number()])),
      seed: OrNull(Type.Number()),
      study: OrNull(Type.Number()),
      diff: OrNull(Type.Number()),
      note: Type.String(),
    }),
  ),
  context: { cli: 'dataset', apiWorkspace: false },
  api: { url: '/api/verify', methods: ['GET'], envelope: 'rows' },
  run: (ctx) => verify(ctx),
  render: (rows, ctx) =>
    formatTable({
      title: `cape verify — ${rows.length} quantities (dataset ${ctx.dataset.version})`,
      headers: ['id', 'ours', 'n', '95% CI', 'seed', 'study files', 'ours − printed', 'note'],
      rows: rows.map((r) => [
        r.id,
        d(r.value),
        r.n,
        fmtCi(r.ci, 3),
        d(r.seed),
        d(r.study),
        d(r.diff),
        r.note,
      ]),
      notes: [
        'Differences are explained in docs/verify.md (the dataset and methods are documented in docs/data-notes.md and docs/science.md).',
      ],
    }),
});

/** Evaluated predictions as the table `cape predictions` prints. */
export function renderPredictions(ps: EvaluatedPrediction[]): string {
  return formatTable({
    title: `Predictions (evaluated on ${ps[0]?.evaluatedOn ?? ''})`,
    headers: ['prediction', 'deadline', 'pass if', 'fail if', 'status', 'evidence'],
    rows: ps.map((p) => [
      p.title,
      p.deadlineText,
      p.passText,
      p.failText,
      `${p.status.toUpperCase()}${p.leaning ? ` (leaning ${p.leaning})` : ''}`,
      p.passCheck.holds === null && p.failCheck.holds === null
        ? p.passCheck.detail
        : p.passCheck.detail || p.failCheck.detail,
    ]),
  });
}

export const predictions = analysis({
  name: 'predictions',
  usage: `cape predictions [--include-workspace] [--json]
  The study's predictions with their pass/fail criteria and the status computed from the data
  (passed / failed / expired / open). With --include-workspace: the predictions ledger of the
  workspace (the study's plus yours, added with the page or POST /api/predictions), evaluated on
  the dataset plus your saved models.`,
  input: Type.Object({}, { additionalProperties: false }),
  output: Type.Array(
    Type.Object({
      id: Type.String(),
      title: Type.String(),
      status: Type.String(),
      evaluatedOn: Type.String(),
    }),
  ),
  context: { cli: 'workspace', apiWorkspace: false },
  // The API's /api/predictions is the workspace ledger (routes/predictions.ts), a superset of
  // this list that users add to; a second URL for the study's list alone would add nothing.
  api: null,
  run: (ctx) => evaluatePredictions(ctx),
  render: renderPredictions,
});
