/**
 * "Try it live": the user's own Hugging Face token, straight from the browser to the model server
 * (HF's router, or CAPE_LIVE_BASE_URL via /api/config). One prompt runs twice, streamed, side by
 * side: plain, and with the CAPE-guided system prompt built by the engine (src/cape/guidance.ts).
 * Prompt-level guidance on hosted chat models — not the activation steering of the Self-steering
 * panel. The token never reaches this page's server; every text is set as text.
 */
import { LEVERS } from '../../content/reference.ts';
import { guidanceFor } from '../../../src/cape/guidance.ts';
import { listModels, runPair, type ChatResult } from '../../../src/live/client.ts';
import { LiveError } from '../../../src/live/errors.ts';
import { h, mount } from '../dom.ts';
import { attempt, engineContext } from '../engine.ts';
import { liveBaseUrl, SUGGESTED_MODELS } from '../live/config.ts';
import { dropSessionTokenOnLeave, forgetToken, loadToken, saveToken } from '../live/token.ts';
import {
  appendText,
  outputColumn,
  resetColumn,
  statsLine,
  type OutputColumn,
} from '../live/view.ts';
import '../live/live.css';
import type { PanelDef } from '../ui.ts';

const NOT_STEERING =
  'This is prompt-level guidance on hosted chat models: the same prompt is sent twice, once ' +
  'as is and once after a system prompt built from our analysis of the model. It is not the ' +
  'activation steering of the Self-steering panel — hosted providers serve chat models only; ' +
  'base models such as Pythia are not served for text generation.';

interface Els {
  token: HTMLInputElement;
  show: HTMLButtonElement;
  remember: HTMLInputElement;
  forget: HTMLButtonElement;
  model: HTMLInputElement;
  models: HTMLDataListElement;
  modelsStatus: HTMLElement;
  load: HTMLButtonElement;
  system: HTMLTextAreaElement;
  analysis: HTMLElement;
  rebuild: HTMLButtonElement;
  prompt: HTMLTextAreaElement;
  run: HTMLButtonElement;
  stop: HTMLButtonElement;
  error: HTMLElement;
  where: HTMLElement;
  plain: OutputColumn;
  cape: OutputColumn;
}

function field(
  label: string,
  id: string,
  control: HTMLElement,
  ...extra: HTMLElement[]
): HTMLElement {
  return h('div', { class: 'field grow' }, h('label', { for: id }, label), control, ...extra);
}

function elements(): Els {
  const stored = loadToken();
  return {
    token: h('input', {
      id: 'live-token',
      type: 'password',
      autocomplete: 'off',
      spellcheck: 'false',
      placeholder: 'hf_…',
      'data-testid': 'live-token',
      value: stored.token,
    }),
    show: h(
      'button',
      { type: 'button', class: 'small', 'data-testid': 'live-token-show', 'aria-pressed': 'false' },
      'Show',
    ),
    remember: h('input', {
      type: 'checkbox',
      id: 'live-remember',
      'data-testid': 'live-remember',
      checked: stored.remembered,
    }),
    forget: h(
      'button',
      { type: 'button', class: 'small', 'data-testid': 'live-forget' },
      'Forget token',
    ),
    model: h('input', {
      id: 'live-model',
      list: 'live-models',
      autocomplete: 'off',
      spellcheck: 'false',
      'data-testid': 'live-model',
      value: SUGGESTED_MODELS[0],
    }),
    models: h('datalist', { id: 'live-models' }),
    modelsStatus: h(
      'p',
      { class: 'muted', 'data-testid': 'live-models-status', role: 'status' },
      'Enter your token to list the chat models it can call.',
    ),
    load: h(
      'button',
      { type: 'button', class: 'small', 'data-testid': 'live-models-load' },
      'List models',
    ),
    system: h('textarea', {
      id: 'live-system',
      class: 'live-system',
      rows: 9,
      'data-testid': 'live-system-prompt',
    }),
    analysis: h('p', { class: 'muted', 'data-testid': 'live-analysis' }),
    rebuild: h(
      'button',
      { type: 'button', class: 'small', 'data-testid': 'live-rebuild' },
      'Rebuild from the analysis',
    ),
    prompt: h(
      'textarea',
      { id: 'live-prompt', class: 'live-prompt', rows: 3, 'data-testid': 'live-prompt' },
      'What happens if you crack your knuckles a lot?',
    ),
    run: h('button', { type: 'button', 'data-testid': 'live-run' }, 'Run both'),
    stop: h(
      'button',
      { type: 'button', class: 'ghost', 'data-testid': 'live-stop', disabled: true },
      'Stop',
    ),
    error: h('div', { class: 'error', role: 'alert', 'data-testid': 'live-error' }),
    where: h('p', { class: 'muted', 'data-testid': 'live-where' }),
    plain: outputColumn('Plain', 'plain'),
    cape: outputColumn('With the CAPE-guided system prompt', 'cape'),
  };
}

function layout(body: HTMLElement, e: Els): void {
  mount(
    body,
    h('p', { 'data-testid': 'live-note' }, NOT_STEERING),
    e.where,
    h(
      'div',
      { class: 'row wrap' },
      field(
        'Hugging Face token (needs "Make calls to Inference Providers")',
        'live-token',
        e.token,
      ),
      e.show,
      h('label', { class: 'check' }, e.remember, ' remember on this device'),
      e.forget,
    ),
    h(
      'div',
      { class: 'row wrap' },
      field('Model (org/model or org/model:provider)', 'live-model', e.model, e.models),
      e.load,
    ),
    e.modelsStatus,
    field(
      'CAPE-guided system prompt (editable; sent with the second run only)',
      'live-system',
      e.system,
    ),
    h('div', { class: 'row wrap' }, e.analysis, e.rebuild),
    field('Prompt', 'live-prompt', e.prompt),
    h('div', { class: 'row' }, e.run, e.stop),
    e.error,
    h('div', { class: 'live-cols' }, e.plain.root, e.cape.root),
  );
}

/** Fills the system prompt from the engine's analysis of the chosen model. */
function rebuild(e: Els): void {
  const g = attempt(() => guidanceFor(engineContext(), e.model.value.trim(), LEVERS));
  if (!g.ok) {
    e.analysis.textContent = `The analysis failed (${g.message}); edit the prompt by hand.`;
    return;
  }
  e.system.value = g.value.systemPrompt;
  e.analysis.textContent = g.value.match
    ? `From the analysis of ${g.value.analysis}`
    : `${e.model.value.trim() || 'This model'} is ${g.value.analysis}`;
  e.system.dataset.edited = '';
}

async function loadModels(e: Els, base: string): Promise<void> {
  const token = e.token.value.trim();
  if (!token)
    return void (e.modelsStatus.textContent =
      'Enter your token to list the chat models it can call.');
  e.modelsStatus.textContent = `Listing models at ${base}…`;
  let ids: string[];
  try {
    ids = await listModels({ baseUrl: base, token });
    e.modelsStatus.textContent = `${ids.length} models listed by ${base}/v1/models; you may also type any id.`;
  } catch (err) {
    ids = SUGGESTED_MODELS;
    const why = err instanceof LiveError ? err.message : String(err);
    e.modelsStatus.textContent = `Could not list the models (${why}) — showing a short list of common chat models; you may type any id.`;
  }
  mount(
    e.models,
    ids.map((id) => h('option', { value: id })),
  );
}

function showErrors(e: Els, plain: ChatResult | LiveError, guided: ChatResult | LiveError): void {
  const errs = [
    ['Plain', plain],
    ['CAPE-guided', guided],
  ].filter((x): x is [string, LiveError] => x[1] instanceof LiveError);
  const same = errs.length === 2 && errs[0]![1].message === errs[1]![1].message;
  mount(
    e.error,
    same ? errs[0]![1].message : errs.map(([w, x]) => h('p', {}, `${w}: ${x.message}`)),
  );
}

function finish(col: OutputColumn, r: ChatResult | LiveError): void {
  col.stats.textContent =
    r instanceof LiveError
      ? `no answer: ${r.kind === 'aborted' ? 'stopped' : `error${r.status ? ` ${r.status}` : ''}`}`
      : statsLine(r);
}

function missing(e: Els): string | null {
  if (!e.token.value.trim()) return 'Enter your Hugging Face token first (token field above).';
  if (!e.model.value.trim()) return 'Choose or type a model id (model field above).';
  if (!e.prompt.value.trim()) return 'Type a prompt to send (prompt field above).';
  return null;
}

async function runBoth(e: Els, base: string): Promise<void> {
  const gap = missing(e);
  mount(e.error, gap ?? '');
  if (gap) return;
  saveToken(e.token.value.trim(), e.remember.checked);
  const ac = new AbortController();
  const onStop = () => ac.abort();
  e.stop.addEventListener('click', onStop, { once: true });
  [e.run.disabled, e.stop.disabled] = [true, false];
  resetColumn(e.plain);
  resetColumn(e.cape);
  const cols = { plain: e.plain, guided: e.cape };
  try {
    const r = await runPair({
      baseUrl: base,
      token: e.token.value.trim(),
      model: e.model.value.trim(),
      prompt: e.prompt.value,
      systemPrompt: e.system.value,
      signal: ac.signal,
      onDelta: (w, t) => appendText(cols[w], t),
    });
    finish(e.plain, r.plain);
    finish(e.cape, r.guided);
    showErrors(e, r.plain, r.guided);
  } finally {
    e.stop.removeEventListener('click', onStop);
    [e.run.disabled, e.stop.disabled] = [false, true];
  }
}

function wireToken(e: Els, base: () => Promise<string>): void {
  e.show.addEventListener('click', () => {
    const shown = e.token.type === 'password';
    e.token.type = shown ? 'text' : 'password';
    e.show.textContent = shown ? 'Hide' : 'Show';
    e.show.setAttribute('aria-pressed', String(shown));
  });
  e.token.addEventListener('input', () => saveToken(e.token.value.trim(), e.remember.checked));
  e.token.addEventListener('change', () => void base().then((b) => loadModels(e, b)));
  e.remember.addEventListener('change', () => saveToken(e.token.value.trim(), e.remember.checked));
  e.forget.addEventListener('click', () => {
    forgetToken();
    e.token.value = '';
    e.remember.checked = false;
    e.modelsStatus.textContent = 'Token forgotten: removed from this browser.';
  });
}

function wire(e: Els, base: () => Promise<string>): void {
  wireToken(e, base);
  e.load.addEventListener('click', () => void base().then((b) => loadModels(e, b)));
  e.model.addEventListener('change', () => {
    if (!e.system.dataset.edited) rebuild(e);
  });
  e.system.addEventListener('input', () => void (e.system.dataset.edited = '1'));
  e.rebuild.addEventListener('click', () => rebuild(e));
  e.run.addEventListener(
    'click',
    () =>
      void base().then(
        (b) => runBoth(e, b),
        (err: unknown) => mount(e.error, `Cannot find the model server: ${String(err)}`),
      ),
  );
}

export const live: PanelDef = {
  id: 'try-live',
  n: 30,
  title: 'Try it live: your token, straight to the model',
  render(body) {
    const e = elements();
    layout(body, e);
    dropSessionTokenOnLeave();
    const base = liveBaseUrl;
    void base().then(
      (b) => {
        e.where.textContent = `Requests go from this browser directly to ${b}/v1/chat/completions with your token; this page's server never sees it.`;
        if (e.token.value) void loadModels(e, b);
      },
      (err: unknown) =>
        void (e.where.textContent = `The model server setting could not be read: ${String(err)}`),
    );
    rebuild(e);
    wire(e, base);
  },
};
