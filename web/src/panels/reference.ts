/** Reference panels: lever mapping, physics ↔ ML dictionary, citation (content from web/content).
 * */
import { BIBTEX, DICTIONARY, LEVERS } from '../../content/reference.ts';
import { h, mount } from '../dom.ts';
import { table, type PanelDef } from '../ui.ts';

export const levers: PanelDef = {
  id: 'levers',
  n: 26,
  title: 'Lever mapping: physics ↔ AI',
  render(body) {
    mount(
      body,
      h(
        'p',
        { class: 'muted' },
        'Reference content. Expand a row for what the lever means in training.',
      ),
      h(
        'div',
        { class: 'levers' },
        LEVERS.map((l) =>
          h(
            'details',
            { class: 'lever' },
            h(
              'summary',
              {},
              h('strong', {}, l.physics),
              ` (${l.physicsEffect}) ↔ `,
              h('strong', {}, l.ml),
              ` (${l.mlEffect})`,
            ),
            h('p', {}, l.detail),
          ),
        ),
      ),
    );
  },
};

export const dictionary: PanelDef = {
  id: 'dictionary',
  n: 27,
  title: 'Physics ↔ ML dictionary',
  render(body) {
    mount(
      body,
      table({
        name: 'dictionary',
        header: ['physics', 'ML / CAPE meaning', 'computed in'],
        rows: DICTIONARY.map((d) => [
          d.physics,
          d.ml,
          h('a', { href: `#${d.panel}` }, d.panelTitle),
        ]),
        csv: DICTIONARY.map((d) => [d.physics, d.ml, d.panelTitle]),
      }),
    );
  },
};

export const citation: PanelDef = {
  id: 'citation',
  n: 28,
  title: 'Citation',
  render(body) {
    const status = h('span', { role: 'status', class: 'muted' });
    const btn = h('button', { type: 'button', 'data-testid': 'citation-copy' }, 'Copy BibTeX');
    btn.addEventListener('click', async () => {
      try {
        await navigator.clipboard.writeText(BIBTEX);
        status.textContent = 'copied';
      } catch {
        const r = document.createRange();
        r.selectNodeContents(pre);
        getSelection()?.removeAllRanges();
        getSelection()?.addRange(r);
        status.textContent = 'clipboard unavailable: text selected, press Ctrl+C';
      }
    });
    const pre = h('pre', { class: 'bibtex', tabindex: '0', 'aria-label': 'BibTeX' }, BIBTEX);
    mount(body, h('div', { class: 'row' }, btn, status), pre);
  },
};
