/**
 * The interactive legend of a chart on the page: the SVG's own legend (kept for exports) is
 * replaced on screen by a row of HTML entries; an entry that names a series is a toggle button
 * that isolates its series (every other series dimmed) and, pressed again, restores all.
 */
import { h } from '../dom.ts';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** A small SVG holding a copy of the legend entry's swatch (everything but its label; not ramps,
 * which only charts without series carry, and those keep their SVG legend). */
function swatchOf(item: Element): SVGSVGElement | null {
  const label = item.querySelector('text:last-of-type');
  const parts = Array.from(item.children).filter((c) => c !== label);
  if (!label || !parts.length) return null;
  const x = Number(label.getAttribute('x')) - 20;
  const y = Number(label.getAttribute('y'));
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('width', '16');
  svg.setAttribute('height', '14');
  svg.setAttribute('viewBox', `${x - 1} ${y - 7} 16 14`);
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('fill', 'currentColor');
  for (const p of parts) svg.appendChild(p.cloneNode(true));
  return svg;
}

/** Dims every element of another series than `series` (none when null). */
export function applyIsolation(root: Element, series: string | null): void {
  root.querySelectorAll('svg [data-series]').forEach((el) => {
    el.classList.toggle('dimmed', series !== null && el.getAttribute('data-series') !== series);
  });
}

/**
 * Builds the HTML legend from the SVG's legend entries and hides the SVG's own (by cropping the
 * view box). `onIsolate` gets the series to isolate, or null to show all. Returns null when no
 * entry names a series (the chart keeps its SVG legend).
 */
export function htmlLegend(
  svg: SVGSVGElement,
  isolated: () => string | null,
  onIsolate: (series: string | null) => void,
): HTMLElement | null {
  const items = Array.from(svg.querySelectorAll('.legend > .legend-item'));
  if (!items.some((i) => i.hasAttribute('data-series'))) return null;
  const row = h('div', { class: 'chart-legend', role: 'group', 'aria-label': 'Legend' });
  for (const item of items) {
    const label = item.querySelector('text:last-of-type')?.textContent ?? '';
    const series = item.getAttribute('data-series');
    const sw = swatchOf(item);
    if (series === null) {
      row.append(h('span', { class: 'legend-entry' }, sw, label));
      continue;
    }
    const b = h(
      'button',
      {
        type: 'button',
        class: 'legend-entry',
        'aria-pressed': String(isolated() === series),
        'data-series': series,
        title: `Show only ${label} (press again to show all)`,
      },
      sw,
      label,
    );
    b.addEventListener('click', () => onIsolate(isolated() === series ? null : series));
    row.append(b);
  }
  return row;
}

/** Crops the SVG's legend off its view box (the HTML legend stands in for it on screen). */
export function cropLegend(svg: SVGSVGElement): void {
  const lh = Number(svg.getAttribute('data-legend-height') ?? 0);
  const w = Number(svg.getAttribute('width'));
  const total = Number(svg.getAttribute('height'));
  if (!lh || !w || !total) return;
  svg.setAttribute('viewBox', `0 ${lh} ${w} ${total - lh}`);
  svg.setAttribute('height', String(total - lh));
  svg.querySelector('.legend')?.setAttribute('display', 'none');
}
