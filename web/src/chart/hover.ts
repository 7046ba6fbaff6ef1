/**
 * Hover cards on chart points, for the pointer and the keyboard. Each element the chart gave a
 * <title> (a point, an arrow) keeps that text as `data-tip` instead (so the browser's own tooltip
 * does not double the card). Pointing at it shows the card beside it; with the chart focused,
 * the arrow keys (and Home/End) step through the points from left to right, showing each one's
 * card (announced politely), Enter selects the point's model and Escape closes the card.
 */
import { h } from '../dom.ts';

/** Moves each mark element's <title> into `data-tip` (the chart's own title stays). */
export function tipsFromTitles(svg: SVGSVGElement): void {
  svg.querySelectorAll('svg svg title').forEach((t) => {
    const el = t.parentElement;
    if (!el || el.tagName.toLowerCase() === 'svg') return;
    el.setAttribute('data-tip', t.textContent ?? '');
    t.remove();
  });
}

export interface HoverCard {
  /** Shows the card of `el` (null hides it); `announce` for keyboard steps. */
  show: (el: Element | null, announce?: boolean) => void;
  card: HTMLElement;
}

/** The card element (inside `fig`, positioned next to the point); `hint` ends a selectable
 * point's card. */
export function hoverCard(fig: HTMLElement, hint?: string): HoverCard {
  const card = h('div', { class: 'chart-card', 'aria-live': 'polite', hidden: true });
  fig.append(card);
  const show = (el: Element | null, announce = false) => {
    card.setAttribute('aria-live', announce ? 'polite' : 'off');
    if (!el) {
      card.hidden = true;
      card.replaceChildren();
      return;
    }
    const [head, ...rest] = (el.getAttribute('data-tip') ?? '').split('\n');
    card.replaceChildren(h('strong', {}, head ?? ''), ...rest.map((line) => h('div', {}, line)));
    if (hint && el.hasAttribute('data-model-id')) card.append(h('div', { class: 'muted' }, hint));
    card.hidden = false;
    place(card, fig, el);
  };
  return { show, card };
}

/** Puts the card above-right of the element, kept inside the figure. */
function place(card: HTMLElement, fig: HTMLElement, el: Element): void {
  const f = fig.getBoundingClientRect();
  const r = el.getBoundingClientRect();
  const cw = card.offsetWidth;
  const ch = card.offsetHeight;
  let left = r.right - f.left + 8;
  if (left + cw > f.width) left = Math.max(0, r.left - f.left - cw - 8);
  let top = r.top - f.top - ch - 4;
  if (top < 0) top = r.bottom - f.top + 4;
  card.style.left = `${left}px`;
  card.style.top = `${top}px`;
}

/** Tip elements that are drawn and not dimmed, left to right (then top to bottom). */
function visiblePoints(holder: HTMLElement): Element[] {
  const pts = Array.from(holder.querySelectorAll('[data-tip]')).filter(
    (el) =>
      !el.closest('.dimmed') &&
      (el as SVGGraphicsElement).getClientRects().length > 0 &&
      getComputedStyle(el).display !== 'none',
  );
  const key = new Map(pts.map((el) => [el, el.getBoundingClientRect()]));
  return pts.sort((a, b) => {
    const [ra, rb] = [key.get(a) as DOMRect, key.get(b) as DOMRect];
    return ra.x + ra.width / 2 - (rb.x + rb.width / 2) || ra.y - rb.y;
  });
}

/**
 * Wires the pointer and the keyboard to the card. `onSelect` runs with a point's model id on
 * Enter. Returns a function to call after the chart is redrawn (forgets the current point).
 */
export function wireHover(
  holder: HTMLElement,
  hc: HoverCard,
  onSelect?: (id: string) => void,
): () => void {
  let current: Element | null = null;
  const mark = (el: Element | null) => {
    current?.classList.remove('pt-current');
    current = el;
    current?.classList.add('pt-current');
  };
  holder.addEventListener('pointerover', (ev) => {
    const el = (ev.target as Element).closest?.('[data-tip]');
    if (el && !el.closest('.dimmed')) hc.show(el);
  });
  holder.addEventListener('pointerout', (ev) => {
    const el = (ev.target as Element).closest?.('[data-tip]');
    if (el && el !== current) hc.show(current);
  });
  holder.addEventListener('keydown', (ev) => {
    const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[ev.key];
    if (ev.key === 'Escape') {
      mark(null);
      hc.show(null);
      return;
    }
    if (ev.key === 'Enter' && current?.hasAttribute('data-model-id')) {
      ev.preventDefault();
      onSelect?.(current.getAttribute('data-model-id') as string);
      return;
    }
    if (step === undefined && ev.key !== 'Home' && ev.key !== 'End') return;
    const pts = visiblePoints(holder);
    if (!pts.length) return;
    ev.preventDefault();
    const i = current ? pts.indexOf(current) : -1;
    const next =
      ev.key === 'Home'
        ? 0
        : ev.key === 'End'
          ? pts.length - 1
          : i < 0
            ? step === 1
              ? 0
              : pts.length - 1
            : (i + (step as number) + pts.length) % pts.length;
    mark(pts[next] as Element);
    hc.show(current, true);
  });
  holder.addEventListener('blur', () => {
    mark(null);
    hc.show(null);
  });
  return () => {
    mark(null);
    hc.show(null);
  };
}
