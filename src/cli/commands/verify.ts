/** `cape verify` and `cape predictions`. */
import {
  createContext,
  evaluatePrediction,
  evaluatePredictions,
  verify,
} from '../../cape/index.ts';
import { fmtCi } from '../../report/format.ts';
import { formatTable } from '../../report/table.ts';
import { parse } from '../args.ts';
import { cliWorkspace, workspaceOption } from '../context.ts';
import { printJson, type Io } from '../io.ts';

export const verifyHelp = `cape verify [--json]
  Every headline number of the seed page that the engine computes, recomputed from the dataset,
  beside the seed's printed value (or, for numbers the seed page does not print, the value in the
  study's files, in its own column), with n, 95% CI and the difference.`;

export const predictionsHelp = `cape predictions [--include-workspace] [--json]
  The study's predictions with their pass/fail criteria and the status computed from the data
  (passed / failed / expired / open). With --include-workspace: the predictions ledger of the
  workspace (the study's plus yours, added with the page or POST /api/predictions), evaluated on
  the dataset plus your saved models.`;

export async function runVerify(argv: string[], io: Io): Promise<number> {
  const { values } = parse(argv, {});
  if (values.help) return (io.out(`${verifyHelp}\n`), 0);
  const rows = verify(createContext());
  if (values.json) return (printJson(io, rows), 0);
  const d = (v: number | null) =>
    v === null
      ? null
      : Math.abs(v) >= 100
        ? v.toFixed(0)
        : Math.abs(v) >= 10
          ? v.toFixed(1)
          : v.toFixed(3);
  io.out(
    formatTable({
      title: `cape verify — ${rows.length} quantities (dataset ${createContext().dataset.version})`,
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
  );
  return 0;
}

export async function runPredictions(argv: string[], io: Io): Promise<number> {
  const { values } = parse(argv, workspaceOption);
  if (values.help) return (io.out(`${predictionsHelp}\n`), 0);
  const { ctx, ledger } = await cliWorkspace(values);
  // With --include-workspace the ledger (the study's predictions plus the user's) replaces the
  // dataset's list.
  const ps = ledger ? ledger.map((p) => evaluatePrediction(ctx, p)) : evaluatePredictions(ctx);
  if (values.json) return (printJson(io, ps), 0);
  io.out(
    formatTable({
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
    }),
  );
  return 0;
}
