/** Entry of the dashboard: reads the URL state, applies the theme, renders every panel in order. */
import './styles.css';
import { h, mount } from './dom.ts';
import { analyze, customPair, header, known, phase } from './panels/analyze.ts';
import { frontier, hfield, matrix3, trajectories } from './panels/frontier.ts';
import { citation, dictionary, levers } from './panels/reference.ts';
import { arrhenius, boosting, opt, poly, rgflow, survival, topology } from './panels/diagnostics.ts';
import { ode } from './panels/explorer.ts';
import { leaderboard } from './panels/leaderboard.ts';
import { live } from './panels/live.ts';
import { steering } from './panels/steering.ts';
import { correlations, deff, lofo, phaseCards, predictions, summary } from './panels/science.ts';
import { applyWorkspaceToggle, ledgerPanel, workspacePanel } from './panels/workspace.ts';
import { getState, initState, setState } from './state.ts';
import { applyTheme, theme } from './theme.ts';
import { section, type PanelDef } from './ui.ts';

const PANELS: PanelDef[] = [header, analyze, customPair, known, phase, phaseCards, frontier, trajectories, matrix3, arrhenius, survival, correlations, deff, lofo, rgflow, levers, opt, poly, topology, dictionary, boosting, summary, citation, hfield, predictions, ode, workspacePanel, ledgerPanel, leaderboard, steering, live];

function boot(): void {
  const t0 = performance.now();
  initState();
  applyTheme();
  const app = document.getElementById('app') as HTMLElement;
  const toggle = h('button', { type: 'button', class: 'ghost', 'data-testid': 'theme-toggle', 'aria-label': 'Switch colour theme' }, theme() === 'dark' ? 'Light theme' : 'Dark theme');
  toggle.addEventListener('click', () => {
    setState({ theme: theme() === 'dark' ? 'light' : 'dark' });
    renderAll(app, toggle);
  });
  renderAll(app, toggle);
  window.addEventListener('cape:rerender', () => renderAll(app, toggle, true));
  // Saved models join the analyses when the URL asks for it (ws=1) and the server answers.
  if (getState().ws === '1') void applyWorkspaceToggle().then((changed) => { if (changed) renderAll(app, toggle, true); });
  (window as unknown as { __capePerf?: Record<string, number> }).__capePerf = { renderMs: performance.now() - t0 };
  document.documentElement.setAttribute('data-ready', '1');
}

function renderAll(app: HTMLElement, toggle: HTMLElement, keepScroll = false): void {
  const y = window.scrollY;
  applyTheme();
  toggle.textContent = theme() === 'dark' ? 'Light theme' : 'Dark theme';
  const nav = h('nav', { class: 'toc', 'aria-label': 'Panels' }, h('ol', {}, PANELS.map((p) => h('li', {}, h('a', { href: `#${p.id}` }, p.title)))));
  const main = h('main', { id: 'main' });
  mount(app,
    h('a', { class: 'skip', href: '#main' }, 'Skip to content'),
    h('header', { class: 'top' }, h('div', {}, h('h1', {}, 'CAPE Studio'), h('p', { class: 'sub' }, 'Where does a language model stand in the capability-coupling picture of scaling, and why? Every number below is computed from the bundled dataset by the same engine as the cape CLI.')), toggle),
    nav, main);
  for (const p of PANELS) main.appendChild(section(p));
  const sel = getState().panel;
  if (keepScroll) window.scrollTo(0, y);
  else if (sel) document.getElementById(sel)?.scrollIntoView();
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', boot);
else boot();
