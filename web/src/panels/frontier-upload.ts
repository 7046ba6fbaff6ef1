/**
 * "Your frontier set" in the frontier panel: paste or choose a frontier file (CSV or JSON, wide or
 * Epoch AI's long format; docs/frontier-files.md), see its fit and every model's h computed by
 * the engine in the page (the same functions as `cape frontier --file`), and save it to the
 * workspace through the API when the server runs.
 */
import { frontierFileContext } from '../../../src/cape/index.ts';
import { type FrontierFileRow, parseFrontierFile } from '../../../src/data/ingest/frontier-file.ts';
import { fmtNum as num, fmtP as pValue, fmtSigned as signed } from '../../../src/report/format.ts';
import { frontierSet, SERVER_NEEDED, serverAvailable } from '../api.ts';
import { h, mount } from '../dom.ts';
import { analysis, engineContext } from '../engine.ts';
import { errorBox, table, tile } from '../ui.ts';

/** The fit of a pasted frontier file, as tiles and a table (or the parser's one-line error). */
function analyse(text: string, filename: string): HTMLElement {
  try {
    return fitView(parseFrontierFile(text, filename));
  } catch (e) {
    return errorBox(e instanceof Error ? e.message : String(e));
  }
}

/** The engine's fit of frontier rows (a file's or the workspace's), with the reader's notes. */
function fitView(parsed: { rows: FrontierFileRow[]; notes: string[] }): HTMLElement {
  try {
    const fit = analysis(
      'frontier',
      { subset: 'all' },
      frontierFileContext(engineContext(), parsed.rows),
    );
    return h(
      'div',
      { 'data-testid': 'frontier-upload-result' },
      h(
        'div',
        { class: 'tiles' },
        tile('Fit GPQA = a·SWE + b', `a ${num(fit.slope, 3)} · b ${num(fit.intercept, 1)}`, ''),
        tile('Pearson r', num(fit.r, 3), `n = ${fit.n} · p ${pValue(fit.p)}`),
      ),
      parsed.notes.length ? h('p', { class: 'note' }, parsed.notes.join(' · ')) : null,
      table({
        name: 'frontier-upload-h',
        testid: 'frontier-upload-h',
        header: ['model', 'lab', 'date', 'source', 'SWE', 'GPQA', 'h'],
        rows: fit.models.map((m) => [
          m.name,
          m.lab,
          m.releaseDate ?? '—',
          m.source ?? '—',
          num(m.swe, 1),
          num(m.gpqa, 1),
          signed(m.h, 1),
        ]),
      }),
    );
  } catch (e) {
    return errorBox(e instanceof Error ? e.message : String(e));
  }
}

async function save(text: string, filename: string, out: HTMLElement): Promise<void> {
  if (!(await serverAvailable())) return mount(out, errorBox(SERVER_NEEDED));
  try {
    const r = await frontierSet.save(filename, text);
    mount(out, h('p', { role: 'status' }, `saved ${r.saved.length} frontier models`));
  } catch (e) {
    mount(out, errorBox(e instanceof Error ? e.message : String(e)));
  }
}

/** The frontier models saved in the workspace, analysed like a file. */
async function showSaved(out: HTMLElement): Promise<void> {
  if (!(await serverAvailable())) return mount(out, errorBox(SERVER_NEEDED));
  try {
    const { models } = await frontierSet.list();
    if (!models.length)
      return mount(out, h('p', { class: 'note' }, 'no frontier models saved yet'));
    mount(
      out,
      fitView({ rows: models, notes: [`${models.length} frontier models saved in the workspace`] }),
    );
  } catch (e) {
    mount(out, errorBox(e instanceof Error ? e.message : String(e)));
  }
}

/** The upload/paste box with its result area. */
export function frontierUploadBox(): HTMLElement {
  const area = h('textarea', {
    rows: 5,
    'aria-label': 'frontier file (CSV or JSON)',
    'data-testid': 'frontier-upload-text',
    placeholder: 'model,lab,release_date,swe,gpqa\nMy-Model,MyLab,2025-06,61.0,72.5',
  });
  let filename = 'pasted.csv';
  const file = h('input', { type: 'file', accept: '.csv,.json,.tsv,text/csv,application/json' });
  file.addEventListener('change', async () => {
    const f = file.files?.[0];
    if (!f) return;
    filename = f.name;
    area.value = await f.text();
  });
  const out = h('div', { 'aria-live': 'polite' });
  const status = h('div');
  const go = () => mount(out, analyse(area.value, filename));
  return h(
    'details',
    { 'data-testid': 'frontier-upload' },
    h('summary', {}, 'Your frontier set (paste or choose a CSV/JSON file)'),
    h('div', {}, file),
    area,
    h(
      'div',
      {},
      h('button', { type: 'button', onclick: go, 'data-testid': 'frontier-upload-go' }, 'Analyse'),
      h(
        'button',
        { type: 'button', onclick: () => void save(area.value, filename, status) },
        'Save to workspace',
      ),
      h('button', { type: 'button', onclick: () => void showSaved(out) }, 'Analyse saved set'),
    ),
    status,
    out,
  );
}
