/**
 * The custom benchmark pair panel: any two benchmark names — the dataset's (presets) or the
 * user's own, such as HLE and HarmBench, with their own series. This module is the form (in the
 * first screen's JavaScript); the result (engine call, takeaway, chart, tables) is pair-view.ts,
 * loaded on the first computation. Inputs live in the URL (pa, pb, ps).
 */
import { benchmarkFromName, longLabel, MODEL_SCORE_IDS } from '../../../src/data/benchmarks.ts';
import type { BenchmarkId } from '../../../src/data/schema.ts';
import { h, mount } from '../dom.ts';
import { attempt } from '../engine.ts';
import { getState, setState } from '../state.ts';
import { failure, type PanelDef } from '../ui.ts';

/** The dataset's benchmarks offered as presets (any other name needs the user's own series). */
const PRESETS = MODEL_SCORE_IDS;

/** A name people read that resolves back to the id (the label, without a "(mc2)" suffix). */
export function presetName(id: BenchmarkId): string {
  const label = longLabel(id);
  const bare = label.replace(/\s*\(.*\)$/, '');
  return [label, bare].find((n) => benchmarkFromName(n) === id) ?? id;
}

export const customPair: PanelDef = {
  id: 'custom-pair',
  n: 3,
  title: 'Custom benchmark pair — Nc2/Nc3 detection',
  render(body) {
    const s = getState();
    const name = (key: 'pa' | 'pb', label: string, def: BenchmarkId) =>
      h(
        'div',
        { class: 'field' },
        h('label', { for: `f-${key}` }, label),
        h('input', {
          id: `f-${key}`,
          list: 'pair-presets',
          'data-testid': `pair-${key}`,
          autocomplete: 'off',
          value: s[key] ?? presetName(def),
          'aria-describedby': `f-${key}-err`,
        }),
        h('div', { id: `f-${key}-err`, class: 'field-error', role: 'alert' }),
      );
    const series = h(
      'textarea',
      {
        id: 'f-ps',
        rows: '4',
        'data-testid': 'pair-series',
        placeholder:
          'optional: your own series, one model per line — name, params, score A, score B\ne.g. my-70b, 70B, 18.2, 61.5',
        'aria-describedby': 'f-ps-err',
      },
      s.ps ?? '',
    );
    const out = h('div', { 'aria-live': 'polite' });
    const go = () => compute(body, out);
    mount(
      body,
      h(
        'p',
        { class: 'muted' },
        "γ12 = ΔB/ΔA between consecutive sizes of each family, for any two benchmarks: its running fit, its sign by scale band, and where it changes sign. A sign change at 70B or more is a candidate Nc2/Nc3. Name any two benchmarks (e.g. HLE and HarmBench) with your own series, or pick dataset benchmarks and leave the series empty to use the dataset's base models.",
      ),
      h(
        'datalist',
        { id: 'pair-presets' },
        PRESETS.map((b) => h('option', { value: presetName(b) }, longLabel(b))),
      ),
      h(
        'div',
        { class: 'row wrap' },
        name('pa', 'Benchmark A (x)', 'hellaswag'),
        name('pb', 'Benchmark B (y)', 'truthfulqa_mc2'),
      ),
      h(
        'div',
        { class: 'field' },
        h('label', { for: 'f-ps' }, 'Your series (optional)'),
        series,
        h('div', { id: 'f-ps-err', class: 'field-error', role: 'alert' }),
      ),
      h(
        'button',
        { type: 'button', 'data-testid': 'pair-submit', onclick: go as EventListener },
        'Compute coupling',
      ),
      out,
    );
    if (s.pa && s.pb) return go();
  },
};

const field = (body: HTMLElement, id: string) =>
  body.querySelector(`#${id}`) as HTMLInputElement | HTMLTextAreaElement;

/** Reads the inputs, runs the engine and shows the result (errors under their field). */
async function compute(body: HTMLElement, out: HTMLElement): Promise<void> {
  const a = field(body, 'f-pa').value.trim();
  const b = field(body, 'f-pb').value.trim();
  const text = field(body, 'f-ps').value.trim();
  setState({ pa: a, pb: b, ps: text || undefined });
  const errs = { x: 'f-pa-err', y: 'f-pb-err', series: 'f-ps-err' } as const;
  for (const id of Object.values(errs)) field(body, id).textContent = '';
  const view = await import('./pair-view.ts');
  const parsed = attempt(() => view.parseSeries(text, view.pairLabel(a), view.pairLabel(b)));
  if (!parsed.ok) {
    field(body, errs.series).textContent = parsed.message;
    return mount(out);
  }
  const o = attempt(() => view.runPair(a, b, parsed.value));
  if (!o.ok) {
    const where = o.field === 'x' || o.field === 'y' ? errs[o.field] : null;
    if (where) field(body, where).textContent = o.message;
    return mount(out, where ? null : failure(o, 'pair coupling'));
  }
  mount(out, view.pairView(o.value));
}
