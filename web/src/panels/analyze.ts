/**
 * Analysis panels: header figures, "Analyze any model" (form + result),
 * axes + known-model browser (click to analyze) and the phase diagram. Every figure comes from
 * a typed engine function on the shared context (engine.ts); inputs are parsed by the ingest
 * parsers and live in the URL.
 */
import {
  familyNames,
  headline,
  type AnalyzeInput,
  type Headline,
  type ModelAnalysis,
  type ModelPoint,
} from '../../../src/cape/index.ts';
import { checkParams, checkScore } from '../../../src/cape/input.ts';
import type { BenchmarkId } from '../../../src/data/schema.ts';
import type { ChartView } from '../../../src/report/charts/common.ts';
import { h, mount } from '../dom.ts';
import { analysis, attempt, engineContext } from '../engine.ts';
import {
  fmtInterval as interval,
  isNum,
  fmtNum as num,
  fmtParams,
  fmtP as pValue,
  fmtSigned as signed,
} from '../../../src/report/format.ts';
import { benchmarkInfo, longLabel } from '../../../src/data/benchmarks.ts';
import { getState, setState, type StateKey } from '../state.ts';
import { chart, errorBox, failure, guard, table, tile, chartWidth, type PanelDef } from '../ui.ts';
import { theme } from '../theme.ts';
import { ApiError, serverAvailable, SERVER_NEEDED, workspace } from '../api.ts';
import { workspaceChanged } from '../api.ts';
import { examplesRow } from './examples.ts';
import { forPeople } from '../messages.ts';
import { familyLabeller } from '../../../src/report/names.ts';

/** The form's score fields; names, labels and URL keys come from the benchmark vocabulary. */
const FORM_BENCHMARKS: readonly BenchmarkId[] = [
  'hellaswag',
  'truthfulqa_mc2',
  'arc_challenge',
  'mmlu',
  'winogrande',
  'swe_bench_verified',
  'gpqa_diamond',
  'ifeval',
];
export const SCORE_FIELDS: { key: StateKey; id: BenchmarkId; label: string; testid: string }[] =
  FORM_BENCHMARKS.map((id) => {
    const b = benchmarkInfo(id)!;
    return { key: b.urlKey as StateKey, id, label: b.label, testid: `analyze-${b.flag}` };
  });

interface Shared {
  lastAnalysis: ModelAnalysis | null;
  lastInput: { name: string; params: number } | null;
  rerenderPhase: () => void;
  analyzeEl: HTMLElement | null;
}
export const shared: Shared = {
  lastAnalysis: null,
  lastInput: null,
  rerenderPhase: () => {},
  analyzeEl: null,
};

/** Parses the form's values with the ingest parsers; returns the input or per-field messages. */
export function parseForm(s = getState()): {
  input?: AnalyzeInput;
  errors: Record<string, string>;
} {
  const errors: Record<string, string> = {};
  let paramsValue: number | undefined;
  const raw = (s.params ?? '').trim();
  if (!raw) errors.params = 'enter the parameter count (e.g. 7B, 410M, 6.9e9)';
  else {
    const p = attempt(() => checkParams(raw, 'params'));
    if (p.ok) paramsValue = p.value;
    else errors.params = forPeople(p.message, 'params');
  }
  const scores: AnalyzeInput['scores'] = {};
  for (const f of SCORE_FIELDS) {
    const v = (s[f.key] ?? '').trim();
    if (!v) continue;
    const p = attempt(() => checkScore(v, f.id));
    if (p.ok) scores[f.id] = p.value;
    else errors[f.key] = forPeople(p.message, f.id);
  }
  if (Object.keys(errors).length || paramsValue === undefined) return { errors };
  const input: AnalyzeInput = { params: paramsValue, scores };
  if (s.name) input.name = s.name;
  if (s.family) input.family = s.family;
  if (s.previous) input.previous = s.previous;
  return { input, errors };
}

// ---------------------------------------------------------------- 1 header
export const header: PanelDef = {
  id: 'header-figures',
  n: 4,
  title: 'Headline figures (computed from the dataset)',
  render(body) {
    guard(body, 'headline figures', () =>
      mount(body, h('div', { class: 'tiles' }, headlineTiles(headline(engineContext())))),
    );
  },
};

function headlineTiles(hl: Headline): HTMLElement[] {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  // The original dashboard's printed value beside ours (data/seed-claims.json), so a difference is
  // visible at once.
  const claims = new Map(engineContext().dataset.seedClaims.map((c) => [c.id, c.value]));
  const study = (id: string, f: (v: number) => string) =>
    claims.has(id) ? ` · the study printed ${f(claims.get(id)!)} (the paper summary explains)` : '';
  return [
    tile(
      'Nc, reference method (not used)',
      fmtParams(hl.ncReference.value),
      `95% CI ${interval(hl.ncReference.ciLow, hl.ncReference.ciHigh, fmtParams)} · quadratic-vertex bootstrap · n = ${hl.ncReference.n} models · ${pct(hl.ncReference.validShare)} kept${study('nc.reference', (v) => `${v}B`)} · phases use the pooled Nc stated at the top`,
    ),
    tile(
      'Pre-transition r (Pythia HS–TQA)',
      signed(hl.pythia.r, 3),
      `${hl.pythia.ci ? `95% CI ${interval(hl.pythia.ci[0], hl.pythia.ci[1], (x) => num(x, 3))}` : 'no bootstrap CI (n too small)'} · n = ${hl.pythia.n} · p = ${pValue(hl.pythia.p)}${study('pythia.r', (v) => signed(v, 3))}`,
      { testid: 'header-r' },
    ),
    tile(
      'Base + frontier models',
      `${hl.baseModels} + ${hl.frontierModels}`,
      `dataset v${hl.datasetVersion}${claims.has('header.baseModels') ? ` · the study counted ${claims.get('header.baseModels')} + ${claims.get('header.frontierModels')}` : ''}`,
    ),
    tile('Families / labs', `${hl.families} / ${hl.labs}`, 'base-model families / frontier labs'),
    tile(
      'Frontier slope (GPQA on SWE)',
      num(hl.frontier.slope, 3),
      `95% CI ${interval(hl.frontier.slopeCi[0], hl.frontier.slopeCi[1], (x) => num(x, 3))} · r = ${num(hl.frontier.r, 2)} · n = ${hl.frontier.n}${study('frontier.slope', (v) => num(v, 3))}`,
      { testid: 'header-slope' },
    ),
  ];
}

// ---------------------------------------------------------------- 2 analyze
export const analyze: PanelDef = {
  id: 'analyze',
  n: 1,
  title: 'Analyze any model',
  render(body) {
    const s = getState();
    const ctx = engineContext();
    const field = (
      key: StateKey,
      label: string,
      testid: string,
      placeholder: string,
      hint?: string,
    ) => {
      const id = `f-${key}`;
      return h(
        'div',
        { class: 'field' },
        h('label', { for: id }, label),
        h('input', {
          id,
          name: key,
          'data-testid': testid,
          inputmode: key === 'name' ? null : 'decimal',
          autocomplete: 'off',
          placeholder,
          value: s[key] ?? '',
          'aria-describedby': `${id}-err`,
        }),
        hint ? h('small', { class: 'muted' }, hint) : null,
        h('div', {
          id: `${id}-err`,
          class: 'field-error',
          'data-testid': `${testid}-error`,
          role: 'status',
          'aria-live': 'polite',
        }),
      );
    };
    const label = familyLabeller(ctx.allBase);
    const familySel = h(
      'select',
      { id: 'f-family', name: 'family', 'data-testid': 'analyze-family' },
      h('option', { value: '' }, '(unknown family: pooled Nc)'),
      familyNames(ctx).map((f) => h('option', { value: f, selected: s.family === f }, label(f))),
    );
    const prevSel = h('select', {
      id: 'f-previous',
      name: 'previous',
      'data-testid': 'analyze-previous',
    });
    const fillPrev = () => {
      const fam = familySel.value;
      const opts = ctx.base
        .filter((m) => !fam || m.family === fam)
        .sort((a, b) => (a.params ?? 0) - (b.params ?? 0));
      mount(
        prevSel,
        h('option', { value: '' }, '(none)'),
        opts.map((m) =>
          h(
            'option',
            { value: m.name, selected: getState().previous === m.name },
            `${m.name} (${fmtParams(m.params)})`,
          ),
        ),
      );
    };
    fillPrev();
    familySel.addEventListener('change', fillPrev);
    const result = h('div', { class: 'analysis', 'aria-live': 'polite', id: 'analysis-result' });
    const form = h(
      'form',
      { class: 'analyze-form', novalidate: true, 'aria-describedby': 'analyze-help' },
      h(
        'p',
        { id: 'analyze-help', class: 'muted' },
        'Size accepts 7B, 410M or 6.9e9; scores are percent. Leave a benchmark empty when you have no score: missing scores stay missing.',
      ),
      h(
        'div',
        { class: 'grid-fields' },
        field('name', 'Model name', 'analyze-name', 'my-model'),
        field('params', 'Parameters', 'analyze-params', '7B'),
        SCORE_FIELDS.map((f) => field(f.key, `${f.label} %`, f.testid, '')),
        h(
          'div',
          { class: 'field' },
          h('label', { for: 'f-family' }, 'Family (optional)'),
          familySel,
        ),
        h(
          'div',
          { class: 'field' },
          h('label', { for: 'f-previous' }, 'Previous model of the family (optional)'),
          prevSel,
        ),
      ),
      h(
        'div',
        { class: 'row' },
        h(
          'button',
          { type: 'submit', class: 'primary', 'data-testid': 'analyze-submit' },
          'Analyze',
        ),
        h('button', { type: 'reset', class: 'ghost' }, 'Clear'),
      ),
    );
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const fd = new FormData(form);
      const patch: Record<string, string> = { run: '1', model: '' };
      for (const k of ['name', 'params', 'family', 'previous', ...SCORE_FIELDS.map((f) => f.key)])
        patch[k] = String(fd.get(k) ?? '');
      setState(patch, { push: true });
      runAnalysis(result, form);
      focusResult();
    });
    form.addEventListener('reset', () => {
      const patch: Record<string, string> = {
        run: '',
        model: '',
        name: '',
        params: '',
        family: '',
        previous: '',
      };
      for (const f of SCORE_FIELDS) patch[f.key] = '';
      setState(patch);
      setTimeout(() => {
        result.replaceChildren();
        clearErrors(form);
        shared.lastAnalysis = null;
        shared.lastInput = null;
        shared.rerenderPhase();
      }, 0);
    });
    mount(body, examplesRow(analyzeKnown), form, result);
    shared.analyzeEl = body;
    if (s.run === '1') runAnalysis(result, form);
  },
};

function clearErrors(form: HTMLElement) {
  form.querySelectorAll('.field-error').forEach((e) => (e.textContent = ''));
  form.querySelectorAll('[aria-invalid]').forEach((e) => e.removeAttribute('aria-invalid'));
}

/** Runs the registry's analyze on the URL state and renders the result (timed for the perf
 * test). */
export function runAnalysis(result: HTMLElement, form: HTMLElement): void {
  const t0 = performance.now();
  clearErrors(form);
  const { input, errors } = parseForm();
  if (!input) {
    for (const [k, m] of Object.entries(errors)) {
      const el = form.querySelector(`#f-${k}-err`);
      if (el) el.textContent = m;
      form.querySelector(`#f-${k}`)?.setAttribute('aria-invalid', 'true');
    }
    const frontierView = frontierWithoutSize(form);
    if (frontierView) return mount(result, frontierView);
    mount(result, errorBox(fieldsMessage(errors)));
    return;
  }
  // the registry's input takes no null nextParams (the form never sets one)
  const out = attempt(() =>
    analysis('analyze', { ...input, nextParams: input.nextParams ?? undefined }),
  );
  if (!out.ok) {
    if (out.field) {
      const key = SCORE_FIELDS.find((f) => f.id === out.field)?.key ?? out.field;
      const el = form.querySelector(`#f-${key}-err`);
      if (el) el.textContent = forPeople(out.message, out.field);
    }
    mount(result, failure(out, 'analysis'));
    return;
  }
  shared.lastAnalysis = out.value;
  shared.lastInput = { name: input.name ?? 'your model', params: input.params };
  renderAnalysis(result, out.value);
  result.appendChild(saveRow(input));
  shared.rerenderPhase();
  const ms = performance.now() - t0;
  (window as unknown as { __capePerf?: Record<string, number> }).__capePerf = {
    ...((window as unknown as { __capePerf?: Record<string, number> }).__capePerf ?? {}),
    analyzeMs: ms,
  };
  result.setAttribute('data-analyze-ms', ms.toFixed(2));
}

/**
 * A frontier model clicked in the browser has no published parameter count, so no phase can be
 * placed on the N axis; say so at the params field and still show what its scores support: the
 * h-field against the frontier fit, with its 95% band.
 */
function frontierWithoutSize(form: HTMLElement): HTMLElement | null {
  const st = getState();
  const m = st.model ? engineContext().frontier.find((x) => x.id === st.model) : undefined;
  if (!m || m.params !== null || (st.params ?? '').trim()) return null;
  // Not an error: the field is empty because no size exists; the note says what to enter.
  form.querySelector('#f-params')?.removeAttribute('aria-invalid');
  const err = form.querySelector('#f-params-err');
  if (err) {
    err.textContent = '';
    err.className = 'field-note';
  }
  const note = `${m.lab} publishes no parameter count for ${m.name}, so it has no phase on the size axis. To place it, enter an estimate in Parameters (e.g. 300B).`;
  const { swe_bench_verified: swe, gpqa_diamond: gpqa } = m.scores;
  if (!isNum(swe) || !isNum(gpqa))
    return h('p', { class: 'note', 'data-testid': 'frontier-no-size' }, note);
  const hf = attempt(() => analysis('hfield', { swe, gpqa }));
  if (!hf.ok) return failure(hf, 'h-field');
  return h(
    'div',
    { 'data-testid': 'frontier-known-result' },
    h(
      'h3',
      { id: 'analysis-heading', tabindex: '-1' },
      `${m.name}: what its scores support without a size`,
    ),
    h('p', { class: 'note', 'data-testid': 'frontier-no-size' }, note),
    h(
      'div',
      { class: 'tiles' },
      tile(
        'h-field',
        signed(hf.value.h, 1),
        `95% band ${interval(hf.value.interval[0], hf.value.interval[1], (v) => signed(v, 1))} · n = ${hf.value.n} frontier models`,
      ),
      tile(
        'SWE / GPQA',
        `${num(swe, 1)} / ${num(gpqa, 1)}`,
        `expected GPQA at this SWE: ${num(hf.value.expectedGpqa, 1)}`,
      ),
    ),
    h('p', {}, hf.value.interpretation),
    h('p', { class: 'muted' }, 'Its release-to-release steps are in the within-lab trajectories.'),
  );
}

/** "Save to workspace": POSTs the analysed model to the server; without one, says how to start it.
 * */
function saveRow(input: AnalyzeInput): HTMLElement {
  const status = h('span', {
    class: 'muted',
    role: 'status',
    'aria-live': 'polite',
    'data-testid': 'save-status',
  });
  const btn = h('button', { type: 'button', 'data-testid': 'save-workspace' }, 'Save to workspace');
  btn.addEventListener('click', async () => {
    const name = (input.name ?? '').trim();
    if (!name) {
      status.textContent = 'give the model a name (Model name field) to save it';
      return;
    }
    if (!(await serverAvailable())) {
      status.textContent = SERVER_NEEDED;
      return;
    }
    btn.disabled = true;
    try {
      const m = await workspace.add({
        name,
        family: input.family ?? null,
        params: input.params,
        scores: input.scores,
      });
      status.textContent = `saved as workspace model #${m.id}`;
      workspaceChanged();
    } catch (e) {
      status.textContent = `not saved: ${e instanceof ApiError ? forPeople(e.message, e.field) : (e as Error).message}`;
    } finally {
      btn.disabled = false;
    }
  });
  return h('div', { class: 'row' }, btn, status);
}

function renderAnalysis(el: HTMLElement, a: ModelAnalysis): void {
  const {
    phase,
    nc,
    gamma12Estimate: g,
    dEff: d,
    hField: hf,
    recommendations: recs,
    predictions: preds,
    phaseEvidence: ev,
  } = a;
  mount(
    el,
    h(
      'h3',
      { class: 'result-head', id: 'analysis-heading', tabindex: '-1' },
      h('span', { class: 'muted' }, 'Phase of '),
      h('strong', { 'data-testid': 'analysis-name' }, a.name),
      ' ',
      h(
        'span',
        { class: `phase-pill tone-${phase}`, 'data-testid': 'analysis-phase', 'data-phase': phase },
        phase.toUpperCase(),
      ),
    ),
    h(
      'div',
      { class: 'tiles' },
      tile(
        'Nc used',
        fmtParams(nc.value),
        h(
          'span',
          { 'data-testid': 'analysis-nc-ci' },
          `95% CI ${interval(nc.ciLow, nc.ciHigh, fmtParams)} · ${nc.method} · n=${nc.n}`,
        ),
        { testid: 'analysis-nc' },
      ),
      tile('Distance to Nc (decades)', signed(a.distanceToNc, 2), 'log10(N / Nc)', {
        testid: 'analysis-distance',
      }),
      tile(
        `γ12 (${g.source})`,
        num(g.value, 3),
        `${g.interval ? `interval ${interval(g.interval[0], g.interval[1], (v) => num(v, 3))} · ` : ''}n=${g.n}`,
        { testid: 'analysis-gamma' },
      ),
      tile('Susceptibility χ = 1/|γ12|', num(a.chi, 2), null, { testid: 'analysis-chi' }),
      tile(
        'd_eff context',
        d ? num(d.value, 2) : 'not computed',
        d ? `${d.band}${d.ci ? ` · CI ${interval(d.ci[0], d.ci[1])}` : ''} · n=${d.n}` : null,
        { testid: 'analysis-deff' },
      ),
      tile(
        'h-field',
        hf && isNum(hf.h) ? signed(hf.h, 1) : 'needs SWE + GPQA',
        hf?.interpretation,
        { testid: 'analysis-h' },
      ),
    ),
    g.note ? h('p', { class: 'muted' }, g.note) : null,
    ev.length
      ? h(
          'div',
          {},
          h('h3', {}, 'Evidence'),
          h(
            'ul',
            {},
            ev.map((e) => h('li', {}, e)),
          ),
        )
      : null,
    recs.length
      ? h(
          'div',
          {},
          h('h3', {}, 'Recommendations'),
          h(
            'ul',
            { 'data-testid': 'analysis-recommendations' },
            recs.map((r) => h('li', {}, r)),
          ),
        )
      : null,
    preds.length
      ? h(
          'div',
          {},
          h('h3', {}, `Predicted scores at ${fmtParams(a.nextParams)}`),
          table({
            name: 'predictions-next-size',
            header: [
              'benchmark',
              'current',
              'predicted',
              '95% interval',
              'slope / decade',
              'n',
              'basis',
            ],
            rows: preds.map((p) => [
              longLabel(p.benchmark),
              num(p.current, 1),
              isNum(p.predicted) ? num(p.predicted, 1) : 'not enough data',
              p.interval ? interval(p.interval[0], p.interval[1], (v) => num(v, 1)) : '—',
              num(p.slope, 2),
              String(p.n),
              p.basis,
            ]),
          }),
        )
      : null,
  );
}

// ---------------------------------------------------------------- 4 axes + known models
export const known: PanelDef = {
  id: 'known-models-panel',
  n: 2,
  title: 'Chart axes and known models',
  render(body) {
    const models = engineContext();
    const s = getState();
    const all: ModelPoint[] = [...models.allBase, ...models.frontier];
    const families = [...new Set(all.map((m) => m.family))].sort();
    const famLabel = familyLabeller(all);
    const labs = [...new Set(all.map((m) => m.lab))].sort();
    const axisSel = h(
      'select',
      { id: 'f-y', 'data-testid': 'axis-y' },
      SCORE_FIELDS.slice(0, 5).map((f) =>
        h('option', { value: f.id, selected: (s.y ?? 'truthfulqa_mc2') === f.id }, f.label),
      ),
    );
    const xSel = h(
      'select',
      { id: 'f-x', 'data-testid': 'axis-x' },
      h('option', { value: 'params', selected: !s.x || s.x === 'params' }, 'Parameters (log)'),
      SCORE_FIELDS.slice(0, 5).map((f) =>
        h('option', { value: f.id, selected: s.x === f.id }, f.label),
      ),
    );
    const onAxis = () => {
      setState({ y: axisSel.value, x: xSel.value === 'params' ? undefined : xSel.value });
      shared.rerenderPhase();
    };
    axisSel.addEventListener('change', onAxis);
    xSel.addEventListener('change', onAxis);
    const search = h('input', {
      id: 'f-q',
      type: 'search',
      placeholder: 'search models',
      value: s.q ?? '',
      'aria-label': 'Search known models',
    });
    const famSel = h(
      'select',
      { id: 'f-famf', 'aria-label': 'Filter by family' },
      h('option', { value: '' }, 'all families'),
      families.map((f) => h('option', { value: f, selected: s.famf === f }, famLabel(f))),
    );
    const labSel = h(
      'select',
      { id: 'f-labf', 'aria-label': 'Filter by lab' },
      h('option', { value: '' }, 'all labs'),
      labs.map((f) => h('option', { value: f, selected: s.labf === f }, f)),
    );
    const list = h('ul', {
      class: 'model-list',
      'data-testid': 'known-models',
      'aria-label': 'Known models: activate one to analyze it',
    });
    const fill = () => {
      const q = search.value.trim().toLowerCase();
      setState({ q: search.value, famf: famSel.value, labf: labSel.value });
      const rows = all.filter(
        (m) =>
          (!q || m.name.toLowerCase().includes(q)) &&
          (!famSel.value || m.family === famSel.value) &&
          (!labSel.value || m.lab === labSel.value),
      );
      mount(
        list,
        rows.map((m, i) =>
          h(
            'li',
            {},
            h(
              'button',
              {
                type: 'button',
                class: `model-card kind-${m.kind}`,
                'data-model-id': m.id,
                tabindex: i === 0 ? '0' : '-1',
                onclick: (() => analyzeKnown(m)) as EventListener,
              },
              h('strong', {}, m.name),
              h(
                'span',
                { class: 'muted' },
                ` ${m.params ? fmtParams(m.params) : 'size n/a'} · ${famLabel(m.family)}${m.kind === 'instruct' ? ' · instruct' : ''}`,
              ),
            ),
          ),
        ),
      );
      if (!rows.length) list.appendChild(h('li', { class: 'muted' }, 'no model matches'));
    };
    [search, famSel, labSel].forEach((e) => e.addEventListener('input', fill));
    list.addEventListener('keydown', (ev) => roveFocus(list, ev));
    fill();
    mount(
      body,
      h(
        'div',
        { class: 'row wrap' },
        h('div', { class: 'field' }, h('label', { for: 'f-x' }, 'Phase diagram x-axis'), xSel),
        h('div', { class: 'field' }, h('label', { for: 'f-y' }, 'Phase diagram y-axis'), axisSel),
        h('div', { class: 'field grow' }, h('label', { for: 'f-q' }, 'Search'), search),
        h('div', { class: 'field' }, h('label', { for: 'f-famf' }, 'Family'), famSel),
        h('div', { class: 'field' }, h('label', { for: 'f-labf' }, 'Lab'), labSel),
      ),
      list,
    );
  },
};

/**
 * Roving tabindex over the model cards: the list is one tab stop; arrows, Home and End move
 * between cards (the grid wraps, so Up/Down step by the number of cards in a row).
 */
function roveFocus(list: HTMLElement, ev: KeyboardEvent): void {
  const cards = Array.from(list.querySelectorAll<HTMLButtonElement>('button.model-card'));
  const i = cards.indexOf(document.activeElement as HTMLButtonElement);
  if (i < 0 || !cards.length) return;
  const top = cards[0]!.getBoundingClientRect().top;
  const perRow = Math.max(
    1,
    cards.filter((c) => Math.abs(c.getBoundingClientRect().top - top) < 2).length,
  );
  const step: Record<string, number> = {
    ArrowRight: 1,
    ArrowLeft: -1,
    ArrowDown: perRow,
    ArrowUp: -perRow,
    Home: -i,
    End: cards.length - 1 - i,
  };
  if (!(ev.key in step)) return;
  ev.preventDefault();
  const next = cards[Math.max(0, Math.min(cards.length - 1, i + step[ev.key]!))]!;
  cards[i]!.tabIndex = -1;
  next.tabIndex = 0;
  next.focus();
}

/** Fills the form from a known model and analyzes it. */
export function analyzeKnown(m: ModelPoint): void {
  const patch: Record<string, string> = {
    run: '1',
    model: m.id,
    name: m.name,
    params: m.params ? String(m.params) : '',
    family: m.kind === 'frontier' ? '' : m.family,
    previous: '',
  };
  for (const f of SCORE_FIELDS) patch[f.key] = isNum(m.scores[f.id]) ? String(m.scores[f.id]) : '';
  setState(patch, { push: true });
  if (shared.analyzeEl) {
    analyze.render(shared.analyzeEl);
    document.getElementById('analyze')?.scrollIntoView({ block: 'start' });
    focusResult();
  }
}

/** Moves focus to the result's heading (the phase, or the h-field of a sizeless model). */
function focusResult(): void {
  document.getElementById('analysis-heading')?.focus();
}

/** Back/Forward: re-renders the form and the result from the URL state. */
export function restoreAnalysis(): void {
  if (!shared.analyzeEl) return;
  if (getState().run !== '1') {
    shared.lastAnalysis = null;
    shared.lastInput = null;
  }
  analyze.render(shared.analyzeEl);
  shared.rerenderPhase();
}

/** One sentence for the result area naming the fields to fix. */
function fieldsMessage(errors: Record<string, string>): string {
  const names = Object.keys(errors).map((k) =>
    k === 'params' ? 'Parameters' : (SCORE_FIELDS.find((f) => f.key === k)?.label ?? k),
  );
  return `Nothing was analysed: fix ${names.join(', ')} (the message is under each field).`;
}

/** Analyzes the known model with this id (a chart point was clicked). */
export function analyzeById(id: string): void {
  const { allBase, frontier } = engineContext();
  const m = allBase.find((x) => x.id === id) ?? frontier.find((x) => x.id === id);
  if (m) analyzeKnown(m);
}

// ---------------------------------------------------------------- 5 phase diagram
let phaseDiagramFn: typeof import('../../../src/report/charts/phaseDiagram.ts').phaseDiagram;
export const phase: PanelDef = {
  id: 'phase-diagram',
  n: 5,
  title: 'Phase diagram',
  takeaway() {
    const ctx = engineContext();
    const nc = analysis('nc', {}, ctx).cluster;
    const sizes = ctx.base.map((m) => m.params).filter(isNum);
    const below = sizes.filter((p) => p < nc.ciLow).length;
    const above = sizes.filter((p) => p > nc.ciHigh).length;
    return `${below} of ${sizes.length} base models sit below Nc's 95% interval (tax), ${sizes.length - below - above} inside it, ${above} above it (bonus).`;
  },
  render(body) {
    const draw = () => {
      const ctx = engineContext();
      const { x, y, xLabel, yLabel } = phaseAxes();
      const nc = attempt(() => analysis('nc', {}, ctx).cluster);
      const pts = phasePoints(ctx.base, x, y);
      const user = userPoint(x, y);
      const svg = (view?: ChartView) =>
        phaseDiagramFn(
          {
            points: pts,
            nc: nc.ok ? nc.value : null,
            user,
            yLabel,
            ...(xLabel ? { xLabel } : {}),
            selectedId: getState().model ?? null,
          },
          {
            document,
            theme: theme(),
            width: chartWidth(),
            title: `${yLabel} vs ${xLabel ?? 'parameters'}${xLabel ? '' : ' with phase bands'}`,
            view,
          },
        );
      const bands = nc.ok
        ? `Bands: tax below ${fmtParams(nc.value.ciLow)}, transition ${fmtParams(nc.value.ciLow)}–${fmtParams(nc.value.ciHigh)} (95% CI of Nc = ${fmtParams(nc.value.value)}, ${nc.value.method}, n=${nc.value.n}), bonus above.`
        : '';
      mount(
        body,
        nc.ok || xLabel
          ? h(
              'p',
              { class: 'muted', 'data-testid': 'phase-caption' },
              xLabel
                ? `${yLabel} against ${xLabel}: ${pts.length} base models with both scores. Phase bands are drawn along parameters only (choose Parameters as the x-axis).`
                : `${bands} ${pts.length} base models.`,
            )
          : failure(nc, 'Nc bands'),
        chart('phase-diagram', svg(), `${yLabel} against ${xLabel ?? 'parameters'}`, analyzeById, {
          draw: svg,
        }),
      );
    };
    shared.rerenderPhase = () => {
      if (body.isConnected) draw();
    };
    // The chart code (Observable Plot) is its own chunk, loaded when this section is shown.
    return import('../../../src/report/charts/phaseDiagram.ts').then((m) => {
      phaseDiagramFn = m.phaseDiagram;
      draw();
    });
  },
};

/** The phase diagram's axes from the page state: y a base benchmark, x parameters or one. */
function phaseAxes(): { x: BenchmarkId | null; y: BenchmarkId; xLabel?: string; yLabel: string } {
  const st = getState();
  const label = (id: string) => SCORE_FIELDS.find((f) => f.id === id)?.label ?? id;
  const y = (st.y ?? 'truthfulqa_mc2') as BenchmarkId;
  const x = st.x && st.x !== 'params' ? (st.x as BenchmarkId) : null;
  return x ? { x, y, xLabel: label(x), yLabel: label(y) } : { x, y, yLabel: label(y) };
}

/** Base models with a size and the y score (and the x score when x is a benchmark). */
function phasePoints(base: readonly ModelPoint[], x: BenchmarkId | null, y: BenchmarkId) {
  const famLabel = familyLabeller(base);
  return base
    .filter((m) => isNum(m.params) && isNum(m.scores[y]) && (!x || isNum(m.scores[x])))
    .map((m) => ({
      id: m.id,
      name: m.name,
      family: famLabel(m.family),
      params: m.params as number,
      y: m.scores[y] as number,
      ...(x ? { x: m.scores[x] as number } : {}),
    }));
}

/** The last analysed model as the chart's star, when it has the axes' scores. */
function userPoint(x: BenchmarkId | null, y: BenchmarkId) {
  const a = shared.lastAnalysis;
  const uy = a?.scores[y];
  const ux = x ? a?.scores[x] : undefined;
  if (!a || !shared.lastInput || !isNum(uy) || (x && !isNum(ux))) return null;
  return { name: shared.lastInput.name, params: shared.lastInput.params, y: uy, x: ux };
}
