/**
 * The Leaderboard replication view (loaded on demand by panels/leaderboard.ts): parses a dropped
 * Open LLM Leaderboard CSV in the browser (`parseLeaderboardCsv`), runs `analyzeLeaderboard`, and
 * shows the summary tiles, the verdict, a filterable per-family table (click a family for its
 * coupling detail), and the phase diagram of every model. Filtering hides dots (data-i) instead of
 * re-rendering, so it stays fast with thousands of points. Results export as CSV and JSON.
 */
import {
  analyzeLeaderboard,
  type LeaderboardAnalysis,
} from '../../../src/cape/leaderboard/analyze.ts';
import type { LeaderboardFamily } from '../../../src/cape/leaderboard/family.ts';
import { knownParamsFrom } from '../../../src/cape/leaderboard/reference.ts';
import type { ReplicationGroup } from '../../../src/cape/leaderboard/replication.ts';
import { TYPE_SELECTIONS, type TypeSelection } from '../../../src/cape/leaderboard/select.ts';
import type { SignTest } from '../../../src/cape/leaderboard/signtest.ts';
import { parseLeaderboardCsv } from '../../../src/data/ingest/leaderboard.ts';
import { parseParams } from '../../../src/data/ingest/params.ts';
import { leaderboardScatter } from '../../../src/report/charts/leaderboardScatter.ts';
import { lineScatter } from '../../../src/report/charts/lineScatter.ts';
import type { ChartView } from '../../../src/report/charts/common.ts';
import { h, mount } from '../dom.ts';
import { engineContext } from '../engine.ts';
import { downloadCsv, downloadJson } from '../export.ts';
import {
  fmtInterval as interval,
  isNum,
  fmtNum as num,
  fmtParams,
  fmtP as pValue,
  fmtSigned as signed,
} from '../../../src/report/format.ts';
import { theme } from '../theme.ts';
import { chart, chartWidth, errorBox, table, tile } from '../ui.ts';

type Perf = {
  parseMs?: number;
  analyzeMs?: number;
  renderMs?: number;
  filterMs?: number;
  points?: number;
};
const perf = (): Perf =>
  ((window as unknown as { __capeLeaderboard?: Perf }).__capeLeaderboard ??= {});

const pct = (t: SignTest | null) =>
  t && t.accuracy !== null ? `${num(t.accuracy * 100, 0)}%` : '—';
const testLine = (t: SignTest | null) =>
  t
    ? `n = ${t.n} (below ${t.below.correct}/${t.below.n}, above ${t.above.correct}/${t.above.n}) · Nc ${fmtParams(t.nc)} · permutation p ${pValue(t.pPermutation)}`
    : 'no curated Nc';
const ncText = (nc: { value: number; ciLow: number; ciHigh: number } | null) =>
  nc ? `${fmtParams(nc.value)} ${interval(nc.ciLow, nc.ciHigh, fmtParams)}` : 'none';

/** Parses and analyses `text` (a leaderboard CSV) and renders the view into `root`. */
export function renderLeaderboard(
  root: HTMLElement,
  text: string,
  filename: string,
  type: TypeSelection,
): LeaderboardAnalysis {
  const t0 = performance.now();
  const imp = parseLeaderboardCsv(text, {
    origin: filename,
    knownParams: knownParamsFrom(engineContext().dataset),
  });
  const t1 = performance.now();
  const a = analyzeLeaderboard(imp, { type });
  const t2 = performance.now();
  Object.assign(perf(), { parseMs: t1 - t0, analyzeMs: t2 - t1, points: a.models.length });
  mount(root, view(a, filename));
  return a;
}

function groupTiles(g: ReplicationGroup, testid?: string): HTMLElement[] {
  return [
    tile(
      `${g.group}: sign accuracy at the stated Nc`,
      pct(g.stated),
      testLine(g.stated),
      testid ? { testid: `${testid}-stated` } : {},
    ),
    tile(
      `${g.group}: at the curated-data Nc`,
      pct(g.curated),
      testLine(g.curated),
      testid ? { testid: `${testid}-curated` } : {},
    ),
  ];
}

function view(a: LeaderboardAnalysis, filename: string): HTMLElement {
  const c = a.counts;
  const fit = a.pooled.fit;
  const root = h('div', { class: 'lb-view' });
  const detail = h('div', {
    class: 'lb-detail',
    'aria-live': 'polite',
    'data-testid': 'lb-detail',
  });
  // ------------------------------------------------ summary
  const summary = h(
    'div',
    {},
    h('p', { class: 'verdict', 'data-testid': 'lb-verdict' }, a.verdict),
    h(
      'div',
      { class: 'tiles' },
      tile(
        'Rows read → models',
        `${c.rowsRead} → ${c.models}`,
        `${c.duplicatesRemoved} duplicate rows removed · ${c.dropped} dropped`,
        { testid: 'lb-models' },
      ),
      tile(
        `Selected (${a.settings.type})`,
        String(c.selected),
        `${c.paramsUnknown} of unknown size left out · ${c.missingScores} missing HS or TQA · ${c.usable} usable`,
      ),
      tile(
        'Families with ≥ 3 sizes',
        String(c.families),
        `${c.referenceFamilies} curated · ${c.outOfSampleFamilies} out of sample · ${c.smallFamilies} smaller families`,
        { testid: 'lb-families' },
      ),
      tile(
        'Pooled γ12 = A·log10 N + B',
        fit ? `A ${signed(fit.A, 3)} · B ${signed(fit.B, 2)}` : 'no fit',
        fit
          ? `A CI ${interval(fit.slopeCi[0], fit.slopeCi[1], (x) => num(x, 2))} · R² ${num(fit.r2, 3)} · n = ${fit.n}`
          : (a.pooled.fitNote ?? ''),
      ),
      tile(
        'Pooled Nc (cluster bootstrap)',
        a.pooled.nc ? fmtParams(a.pooled.nc.value) : 'none',
        a.pooled.nc
          ? `95% CI ${interval(a.pooled.nc.ciLow, a.pooled.nc.ciHigh, fmtParams)} · ${num(a.pooled.nc.validShare * 100, 0)}% of ${a.pooled.nc.resamples} resamples`
          : (a.pooled.ncNote ?? ''),
        { testid: 'lb-nc' },
      ),
      ...groupTiles(a.replication, 'lb-replication'),
      ...a.contrasts.flatMap((g) => groupTiles(g)),
    ),
    h(
      'p',
      { class: 'muted' },
      `Replication: ${a.replication.families.length} out-of-sample families, ${a.replication.usableTransitions} usable transitions; families matching the reference study's (${a.replication.referenceFamilies.map((r) => r.key).join(', ') || 'none'}) are left out. Seed ${a.settings.seed}, ${a.settings.resamples} bootstrap resamples, ${a.settings.permutations} permutations.`,
    ),
  );
  // ------------------------------------------------ filters
  const types = [...new Set(a.models.map((m) => m.type))].sort();
  const typeSel = h(
    'select',
    { id: 'lb-type-filter', 'data-testid': 'lb-filter-type' },
    h('option', { value: '' }, 'all types'),
    types.map((t) => h('option', { value: t }, t)),
  );
  const famInput = h('input', {
    id: 'lb-family-filter',
    type: 'search',
    placeholder: 'e.g. pythia',
    'data-testid': 'lb-filter-family',
    autocomplete: 'off',
  });
  const minInput = h('input', {
    id: 'lb-min',
    placeholder: '1B',
    inputmode: 'decimal',
    'data-testid': 'lb-filter-min',
    'aria-describedby': 'lb-size-err',
  });
  const maxInput = h('input', {
    id: 'lb-max',
    placeholder: '70B',
    inputmode: 'decimal',
    'data-testid': 'lb-filter-max',
    'aria-describedby': 'lb-size-err',
  });
  const onlyReported = h('input', {
    type: 'checkbox',
    id: 'lb-reported',
    'data-testid': 'lb-filter-reported',
  });
  const sizeErr = h('div', { id: 'lb-size-err', class: 'field-error', role: 'status' });
  const shownCount = h('p', { class: 'muted', 'data-testid': 'lb-shown', role: 'status' });
  const filters = h(
    'div',
    { class: 'row wrap' },
    h('div', { class: 'field' }, h('label', { for: 'lb-type-filter' }, 'Type'), typeSel),
    h(
      'div',
      { class: 'field grow' },
      h('label', { for: 'lb-family-filter' }, 'Family or model contains'),
      famInput,
    ),
    h('div', { class: 'field' }, h('label', { for: 'lb-min' }, 'Size from'), minInput),
    h('div', { class: 'field' }, h('label', { for: 'lb-max' }, 'Size to'), maxInput),
    h('label', { class: 'check', for: 'lb-reported' }, onlyReported, ' reported families only'),
  );
  // ------------------------------------------------ chart (rendered once)
  const rules = [
    { x: a.settings.statedNc, label: `stated Nc ${fmtParams(a.settings.statedNc)}` },
    ...(a.settings.curatedNc
      ? [
          {
            x: a.settings.curatedNc.value,
            label: `curated-data Nc ${fmtParams(a.settings.curatedNc.value)}`,
          },
        ]
      : []),
    ...(a.pooled.nc
      ? [{ x: a.pooled.nc.value, label: `this file's pooled Nc ${fmtParams(a.pooled.nc.value)}` }]
      : []),
  ];
  const pts = a.models.map((m) => ({
    params: m.params ?? NaN,
    y: m.truthfulqa ?? NaN,
    type: m.type,
    reported: m.reported,
    label: m.id,
  }));
  const drawable = pts.filter((p) => isNum(p.params) && isNum(p.y)).length;
  const tr = performance.now();
  const svg = (view?: ChartView) =>
    leaderboardScatter(
      { points: pts, yLabel: 'TruthfulQA', rules },
      {
        document,
        theme: theme(),
        width: Math.min(1120, chartWidth()),
        height: 420,
        title: `TruthfulQA vs parameters for ${drawable} models of ${filename}`,
        view,
      },
    );
  // a zoomed redraw keeps the filter (applyFilter is set below, before any zoom can happen)
  let refilter = () => {};
  const fig = chart('leaderboard-phase', svg(), 'Leaderboard phase diagram', undefined, {
    draw: svg,
    afterDraw: () => refilter(),
  });
  fig.setAttribute('data-testid', 'lb-chart');
  // ------------------------------------------------ table
  const tableHolder = h('div', {});
  const familyRow = (f: LeaderboardFamily) => [
    h(
      'button',
      {
        type: 'button',
        class: 'linklike',
        'data-family': f.key,
        'aria-label': `Show the coupling of ${f.key}`,
      },
      f.key,
    ),
    f.reference ? `curated (${f.reference})` : 'out of sample',
    String(f.n),
    `${fmtParams(f.sizes[0])}–${fmtParams(f.sizes[f.sizes.length - 1])}`,
    f.r === null
      ? (f.rNote ?? '—')
      : `${signed(f.r, 2)} ${f.rCi ? interval(f.rCi[0], f.rCi[1], (x) => num(x, 2)) : ''}`,
    `${f.usableTransitions} / ${f.usableTransitions + f.excludedTransitions}`,
    f.nc ? ncText(f.nc) : (f.ncNote ?? 'none'),
  ];
  const drawTable = (fams: LeaderboardFamily[]) =>
    mount(
      tableHolder,
      table({
        name: 'leaderboard-families',
        testid: 'lb-table',
        header: [
          'family',
          'reference',
          'models',
          'sizes',
          'r(HS, TQA) [95% CI]',
          'usable transitions',
          'family Nc [95% CI]',
        ],
        rows: fams.map(familyRow),
        csv: fams.map((f) => [
          f.key,
          f.reference ?? '',
          f.n,
          f.sizes[0],
          f.sizes[f.sizes.length - 1],
          f.r ?? '',
          f.rCi?.[0] ?? '',
          f.rCi?.[1] ?? '',
          f.usableTransitions,
          f.excludedTransitions,
          f.nc?.value ?? '',
          f.nc?.ciLow ?? '',
          f.nc?.ciHigh ?? '',
          f.ncNote ?? '',
        ]),
      }),
    );
  tableHolder.addEventListener('click', (ev) => {
    const b = (ev.target as Element).closest('[data-family]');
    const f = b && a.families.find((x) => x.key === b.getAttribute('data-family'));
    if (f) {
      mount(detail, familyDetail(f));
      detail.scrollIntoView({ block: 'nearest' });
    }
  });
  // ------------------------------------------------ filtering
  const lower = a.models.map((m) => `${m.id} ${m.family}`.toLowerCase());
  const applyFilter = () => {
    const t0 = performance.now();
    sizeErr.textContent = '';
    const size = (inp: HTMLInputElement, def: number) => {
      const v = inp.value.trim();
      if (!v) return def;
      try {
        inp.removeAttribute('aria-invalid');
        return parseParams(v, inp === minInput ? 'size from' : 'size to');
      } catch (e) {
        inp.setAttribute('aria-invalid', 'true');
        sizeErr.textContent = (e as Error).message;
        return def;
      }
    };
    const lo = size(minInput, 0),
      hi = size(maxInput, Infinity);
    const q = famInput.value.trim().toLowerCase();
    const ty = typeSel.value;
    const rep = onlyReported.checked;
    let shown = 0;
    const visible = new Uint8Array(a.models.length);
    a.models.forEach((m, i) => {
      const ok =
        (!ty || m.type === ty) &&
        (!q || lower[i]!.includes(q)) &&
        (m.params === null ? lo === 0 && hi === Infinity : m.params >= lo && m.params <= hi) &&
        (!rep || m.reported !== null);
      if (ok) {
        visible[i] = 1;
        if (isNum(m.params) && isNum(m.truthfulqa)) shown++;
      }
    });
    fig.querySelectorAll<SVGElement>('[data-i]').forEach((el) => {
      el.style.display = visible[Number(el.getAttribute('data-i'))] ? '' : 'none';
    });
    const fams = a.families.filter(
      (f) =>
        (!q ||
          f.key.toLowerCase().includes(q) ||
          f.models.some((m) => m.id.toLowerCase().includes(q))) &&
        f.sizes.some((s) => s >= lo && s <= hi),
    );
    drawTable(fams);
    shownCount.textContent = `${shown} of ${drawable} plotted models shown · ${fams.length} of ${a.families.length} families listed`;
    const ms = performance.now() - t0;
    perf().filterMs = ms;
    root.setAttribute('data-filter-ms', ms.toFixed(2));
  };
  [typeSel, famInput, minInput, maxInput, onlyReported].forEach((e) =>
    e.addEventListener('input', applyFilter),
  );
  refilter = applyFilter;
  // ------------------------------------------------ exports and left-out lists
  const jsonBtn = h(
    'button',
    { type: 'button', 'data-testid': 'lb-export-json' },
    'Download results (JSON)',
  );
  jsonBtn.addEventListener('click', () => downloadJson(`leaderboard-${a.settings.type}`, a));
  const csvBtn = h('button', { type: 'button' }, 'Download families (CSV)');
  csvBtn.addEventListener('click', () =>
    downloadCsv(
      `leaderboard-families-${a.settings.type}`,
      [
        'family',
        'reference',
        'models',
        'r',
        'r_ci_low',
        'r_ci_high',
        'p',
        'p_permutation',
        'usable_transitions',
        'excluded_transitions',
        'nc',
        'nc_ci_low',
        'nc_ci_high',
        'nc_note',
      ],
      a.families.map((f) => [
        f.key,
        f.reference ?? '',
        f.n,
        f.r ?? '',
        f.rCi?.[0] ?? '',
        f.rCi?.[1] ?? '',
        f.p ?? '',
        f.pPermutation ?? '',
        f.usableTransitions,
        f.excludedTransitions,
        f.nc?.value ?? '',
        f.nc?.ciLow ?? '',
        f.nc?.ciHigh ?? '',
        f.ncNote ?? '',
      ]),
    ),
  );
  const left = h(
    'details',
    {},
    h(
      'summary',
      {},
      `Left out: ${a.left.unknownParams.length} of unknown size, ${a.left.missingScores.length} missing a score, ${a.left.relabelled.length} relabelled`,
    ),
    h(
      'p',
      { class: 'muted' },
      `Unknown size (first 100): ${
        a.left.unknownParams
          .slice(0, 100)
          .map((m) => m.id)
          .join(', ') || 'none'
      }`,
    ),
    h(
      'p',
      { class: 'muted' },
      `Missing a score (first 100): ${
        a.left.missingScores
          .slice(0, 100)
          .map((m) => `${m.id} (${m.missing.join(', ')})`)
          .join(', ') || 'none'
      }`,
    ),
    h(
      'p',
      { class: 'muted' },
      `Relabelled: ${a.left.relabelled.map((r) => `${r.id} (${r.from} → ${r.to})`).join(', ') || 'none'}`,
    ),
    h(
      'p',
      { class: 'muted' },
      `Dropped rows: ${a.left.dropped.map((d) => `${d.count} ${d.reason}`).join(', ') || 'none'}`,
    ),
  );
  mount(
    root,
    summary,
    h('div', { class: 'row wrap' }, jsonBtn, csvBtn),
    left,
    h('h3', {}, 'Filter'),
    filters,
    sizeErr,
    shownCount,
    fig,
    tableHolder,
    detail,
  );
  applyFilter();
  perf().renderMs = performance.now() - tr;
  root.setAttribute('data-render-ms', (performance.now() - tr).toFixed(1));
  return root;
}

function familyDetail(f: LeaderboardFamily): HTMLElement {
  const ms = f.models.filter((m) => isNum(m.params));
  const series = [
    {
      name: 'HellaSwag',
      points: ms
        .filter((m) => isNum(m.hellaswag))
        .map((m) => ({ x: m.params as number, y: m.hellaswag as number, label: m.id })),
    },
    {
      name: 'TruthfulQA',
      points: ms
        .filter((m) => isNum(m.truthfulqa))
        .map((m) => ({ x: m.params as number, y: m.truthfulqa as number, label: m.id })),
    },
  ];
  return h(
    'div',
    { 'data-family-detail': f.key },
    h(
      'h3',
      {},
      `${f.key} — ${f.reference ? `matches the curated ${f.reference}` : 'out of sample'}`,
    ),
    h(
      'div',
      { class: 'tiles' },
      tile(
        'r(HS, TQA)',
        f.r === null ? 'not computed' : signed(f.r, 3),
        f.r === null
          ? (f.rNote ?? '')
          : `95% CI ${f.rCi ? interval(f.rCi[0], f.rCi[1], (x) => num(x, 3)) : '—'} · p ${pValue(f.p)} · permutation p ${pValue(f.pPermutation)} · n = ${f.n}`,
        { testid: 'lb-detail-r' },
      ),
      tile(
        'Transitions',
        `${f.usableTransitions} usable`,
        `${f.excludedTransitions} excluded (|ΔHS| < 0.5, within 2 SE, or equal size)`,
      ),
      tile(
        'Family Nc',
        f.nc ? fmtParams(f.nc.value) : 'none',
        f.nc
          ? `95% CI ${interval(f.nc.ciLow, f.nc.ciHigh, fmtParams)} · ${f.nc.method}`
          : (f.ncNote ?? ''),
      ),
    ),
    chart(
      `leaderboard-family-${f.key.replace(/[^a-z0-9]+/gi, '-')}`,
      lineScatter(
        { series, xLabel: 'parameters', yLabel: 'score (%)', logX: true },
        {
          document,
          theme: theme(),
          width: Math.min(760, chartWidth()),
          height: 260,
          title: `${f.key}: scores by size`,
        },
      ),
      `${f.key} scores by size`,
    ),
    table({
      name: `leaderboard-transitions-${f.key.replace(/[^a-z0-9]+/gi, '-')}`,
      header: ['from', 'to', 'ΔHS', 'ΔTQA', 'γ12', 'used'],
      rows: f.transitions.map((t) => [
        `${t.from} (${fmtParams(t.fromParams)})`,
        `${t.to} (${fmtParams(t.toParams)})`,
        signed(t.dX, 2),
        signed(t.dY, 2),
        t.gamma12 === null ? '—' : signed(t.gamma12, 3),
        t.excluded ? `no: ${t.reason}` : 'yes',
      ]),
    }),
  );
}

export { errorBox, TYPE_SELECTIONS };
