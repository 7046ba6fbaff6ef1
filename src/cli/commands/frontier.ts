/** `cape frontier` and `cape hfield`: the SWE/GPQA population fit and the h-field calculator. */
import {
  createContext,
  frontierFit,
  hField,
  labSummaries,
  type FrontierSubset,
} from '../../cape/index.ts';
import { CapeError } from '../../core/errors.ts';
import { parseScore } from '../../data/ingest/index.ts';
import { rejectFrontierFractions } from '../../data/ingest/scores.ts';
import { fmtCi, fmtNum, fmtP } from '../../report/format.ts';
import { formatTable } from '../../report/table.ts';
import { need, parse } from '../args.ts';
import { frontierContext, frontierFileOptions, frontierFileUsage } from '../frontier-file.ts';
import { printJson, type Io } from '../io.ts';

export const frontierHelp = `cape frontier [--subset frozen|all] [--file F [--with-dataset]] [--json]
  OLS GPQA = a·SWE + b over the frontier set (default: the study's frozen 34 less GPT-5.4 xhigh,
  one model with std; --subset all adds the post-cutoff models but GLM-5.1, whose scores have no
  source), with r, n, p, CIs, every model's h-field and per-lab mean h.
${frontierFileUsage}`;

export const hfieldHelp = `cape hfield --swe S --gpqa S [--subset frozen|all] [--json]
  h = GPQA − (a·SWE + b) against the frontier fit, with the 95% interval of h for a model of the
  population at that SWE, and its interpretation.`;

function subsetOf(v: unknown): FrontierSubset {
  if (v === undefined || v === 'frozen') return 'frozen';
  if (v === 'all') return 'all';
  throw new CapeError(
    'E_USAGE',
    `invalid --subset: ${JSON.stringify(v)} (expected frozen or all)`,
    'subset',
  );
}

export async function runFrontier(argv: string[], io: Io): Promise<number> {
  const { values } = parse(argv, { subset: { type: 'string' }, ...frontierFileOptions });
  if (values.help) return (io.out(`${frontierHelp}\n`), 0);
  const { ctx } = await frontierContext(values, io);
  const { fit: _fit, ...f } = frontierFit(ctx, subsetOf(values.subset));
  const labs = labSummaries(ctx, f.subset);
  if (values.json) return (printJson(io, { ...f, labs }), 0);
  io.out(
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
  );
  io.out(
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
  );
  io.out(
    `\n${formatTable({
      title: 'Per lab (in-sample: models in the fit; out-of-sample models listed apart)',
      headers: ['lab', 'n', 'mean h', '95% CI', 'slope', 'slope 95% CI', 'out-of-sample h'],
      rows: labs.map((l) => [
        l.lab,
        l.n,
        fmtNum(l.meanH, 1, true),
        fmtCi(l.meanHCi, 1),
        fmtNum(l.slope, 2),
        fmtCi(l.slopeCi, 2),
        l.outOfSample.n ? `${fmtNum(l.outOfSample.meanH, 1, true)} (n = ${l.outOfSample.n})` : '—',
      ]),
    })}`,
  );
  for (const e of f.dataExclusions)
    io.out(`
Not analysed: ${e.name}. ${e.reason}
`);
  return 0;
}

export async function runHField(argv: string[], io: Io): Promise<number> {
  const { values } = parse(argv, {
    swe: { type: 'string' },
    gpqa: { type: 'string' },
    subset: { type: 'string' },
  });
  if (values.help) return (io.out(`${hfieldHelp}\n`), 0);
  const swe = parseScore(need(values, 'swe', 'SWE-bench Verified score in percent'), 'swe');
  const gpqa = parseScore(need(values, 'gpqa', 'GPQA Diamond score in percent'), 'gpqa');
  rejectFrontierFractions({ swe, gpqa });
  const h = hField(createContext(), { swe, gpqa }, subsetOf(values.subset));
  if (values.json) return (printJson(io, h), 0);
  io.out(
    formatTable({
      headers: ['SWE', 'GPQA', 'expected GPQA', 'h', '95% interval of h', 'n'],
      rows: [
        [
          fmtNum(swe, 1),
          fmtNum(gpqa, 1),
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
  );
  return 0;
}
