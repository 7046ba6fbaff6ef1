/** `cape pair --x A --y B [--series <csv>]`: any two benchmarks through the coupling machinery. */
import { createContext, pairCoupling } from '../../cape/index.ts';
import { CapeError } from '../../core/errors.ts';
import { readModelsFromPath } from '../../data/ingest/files.ts';
import { resolveBenchmark } from '../../data/ingest/index.ts';
import { fmtCi, fmtNum, fmtP, fmtParams } from '../../report/format.ts';
import { formatTable } from '../../report/table.ts';
import { need, parse } from '../args.ts';
import { printJson, type Io } from '../io.ts';
import { shortLabel } from '../../data/benchmarks.ts';

export const help = `cape pair --x <benchmark> --y <benchmark> [--series <models.csv | results folder>] [--json]
  γ12 = ΔY/ΔX per transition over the dataset's base models (or over your own series of sizes),
  the pooled running-coupling fit and its zero, the sign of γ12 per scale band, sign changes
  within families, and whether one lies at ≥ 70B (an Nc2/Nc3 candidate). Benchmarks: hellaswag,
  truthfulqa, arc, mmlu, winogrande, gsm8k, swe, gpqa, ifeval (frontier ones: correlation only).`;

export async function run(argv: string[], io: Io): Promise<number> {
  const { values } = parse(argv, {
    x: { type: 'string' },
    y: { type: 'string' },
    series: { type: 'string' },
  });
  if (values.help) return (io.out(`${help}\n`), 0);
  const x = resolveBenchmark(need(values, 'x', 'the first benchmark, e.g. hellaswag'));
  const y = resolveBenchmark(need(values, 'y', 'the second benchmark, e.g. truthfulqa'));
  let series: { name: string; params: number; x: number; y: number }[] | undefined;
  if (typeof values.series === 'string') {
    const res = await readModelsFromPath(values.series);
    series = res.models.flatMap((m) =>
      m.params !== null && m.scores[x] !== undefined && m.scores[y] !== undefined
        ? [{ name: m.name, params: m.params, x: m.scores[x], y: m.scores[y] }]
        : [],
    );
    if (series.length < 2)
      throw new CapeError(
        'E_INSUFFICIENT_DATA',
        `--series ${values.series}: ${series.length} models with a size, ${x} and ${y} (need at least 2)`,
        'series',
      );
  }
  const p = pairCoupling(createContext(), { x, y, series });
  if (values.json) return (printJson(io, p), 0);
  const label = `${shortLabel(x)} → ${shortLabel(y)}`;
  if (p.frontier) {
    io.out(
      formatTable({
        title: `${label} across frontier models`,
        headers: ['r', '95% CI', 'p', 'n'],
        rows: [
          [fmtNum(p.frontier.r, 3), fmtCi(p.frontier.ci, 3), fmtP(p.frontier.p), p.frontier.n],
        ],
        notes: [p.frontier.note],
      }),
    );
  }
  if (p.fit) {
    io.out(
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
  } else if (p.fitNote) io.out(`No running-coupling fit: ${p.fitNote}\n`);
  if (p.transitions.length) {
    io.out(
      `\n${formatTable({ title: 'Sign of γ12 by scale band', headers: ['band', 'range', 'n', 'γ12 > 0', 'γ12 ≤ 0', 'median γ12'], rows: p.bands.map((b) => [b.band, b.range, b.n, b.positive, b.negative, fmtNum(b.medianGamma, 3, true)]) })}`,
    );
    io.out(
      `\n${formatTable({ title: 'Sign changes within a family', headers: ['family', 'at', 'between', 'and', 'direction'], rows: p.crossings.map((c) => [c.family, fmtParams(c.params), c.after, c.before, c.direction]) })}`,
    );
  }
  io.out(`\nNc2/Nc3: ${p.nc2}\n`);
  return 0;
}
