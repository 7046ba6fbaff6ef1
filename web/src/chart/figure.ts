/**
 * A chart on the page: the engine's SVG plus what makes it explorable — hover cards for the
 * pointer and the keyboard (hover.ts), a legend whose series entries isolate a series
 * (legend.ts), drag and button zoom with reset on the charts that pass a `draw` function
 * (zoom.ts), and SVG/PNG downloads of what is shown, with its title, source and date.
 */
import type { ChartView } from '../../../src/report/charts/common.ts';
import { h, svgNode } from '../dom.ts';
import { downloadPng, downloadSvg } from '../export.ts';
import { hoverCard, tipsFromTitles, wireHover } from './hover.ts';
import { applyIsolation, cropLegend, htmlLegend } from './legend.ts';
import { domainOf, wireDrag, zoomedView } from './zoom.ts';

export interface ChartFigureOptions {
  /** Called with a point's model id on click or Enter. */
  onSelect?: (id: string) => void;
  /** Redraws the chart for a zoomed view (undefined: the full chart); enables zoom. */
  draw?: (view?: ChartView) => string;
  /** Runs after each (re)draw with the figure (e.g. to re-apply a filter). */
  afterDraw?: (fig: HTMLElement) => void;
}

const smallButton = (text: string, label: string, testid?: string) =>
  h('button', { type: 'button', class: 'small', 'aria-label': label, 'data-testid': testid }, text);

/** The chart's figure: tools (zoom, downloads), legend, chart and hover card. */
export function chartFigure(
  name: string,
  svg: string,
  label: string,
  opts: ChartFigureOptions = {},
): HTMLElement {
  const hint = opts.onSelect
    ? 'Arrow keys step through the points; Enter analyses the model.'
    : 'Arrow keys step through the points.';
  const holder = h('div', {
    class: 'chart',
    role: 'figure',
    'aria-label': `${label}. ${hint}`,
    tabindex: '0',
  });
  const legendSlot = h('div', { class: 'chart-legend-slot' });
  const tools = h('div', { class: 'tools' });
  const fig = h('figure', { class: 'chart-fig', 'data-chart': name }, tools, legendSlot, holder);
  const hc = hoverCard(fig, opts.onSelect ? 'Click or Enter: analyse this model' : undefined);
  const state = { svg, isolated: null as string | null, zoomed: false };
  const full = { x: null as [number, number] | null, y: null as [number, number] | null };
  const forget = wireHover(holder, hc, opts.onSelect);
  const mountSvg = (markup: string) => {
    state.svg = markup;
    forget();
    const node = svgNode(markup) as SVGSVGElement;
    tipsFromTitles(node);
    holder.replaceChildren(node);
    const legend = htmlLegend(node, () => state.isolated, isolate);
    if (legend) cropLegend(node);
    legendSlot.replaceChildren(...(legend ? [legend] : []));
    if (opts.onSelect)
      node.querySelectorAll('[data-model-id]').forEach((el) => el.classList.add('selectable'));
    applyIsolation(holder, state.isolated);
    opts.afterDraw?.(fig);
  };
  const isolate = (series: string | null) => {
    state.isolated = series;
    applyIsolation(holder, series);
    legendSlot.querySelectorAll('button[data-series]').forEach((b) => {
      b.setAttribute('aria-pressed', String(b.getAttribute('data-series') === series));
    });
  };
  mountSvg(svg);
  full.x = domainOf(holder.querySelector('svg') as Element, 'x');
  full.y = domainOf(holder.querySelector('svg') as Element, 'y');
  const endedDrag = opts.draw ? wireZoom(tools, holder, opts.draw, full, mountSvg) : () => false;
  if (opts.onSelect) {
    const select = opts.onSelect;
    holder.addEventListener('click', (ev) => {
      if (endedDrag()) return;
      const t = (ev.target as Element).closest('[data-model-id]');
      if (t) select(t.getAttribute('data-model-id') as string);
    });
  }
  const svgBtn = smallButton('SVG', `Download ${label} as SVG`);
  svgBtn.addEventListener('click', () => downloadSvg(name, state.svg, label));
  const pngBtn = smallButton('PNG', `Download ${label} as PNG`);
  pngBtn.addEventListener('click', () => void downloadPng(name, state.svg, label));
  tools.append(svgBtn, pngBtn);
  return fig;
}

/** Zoom buttons and drag-to-zoom; returns the drag's "that click ended a drag" check. */
function wireZoom(
  tools: HTMLElement,
  holder: HTMLElement,
  draw: (view?: ChartView) => string,
  full: { x: [number, number] | null; y: [number, number] | null },
  mountSvg: (markup: string) => void,
): () => boolean {
  const reset = smallButton('Reset zoom', 'Reset zoom', 'zoom-reset');
  const set = (view: ChartView | undefined) => {
    mountSvg(draw(view));
    reset.disabled = !view;
  };
  const svgOf = () => holder.querySelector('svg') as SVGSVGElement | null;
  const by = (factor: number) => () => {
    const svg = svgOf();
    if (svg) set(zoomedView(svg, factor, full));
  };
  const zin = smallButton('Zoom in', 'Zoom in', 'zoom-in');
  const zout = smallButton('Zoom out', 'Zoom out', 'zoom-out');
  zin.addEventListener('click', by(0.5));
  zout.addEventListener('click', by(2));
  reset.addEventListener('click', () => set(undefined));
  reset.disabled = true;
  tools.append(zin, zout, reset);
  holder.classList.add('zoomable');
  return wireDrag(holder, svgOf, set);
}
