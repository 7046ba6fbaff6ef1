/** `cape family <name>` or `cape family --file <csv>`: within-family coupling. */
import {
  familyCoupling,
  familyTests,
  seriesCoupling,
  type FamilyCoupling,
  type ModelPoint,
} from '../../cape/index.ts';
import { CapeError } from '../../core/errors.ts';
import { readModelsFromPath } from '../../data/ingest/files.ts';
import { fmtCi, fmtNum, fmtP, fmtParams } from '../../report/format.ts';
import { formatTable } from '../../report/table.ts';
import { parse } from '../args.ts';
import { cliContext, workspaceOption } from '../context.ts';
import { printJson, type Io } from '../io.ts';

export const help = `cape family <name> [--include-workspace] [--json]
cape family --all [--json]
cape family --file <models.csv> [--json]
  Within-family r(HellaSwag, TruthfulQA) with t-test p, bootstrap 95% CI and permutation p; the
  transitions with γ12 = ΔTQA/ΔHS (|ΔHS| < 0.5 excluded and counted); the family's own Nc where
  it has at least 3 usable transitions. --all: every family's r and p with Benjamini–Hochberg q.`;

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

function render(
  f: Omit<FamilyCoupling, 'nc' | 'ncNote'> & Partial<Pick<FamilyCoupling, 'nc' | 'ncNote'>>,
): string {
  const summary = formatTable({
    title: `Family ${f.family}: r(HS, TQA) over ${f.n} models`,
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
    headers: ['from', 'to', 'ΔHS', 'ΔTQA', 'γ12', 'note'],
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

export async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(
    argv,
    { file: { type: 'string' }, all: { type: 'boolean' }, ...workspaceOption },
    true,
  );
  if (values.help) return (io.out(`${help}\n`), 0);
  const ctx = await cliContext(values);
  if (values.all) {
    const rows = familyTests(ctx);
    if (values.json) return (printJson(io, rows), 0);
    io.out(
      formatTable({
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
      }),
    );
    return 0;
  }
  if (typeof values.file === 'string') {
    const res = await readModelsFromPath(values.file);
    const points: ModelPoint[] = res.models
      .filter((m) => m.params !== null)
      .map((m, i) => ({
        id: `file-${i}`,
        name: m.name,
        family: m.family ?? 'file',
        lab: '',
        params: m.params,
        scores: m.scores,
        provenance: 'measured',
        kind: 'user',
        releaseDate: null,
      }));
    const families = [...new Set(points.map((p) => p.family))];
    const out = families.map((f) => seriesCoupling(ctx, f, points, 'hellaswag', 'truthfulqa_mc2'));
    if (values.json) return (printJson(io, out.length === 1 ? out[0] : out), 0);
    io.out(out.map(render).join('\n'));
    return 0;
  }
  const name = positionals[0];
  if (!name)
    throw new CapeError(
      'E_USAGE',
      'missing family name (e.g. cape family Pythia) or --file <csv>',
      'family',
    );
  const f = familyCoupling(ctx, name);
  if (values.json) return (printJson(io, f), 0);
  io.out(render(f));
  return 0;
}
