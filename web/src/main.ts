/**
 * Entry of the dashboard: reads the URL state, applies the theme, builds the sticky navigation
 * and the sections (registry.ts), renders "Your model" at once and every other section when it
 * is scrolled to or linked. Back/Forward restore the analysis the URL describes.
 */
import './styles.css';
import { h, mount } from './dom.ts';
import { restoreAnalysis } from './panels/analyze.ts';
import { ncStatement } from './panels/nc.ts';
import './registry.ts';
import {
  buildSections,
  openSection,
  refresh,
  reveal,
  sectionDefs,
  watchSections,
  yieldTask,
} from './sections.ts';
import { getState, initState, setState } from './state.ts';
import { attempt, engineContext, loadDerived } from './engine.ts';
import { applyTheme, theme } from './theme.ts';

type Perf = { __capePerf?: Record<string, number> };

/**
 * Mounts the page's shell (header, navigation, empty sections): no engine work, so it paints
 * while the derived context arrives. Returns the slot the Nc statement fills once computed.
 */
function shell(): HTMLElement {
  initState();
  applyTheme();
  const app = document.getElementById('app') as HTMLElement;
  const toggle = h(
    'button',
    { type: 'button', class: 'ghost', 'data-testid': 'theme-toggle' },
    themeLabel(),
  );
  toggle.addEventListener('click', () => switchTheme(toggle));
  const ncSlot = h('div', { class: 'nc-slot' });
  mount(
    app,
    h('a', { class: 'skip', href: '#your-model' }, 'Skip to the analysis'),
    h(
      'header',
      { class: 'top' },
      h(
        'div',
        {},
        h('h1', {}, 'CAPE Studio'),
        h(
          'p',
          { class: 'sub' },
          'Where does a language model stand in the capability-coupling picture of scaling? Every number is computed from the bundled dataset by the engine of the cape CLI.',
        ),
      ),
      toggle,
    ),
    navBar(),
    h('main', { id: 'main' }, ncSlot, buildSections()),
  );
  document.addEventListener('click', onLocalLink);
  window.addEventListener('popstate', onHistory);
  window.addEventListener('cape:rerender', () => {
    refresh({ skip: ['workspace'] });
    window.dispatchEvent(new Event('cape:workspace'));
  });
  return ncSlot;
}

/**
 * Fills the shell, one step per task so that no boot task runs long: the shared context (dataset
 * check, derived results), the Nc statement, then "Your model" (one panel per task).
 */
async function boot(t0: number, ncSlot: HTMLElement): Promise<void> {
  performance.mark('cape:derived');
  await yieldTask();
  attempt(engineContext);
  performance.mark('cape:context');
  await yieldTask();
  ncSlot.replaceWith(ncStatement());
  await yieldTask();
  await openSection('your-model');
  performance.mark('cape:your-model');
  (window as unknown as Perf).__capePerf = {
    ...(window as unknown as Perf).__capePerf,
    renderMs: performance.now() - t0,
  };
  document.documentElement.setAttribute('data-ready', '1');
  const target = location.hash.slice(1) || getState().panel;
  if (target && target !== 'your-model') void reveal(target).then(watchSections);
  else watchSections();
  // Saved models join the analyses when the URL asks for it (ws=1) and the server answers.
  if (getState().ws === '1')
    void import('./panels/workspace.ts')
      .then((m) => m.applyWorkspaceToggle())
      .then((changed) => {
        if (changed) refresh();
      });
}

const themeLabel = () => (theme() === 'dark' ? 'Light theme' : 'Dark theme');

/** Switches the theme in place: colours come from CSS; only panels with a chart redraw. */
function switchTheme(toggle: HTMLElement): void {
  const t0 = performance.now();
  setState({ theme: theme() === 'dark' ? 'light' : 'dark' });
  applyTheme();
  toggle.textContent = themeLabel();
  refresh({ chartsOnly: true });
  (window as unknown as Perf).__capePerf = {
    ...(window as unknown as Perf).__capePerf,
    themeMs: performance.now() - t0,
  };
}

/** The sticky navigation: one link per section (each deep-linkable as #id). */
function navBar(): HTMLElement {
  return h(
    'nav',
    { class: 'sections-nav', 'aria-label': 'Sections' },
    h(
      'ul',
      {},
      sectionDefs().map((s) => h('li', {}, h('a', { href: `#${s.id}` }, s.title))),
    ),
  );
}

/** In-page links open (render) their section before scrolling, and become history entries. */
function onLocalLink(ev: MouseEvent): void {
  const a = (ev.target as Element | null)?.closest?.('a[href^="#"]');
  if (!a || ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey) return;
  const id = (a.getAttribute('href') ?? '').slice(1);
  if (!id) return;
  ev.preventDefault();
  history.pushState(null, '', `${location.search}#${id}`);
  void reveal(id, true);
}

/** Back/Forward: the URL is the state; the form and the result follow it. */
function onHistory(): void {
  const before = JSON.stringify({ ...getState(), panel: undefined, theme: undefined });
  initState();
  applyTheme();
  const after = JSON.stringify({ ...getState(), panel: undefined, theme: undefined });
  if (before !== after) restoreAnalysis();
  const target = location.hash.slice(1);
  if (target) void reveal(target);
}

/**
 * Mounts the shell at once and fills it once the build-time derived context is in (fetched in
 * parallel with this script: index.html preloads it), or failed: the engine then computes it all.
 */
function start(): void {
  performance.mark('cape:start');
  const t0 = performance.now();
  const derived = loadDerived().catch((e: unknown) =>
    console.warn('derived context not loaded; computing it instead', e),
  );
  const ncSlot = shell();
  performance.mark('cape:shell');
  void derived.then(() => boot(t0, ncSlot));
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
