/**
 * Zoom on the scatter charts: drag a rectangle over the plot, or use the Zoom in / Zoom out /
 * Reset buttons. The chart reads its position scales from the SVG (`data-x`, `data-y`: type,
 * domain, range, written by src/report/charts/common.ts) and is redrawn by the engine's chart
 * function with the new view, so axes, ticks and labels are recomputed, not stretched.
 */
import type { ChartView } from '../../../src/report/charts/common.ts';

export interface Scale {
  type: 'linear' | 'log';
  d0: number;
  d1: number;
  r0: number;
  r1: number;
}

/** Parses `data-x="log 1e7 1e12 56 750"`; null when the chart has no continuous scale there. */
export function readScale(svg: Element, axis: 'x' | 'y'): Scale | null {
  const v = (svg.getAttribute(`data-${axis}`) ?? '').split(' ');
  const [type, ...nums] = v;
  const n = nums.map(Number);
  if ((type !== 'linear' && type !== 'log') || n.length !== 4 || !n.every(Number.isFinite))
    return null;
  return { type, d0: n[0] as number, d1: n[1] as number, r0: n[2] as number, r1: n[3] as number };
}

const fwd = (s: Scale, v: number) => (s.type === 'log' ? Math.log10(v) : v);
const back = (s: Scale, v: number) => (s.type === 'log' ? 10 ** v : v);

/** The data value at pixel `p` (in the plot's own coordinates). */
export function invert(s: Scale, p: number): number {
  const t = (p - s.r0) / (s.r1 - s.r0);
  return back(s, fwd(s, s.d0) + t * (fwd(s, s.d1) - fwd(s, s.d0)));
}

/** The domain between two pixels, low to high. */
export function spanOf(s: Scale, p0: number, p1: number): [number, number] {
  const [a, b] = [invert(s, p0), invert(s, p1)];
  return a < b ? [a, b] : [b, a];
}

/**
 * The domain scaled by `factor` about its centre (in log space for a log scale), never wider
 * than `full`. Example: scaleDomain(linear [0, 10], 0.5, [0, 10]) = [2.5, 7.5].
 */
export function scaleDomain(
  s: Scale,
  factor: number,
  full: readonly [number, number],
): [number, number] {
  const [a, b] = [fwd(s, Math.min(s.d0, s.d1)), fwd(s, Math.max(s.d0, s.d1))];
  const c = (a + b) / 2;
  const half = ((b - a) / 2) * factor;
  const lo = Math.max(fwd(s, full[0]), c - half);
  const hi = Math.min(fwd(s, full[1]), c + half);
  return [back(s, lo), back(s, hi)];
}

/** The view after zooming by `factor` (both axes), or undefined once it is back to `full`. */
export function zoomedView(
  svg: Element,
  factor: number,
  full: { x: [number, number] | null; y: [number, number] | null },
): ChartView | undefined {
  const out: { x?: [number, number]; y?: [number, number] } = {};
  for (const axis of ['x', 'y'] as const) {
    const s = readScale(svg, axis);
    const f = full[axis];
    if (s && f) out[axis] = scaleDomain(s, factor, f);
  }
  const same = (a?: [number, number], b?: [number, number] | null) =>
    !a ||
    !b ||
    Math.abs(a[0] - b[0]) + Math.abs(a[1] - b[1]) <= 1e-9 * (Math.abs(b[1] - b[0]) || 1);
  return same(out.x, full.x) && same(out.y, full.y) ? undefined : out;
}

/** The full (unzoomed) domain of an axis, low to high. */
export function domainOf(svg: Element, axis: 'x' | 'y'): [number, number] | null {
  const s = readScale(svg, axis);
  return s ? [Math.min(s.d0, s.d1), Math.max(s.d0, s.d1)] : null;
}

/**
 * Lets the reader drag a rectangle on the chart: `onView` gets the view it covers (data units).
 * Returns true from the click that ends a drag, so the caller does not take it as a point click.
 */
export function wireDrag(
  holder: HTMLElement,
  svgOf: () => SVGSVGElement | null,
  onView: (v: ChartView) => void,
): () => boolean {
  let start: DOMPoint | null = null;
  let dragged = false;
  const rect = document.createElement('div');
  rect.className = 'zoom-rect';
  rect.hidden = true;
  const toPlot = (svg: SVGSVGElement, ev: PointerEvent) => {
    const m = svg.getScreenCTM();
    const lh = Number(svg.getAttribute('data-legend-height') ?? 0);
    const p = new DOMPoint(ev.clientX, ev.clientY).matrixTransform(m?.inverse());
    return new DOMPoint(p.x, p.y - lh);
  };
  holder.addEventListener('pointerdown', (ev) => {
    const svg = svgOf();
    if (!svg || ev.button !== 0 || ev.pointerType === 'touch') return;
    start = toPlot(svg, ev);
    dragged = false;
  });
  holder.addEventListener('pointermove', (ev) => {
    const svg = svgOf();
    if (!start || !svg) return;
    const p = toPlot(svg, ev);
    if (!dragged && Math.hypot(p.x - start.x, p.y - start.y) < 6) return;
    dragged = true;
    drawRect(holder, rect, svg, start, p);
  });
  holder.addEventListener('pointerup', (ev) => {
    const svg = svgOf();
    const s = start;
    start = null;
    rect.hidden = true;
    if (!s || !svg || !dragged) return;
    const p = toPlot(svg, ev);
    const [sx, sy] = [readScale(svg, 'x'), readScale(svg, 'y')];
    const view: ChartView = {
      ...(sx && Math.abs(p.x - s.x) > 6 ? { x: spanOf(sx, s.x, p.x) } : {}),
      ...(sy && Math.abs(p.y - s.y) > 6 ? { y: spanOf(sy, s.y, p.y) } : {}),
    };
    if (view.x || view.y) onView(view);
  });
  return () => {
    const d = dragged;
    dragged = false;
    return d;
  };
}

/** Shows the dragged rectangle over the chart (in the holder's coordinates). */
function drawRect(
  holder: HTMLElement,
  rect: HTMLElement,
  svg: SVGSVGElement,
  a: DOMPoint,
  b: DOMPoint,
): void {
  if (!rect.isConnected) holder.append(rect);
  const m = svg.getScreenCTM();
  const lh = Number(svg.getAttribute('data-legend-height') ?? 0);
  const hr = holder.getBoundingClientRect();
  const [pa, pb] = [a, b].map((p) => new DOMPoint(p.x, p.y + lh).matrixTransform(m ?? undefined));
  const x0 = Math.min(pa?.x ?? 0, pb?.x ?? 0) - hr.left + holder.scrollLeft;
  const y0 = Math.min(pa?.y ?? 0, pb?.y ?? 0) - hr.top;
  rect.style.left = `${x0}px`;
  rect.style.top = `${y0}px`;
  rect.style.width = `${Math.abs((pa?.x ?? 0) - (pb?.x ?? 0))}px`;
  rect.style.height = `${Math.abs((pa?.y ?? 0) - (pb?.y ?? 0))}px`;
  rect.hidden = false;
}
