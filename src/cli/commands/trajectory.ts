/** `cape trajectory` (within-lab steps) and `cape gate` (release gate). */
import {
  gate,
  labTrajectory,
  trajectoryBetween,
  trajectoryLabs,
  type GateInput,
  type TrajectoryStep,
} from '../../cape/index.ts';
import { CapeError } from '../../core/errors.ts';
import { parseScore } from '../../data/ingest/index.ts';
import { rejectFrontierFractions } from '../../data/ingest/scores.ts';
import { fmtNum } from '../../report/format.ts';
import { formatTable } from '../../report/table.ts';
import { need, parse } from '../args.ts';
import { frontierContext, frontierFileOptions, frontierFileUsage } from '../frontier-file.ts';
import { printJson, type Io } from '../io.ts';

/** The gate's candidate: --candidate (a model of the frontier set) or --swe and --gpqa. */
function gateInput(values: Record<string, unknown>, previous: string): GateInput {
  if (typeof values.candidate === 'string') {
    if (values.swe !== undefined || values.gpqa !== undefined)
      throw new CapeError('E_USAGE', 'give --candidate or --swe/--gpqa, not both', 'candidate');
    return { previous, candidate: values.candidate };
  }
  const swe = parseScore(need(values, 'swe', "the candidate's SWE-bench Verified score"), 'swe');
  const gpqa = parseScore(need(values, 'gpqa', "the candidate's GPQA Diamond score"), 'gpqa');
  rejectFrontierFractions({ swe, gpqa });
  return { previous, swe, gpqa };
}

export const trajectoryHelp = `cape trajectory --lab <lab> [--json]
cape trajectory --from "<model>" --to "<model>" [--json]
  Consecutive releases: ΔSWE, ΔGPQA, γ12 = ΔGPQA/ΔSWE, h before → after, interpretation.
  |ΔSWE| < 2 points is flagged: the ratio is then noise-sized. Without --lab or --from, lists labs.
${frontierFileUsage}`;

export const gateHelp = `cape gate --previous "<model>" (--swe S --gpqa S | --candidate "<model>") [--json]
  Release gate: exit 0 when the candidate is no tax excursion against the previous release,
  exit 1 (and why) when SWE went up while GPQA went down. A candidate and a previous release
  from different sources (Epoch AI vs vendor-reported) are flagged CROSS-SOURCE.
${frontierFileUsage}`;

function table(steps: TrajectoryStep[], title: string): string {
  return formatTable({
    title,
    headers: ['transition', 'ΔSWE', 'ΔGPQA', 'γ12', 'h before → after', 'interpretation'],
    rows: steps.map((s) => [
      `${s.from} → ${s.to}`,
      fmtNum(s.dSwe, 1, true),
      fmtNum(s.dGpqa, 1, true),
      s.tinyDelta ? `${fmtNum(s.gamma12, 2, true)} (tiny ΔSWE)` : fmtNum(s.gamma12, 2, true),
      `${fmtNum(s.hFrom, 1, true)} → ${fmtNum(s.hTo, 1, true)}`,
      s.interpretation,
    ]),
  });
}

export async function runTrajectory(argv: string[], io: Io): Promise<number> {
  const { values } = parse(argv, {
    lab: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    ...frontierFileOptions,
  });
  if (values.help) return (io.out(`${trajectoryHelp}\n`), 0);
  const { ctx } = await frontierContext(values, io);
  if (typeof values.from === 'string' || typeof values.to === 'string') {
    const s = trajectoryBetween(
      ctx,
      need(values, 'from', 'a frontier model name'),
      need(values, 'to', 'a frontier model name'),
    );
    if (values.json) return (printJson(io, s), 0);
    io.out(table([s], `${s.from} → ${s.to}`));
    return 0;
  }
  if (typeof values.lab !== 'string') {
    const labs = trajectoryLabs(ctx);
    if (values.json) return (printJson(io, { labs }), 0);
    io.out(
      `Labs with at least two dated releases: ${labs.join(', ')}\n(use --lab <lab> or --from/--to)\n`,
    );
    return 0;
  }
  const t = labTrajectory(ctx, values.lab);
  if (values.json) return (printJson(io, t), 0);
  if (t.steps.length === 0)
    throw new CapeError(
      'E_INSUFFICIENT_DATA',
      `${t.lab} has fewer than two releases with a known month`,
    );
  io.out(table(t.steps, `${t.lab}: ${t.n} releases in order of ${t.order}`));
  if (t.undated.length) io.out(`\nLeft out (release month unknown): ${t.undated.join(', ')}\n`);
  return 0;
}

export async function runGate(argv: string[], io: Io): Promise<number> {
  const { values } = parse(argv, {
    previous: { type: 'string' },
    swe: { type: 'string' },
    gpqa: { type: 'string' },
    candidate: { type: 'string' },
    ...frontierFileOptions,
  });
  if (values.help) return (io.out(`${gateHelp}\n`), 0);
  const previous = need(values, 'previous', 'the previous release, a frontier model name');
  const { ctx } = await frontierContext(values, io);
  const g = gate(ctx, gateInput(values, previous));
  if (values.json) printJson(io, g);
  else io.out(`${g.pass ? 'PASS' : 'FAIL'}: ${g.reason}\n`);
  if (!g.pass && !values.json) io.err(`cape gate: ${g.reason}\n`);
  return g.pass ? 0 : 1;
}
