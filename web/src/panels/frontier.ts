/** Frontier panels: frontier scatter, within-lab trajectories, 3×3 matrix, h-field calculator. */
import { frontierMatrix3 } from '../../../src/cape/index.ts';
import { parseScore } from '../../../src/data/ingest/scores.ts';
import { frontierScatter } from '../../../src/report/charts/frontierScatter.ts';
import { heatmap } from '../../../src/report/charts/heatmap.ts';
import { trajectoryChart } from '../../../src/report/charts/trajectory.ts';
import type { ChartView } from '../../../src/report/charts/common.ts';
import { h, mount } from '../dom.ts';
import { analysis, attempt, engineContext, labTrajectoryOf, trajectoryLabList } from '../engine.ts';
import {
  fmtInterval as interval,
  isNum,
  fmtNum as num,
  fmtP as pValue,
  fmtSigned as signed,
} from '../../../src/report/format.ts';
import { getState, setState } from '../state.ts';
import { theme } from '../theme.ts';
import { chart, errorBox, failure, guard, table, tile, chartWidth, type PanelDef } from '../ui.ts';
import { analyzeById } from './analyze.ts';
import { frontierUploadBox } from './frontier-upload.ts';
import { forPeople } from '../messages.ts';
import { shortLabel } from '../../../src/data/benchmarks.ts';

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-');

export const frontier: PanelDef = {
  id: 'frontier',
  n: 10,
  title: 'Frontier coupling: SWE-bench Verified vs GPQA Diamond',
  takeaway() {
    const fit = analysis('frontier', {});
    return `Across ${fit.n} frontier models, GPQA rises ${num(fit.slope, 2)} points per SWE-bench point (r = ${num(fit.r, 2)}, 95% CI of the slope ${interval(fit.slopeCi[0], fit.slopeCi[1], (v) => num(v, 2))}).`;
  },
  render(body) {
    guard(body, 'frontier fit', () => {
      const ctx = engineContext();
      const fit = analysis('frontier', {}, ctx);
      const xs = fit.models.map((m) => m.swe);
      const band: { x: number; lo: number; hi: number }[] = [];
      const lo = Math.min(...xs),
        hi = Math.max(...xs);
      for (let i = 0; i <= 20; i++) {
        const x = lo + ((hi - lo) * i) / 20;
        const r = analysis('hfield', { swe: x, gpqa: 50 }, ctx); // band: any valid GPQA
        const hw = (r.interval[1] - r.interval[0]) / 2;
        band.push({ x, lo: r.expectedGpqa - hw, hi: r.expectedGpqa + hw });
      }
      const points = fit.models.map((m) => ({
        id: modelId(m.name),
        name: m.name,
        lab: m.lab,
        x: m.swe,
        y: m.gpqa,
        h: m.h,
        anomaly: m.anomaly,
      }));
      const svg = (view?: ChartView) =>
        frontierScatter(
          {
            points,
            fit: { slope: fit.slope, intercept: fit.intercept },
            band,
            selectedId: getState().model ?? null,
          },
          {
            document,
            theme: theme(),
            width: chartWidth(),
            title: 'SWE-bench Verified vs GPQA Diamond with OLS fit',
            view,
          },
        );
      mount(
        body,
        h(
          'div',
          { class: 'tiles' },
          tile(
            'Fit GPQA = a·SWE + b',
            `a ${num(fit.slope, 3)} · b ${num(fit.intercept, 1)}`,
            `a CI ${interval(fit.slopeCi[0], fit.slopeCi[1], (v) => num(v, 3))}`,
          ),
          tile('Pearson r', num(fit.r, 3), `n = ${fit.n} · p ${pValue(fit.p)}`),
          tile('Residual SE', num(fit.residualSe, 2), 'points of GPQA'),
          tile(
            'Anomalies (large |h|)',
            String(fit.models.filter((m) => m.anomaly).length),
            fit.models
              .filter((m) => m.anomaly)
              .map((m) => `${m.name} ${signed(m.h, 1)}`)
              .join(', '),
          ),
        ),
        chart('frontier-scatter', svg(), 'Frontier coupling scatter', analyzeById, { draw: svg }),
        h(
          'details',
          {},
          h('summary', {}, `h per model (${fit.models.length})`),
          table({
            name: 'frontier-h',
            header: ['model', 'lab', 'date', 'subset', 'SWE', 'GPQA', 'h', 'anomaly', 'provenance'],
            rows: fit.models.map((m) => [
              m.name,
              m.lab,
              m.releaseDate ?? '—',
              m.subset,
              num(m.swe, 1),
              num(m.gpqa, 1),
              signed(m.h, 1),
              m.anomaly ? 'yes' : '',
              m.provenance,
            ]),
          }),
        ),
        fit.dataExclusions.length
          ? h(
              'p',
              { class: 'muted', 'data-testid': 'frontier-data-exclusions' },
              `Not analysed (data decisions): ${fit.dataExclusions.map((e) => `${e.name}: ${e.reason}`).join(' ')}`,
            )
          : null,
        frontierUploadBox(),
      );
    });
  },
};

/** The id of the frontier model called `name` (what the charts select by). */
function modelId(name: string): string {
  return engineContext().frontier.find((m) => m.name === name)?.id ?? slug(name);
}

export const trajectories: PanelDef = {
  id: 'trajectories',
  n: 12,
  title: 'Within-lab trajectories',
  render(body) {
    guard(body, 'lab trajectories', () => {
      const ctx = engineContext();
      const labs = trajectoryLabList(ctx);
      const steps: Parameters<typeof trajectoryChart>[0]['steps'][number][] = [];
      const byName = new Map(analysis('frontier', {}, ctx).models.map((m) => [m.name, m]));
      const tables: HTMLElement[] = [];
      for (const lab of labs) {
        const t = attempt(() => labTrajectoryOf(lab, ctx));
        if (!t.ok) {
          tables.push(failure(t, `${lab} trajectory`));
          continue;
        }
        for (const s of t.value.steps) {
          const a = byName.get(s.from),
            b = byName.get(s.to);
          if (a && b)
            steps.push({
              series: lab,
              fromId: modelId(a.name),
              toId: modelId(b.name),
              fromName: a.name,
              toName: b.name,
              x1: a.swe,
              y1: a.gpqa,
              x2: b.swe,
              y2: b.gpqa,
              excursion: s.kind === 'tax-excursion',
            });
        }
        tables.push(
          h(
            'h3',
            {},
            `${t.value.lab} (${t.value.n} releases in ${t.value.lines.length} product lines)`,
          ),
          table({
            name: `trajectory-${slug(lab)}`,
            header: [
              'product line',
              'transition',
              'ΔSWE',
              'ΔGPQA',
              'γ12 = ΔGPQA/ΔSWE',
              'h before → after',
              'interpretation',
            ],
            rows: t.value.steps.map((s) => [
              s.line ?? '—',
              `${s.from} → ${s.to}${s.backwardsInTime ? ' (backwards in time)' : ''}`,
              `${signed(s.dSwe, 1)} (±${num(s.noise.swe, 1)})`,
              `${signed(s.dGpqa, 1)} (±${num(s.noise.gpqa, 1)})`,
              s.kind === 'within-noise'
                ? h(
                    'span',
                    { class: 'flag', title: 'a Δ within noise: the ratio has no sign' },
                    `no sign${isNum(s.gamma12) ? ` (${num(s.gamma12, 2)})` : ''}`,
                  )
                : num(s.gamma12, 2),
              `${signed(s.hFrom, 1)} → ${signed(s.hTo, 1)}`,
              s.interpretation,
            ]),
          }),
          t.value.undated.length
            ? h(
                'p',
                { class: 'muted' },
                `Left out (place in the line unknown): ${t.value.undated.join(', ')}. Order: ${t.value.order}.`,
              )
            : h('p', { class: 'muted' }, `Order: ${t.value.order}.`),
        );
      }
      const svg = (view?: ChartView) =>
        trajectoryChart(
          { steps },
          {
            document,
            theme: theme(),
            width: chartWidth(),
            title: 'Release trajectories in the SWE–GPQA plane',
            view,
          },
        );
      mount(
        body,
        h(
          'p',
          {},
          'Protocol for a new release: compute γ12 = ΔGPQA/ΔSWE against the previous release of the same product line (never across tiers); a negative value (coding gained at the cost of reasoning) is a tax excursion. Each Δ is shown with its noise threshold, 2 standard errors of a binomial difference (500 SWE-bench Verified tasks, 198 GPQA Diamond questions): a Δ within it has no sign, and the step gets no trade-off label.',
        ),
        chart('trajectories', svg(), 'Lab release trajectories', analyzeById, { draw: svg }),
        tables,
      );
    });
  },
};

export const matrix3: PanelDef = {
  id: 'frontier-matrix',
  n: 13,
  title: 'Frontier 3×3 matrix: SWE · GPQA · IFEval',
  render(body) {
    guard(body, '3×3 frontier matrix', () => {
      const v = frontierMatrix3(engineContext());
      const labels = v.benchmarks.map((b) => shortLabel(b));
      mount(
        body,
        h(
          'div',
          { class: 'tiles' },
          tile('Models with all three', String(v.n)),
          tile('Eigenvalues', v.eigenvalues.map((e) => num(e, 3)).join(' · ')),
          tile(
            'd_eff',
            num(v.dEff, 2),
            v.dEffCi ? `CI ${interval(v.dEffCi[0], v.dEffCi[1])}` : 'no interval (too few models)',
          ),
          tile('det of SWE–GPQA block', num(v.det2, 3)),
          tile('PC1 loadings', v.pc1.map((x, i) => `${labels[i]} ${num(x, 2)}`).join(' · ')),
        ),
        chart(
          'frontier-3x3',
          heatmap(
            { labels, matrix: v.matrix.map((r) => r.map((x) => (isNum(x) ? x : null))) },
            { document, theme: theme(), title: 'Frontier 3×3 correlation matrix' },
          ),
          'Frontier 3×3 correlation heatmap',
        ),
      );
    });
  },
};

export const hfield: PanelDef = {
  id: 'hfield',
  n: 11,
  title: 'h-field calculator',
  render(body) {
    const s = getState();
    const out = h('div', { 'data-testid': 'hfield-result', 'aria-live': 'polite' });
    const inp = (key: 'hswe' | 'hgpqa', label: string, testid: string) =>
      h(
        'div',
        { class: 'field' },
        h('label', { for: `f-${key}` }, label),
        h('input', {
          id: `f-${key}`,
          'data-testid': testid,
          inputmode: 'decimal',
          value: s[key] ?? '',
          autocomplete: 'off',
        }),
        h('div', { id: `f-${key}-err`, class: 'field-error', role: 'status' }),
      );
    const form = h(
      'form',
      { class: 'row wrap', novalidate: true },
      inp('hswe', 'SWE-bench Verified %', 'hfield-swe'),
      inp('hgpqa', 'GPQA Diamond %', 'hfield-gpqa'),
      h(
        'button',
        { type: 'submit', class: 'primary', 'data-testid': 'hfield-submit' },
        'Compute h',
      ),
    );
    const go = () => {
      const swe = (form.querySelector('#f-hswe') as HTMLInputElement).value;
      const gpqa = (form.querySelector('#f-hgpqa') as HTMLInputElement).value;
      setState({ hswe: swe, hgpqa: gpqa });
      form.querySelectorAll('.field-error').forEach((e) => (e.textContent = ''));
      const ps = attempt(() => parseScore(swe, 'swe_bench_verified'));
      const pg = attempt(() => parseScore(gpqa, 'gpqa_diamond'));
      const err = (id: string, m: string, f: string) => {
        (form.querySelector(`#f-${id}-err`) as HTMLElement).textContent = forPeople(m, f);
      };
      if (!ps.ok) err('hswe', ps.message, 'swe_bench_verified');
      if (!pg.ok) err('hgpqa', pg.message, 'gpqa_diamond');
      if (!ps.ok || !pg.ok) return mount(out, errorBox('Enter both scores as percent.'));
      const r = attempt(() => analysis('hfield', { swe: ps.value, gpqa: pg.value }));
      if (!r.ok) return mount(out, failure(r, 'h-field'));
      const v = r.value;
      mount(
        out,
        h(
          'div',
          { class: 'tiles' },
          tile(
            'h = GPQA − (a·SWE + b)',
            h('span', { 'data-testid': 'hfield-h', 'data-value': String(v.h) }, signed(v.h, 2)),
            v.direction,
          ),
          tile(
            '95% prediction interval of h',
            h(
              'span',
              { 'data-testid': 'hfield-interval' },
              interval(v.interval[0], v.interval[1], (x) => signed(x, 2)),
            ),
          ),
          tile('Expected GPQA at this SWE', num(v.expectedGpqa, 2), `fit n=${v.n} · ${v.subset}`),
        ),
        h('p', { 'data-testid': 'hfield-interpretation' }, v.interpretation),
      );
    };
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      go();
    });
    mount(
      body,
      h(
        'p',
        { class: 'muted' },
        "h is a model's residual from the frontier fit: positive leans to reasoning, negative to coding.",
      ),
      form,
      out,
    );
    if (s.hswe && s.hgpqa) go();
  },
};
