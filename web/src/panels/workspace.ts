/**
 * Workspace and ledger panels, backed by the CAPE server (src/server; `npm start`): the workspace (saved models:
 * list, edit, delete, export; drag-and-drop ingestion of lm-eval JSON / CSV files with a preview
 * via /api/ingest/preview, saved via /api/ingest/commit; a toggle that includes the saved models in
 * every analysis of the page through `createContext({ extraModels })`) and the predictions ledger
 * (/api/predictions: computed statuses, add with a criterion, delete). Served as a static bundle,
 * both say SERVER_NEEDED instead of failing.
 */
import { savedToPoint } from '../../../src/cape/points.ts';
import { workspaceModelsAsBaseModels } from '../../../src/workspace/as-base-models.ts';
import type { WorkspaceModel } from '../../../src/workspace/models.ts';
import {
  ApiError,
  ingest,
  ledger,
  serverAvailable,
  SERVER_NEEDED,
  workspace,
  type LedgerEntry,
  type Preview,
  workspaceChanged,
} from '../api.ts';
import { h, mount } from '../dom.ts';
import { engineContext, extraModelCount, setExtraModels } from '../engine.ts';
import { fmtParams, fmtScores } from '../../../src/report/format.ts';
import { longLabel, MODEL_SCORE_IDS } from '../../../src/data/benchmarks.ts';
import { getState, setState } from '../state.ts';
import { forPeople } from '../messages.ts';
import { familyLabel } from '../../../src/report/names.ts';
import { badge, confirmDelete, errorBox, table, tile, undoLine, type PanelDef } from '../ui.ts';

/** Asks main.ts to re-render every panel (after the analysis context changed). */
export function rerenderAll(): void {
  window.dispatchEvent(new Event('cape:rerender'));
}

/** Deletes a saved model, then offers Undo (saves it again with the same name, family, size,
 * scores, stated standard errors and notes). */
async function removeModel(m: WorkspaceModel, holder: HTMLElement): Promise<void> {
  try {
    await workspace.remove(m.id);
    workspaceChanged();
    undoLine(holder, `Deleted "${m.name}"`, async () => {
      await workspace.add({
        name: m.name,
        family: m.family,
        params: m.params,
        scores: m.scores as Record<string, number>,
        stderr: m.stderr as Record<string, number>,
        notes: m.notes,
      });
      workspaceChanged();
    });
  } catch (e) {
    mount(holder, errorBox(`"${m.name}" was not deleted: ${msg(e)}`));
  }
}

/** "HellaSwag 78.1 ± 0.41 · …": each score, with the standard error its file stated. */
const scoreText = (s: Record<string, number | undefined>, se: Record<string, number> = {}) =>
  fmtScores(s, se, longLabel);
const msg = (e: unknown) =>
  e instanceof ApiError ? forPeople(e.message, e.field) : (e as Error).message;

/** Rebuilds the engine context with the saved models when the toggle is on (state key `ws`). */
export async function applyWorkspaceToggle(models?: WorkspaceModel[]): Promise<boolean> {
  const on = getState().ws === '1';
  const before = extraModelCount();
  if (!on) {
    if (before === 0) return false;
    setExtraModels([]);
    return true;
  }
  if (!(await serverAvailable())) return false;
  const list = models ?? (await workspace.list());
  setExtraModels(workspaceModelsAsBaseModels(list).map(savedToPoint));
  return true;
}

const EDIT_FIELDS = MODEL_SCORE_IDS;

function editForm(m: WorkspaceModel, done: () => void): HTMLElement {
  const f = (id: string, label: string, value: string) =>
    h(
      'div',
      { class: 'field' },
      h('label', { for: `ws-e-${id}` }, label),
      h('input', { id: `ws-e-${id}`, name: id, value, autocomplete: 'off' }),
    );
  const status = h('div', { class: 'field-error', role: 'status', 'aria-live': 'polite' });
  const form = h(
    'form',
    {
      class: 'edit-form',
      novalidate: true,
      'aria-label': `Edit ${m.name}`,
      'data-testid': 'ws-edit-form',
    },
    h(
      'div',
      { class: 'grid-fields' },
      f('name', 'Name', m.name),
      f('family', 'Family', m.family ?? ''),
      f('params', 'Parameters', String(m.params)),
      EDIT_FIELDS.map((b) =>
        f(
          b,
          `${longLabel(b)} %`,
          typeof m.scores[b as keyof typeof m.scores] === 'number'
            ? String(m.scores[b as keyof typeof m.scores])
            : '',
        ),
      ),
    ),
    h(
      'div',
      { class: 'row' },
      h('button', { type: 'submit', class: 'primary' }, 'Save changes'),
      h(
        'button',
        { type: 'button', class: 'ghost', onclick: (() => done()) as EventListener },
        'Cancel',
      ),
    ),
    status,
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const fd = new FormData(form);
    const scores: Record<string, number> = {};
    for (const b of EDIT_FIELDS) {
      const v = String(fd.get(b) ?? '').trim();
      if (v) scores[b] = Number(v);
    }
    try {
      await workspace.update(m.id, {
        name: String(fd.get('name') ?? '').trim(),
        family: String(fd.get('family') ?? '').trim() || null,
        params: String(fd.get('params') ?? '').trim(),
        scores,
        notes: m.notes,
      });
      workspaceChanged();
      done();
    } catch (e) {
      status.textContent = msg(e);
    }
  });
  return form;
}

/** What a commit did: saved, or nothing because the same file was saved before (named). */
function savedLine(r: { saved: WorkspaceModel[]; duplicate: boolean }, file: string): HTMLElement {
  const n = r.saved.length;
  const names = r.saved.map((m) => m.name).join(', ');
  const text = r.duplicate
    ? `Already in the workspace: ${file} was saved before with the same content, so nothing was saved again (${n} model${n === 1 ? '' : 's'}: ${names}).`
    : `Saved ${n} model${n === 1 ? '' : 's'} from ${file}.`;
  return h(
    'p',
    {
      role: 'status',
      'data-testid': r.duplicate ? 'ingest-duplicate' : 'ingest-saved',
      class: r.duplicate ? 'notice' : null,
    },
    text,
  );
}

function previewView(p: Preview, onSave: () => void, onDiscard: () => void): HTMLElement {
  const shown = p.models.slice(0, 50);
  const ready = p.models.filter((m) => m.ready).length;
  return h(
    'div',
    { class: 'preview', 'data-testid': 'ingest-preview' },
    h(
      'p',
      {},
      h('strong', {}, p.filename),
      ` — recognised as ${p.kind === 'lmeval' ? 'lm-evaluation-harness results' : p.kind === 'leaderboard' ? 'an Open LLM Leaderboard export (the Leaderboard replication panel analyses it as a whole)' : 'a models CSV'}: ${p.models.length} model${p.models.length === 1 ? '' : 's'}, ${ready} ready to save.`,
    ),
    p.leaderboard
      ? h(
          'p',
          { class: 'muted' },
          `${p.leaderboard.rows} rows kept; ${p.leaderboard.duplicates.length} duplicate ids resolved; dropped: ${p.leaderboard.dropped.map((d) => `${d.count} ${d.reason}`).join(', ') || 'none'}.`,
        )
      : null,
    table({
      name: 'ingest-preview',
      testid: 'ingest-preview-table',
      header: [
        'model',
        'family',
        'params',
        'params from',
        'scores',
        'task → benchmark, conversions',
        'status',
      ],
      rows: shown.map((m) => [
        m.name,
        m.family ? familyLabel(m.family) : '—',
        m.params === null ? 'unknown' : fmtParams(m.params),
        String(m.paramsSource),
        scoreText(m.scores, m.stderr),
        h(
          'ul',
          { class: 'notes' },
          m.notes.map((n) => h('li', {}, n)),
        ),
        m.ready
          ? badge('ready', 'pass')
          : h('span', { class: 'error' }, m.problem?.message ?? 'cannot be saved'),
      ]),
    }),
    p.models.length > shown.length
      ? h('p', { class: 'muted' }, `First ${shown.length} of ${p.models.length} shown.`)
      : null,
    h(
      'div',
      { class: 'row' },
      h(
        'button',
        {
          type: 'button',
          class: 'primary',
          'data-testid': 'ingest-commit',
          disabled: ready !== p.models.length || !p.models.length,
          onclick: onSave as EventListener,
        },
        `Save ${p.models.length} to workspace`,
      ),
      h(
        'button',
        { type: 'button', class: 'ghost', onclick: onDiscard as EventListener },
        'Discard',
      ),
    ),
    ready !== p.models.length
      ? h(
          'p',
          { class: 'muted' },
          'Every model must be ready to save: a file is saved all or nothing.',
        )
      : null,
  );
}

export const workspacePanel: PanelDef = {
  id: 'workspace',
  n: 31,
  title: 'Workspace: your saved models',
  render(body) {
    const status = h(
      'p',
      { class: 'muted', 'data-testid': 'ws-status', role: 'status' },
      'checking for the server…',
    );
    const list = h('div', { 'data-testid': 'ws-list' });
    const editor = h('div', {});
    const ingestOut = h('div', { 'aria-live': 'polite' });
    const toggle = h('input', {
      type: 'checkbox',
      id: 'ws-include',
      'data-testid': 'ws-include',
      checked: getState().ws === '1',
    });
    const fileInput = h('input', {
      type: 'file',
      id: 'ws-file',
      accept: '.json,.csv,application/json,text/csv',
      'data-testid': 'ingest-file',
    });
    const drop = h(
      'div',
      { class: 'dropzone', 'data-testid': 'ingest-drop' },
      h(
        'label',
        { for: 'ws-file' },
        'Drop an lm-evaluation-harness results JSON or a CSV here, or choose a file: ',
      ),
      fileInput,
      h('p', { class: 'muted' }, 'You see what was recognised before anything is saved.'),
    );
    mount(
      body,
      status,
      h(
        'div',
        { class: 'row wrap' },
        h(
          'label',
          { class: 'check', for: 'ws-include' },
          toggle,
          ' include saved models in analyses',
        ),
        h(
          'a',
          {
            href: workspace.exportUrl('json'),
            download: 'cape-workspace.json',
            class: 'button-link',
            'data-testid': 'ws-export-json',
          },
          'Export JSON',
        ),
        h(
          'a',
          {
            href: workspace.exportUrl('csv'),
            download: 'cape-workspace.csv',
            class: 'button-link',
          },
          'Export CSV',
        ),
      ),
      list,
      editor,
      h('h3', {}, 'Add models from a file'),
      drop,
      ingestOut,
    );

    let available = false;
    const refresh = async () => {
      available = await serverAvailable();
      if (!available) {
        status.textContent = `The workspace needs the CAPE server: ${SERVER_NEEDED}. Everything else on this page works without it.`;
        body
          .querySelectorAll('input, a.button-link')
          .forEach((e) => e.setAttribute('aria-disabled', 'true'));
        toggle.disabled = true;
        fileInput.disabled = true;
        return;
      }
      try {
        const models = await workspace.list();
        status.textContent = `${models.length} saved model${models.length === 1 ? '' : 's'}${getState().ws === '1' ? ` · included in the analyses (${extraModelCount()} in the current context)` : ''}.`;
        mount(
          list,
          models.length
            ? table({
                name: 'workspace-models',
                testid: 'ws-table',
                header: ['name', 'family', 'params', 'scores', 'origin', 'updated', ''],
                rows: models.map((m) => [
                  m.name,
                  m.family ? familyLabel(m.family) : '—',
                  fmtParams(m.params),
                  scoreText(m.scores, m.stderr),
                  m.origin,
                  m.updatedAt.slice(0, 10),
                  h(
                    'span',
                    { class: 'row tight' },
                    h(
                      'button',
                      {
                        type: 'button',
                        class: 'small',
                        'aria-label': `Edit ${m.name}`,
                        onclick: (() =>
                          mount(
                            editor,
                            editForm(m, () => editor.replaceChildren()),
                          )) as EventListener,
                      },
                      'Edit',
                    ),
                    h(
                      'button',
                      {
                        type: 'button',
                        class: 'small',
                        'data-testid': 'ws-delete',
                        'aria-label': `Delete ${m.name}`,
                        onclick: (() =>
                          confirmDelete(editor, `saved model "${m.name}"`, () =>
                            removeModel(m, editor),
                          )) as EventListener,
                      },
                      'Delete',
                    ),
                  ),
                ]),
                csv: models.map((m) => [
                  m.name,
                  m.family ?? '',
                  m.params,
                  JSON.stringify(m.scores),
                  m.origin,
                  m.updatedAt,
                  '',
                ]),
              })
            : h(
                'p',
                { class: 'muted' },
                'No saved models yet: use "Save to workspace" on an analysis, or add a file below.',
              ),
        );
        if (getState().ws === '1' && extraModelCount() !== models.length) {
          await applyWorkspaceToggle(models);
          rerenderAll();
        }
      } catch (e) {
        mount(list, errorBox(`workspace: ${msg(e)}`));
      }
    };
    toggle.addEventListener('change', async () => {
      setState({ ws: toggle.checked ? '1' : '' });
      if (await applyWorkspaceToggle()) rerenderAll();
    });
    const handle = async (file: File) => {
      if (!available) return mount(ingestOut, errorBox(SERVER_NEEDED));
      const content = await file.text();
      mount(ingestOut, h('p', { class: 'muted' }, `reading ${file.name}…`));
      try {
        const p = await ingest.preview(file.name, content);
        mount(
          ingestOut,
          previewView(
            p,
            async () => {
              try {
                const r = await ingest.commit(file.name, content);
                mount(ingestOut, savedLine(r, file.name));
                if (!r.duplicate) workspaceChanged();
              } catch (e) {
                mount(ingestOut, errorBox(`Nothing was saved: ${msg(e)}`));
              }
            },
            () => ingestOut.replaceChildren(),
          ),
        );
      } catch (e) {
        mount(
          ingestOut,
          h(
            'div',
            { 'data-testid': 'ingest-error' },
            errorBox(`${file.name} was not recognised: ${msg(e)}. Nothing was saved.`),
          ),
        );
      }
      fileInput.value = '';
    };
    fileInput.addEventListener('change', () => {
      const f = fileInput.files?.[0];
      if (f) void handle(f);
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
      if (f) void handle(f);
    });
    const onChange = () => {
      if (body.isConnected) void refresh();
      else window.removeEventListener('cape:workspace', onChange);
    };
    window.addEventListener('cape:workspace', onChange);
    void refresh();
  },
};

// ---------------------------------------------------------------- predictions ledger
type Names = 'frontier' | 'family';
const CRITERIA: Record<string, { label: string; fields: [string, string, Names][] }> = {
  h_of: { label: 'h of a frontier model', fields: [['model', 'model name', 'frontier']] },
  family_r: { label: 'within-family r(HS, TQA)', fields: [['family', 'family', 'family']] },
  gamma12_between: {
    label: 'γ12 between two releases',
    fields: [
      ['from', 'from model', 'frontier'],
      ['to', 'to model', 'frontier'],
    ],
  },
};

/** Suggestion lists for the ledger form: the names the engine's checks know (the server refuses
 * others). */
function nameLists(): HTMLElement[] {
  const ctx = engineContext();
  const list = (id: string, names: string[]) =>
    h(
      'datalist',
      { id },
      [...new Set(names)].sort().map((n) => h('option', { value: n })),
    );
  return [
    list(
      'lg-names-frontier',
      ctx.frontier.map((m) => m.name),
    ),
    list(
      'lg-names-family',
      ctx.base.map((m) => m.family),
    ),
  ];
}

function ledgerForm(done: () => void): HTMLElement {
  const f = (id: string, label: string, attrs: Record<string, string> = {}) =>
    h(
      'div',
      { class: 'field' },
      h('label', { for: `lg-${id}` }, label),
      h('input', { id: `lg-${id}`, name: id, autocomplete: 'off', ...attrs }),
    );
  const kind = h(
    'select',
    { id: 'lg-kind', name: 'kind', 'data-testid': 'ledger-kind' },
    Object.entries(CRITERIA).map(([k, c]) => h('option', { value: k }, c.label)),
  );
  const specific = h('div', { class: 'grid-fields' });
  const fill = () =>
    mount(
      specific,
      CRITERIA[kind.value]!.fields.map(([id, label, names]) =>
        f(id, label, { 'data-testid': `ledger-${id}`, list: `lg-names-${names}` }),
      ),
    );
  kind.addEventListener('change', fill);
  fill();
  const status = h('div', {
    class: 'field-error',
    role: 'status',
    'aria-live': 'polite',
    'data-testid': 'ledger-error',
  });
  const form = h(
    'form',
    { novalidate: true, 'aria-label': 'Add a prediction', 'data-testid': 'ledger-form' },
    h(
      'div',
      { class: 'grid-fields' },
      f('statement', 'Statement', { 'data-testid': 'ledger-statement' }),
      f('deadline', 'Deadline (YYYY-MM-DD, optional)', { placeholder: '2026-12-31' }),
      f('passText', 'Passes when'),
      f('failText', 'Fails when'),
    ),
    h(
      'div',
      { class: 'row wrap' },
      h('div', { class: 'field' }, h('label', { for: 'lg-kind' }, 'Criterion'), kind),
      h(
        'div',
        { class: 'field' },
        h('label', { for: 'lg-op' }, 'is'),
        h(
          'select',
          { id: 'lg-op', name: 'op' },
          ['>', '>=', '<', '<='].map((o) => h('option', { value: o }, o)),
        ),
      ),
      f('value', 'value', { inputmode: 'decimal', 'data-testid': 'ledger-value' }),
    ),
    specific,
    nameLists(),
    h(
      'div',
      { class: 'row' },
      h(
        'button',
        { type: 'submit', class: 'primary', 'data-testid': 'ledger-submit' },
        'Add prediction',
      ),
    ),
    status,
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const fd = new FormData(form);
    const get = (k: string) => String(fd.get(k) ?? '').trim();
    const value = Number(get('value'));
    if (!get('value') || !Number.isFinite(value)) {
      status.textContent = `invalid value: ${JSON.stringify(get('value'))} (expected a number)`;
      return;
    }
    const criterion: Record<string, unknown> = { kind: kind.value, op: get('op'), value };
    for (const [id] of CRITERIA[kind.value]!.fields) criterion[id] = get(id);
    const statement = get('statement');
    try {
      await ledger.add({
        statement,
        deadline: get('deadline') || null,
        passText: get('passText') || `${statement} holds`,
        failText: get('failText') || `${statement} does not hold`,
        criterion,
      });
      done();
    } catch (e) {
      status.textContent = msg(e);
    }
  });
  return form;
}

export const ledgerPanel: PanelDef = {
  id: 'ledger',
  n: 32,
  title: 'Predictions ledger',
  render(body) {
    const out = h('div', { 'data-testid': 'ledger-list' });
    const formHolder = h('div', {});
    const refresh = async () => {
      if (!(await serverAvailable()))
        return mount(
          out,
          h(
            'p',
            { class: 'muted', 'data-testid': 'ledger-status' },
            `The ledger is kept by the CAPE server: ${SERVER_NEEDED} and predictions. The predictions tracker (Evidence & verification) shows the dataset's predictions without it.`,
          ),
        );
      try {
        const l = await ledger.list();
        const row = (p: LedgerEntry) => [
          h('span', {}, h('strong', {}, p.title), h('br', {}), p.statement),
          p.deadlineText || p.deadline || '—',
          h(
            'span',
            {
              class: `badge tone-${p.status === 'passed' ? 'pass' : p.status === 'failed' ? 'fail' : 'open'}`,
              'data-status': p.status,
            },
            p.leaning ? `${p.status} · leaning ${p.leaning}` : p.status,
          ),
          h('small', { class: 'muted' }, p.passCheck.detail),
          p.origin,
          h(
            'button',
            {
              type: 'button',
              class: 'small',
              'aria-label': `Delete prediction ${p.title}`,
              'data-testid': 'ledger-delete',
              onclick: (() =>
                confirmDelete(formHolder, `prediction "${p.title}"`, async () => {
                  try {
                    await ledger.remove(p.id);
                    await refresh();
                    undoLine(formHolder, `Deleted prediction "${p.title}"`);
                  } catch (e) {
                    mount(formHolder, errorBox(`"${p.title}" was not deleted: ${msg(e)}`));
                  }
                })) as EventListener,
            },
            'Delete',
          ),
        ];
        mount(
          out,
          h(
            'div',
            { class: 'tiles' },
            Object.entries(l.counts).map(([k, v]) => tile(k, String(v))),
          ),
          h(
            'p',
            { class: 'muted' },
            `Statuses computed on ${l.evaluatedOn} from the dataset plus the workspace.`,
          ),
          table({
            name: 'ledger',
            testid: 'ledger-table',
            header: ['prediction', 'deadline', 'status', 'check', 'origin', ''],
            rows: l.predictions.map(row),
            csv: l.predictions.map((p) => [
              `${p.title}: ${p.statement}`,
              p.deadline ?? p.deadlineText,
              p.status,
              p.passCheck.detail,
              p.origin,
              '',
            ]),
          }),
        );
        mount(
          formHolder,
          h(
            'details',
            {},
            h('summary', { 'data-testid': 'ledger-add' }, 'Add a prediction'),
            ledgerForm(() => void refresh()),
          ),
        );
      } catch (e) {
        mount(out, errorBox(`ledger: ${msg(e)}`));
      }
    };
    mount(body, out, formHolder);
    const onChange = () => {
      if (body.isConnected) void refresh();
      else window.removeEventListener('cape:workspace', onChange);
    };
    window.addEventListener('cape:workspace', onChange);
    void refresh();
  },
};
