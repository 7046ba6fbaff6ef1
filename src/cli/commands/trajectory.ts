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
  Consecutive releases of each product line (Claude Sonnet, GPT-5, ...; never across tiers):
  ΔSWE, ΔGPQA, γ12 = ΔGPQA/ΔSWE, h before → after, interpretation. A Δ within 2 standard errors
  of a binomial difference (500 SWE tasks, 198 GPQA questions) has no sign, and the step gets no
  trade-off label. Without --lab or --from, lists labs. A file's line/product_line column gives
  its product lines (a row without one is its own line).
${frontierFileUsage}`;

export const gateHelp = `cape gate --previous "<model>" (--swe S --gpqa S | --candidate "<model>") [--json]
  Release gate: exit 1 (and why) when GPQA fell beyond noise (2 SE of a binomial difference)
  against the previous release while SWE did not fall beyond noise (a tax excursion, or a
  reasoning loss with a noise-sized SWE change); exit 0 otherwise. A candidate and a previous
  release from different sources (Epoch AI vs vendor-reported) are flagged CROSS-SOURCE.
${frontierFileUsage}`;

function table(steps: TrajectoryStep[], title: string): string {
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
      `${t.lab} has no product line with two releases in a known order (lines: ${t.lines.map((l) => l.line).join(', ')})`,
    );
  io.out(`${t.lab}: ${t.n} releases in ${t.lines.length} product lines; order ${t.order}\n`);
  for (const l of t.lines.filter((x) => x.steps.length > 0))
    io.out(`\n${table(l.steps, `${t.lab} · ${l.line} (${l.n} releases)`)}`);
  const single = t.lines.filter((x) => x.n === 1 && x.unordered.length === 0).map((x) => x.line);
  if (single.length) io.out(`\nLines with one release (no step): ${single.join(', ')}\n`);
  if (t.undated.length) io.out(`\nLeft out (place in the line unknown): ${t.undated.join(', ')}\n`);
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
