/** Shared page components: panels, metric tiles, tables with CSV export, charts with SVG/PNG export, generic result views. */
import { h, svgNode, type Child } from './dom.ts';
import { downloadCsv, downloadPng, downloadSvg } from './export.ts';
import { interval, isNum, num } from './format.ts';
import type { Outcome } from './engine.ts';

/** Registry of rendered panels for the nav and for tests. */
export interface PanelDef {
  id: string;
  n: number;
  title: string;
  render: (body: HTMLElement) => void;
}

export function section(def: PanelDef): HTMLElement {
  const body = h('div', { class: 'panel-body' });
  const el = h('section', { id: def.id, class: 'panel', 'aria-labelledby': `${def.id}-title`, 'data-panel': String(def.n) }, h('h2', { id: `${def.id}-title` }, h('span', { class: 'panel-n', 'aria-hidden': 'true' }, String(def.n)), def.title), body);
  safeRender(body, def.render);
  return el;
}

export function safeRender(body: HTMLElement, render: (b: HTMLElement) => void): void {
  try {
    render(body);
  } catch (e) {
    body.replaceChildren(errorBox(`This panel failed to render: ${(e as Error).message}`));
    console.warn(e);
  }
}

export function notComputed(what: string, detail?: string): HTMLElement {
  return h('p', { class: 'not-computed', 'data-state': 'not-computed' }, h('strong', {}, 'not computed yet'), ` — ${what}`, detail ? h('span', { class: 'muted' }, ` (${detail})`) : null);
}

export function errorBox(message: string): HTMLElement {
  return h('p', { class: 'error', role: 'alert' }, message);
}

/** Shows an outcome's failure: "not computed yet" for a missing engine call, the engine's message otherwise. */
export function failure(o: Outcome<unknown>, what: string): HTMLElement {
  if (o.ok) return h('span');
  return o.missing ? notComputed(what, o.message.replace(/^not computed yet /, '')) : errorBox(`${what}: ${o.message}`);
}

export function tile(label: string, value: Child, sub?: Child, opts: { testid?: string; tone?: string } = {}): HTMLElement {
  return h('div', { class: `tile${opts.tone ? ` tone-${opts.tone}` : ''}` }, h('div', { class: 'tile-label' }, label), h('div', { class: 'tile-value', 'data-testid': opts.testid }, value), sub ? h('div', { class: 'tile-sub' }, sub) : null);
}

export function badge(text: string, tone = 'neutral'): HTMLElement {
  return h('span', { class: `badge tone-${tone}` }, text);
}

/** A label the engine attaches to values it cannot reproduce; shown verbatim. */
export function reportedLabel(v: unknown): HTMLElement | null {
  if (!v || typeof v !== 'object') return null;
  const o = v as Record<string, unknown>;
  const text = [o.label, o.status, o.provenance, o.reproducible === false ? 'reported, not reproducible' : null].find((t) => typeof t === 'string' && /reported|not reproducible/i.test(t));
  return typeof text === 'string' ? badge(text, 'reported') : null;
}

export interface TableSpec {
  name: string;
  caption?: string;
  header: string[];
  rows: Child[][];
  /** Plain values for CSV (defaults to the text of each cell). */
  csv?: unknown[][];
  testid?: string;
}

export function table(spec: TableSpec): HTMLElement {
  const t = h(
    'table',
    { class: 'tbl', 'data-testid': spec.testid },
    spec.caption ? h('caption', {}, spec.caption) : null,
    h('thead', {}, h('tr', {}, spec.header.map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, spec.rows.map((r) => h('tr', {}, r.map((c) => h('td', {}, c))))),
  );
  const btn = h('button', { type: 'button', class: 'small', 'aria-label': `Download ${spec.name} as CSV` }, 'CSV');
  btn.addEventListener('click', () => {
    const rows = spec.csv ?? Array.from(t.querySelectorAll('tbody tr')).map((tr) => Array.from(tr.children).map((td) => td.textContent ?? ''));
    downloadCsv(spec.name, spec.header, rows);
  });
  return h('div', { class: 'table-wrap' }, h('div', { class: 'tools' }, btn), h('div', { class: 'scroll-x' }, t));
}

export function chart(name: string, svg: string, label: string, onSelect?: (id: string) => void): HTMLElement {
  const holder = h('div', { class: 'chart', role: 'figure', 'aria-label': label });
  holder.appendChild(svgNode(svg));
  if (onSelect) {
    holder.addEventListener('click', (ev) => {
      const t = (ev.target as Element).closest('[data-model-id]');
      if (t) onSelect(t.getAttribute('data-model-id') as string);
    });
    holder.querySelectorAll('[data-model-id]').forEach((el) => el.classList.add('selectable'));
  }
  const svgBtn = h('button', { type: 'button', class: 'small', 'aria-label': `Download ${label} as SVG` }, 'SVG');
  svgBtn.addEventListener('click', () => downloadSvg(name, svg));
  const pngBtn = h('button', { type: 'button', class: 'small', 'aria-label': `Download ${label} as PNG` }, 'PNG');
  pngBtn.addEventListener('click', () => void downloadPng(name, svg));
  return h('figure', { class: 'chart-fig' }, h('div', { class: 'tools' }, svgBtn, pngBtn), holder);
}

const HIDE = new Set(['fit', 'transitions', 'models', 'memo']);

/** Renders any engine value: numbers formatted, {value, ciLow, ciHigh} as intervals, arrays of records as tables. */
export function anyValue(v: unknown, name = 'value', depth = 0): Child {
  if (v === null || v === undefined) return h('span', { class: 'muted' }, '—');
  if (typeof v === 'number') return num(v, 3);
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (Array.isArray(v)) {
    if (v.length === 2 && v.every(isNum)) return interval(v[0], v[1], (x) => num(x, 3));
    if (v.every((x) => typeof x !== 'object' || x === null)) return v.map((x) => String(isNum(x) ? num(x, 3) : x)).join(', ');
    if (depth > 2) return `${v.length} rows`;
    const recs = v.filter((x) => x && typeof x === 'object' && !Array.isArray(x)) as Record<string, unknown>[];
    const keys = [...new Set(recs.flatMap((r) => Object.keys(r)))].filter((k) => !HIDE.has(k) && recs.some((r) => typeof r[k] !== 'object' || Array.isArray(r[k]) && (r[k] as unknown[]).length === 2));
    return table({ name, header: keys, rows: recs.map((r) => keys.map((k) => anyValue(r[k], k, depth + 1))), csv: recs.map((r) => keys.map((k) => (typeof r[k] === 'object' ? JSON.stringify(r[k]) : r[k]))) });
  }
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (isNum(o.value) && (isNum(o.ciLow) || isNum(o.ciHigh))) {
      return h('span', {}, num(o.value, 3), ' ', h('span', { class: 'muted' }, interval(o.ciLow, o.ciHigh, (x) => num(x, 3))), isNum(o.n) ? h('span', { class: 'muted' }, ` n=${o.n}`) : null, reportedLabel(o));
    }
    if (depth > 3) return JSON.stringify(o).slice(0, 80);
    return h(
      'dl',
      { class: 'kv' },
      Object.entries(o)
        .filter(([k, x]) => !HIDE.has(k) && typeof x !== 'function')
        .map(([k, x]) => [h('dt', {}, k), h('dd', {}, anyValue(x, k, depth + 1))]),
    );
  }
  return String(v);
}

/** Chart width for the current viewport (panels are laid out before they are measured). */
export function chartWidth(): number {
  return Math.max(300, Math.min(1120, (window.innerWidth || 1280) - (window.innerWidth < 700 ? 40 : 110)));
}
