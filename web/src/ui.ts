/** Shared page components: panels, metric tiles, tables with CSV export, charts with SVG/PNG
 * export, engine-error messages. */
import { h, mount, type Child } from './dom.ts';
import { chartFigure, type ChartFigureOptions } from './chart/figure.ts';
import { downloadCsv } from './export.ts';
import type { Outcome } from './engine.ts';

/** Registry of rendered panels for the nav and for tests. */
export interface PanelDef {
  id: string;
  n: number;
  title: string;
  /** Renders into `body`; a promise when part of the panel (a chart module) loads later. */
  render: (body: HTMLElement) => void | Promise<void>;
  /** One line computed from the data, shown first: what the panel says. */
  takeaway?: () => string;
}

export function section(def: PanelDef): HTMLElement {
  const body = h('div', { class: 'panel-body' });
  const el = h(
    'section',
    {
      id: def.id,
      class: 'panel',
      'aria-labelledby': `${def.id}-title`,
      'data-panel': String(def.n),
    },
    h(
      'h3',
      { id: `${def.id}-title`, class: 'panel-title', tabindex: '-1' },
      h('span', { class: 'panel-n', 'aria-hidden': 'true' }, String(def.n)),
      def.title,
    ),
    takeawayLine(def),
    body,
  );
  safeRender(body, def.render);
  return el;
}

/** The panel's one-line takeaway, or its engine error in place of it. */
function takeawayLine(def: PanelDef): HTMLElement | null {
  if (!def.takeaway) return null;
  try {
    return h('p', { class: 'takeaway', 'data-testid': `takeaway-${def.id}` }, def.takeaway());
  } catch (e) {
    return h('p', { class: 'takeaway' }, `No summary: ${(e as Error).message}`);
  }
}

export function safeRender(
  body: HTMLElement,
  render: (b: HTMLElement) => void | Promise<void>,
): void {
  const fail = (e: unknown) => {
    body.replaceChildren(errorBox(`This panel failed to render: ${(e as Error).message}`));
    console.warn(e);
  };
  try {
    const r = render(body);
    if (r) r.catch(fail);
  } catch (e) {
    fail(e);
  }
}

export function notComputed(what: string, detail?: string): HTMLElement {
  return h(
    'p',
    { class: 'not-computed', 'data-state': 'not-computed' },
    h('strong', {}, 'not computed yet'),
    ` — ${what}`,
    detail ? h('span', { class: 'muted' }, ` (${detail})`) : null,
  );
}

export function errorBox(message: string): HTMLElement {
  return h('p', { class: 'error', role: 'alert' }, message);
}

/** Shows an outcome's failure: the engine's message about `what`. */
export function failure(o: Outcome<unknown>, what: string): HTMLElement {
  return o.ok ? h('span') : errorBox(`${what}: ${o.message}`);
}

/** Runs `fn`, which renders into `body`; an engine error becomes the panel's message (never a blank panel). */
export function guard(body: HTMLElement, what: string, fn: () => void): void {
  try {
    fn();
  } catch (e) {
    mount(body, errorBox(`${what}: ${(e as Error).message}`));
  }
}

export function tile(
  label: string,
  value: Child,
  sub?: Child,
  opts: { testid?: string; tone?: string } = {},
): HTMLElement {
  return h(
    'div',
    { class: `tile${opts.tone ? ` tone-${opts.tone}` : ''}` },
    h('div', { class: 'tile-label' }, label),
    h('div', { class: 'tile-value', 'data-testid': opts.testid }, value),
    sub ? h('div', { class: 'tile-sub' }, sub) : null,
  );
}

export function badge(text: string, tone = 'neutral'): HTMLElement {
  return h('span', { class: `badge tone-${tone}` }, text);
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
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        spec.header.map((c) => h('th', { scope: 'col' }, c)),
      ),
    ),
    h(
      'tbody',
      {},
      spec.rows.map((r) =>
        h(
          'tr',
          {},
          r.map((c) => h('td', {}, c)),
        ),
      ),
    ),
  );
  const btn = h(
    'button',
    { type: 'button', class: 'small', 'aria-label': `Download ${spec.name} as CSV` },
    'CSV',
  );
  btn.addEventListener('click', () => {
    const rows =
      spec.csv ??
      Array.from(t.querySelectorAll('tbody tr')).map((tr) =>
        Array.from(tr.children).map((td) => td.textContent ?? ''),
      );
    downloadCsv(spec.name, spec.header, rows);
  });
  // Focusable and named, so a keyboard user can scroll a table wider than the screen.
  return h(
    'div',
    { class: 'table-wrap' },
    h('div', { class: 'tools' }, btn),
    h(
      'div',
      {
        class: 'scroll-x',
        tabindex: '0',
        role: 'region',
        'aria-label': spec.caption ?? `${spec.name} table`,
      },
      t,
    ),
  );
}

/**
 * A chart figure: hover cards, legend isolation, downloads; zoom when `more.draw` redraws it for
 * a view (see chart/figure.ts).
 */
export function chart(
  name: string,
  svg: string,
  label: string,
  onSelect?: (id: string) => void,
  more: Omit<ChartFigureOptions, 'onSelect'> = {},
): HTMLElement {
  return chartFigure(name, svg, label, { ...more, ...(onSelect ? { onSelect } : {}) });
}

/** Chart width for the current viewport (panels are laid out before they are measured). */
export function chartWidth(): number {
  return Math.max(
    300,
    Math.min(1120, (window.innerWidth || 1280) - (window.innerWidth < 700 ? 40 : 110)),
  );
}

/**
 * Asks before deleting: shows "Delete <what>? [Delete] [Keep]" in `holder` and moves focus to
 * Keep; `onConfirm` runs only on Delete. Returns nothing; the caller reports the outcome.
 */
export function confirmDelete(
  holder: HTMLElement,
  what: string,
  onConfirm: () => void | Promise<void>,
): void {
  const keep = h(
    'button',
    { type: 'button', class: 'small', 'data-testid': 'confirm-keep' },
    'Keep',
  );
  const del = h(
    'button',
    { type: 'button', class: 'small danger', 'data-testid': 'confirm-delete' },
    'Delete',
  );
  keep.addEventListener('click', () => holder.replaceChildren());
  del.addEventListener('click', () => {
    holder.replaceChildren();
    void onConfirm();
  });
  mount(
    holder,
    h(
      'div',
      { class: 'confirm', role: 'group', 'aria-label': `Confirm deleting ${what}` },
      h('span', {}, `Delete ${what}?`),
      del,
      keep,
    ),
  );
  keep.focus();
}

/** "<done>. [Undo]" in `holder`; Undo runs `undo` once and clears the line. */
export function undoLine(holder: HTMLElement, done: string, undo?: () => Promise<void>): void {
  const status = h('span', { role: 'status', 'data-testid': 'undo-status' }, `${done}.`);
  const btn = undo
    ? h('button', { type: 'button', class: 'small', 'data-testid': 'undo' }, 'Undo')
    : null;
  btn?.addEventListener('click', async () => {
    btn.disabled = true;
    try {
      await undo!();
      holder.replaceChildren();
    } catch (e) {
      status.textContent = `Could not undo: ${(e as Error).message}`;
    }
  });
  mount(holder, h('div', { class: 'confirm' }, status, btn));
}
