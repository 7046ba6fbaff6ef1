/**
 * The leaderboard-replication panel: the user drops or picks an Open LLM Leaderboard CSV (read with
 * the File API; nothing is uploaded) and chooses the model type to test. The analysis and its view
 * live in ../leaderboard/view.ts, loaded with a dynamic import() the first time a file is read.
 */
import { h, mount } from '../dom.ts';
import { getState, setState } from '../state.ts';
import { errorBox, type PanelDef } from '../ui.ts';

const TYPES = ['pretrained', 'all', 'fine-tuned', 'chat', 'merge'] as const;

export const leaderboard: PanelDef = {
  id: 'leaderboard',
  n: 25,
  title: 'Leaderboard replication',
  render(body) {
    const out = h('div', { 'data-testid': 'lb-result', 'aria-live': 'polite' });
    const file = h('input', {
      type: 'file',
      id: 'lb-file',
      accept: '.csv,text/csv',
      'data-testid': 'lb-file',
    });
    const typeSel = h(
      'select',
      { id: 'lb-type', 'data-testid': 'lb-type' },
      TYPES.map((t) =>
        h('option', { value: t, selected: (getState().lbt ?? 'pretrained') === t }, t),
      ),
    );
    const drop = h(
      'div',
      { class: 'dropzone', 'data-testid': 'lb-drop' },
      h(
        'label',
        { for: 'lb-file' },
        'Drop an Open LLM Leaderboard CSV export here, or choose one: ',
      ),
      file,
      h(
        'p',
        { class: 'muted' },
        'The file is read in your browser; nothing is uploaded. The project ships no copy of the leaderboard: bring your own export (same columns as the v1 CSV).',
      ),
    );
    let last: { text: string; name: string } | null = null;
    const run = async () => {
      if (!last) return;
      const { text, name } = last;
      mount(out, h('p', { class: 'muted', role: 'status' }, `analysing ${name}…`));
      await new Promise((r) => requestAnimationFrame(() => r(null)));
      try {
        const { renderLeaderboard } = await import('../leaderboard/view.ts');
        renderLeaderboard(out, text, name, typeSel.value as (typeof TYPES)[number]);
      } catch (e) {
        mount(out, errorBox(`${name}: ${(e as Error).message}`));
      }
    };
    const read = async (f: File) => {
      last = { text: await f.text(), name: f.name };
      await run();
    };
    file.addEventListener('change', () => {
      const f = file.files?.[0];
      if (f) void read(f);
    });
    typeSel.addEventListener('change', () => {
      setState({ lbt: typeSel.value === 'pretrained' ? '' : typeSel.value });
      void run();
    });
    drop.addEventListener('dragover', (e) => {
      e.preventDefault();
      drop.classList.add('over');
    });
    drop.addEventListener('dragleave', () => drop.classList.remove('over'));
    drop.addEventListener('drop', (e) => {
      e.preventDefault();
      drop.classList.remove('over');
      const f = e.dataTransfer?.files?.[0];
      if (f) void read(f);
    });
    mount(
      body,
      h(
        'p',
        {},
        'Does the sign change of γ12 at Nc hold in families the reference study never saw? Point CAPE Studio at a whole leaderboard export to test it (docs/leaderboard.md states every rule).',
      ),
      h(
        'div',
        { class: 'row wrap' },
        h('div', { class: 'field' }, h('label', { for: 'lb-type' }, 'Models to test'), typeSel),
      ),
      drop,
      out,
    );
  },
};
