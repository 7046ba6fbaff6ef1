/** `cape leaderboard <file>`: a whole Open LLM Leaderboard export through the engine (issue 6). */
import { readFile, writeFile } from 'node:fs/promises';
import { createContext } from '../../cape/index.ts';
import {
  analyzeLeaderboard,
  analyzeLeaderboardV2,
  type LeaderboardV2Analysis,
  TYPE_SELECTIONS,
  type LeaderboardAnalysis,
  type LeaderboardFamily,
  type SignTest,
  type TypeSelection,
} from '../../cape/leaderboard/index.ts';
import type { Pooled } from '../../cape/leaderboard/pooled.ts';
import { CapeError } from '../../core/errors.ts';
import { parseFamilyOverrides, parseLeaderboardCsv } from '../../data/ingest/index.ts';
import { msg } from '../../data/ingest/messages.ts';
import { fmtCi, fmtNum, fmtP, fmtParams } from '../../report/format.ts';
import { formatTable, tableToCsv, type TableView } from '../../report/table.ts';
import { parse } from '../args.ts';
import { cliKnownParams } from '../known.ts';
import { shortLabel } from '../../data/benchmarks.ts';
import { printJson, type Io } from '../io.ts';

export const help = `cape leaderboard <leaderboard.csv> [--type pretrained|all|fine-tuned|chat|merge] [--families <overrides.json>]
                 [--seed N] [--resamples N] [--json] [--csv <families.csv>]
  An Open LLM Leaderboard v2 export is read too: v2 has no HellaSwag/TruthfulQA, so it reports what
  v2 can test (within-family running coupling of every pair of its benchmarks) and what it cannot.
  The whole Open LLM Leaderboard v1 export (or a newer one in the same layout) through the engine:
  families inferred from the model ids (organisation + series + size; --families maps ids or regexes
  to family names), each family with at least 3 sizes analysed (r(HS, TQA) with p and bootstrap CI,
  γ12 per transition, its own Nc where supported), the pooled running-coupling fit and Nc, and the
  out-of-sample replication of the seed's claim (γ12 ≤ 0 below Nc, > 0 above) on the families NOT
  in the curated dataset, at the study's stated Nc and at the Nc of the curated families, with a
  permutation p-value; fine-tuned, chat and merged models as a contrast. Models whose parameter
  count is unknown are left out of every scale statistic and listed. Default --type pretrained
  (includes continuously pretrained), 2,000 bootstrap resamples, seed 20260101.
  --csv writes the per-family rows as CSV; --json prints everything (JSON only).`;

const int = (v: unknown, flag: string, min: number): number | undefined => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min)
    throw new CapeError(
      'E_USAGE',
      `invalid --${flag}: ${JSON.stringify(v)} (expected an integer ≥ ${min})`,
      flag,
    );
  return n;
};

async function readText(path: string): Promise<string> {
  try {
    const text = await readFile(path, 'utf8');
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new CapeError(
      'E_INPUT',
      msg.unreadablePath(path, err.code ? `${err.code}: ${err.message}` : String(err.message ?? e)),
      'path',
    );
  }
}

const ncText = (nc: { value: number; ciLow: number; ciHigh: number } | null) =>
  nc ? `${fmtParams(nc.value)} [${fmtParams(nc.ciLow)}, ${fmtParams(nc.ciHigh)}]` : '—';
const fitText = (p: Pooled) =>
  p.fit
    ? `γ12 = ${fmtNum(p.fit.A, 3)}·log10 N ${p.fit.B >= 0 ? '+' : '−'} ${fmtNum(Math.abs(p.fit.B), 3)}, R² ${fmtNum(p.fit.r2, 3)}`
    : '—';
const acc = (t: SignTest | null) =>
  t && t.accuracy !== null ? `${Math.round(t.accuracy * 100)}% (${t.correct}/${t.n})` : '—';
const signs = (f: LeaderboardFamily) =>
  f.transitions.map((t) => (t.gamma12 === null ? '·' : t.gamma12 > 0 ? '+' : '−')).join('');

/** Per-family rows with raw numbers (the CSV export); a missing value is an empty cell. */
export function familyCsvView(a: LeaderboardAnalysis): TableView {
  return {
    headers: [
      'family',
      'reference_family',
      'n',
      'sizes',
      'r',
      'r_ci_low',
      'r_ci_high',
      'p',
      'p_permutation',
      'transitions',
      'excluded',
      'gamma12',
      'nc',
      'nc_ci_low',
      'nc_ci_high',
      'note',
    ],
    rows: a.families.map((f) =>
      [
        f.key,
        f.reference ?? '',
        f.n,
        f.sizes.join(';'),
        f.r,
        f.rCi?.[0],
        f.rCi?.[1],
        f.p,
        f.pPermutation,
        f.usableTransitions,
        f.excludedTransitions,
        f.transitions.map((t) => (t.gamma12 === null ? '' : t.gamma12.toFixed(4))).join(';'),
        f.nc?.value,
        f.nc?.ciLow,
        f.nc?.ciHigh,
        [f.rNote, f.ncNote].filter(Boolean).join('; '),
      ].map((v) => v ?? ''),
    ),
  };
}

/** The text report: summary, per-family rows, replication, what was left out. */
export function renderLeaderboard(a: LeaderboardAnalysis, file: string): string {
  const c = a.counts;
  const s = a.settings;
  const main = a.replication;
  const summary = formatTable({
    title: `Open LLM Leaderboard replication — ${file} (type: ${s.type})`,
    headers: ['quantity', 'value', 'note'],
    rows: [
      [
        'rows read',
        c.rowsRead,
        `${c.dropped} dropped (${a.left.dropped.map((d) => `${d.reason}: ${d.count}`).join('; ') || 'none'})`,
      ],
      [
        'duplicates removed',
        c.duplicatesRemoved,
        'one row per id: float16/bfloat16 first, then the latest date',
      ],
      [
        'models (one per id)',
        c.models,
        `${a.left.relabelled.length} relabelled pretrained (another row of the id says so)`,
      ],
      [`${s.type} models`, c.selected, s.types.join(', ')],
      [
        'params known / unknown',
        `${c.paramsKnown} / ${c.paramsUnknown}`,
        'unknown: left out of every scale statistic (listed below)',
      ],
      ['missing HS or TQA', c.missingScores, 'left out (params known)'],
      [
        `families ≥ ${s.minSizes} sizes`,
        c.families,
        `${c.referenceFamilies} curated (reference), ${c.outOfSampleFamilies} out of sample; ${c.modelsInFamilies} models; ${c.smallFamilies} smaller groups`,
      ],
      [
        'pooled fit, all families',
        fitText(a.pooled),
        a.pooled.fit
          ? `n = ${a.pooled.fit.n} transitions, ${a.pooled.transitions - a.pooled.usableTransitions} excluded (|ΔHS| < ${s.minDelta} or equal size)`
          : (a.pooled.fitNote ?? ''),
      ],
      [
        'Nc, all families',
        ncText(a.pooled.nc),
        a.pooled.nc
          ? `family-cluster bootstrap, ${(a.pooled.nc.validShare * 100).toFixed(1)}% of ${a.pooled.nc.resamples} resamples gave a crossing`
          : (a.pooled.ncNote ?? ''),
      ],
      [
        'pooled fit, out of sample',
        fitText(a.pooledOutOfSample),
        a.pooledOutOfSample.fit
          ? `n = ${a.pooledOutOfSample.fit.n} transitions${a.pooledOutOfSample.fitNote ? `; ${a.pooledOutOfSample.fitNote}` : ''}`
          : (a.pooledOutOfSample.fitNote ?? ''),
      ],
      [
        'Nc, out of sample',
        ncText(a.pooledOutOfSample.nc),
        a.pooledOutOfSample.nc
          ? `${(a.pooledOutOfSample.nc.validShare * 100).toFixed(1)}% of resamples gave a crossing`
          : (a.pooledOutOfSample.ncNote ?? ''),
      ],
      ['Nc, stated by the study', fmtParams(s.statedNc), 'seed claim nc.reference'],
      [
        'Nc, curated families',
        ncText(s.curatedNc),
        s.curatedNc
          ? `cluster bootstrap over the curated dataset (seed ${s.curatedNc.seed}, ${s.curatedNc.resamples} resamples)`
          : 'not computed',
      ],
      [
        'replication at stated Nc',
        acc(main.stated),
        `permutation p ${fmtP(main.stated.pPermutation)}`,
      ],
      [
        'replication at curated Nc',
        acc(main.curated),
        `permutation p ${fmtP(main.curated?.pPermutation)}`,
      ],
    ],
    notes: [
      `Verdict: ${a.verdict}`,
      `seed ${s.seed}; ${s.resamples} bootstrap resamples per family and pooled Nc; ${s.permutations} permutations per sign test`,
    ],
  });
  const fams = formatTable({
    title: 'Families',
    headers: [
      'family',
      'curated',
      'n',
      'sizes',
      'r(HS,TQA)',
      '95% CI',
      'p',
      'γ12 signs',
      'used/excl',
      'Nc [95% CI]',
    ],
    rows: a.families.map((f) => [
      f.key,
      f.reference ?? '—',
      f.n,
      `${fmtParams(f.sizes[0] ?? null)}–${fmtParams(f.sizes[f.sizes.length - 1] ?? null)}`,
      fmtNum(f.r, 3),
      fmtCi(f.rCi, 2),
      fmtP(f.p),
      signs(f) || '—',
      `${f.usableTransitions}/${f.excludedTransitions}`,
      f.nc ? ncText(f.nc) : 'none',
    ]),
    notes: [
      'γ12 signs: one per transition in size order, + (γ12 > 0), − (γ12 ≤ 0), · (excluded)',
      'Nc "none": fewer than 3 usable transitions, or γ12 does not rise through zero (see --json for the reason)',
    ],
  });
  const tests = [main, ...a.contrasts].flatMap((g) =>
    [g.stated, g.curated]
      .filter((t): t is SignTest => t !== null)
      .map((t) => [
        g.group,
        g.families.length,
        g.usableTransitions,
        `${t.ncSource} ${fmtParams(t.nc)}`,
        `${t.below.correct}/${t.below.n}`,
        `${t.above.correct}/${t.above.n}`,
        acc(t),
        fmtP(t.pPermutation),
      ]),
  );
  const rep = formatTable({
    title: 'Replication on families outside the curated set (γ12 ≤ 0 below Nc, > 0 above)',
    headers: [
      'group',
      'families',
      'transitions',
      'Nc',
      'below correct',
      'above correct',
      'accuracy',
      'permutation p',
    ],
    rows: tests,
    notes: [main.stated.method, ...[main, ...a.contrasts].map((g) => `- ${g.verdict}`)],
  });
  const left = a.left.unknownParams.length
    ? `\nLeft out, parameter count unknown (${a.left.unknownParams.length}): ${a.left.unknownParams.map((u) => u.id).join(', ')}\n`
    : '';
  const relabelled = a.left.relabelled.length
    ? `\nRelabelled pretrained (${a.left.relabelled.length}): ${a.left.relabelled.map((r) => `${r.id} (${r.from})`).join(', ')}\n`
    : '';
  return `${summary}\n${fams}\n${rep}${left}${relabelled}`;
}

/** The v2 report: what v2 can and cannot test, its families, and every benchmark pair. */
export function renderV2(a: LeaderboardV2Analysis, file: string): string {
  const c = a.counts;
  const head =
    `${file}: Open LLM Leaderboard v2, ${c.models} models; ${c.selected} ${a.settings.type}` +
    ` (${c.paramsUnknown} of unknown size); ${c.families} families of ≥ ${a.settings.minSizes} sizes` +
    ` (${c.modelsInFamilies} models)\nCan test: ${a.canTest}.\nCannot test: ${a.cannotTest}.\n`;
  const fams = formatTable({
    title: 'Families',
    headers: ['family', 'n', 'sizes'],
    rows: a.families.map((f) => [f.key, f.n, f.sizes.map((s) => fmtParams(s)).join(', ')]),
  });
  const sign = (p: LeaderboardV2Analysis['pairs'][number]) =>
    p.bands
      .filter((b) => b.n > 0)
      .map((b) => `${b.band} ${b.positive}+/${b.negative}−`)
      .join(', ');
  const pairs = formatTable({
    title: 'Running coupling γ12 = ΔY/ΔX within families, pooled fit γ12 = A·log10 N + B',
    headers: [
      'X',
      'Y',
      'families',
      'usable transitions',
      'A',
      'A 95% CI',
      'p',
      'zero at',
      'sign by band',
    ],
    rows: a.pairs.map((p) => [
      shortLabel(p.x),
      shortLabel(p.y),
      p.families,
      p.usableTransitions,
      p.fit ? fmtNum(p.fit.A, 3, true) : null,
      p.fit ? fmtCi(p.fit.slopeCi) : null,
      p.fit ? fmtP(p.fit.p) : p.fitNote,
      p.fit?.zero ? fmtParams(p.fit.zero.params) : null,
      sign(p),
    ]),
  });
  return `${head}\n${fams}\n${pairs}`;
}

export async function run(argv: string[], io: Io): Promise<number> {
  const parsed = parse(
    argv,
    {
      type: { type: 'string' },
      families: { type: 'string' },
      csv: { type: 'string' },
      seed: { type: 'string' },
      resamples: { type: 'string' },
    },
    true,
  );
  const values = parsed.values as Record<string, unknown>;
  if (values.help) return (io.out(`${help}\n`), 0);
  const file = parsed.positionals[0];
  if (!file)
    throw new CapeError(
      'E_USAGE',
      'missing leaderboard file (e.g. cape leaderboard open-llm-leaderboard-v1.csv)',
      'file',
    );
  if (parsed.positionals.length > 1)
    throw new CapeError(
      'E_USAGE',
      `one file expected, got ${parsed.positionals.length}: ${parsed.positionals.join(' ')}`,
      'file',
    );
  const type = (values.type ?? 'pretrained') as TypeSelection;
  if (!TYPE_SELECTIONS.includes(type))
    throw new CapeError(
      'E_USAGE',
      `invalid --type: ${JSON.stringify(values.type)} (expected one of ${TYPE_SELECTIONS.join(', ')})`,
      'type',
    );
  const seed = int(values.seed, 'seed', 0);
  const resamples = int(values.resamples, 'resamples', 1);
  const overrides =
    typeof values.families === 'string'
      ? parseFamilyOverrides(await readText(values.families))
      : undefined;
  const ctx = createContext();
  const imp = parseLeaderboardCsv(await readText(file), {
    origin: file,
    knownParams: cliKnownParams(ctx.dataset),
  });
  if (imp.version === 'v2') {
    const v2 = analyzeLeaderboardV2(imp, { type, ...(overrides ? { overrides } : {}), ctx });
    if (values.json) return (printJson(io, v2), 0);
    return (io.out(renderV2(v2, file)), 0);
  }
  const a = analyzeLeaderboard(imp, { type, overrides, seed, resamples, dataset: ctx.dataset });
  if (typeof values.csv === 'string') {
    try {
      await writeFile(values.csv, tableToCsv(familyCsvView(a)));
    } catch (e) {
      throw new CapeError(
        'E_INPUT',
        `cannot write --csv ${values.csv}: ${(e as Error).message}`,
        'csv',
      );
    }
    if (!values.json) io.err(`wrote ${a.families.length} family rows to ${values.csv}\n`);
  }
  if (values.json) return (printJson(io, a), 0);
  io.out(renderLeaderboard(a, file));
  return 0;
}
