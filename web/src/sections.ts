/**
 * The page's sections behind the sticky navigation. A section holds panels that are loaded
 * (dynamic import) and rendered only when the section is scrolled near or opened by a link,
 * one panel per task so that no boot task runs long. `registerPanel` adds a panel in one line
 * (see registry.ts); `refresh` re-renders what is on screen after a theme or data change and
 * marks the rest stale, so a toggle returns at once.
 */
import { h } from './dom.ts';
import { section, type PanelDef } from './ui.ts';

/** Loads a panel module and returns its panel definition(s). */
export type PanelLoader = () => Promise<PanelDef | PanelDef[]>;

export interface SectionDef {
  id: string;
  /** Label in the navigation. */
  title: string;
  /** One sentence under the section heading: what the section answers. */
  lede: string;
}

interface Rendered {
  def: PanelDef;
  el: HTMLElement;
  body: HTMLElement;
}
interface SectionState {
  def: SectionDef;
  loaders: PanelLoader[];
  el?: HTMLElement;
  body?: HTMLElement;
  panels: Rendered[];
  status: 'idle' | 'loading' | 'done';
  stale: boolean;
  done?: Promise<void>;
}

const sections: SectionState[] = [];
let observer: IntersectionObserver | undefined;

/** Declares a section (in navigation order). */
export function defineSection(def: SectionDef): void {
  sections.push({ def, loaders: [], panels: [], status: 'idle', stale: false });
}

/** Adds a panel (loaded lazily) at the end of section `sectionId`. */
export function registerPanel(sectionId: string, load: PanelLoader): void {
  const s = sections.find((x) => x.def.id === sectionId);
  if (!s)
    throw new Error(
      `no section "${sectionId}" (sections: ${sections.map((x) => x.def.id).join(', ')})`,
    );
  s.loaders.push(load);
}

/** The declared sections, in order (for the navigation). */
export function sectionDefs(): SectionDef[] {
  return sections.map((s) => s.def);
}

/** Yields to the browser so input and paint run between panels. */
export function yieldTask(): Promise<void> {
  return new Promise((r) => setTimeout(r, 0));
}

/** Builds every section's shell (heading, lede, empty body); `watchSections` starts opening them. */
export function buildSections(): HTMLElement[] {
  return sections.map((s) => {
    s.body = h('div', { class: 'sect-body' });
    s.el = h(
      'section',
      { id: s.def.id, class: 'sect', 'aria-labelledby': `${s.def.id}-h`, 'data-section': s.def.id },
      h('h2', { id: `${s.def.id}-h`, class: 'sect-title', tabindex: '-1' }, s.def.title),
      h('p', { class: 'lede' }, s.def.lede),
      s.body,
    );
    return s.el;
  });
}

/**
 * Opens each section when it comes within 300 px of the viewport. Called once the first section
 * is on screen, so the empty shells below it do not all open at boot; without
 * IntersectionObserver every section opens.
 */
export function watchSections(): void {
  observer?.disconnect();
  if (!('IntersectionObserver' in window)) {
    sections.forEach((s) => void openSection(s.def.id));
    return;
  }
  observer = new IntersectionObserver(onIntersect, { rootMargin: '0px 0px 300px 0px' });
  sections.forEach((s) => s.el && observer?.observe(s.el));
}

function onIntersect(entries: IntersectionObserverEntry[]): void {
  for (const e of entries) {
    if (!e.isIntersecting) continue;
    const s = sections.find((x) => x.el === e.target);
    if (s && (s.status === 'idle' || s.stale)) void openSection(s.def.id);
  }
}

/** Loads and renders the section's panels (once; again when stale). Resolves when rendered. */
export function openSection(id: string): Promise<void> {
  const s = sections.find((x) => x.def.id === id);
  if (!s?.body) return Promise.resolve();
  if (s.status === 'done' && s.stale) {
    s.stale = false;
    s.done = rerender(s);
  }
  if (s.status === 'idle') {
    s.status = 'loading';
    s.done = load(s);
  }
  return s.done ?? Promise.resolve();
}

async function load(s: SectionState): Promise<void> {
  s.el?.setAttribute('aria-busy', 'true');
  // Every module is requested at once; panels render in order as soon as theirs is in, so a
  // panel already in the entry (the analysis) does not wait for a later panel's chunk.
  const pending = s.loaders.map((l) => l());
  for (const p of pending) p.catch(() => undefined); // a failure surfaces where it is awaited
  for (const loading of pending) {
    for (const def of [await loading].flat()) {
      const el = section(def);
      s.panels.push({ def, el, body: el.querySelector('.panel-body') as HTMLElement });
      s.body?.appendChild(el);
      // The section's first panel is painted before the next one renders.
      await (s.panels.length === 1 ? afterFrame() : yieldTask());
    }
  }
  s.status = 'done';
  s.el?.removeAttribute('aria-busy');
  s.el?.setAttribute('data-rendered', '1');
}

async function rerender(s: SectionState, only?: (p: Rendered) => boolean): Promise<void> {
  for (const p of s.panels) {
    if (only && !only(p)) continue;
    // The panel element stays (its id, a link or focus target, keeps its node); its content is
    // rendered afresh.
    const fresh = section(p.def);
    p.el.replaceChildren(...fresh.childNodes);
    p.body = p.el.querySelector('.panel-body') as HTMLElement;
    await yieldTask();
  }
}

/**
 * After a change that alters what panels show, once the next frame has shown the change itself:
 * a data change re-renders every opened section (one panel per task); a theme change
 * (`chartsOnly`) the panels with a chart, in sections near the viewport, and marks the others
 * stale (they re-render when next shown). `skip` lists panels that updated themselves.
 */
export function refresh(opts: { chartsOnly?: boolean; skip?: string[] } = {}): void {
  const only = (p: Rendered) =>
    !opts.skip?.includes(p.def.id) && (!opts.chartsOnly || !!p.body.querySelector('svg'));
  // Nothing re-renders before the frame that shows the change that asked for it (the toggle, the
  // theme's CSS colours). Then a data change redraws every opened section, one panel per task; a
  // theme change redraws the charts of sections near the viewport, the others when next shown.
  void afterFrame().then(() => {
    for (const s of sections) {
      if (s.status !== 'done') continue;
      if (!opts.chartsOnly || (s.el && nearViewport(s.el))) s.done = rerender(s, only);
      else s.stale = true;
    }
  });
}

/** Resolves in the task after the next frame is produced (or after 100 ms in a hidden tab, where
 * no frame comes). */
function afterFrame(): Promise<void> {
  return new Promise((r) => {
    requestAnimationFrame(() => setTimeout(r, 0));
    setTimeout(r, 100);
  });
}

function nearViewport(el: HTMLElement): boolean {
  const r = el.getBoundingClientRect();
  return r.bottom > -300 && r.top < window.innerHeight + 300;
}

/** Opens the section that holds element id `target` (a section or a panel id) and scrolls to it. */
export async function reveal(target: string, focus = false): Promise<void> {
  const s =
    sections.find((x) => x.def.id === target) ??
    sections.find((x) => x.panels.some((p) => p.def.id === target)) ??
    (await sectionOfPanel(target));
  if (!s) return;
  await openSection(s.def.id);
  const el = document.getElementById(target) ?? s.el;
  if (!el) return;
  el.scrollIntoView({ block: 'start' });
  pin(el);
  if (focus) (el.querySelector('h2, h3') as HTMLElement | null)?.focus({ preventScroll: true });
}

const USER_SCROLL = ['wheel', 'touchstart', 'keydown', 'pointerdown'] as const;
let unpin: (() => void) | undefined;

/**
 * Keeps a linked element at the top while the page above or around it grows (sections that open
 * as they come into view, charts that load later), until the page has not changed size for
 * `settleMs` or the user scrolls, clicks or types: a deep link lands on its panel.
 */
function pin(el: HTMLElement, settleMs = 1500): void {
  unpin?.();
  const main = document.getElementById('main') ?? document.body;
  let timer = setTimeout(() => unpin?.(), settleMs);
  const ro = new ResizeObserver(() => {
    el.scrollIntoView({ block: 'start' });
    clearTimeout(timer);
    timer = setTimeout(() => unpin?.(), settleMs);
  });
  const stop = () => {
    ro.disconnect();
    clearTimeout(timer);
    for (const ev of USER_SCROLL) window.removeEventListener(ev, stop, true);
    unpin = undefined;
  };
  for (const ev of USER_SCROLL) window.addEventListener(ev, stop, { capture: true, passive: true });
  ro.observe(main);
  unpin = stop;
}

/** Finds a not-yet-rendered panel by id by loading the sections' modules (imports are cached). */
async function sectionOfPanel(id: string): Promise<SectionState | undefined> {
  for (const s of sections) {
    const defs = (await Promise.all(s.loaders.map((l) => l()))).flat();
    if (defs.some((d) => d.id === id)) return s;
  }
  return undefined;
}
