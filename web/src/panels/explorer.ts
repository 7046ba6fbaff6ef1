/**
 * The ODE explorer panel: pick a family (those with ≥ 3 sized models with HS and TQA), fit the
 * coupled ODE once (`explorerModel`, memoised in the context) and re-integrate on every slider
 * input with `odeExplorer(ctx, family, { h, width, curation })` — microseconds, so no debounce.
 * Draws the trajectories, the observed models and the next-size prediction with its interval;
 * the sources and the family live in the URL (ode, oh, ow, oc).
 */
import {
  EXPLORER_BENCHMARKS,
  explorerFamilies,
  explorerFamilyNames,
  explorerModel,
  MAX_TRUSTED_MAPE,
  type ExplorerResult,
} from '../../../src/cape/diagnostics/index.ts';
import { seriesColors } from '../../../src/report/charts/common.ts';
import { lineScatter, type Series } from '../../../src/report/charts/lineScatter.ts';
import { h, mount } from '../dom.ts';
import { engineContext } from '../engine.ts';
import { fmtInterval as interval, fmtNum as num, fmtParams } from '../../../src/report/format.ts';
import { getState, setState } from '../state.ts';
import { theme } from '../theme.ts';
import { chart, chartWidth, errorBox, notComputed, table, tile, type PanelDef } from '../ui.ts';

/** Families the explorer can fit: at least 3 sized base models with HellaSwag and TruthfulQA. */
export function explorerFamilyList(): string[] {
  return explorerFamilyNames(engineContext(), EXPLORER_BENCHMARKS);
}

export const SLIDERS = {
  oh: {
    label: 'h(D): drive on TruthfulQA (points / decade)',
    min: -10,
    max: 10,
    step: 0.5,
    def: 0,
    key: 'h',
  },
  ow: {
    label: 'J(arch): width, multiplier of the coupling matrix',
    min: 0.2,
    max: 3,
    step: 0.05,
    def: 1,
    key: 'width',
  },
  oc: {
    label: 'curation q: moves TQA←HS coupling toward cooperation',
    min: 0,
    max: 1,
    step: 0.05,
    def: 0,
    key: 'curation',
  },
} as const;
type SliderKey = keyof typeof SLIDERS;

/** The sources the URL state asks for (defaults where absent or invalid). */
export function sourcesFromState(s = getState()): { h: number; width: number; curation: number } {
  const v = (k: SliderKey) => {
    const x = Number(s[k]);
    const d = SLIDERS[k];
    return s[k] !== undefined && Number.isFinite(x) ? Math.min(d.max, Math.max(d.min, x)) : d.def;
  };
  return { h: v('oh'), width: v('ow'), curation: v('oc') };
}

function trajectorySeries(r: ExplorerResult): Series[] {
  const xs = r.grid.map((x) => 10 ** x);
  const series: Series[] = [];
  const colors = seriesColors([...Object.keys(r.trajectories), 'next']);
  for (const [label, ys] of Object.entries(r.trajectories)) {
    const color = colors.get(label);
    series.push({
      name: `${label} trajectory (ODE)`,
      mode: 'line',
      color,
      points: ys.map((y, i) => ({ x: xs[i]!, y })),
    });
    series.push({
      name: `${label} observed`,
      mode: 'scatter',
      color,
      points: r.points.map((p) => ({
        x: 10 ** p.logN,
        y: p.scores[label]!,
        label: `${p.name} ${label}`,
      })),
    });
  }
  const nxt = Object.entries(r.next.prediction).map(([label, y]) => ({
    x: r.next.params,
    y,
    lo: r.next.interval[label]?.[0] ?? null,
    hi: r.next.interval[label]?.[1] ?? null,
    label: `next size ${label}`,
  }));
  series.push({
    name: 'next-size prediction (95% interval)',
    mode: 'scatter',
    color: colors.get('next'),
    points: nxt,
  });
  return series;
}

export const ode: PanelDef = {
  id: 'ode',
  n: 22,
  title: 'ODE explorer',
  render(body) {
    const fams = explorerFamilyList();
    if (!fams.length)
      return mount(
        body,
        notComputed(
          'the ODE explorer',
          'no family has 3 sized models with HellaSwag and TruthfulQA',
        ),
      );
    const s = getState();
    const fam =
      s.ode && fams.includes(s.ode)
        ? s.ode
        : fams.includes('Pythia')
          ? 'Pythia'
          : (fams[0] as string);
    const famSel = h(
      'select',
      { id: 'f-ode', 'data-testid': 'ode-family' },
      fams.map((f) => h('option', { value: f, selected: f === fam }, f)),
    );
    famSel.addEventListener('change', () => {
      setState({ ode: famSel.value });
      ode.render(body);
    });
    const out = h('div', { 'data-testid': 'ode-chart', 'aria-live': 'off' });
    const side = h('div', { 'aria-live': 'polite' });
    const src = sourcesFromState();
    const values: Record<SliderKey, HTMLOutputElement> = {} as never;
    const slider = (k: SliderKey) => {
      const d = SLIDERS[k];
      const cur = src[d.key];
      const inp = h('input', {
        type: 'range',
        id: `f-${k}`,
        min: String(d.min),
        max: String(d.max),
        step: String(d.step),
        value: String(cur),
        'data-testid': `ode-${k}`,
        'aria-describedby': `f-${k}-v`,
      });
      values[k] = h('output', { id: `f-${k}-v`, for: `f-${k}` }, num(cur, 2));
      inp.addEventListener('input', () => {
        setState({ [k]: inp.value === String(d.def) ? '' : inp.value });
        values[k].textContent = num(Number(inp.value), 2);
        draw();
      });
      return h(
        'div',
        { class: 'field slider' },
        h('label', { for: `f-${k}` }, d.label),
        h('div', { class: 'row tight' }, inp, values[k]),
      );
    };
    const reset = h(
      'button',
      { type: 'button', class: 'ghost small', 'data-testid': 'ode-reset' },
      'Reset sources',
    );
    let model: ReturnType<typeof explorerModel>;
    try {
      model = explorerModel(engineContext(), fam);
    } catch (e) {
      return mount(
        body,
        h(
          'div',
          { class: 'row wrap' },
          h('div', { class: 'field' }, h('label', { for: 'f-ode' }, 'Family'), famSel),
        ),
        errorBox(`ODE fit for ${fam}: ${(e as Error).message}`),
      );
    }
    const draw = () => {
      const t0 = performance.now();
      let r: ExplorerResult;
      try {
        r = model.evaluate(sourcesFromState());
      } catch (e) {
        return mount(out, errorBox((e as Error).message));
      }
      mount(
        out,
        chart(
          'ode-trajectory',
          lineScatter(
            {
              series: trajectorySeries(r),
              xLabel: 'parameters',
              yLabel: 'score (%)',
              logX: true,
              rulesX: [{ x: r.next.params, label: `next size ${fmtParams(r.next.params)}` }],
            },
            {
              document,
              theme: theme(),
              width: Math.min(1120, chartWidth()),
              height: 340,
              title: `ODE trajectories of ${r.family}`,
            },
          ),
          `ODE trajectories of ${r.family}`,
        ),
      );
      out.setAttribute('data-trajectory', JSON.stringify(r.trajectories));
      mount(
        side,
        table({
          name: 'ode-next-size',
          testid: 'ode-next',
          caption: `Next size ${fmtParams(r.next.params)}: the plotted trajectory there, integrated from ${r.next.from} (interval: ${r.next.resamples} bootstrap resamples, seed ${r.next.seed})`,
          header: ['benchmark', 'prediction', '95% interval'],
          rows: Object.entries(r.next.prediction).map(([b, v]) => [
            b,
            num(v, 1),
            r.next.interval[b]
              ? interval(r.next.interval[b]![0], r.next.interval[b]![1], (x) => num(x, 1))
              : 'not enough finite resamples',
          ]),
        }),
        h(
          'ul',
          { class: 'notes', 'data-testid': 'ode-notes' },
          r.notes.map((n) => h('li', {}, n)),
        ),
      );
      const ms = performance.now() - t0;
      out.setAttribute('data-frame-ms', ms.toFixed(2));
    };
    reset.addEventListener('click', () => {
      setState({ oh: '', ow: '', oc: '' });
      ode.render(body);
    });
    const fit = model.fit;
    const families = explorerFamilies(engineContext(), EXPLORER_BENCHMARKS);
    mount(
      body,
      h(
        'p',
        { class: 'muted' },
        'dz/dlog10 N = C·z + c0 on the logit z of each score (HS and TQA), fitted on one family with a ridge penalty chosen by leave-one-out, then integrated from its smallest model: scores stay in (0, 100) by construction. The table is read off the plotted trajectory. The sliders are what-if source terms, not measurements.',
      ),
      h(
        'div',
        { class: 'row wrap' },
        h('div', { class: 'field' }, h('label', { for: 'f-ode' }, 'Family'), famSel),
        slider('oh'),
        slider('ow'),
        slider('oc'),
        reset,
      ),
      h(
        'div',
        { class: 'tiles' },
        tile(
          'Fitted on',
          `${fit.models.length} models`,
          `${fmtParams(fit.models[0]!.params)} – ${fmtParams(fit.models[fit.models.length - 1]!.params)}`,
        ),
        tile('Ridge penalty λ', String(fit.fit.lambda), 'chosen by leave-one-model-out'),
        tile(
          'In-sample MAPE',
          `${num(fit.inSample.mape, 1)}%`,
          `leave-one-out ${num(fit.looMape, 1)}%`,
          { testid: 'ode-mape' },
        ),
      ),
      fit.flag ? h('p', { class: 'flag', 'data-testid': 'ode-flag' }, fit.flag) : null,
      out,
      side,
      table({
        name: 'ode-families',
        testid: 'ode-families',
        caption: `Every family's fit (flagged when in-sample or leave-one-out MAPE > ${MAX_TRUSTED_MAPE}%, or 3 models)`,
        header: ['family', 'models', 'λ', 'in-sample MAPE', 'leave-one-out MAPE', 'trust'],
        rows: families.map((f) => [
          f.family,
          String(f.models),
          String(f.lambda),
          `${num(f.inSampleMape, 1)}%`,
          `${num(f.looMape, 1)}%`,
          f.flag ?? 'ok',
        ]),
      }),
    );
    draw();
  },
};
