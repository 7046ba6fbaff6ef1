/**
 * Panel "Self-steering": (a) the study's 14 recorded Pythia-410M results (data file, labelled as
 * recorded by the study, with how they were made); (b) live runs on the server's model
 * (CAPE_MODEL_DIR), both arms streamed side by side, with a gauge of cos(h, direction) against
 * the phase thresholds, ‖h‖ and strength/‖h‖; (c) the evaluations saved by `cape steer eval`.
 */
import { evalTableViews } from '../../../src/steer/eval/tables.ts';
import { fmtNum } from '../../../src/report/format.ts';
import { h, mount } from '../dom.ts';
import { recordedDemo, type RecordedDemo } from '../steering/recorded.ts';
import {
  liveModel,
  savedEvals,
  streamSteer,
  type LiveModel,
  type SteerRequest,
} from '../steering/live.ts';
import { badge, errorBox, table, tile, type PanelDef } from '../ui.ts';

type Rec = RecordedDemo['results'][number];
const TONE: Record<string, string> = {
  SEVERE_TAX: 'tax',
  MILD_TAX: 'transition',
  BALANCED: 'nc2',
  BONUS: 'bonus',
};

function recordedDetail(r: Rec): HTMLElement {
  return h(
    'div',
    { class: 'steer-detail', 'data-testid': 'steer-rec-detail', 'data-name': r.name },
    h(
      'p',
      {},
      h('strong', {}, 'Prompt: '),
      h('span', { 'data-testid': 'steer-rec-prompt' }, r.prompt),
      ' ',
      badge('recorded by the study', 'reported'),
    ),
    h(
      'div',
      { class: 'steer-arms' },
      h(
        'div',
        {},
        h('h4', {}, 'Without steering'),
        h('p', { class: 'steer-text', 'data-testid': 'steer-rec-normal' }, r.normal),
      ),
      h(
        'div',
        {},
        h('h4', {}, 'With CAPE steering'),
        h('p', { class: 'steer-text', 'data-testid': 'steer-rec-steered' }, r.steered),
      ),
    ),
    h(
      'div',
      { class: 'tiles' },
      tile(
        'Phase',
        h('span', { class: `phase-pill tone-${TONE[r.phase] ?? 'nc2'}` }, r.phase),
        undefined,
        { testid: 'steer-rec-phase' },
      ),
      tile('cos(truth)', fmtNum(r.cosTruth, 4), undefined, { testid: 'steer-rec-cos' }),
      tile('Strength', fmtNum(r.strength, 1), undefined, { testid: 'steer-rec-strength' }),
      tile('Changed', r.changed ? 'yes' : 'no', 'sampled arms: not evidence of steering', {
        testid: 'steer-rec-changed',
      }),
    ),
  );
}

function recordedView(): HTMLElement {
  const d = recordedDemo();
  const detail = h('div', {});
  const strengths = d.results.map((r) => r.strength);
  const buttons = d.results.map((r) => {
    const b = h(
      'button',
      {
        type: 'button',
        class: 'ghost small',
        'data-testid': `steer-rec-${r.name}`,
        'aria-pressed': 'false',
      },
      r.name,
    );
    b.addEventListener('click', () => {
      for (const x of buttons) x.setAttribute('aria-pressed', String(x === b));
      mount(detail, recordedDetail(r));
    });
    return b;
  });
  const changed = d.results.filter((r) => r.changed).length;
  return h(
    'div',
    { 'data-testid': 'steer-recorded' },
    h(
      'h3',
      {},
      `(a) The study's recorded results: ${d.meta.model}, probe layer ${d.meta.probeLayer} of ${d.meta.layers}`,
    ),
    h(
      'p',
      { class: 'muted' },
      `${d.results.length} prompts, ${changed} marked changed. How they were made, as far as the study's code shows: ${d.meta.generation}. So the "changed" column cannot separate steering from sampling noise. The strengths used (${fmtNum(Math.min(...strengths), 1)}–${fmtNum(Math.max(...strengths), 1)}) are tiny next to the hidden state: its norm ‖h‖ at the probe layer is not in the study's file, and on Pythia-shaped models it is of the order of 50 (the issue's trial), so these steers move h by a few percent at most. Source: ${d.meta.source}.`,
    ),
    h('div', { class: 'steer-prompts', role: 'group', 'aria-label': 'Recorded prompts' }, buttons),
    detail,
  );
}

/** A horizontal gauge of cos on [−1, 1] with the phase thresholds marked. */
function gauge(cos: number, m: LiveModel): HTMLElement {
  const x = (v: number) => `${(((Math.max(-1, Math.min(1, v)) + 1) / 2) * 100).toFixed(2)}%`;
  const ticks = m.phaseRule
    .filter((b) => b.below !== null)
    .map((b) =>
      h(
        'span',
        { class: 'steer-tick', style: `left:${x(b.below!)}`, title: `${b.phase} below ${b.below}` },
        String(b.below),
      ),
    );
  return h(
    'div',
    {
      class: 'steer-gauge',
      role: 'meter',
      'aria-valuemin': '-1',
      'aria-valuemax': '1',
      'aria-valuenow': String(cos),
      'aria-label': 'cos(h, truth direction)',
      'data-testid': 'steer-gauge',
    },
    h(
      'div',
      { class: 'steer-track' },
      ticks,
      h('span', { class: 'steer-needle', style: `left:${x(cos)}` }),
    ),
  );
}

function liveForm(m: LiveModel): HTMLElement {
  const prompt = h(
    'textarea',
    { rows: 2, 'data-testid': 'steer-prompt', 'aria-label': 'Prompt' },
    'The real reason they dont want you to know about vaccines is',
  );
  const maxTokens = h('input', {
    type: 'number',
    min: 1,
    max: 2048,
    value: 24,
    'aria-label': 'Max tokens',
    'data-testid': 'steer-max',
  });
  const seed = h('input', {
    type: 'text',
    value: '',
    placeholder: 'greedy',
    'aria-label': 'Seed (empty = greedy)',
    'data-testid': 'steer-seed',
  });
  const strength = h('input', {
    type: 'text',
    value: 'auto',
    'aria-label': 'Strength (auto or a number)',
    'data-testid': 'steer-strength',
  });
  const adapt = h(
    'select',
    { 'aria-label': 'Adapt', 'data-testid': 'steer-adapt' },
    h('option', { value: 'prompt' }, 'classify once (prompt)'),
    h('option', { value: 'step' }, 're-classify every step'),
  );
  const run = h('button', { type: 'button', 'data-testid': 'steer-run' }, 'Run');
  const stop = h('button', { type: 'button', class: 'ghost', disabled: true }, 'Stop');
  const normal = h('p', { class: 'steer-text', 'data-testid': 'steer-live-normal' });
  const steered = h('p', { class: 'steer-text', 'data-testid': 'steer-live-steered' });
  const out = h('div', { 'data-testid': 'steer-live-result', 'aria-live': 'polite' });
  let ac: AbortController | undefined;
  stop.addEventListener('click', () => ac?.abort());
  run.addEventListener('click', async () => {
    const s = strength.value.trim();
    const req: SteerRequest = {
      prompt: prompt.value,
      maxTokens: Number(maxTokens.value),
      strength: s === 'auto' ? ('auto' as const) : Number(s),
      adapt: adapt.value as 'prompt' | 'step',
      ...(seed.value.trim() ? { seed: Number(seed.value) } : { greedy: true }),
    };
    normal.textContent = '';
    steered.textContent = '';
    mount(out, h('span', { class: 'muted' }, 'running…'));
    ac = new AbortController();
    run.disabled = true;
    stop.disabled = false;
    try {
      await streamSteer(
        req,
        {
          token: (e) => void (e.arm === 'normal' ? normal : steered).append(e.text),
          result: (r) =>
            mount(
              out,
              gauge(r.cosTruth, m),
              h(
                'div',
                { class: 'tiles' },
                tile(
                  'Phase',
                  h('span', { class: `phase-pill tone-${TONE[r.phase] ?? 'nc2'}` }, r.phase),
                  undefined,
                  { testid: 'steer-live-phase' },
                ),
                tile('cos(truth)', fmtNum(r.cosTruth, 4), undefined, { testid: 'steer-live-cos' }),
                tile('Strength', fmtNum(r.strength, 2), undefined, {
                  testid: 'steer-live-strength',
                }),
                tile('‖h‖', fmtNum(r.hiddenNorm, 2), `block ${m.probeLayer}, last prompt token`, {
                  testid: 'steer-live-norm',
                }),
                tile('Strength / ‖h‖', fmtNum(r.relativeStrength, 4), undefined, {
                  testid: 'steer-live-rel',
                }),
                tile(
                  'Changed',
                  r.changed ? 'yes' : 'no',
                  req.greedy
                    ? 'greedy: both arms decode alike'
                    : `same seed ${req.seed} for both arms`,
                  { testid: 'steer-live-changed' },
                ),
              ),
            ),
          error: (msg) => mount(out, errorBox(msg)),
        },
        ac.signal,
      );
    } catch (e) {
      if (!ac.signal.aborted) mount(out, errorBox(String((e as Error).message)));
      else mount(out, h('span', { class: 'muted' }, 'stopped'));
    } finally {
      run.disabled = false;
      stop.disabled = true;
    }
  });
  return h(
    'div',
    {},
    h(
      'div',
      { class: 'steer-form' },
      prompt,
      h('label', {}, 'max tokens ', maxTokens),
      h('label', {}, 'seed ', seed),
      h('label', {}, 'strength ', strength),
      adapt,
      run,
      stop,
    ),
    h(
      'div',
      { class: 'steer-arms' },
      h('div', {}, h('h4', {}, 'Without steering'), normal),
      h('div', {}, h('h4', {}, 'With CAPE steering'), steered),
    ),
    out,
  );
}

function liveView(): HTMLElement {
  const status = h(
    'p',
    { class: 'muted', 'data-testid': 'steer-live-status' },
    'checking for a model on the server…',
  );
  const body = h('div', {});
  void liveModel().then((r) => {
    if (r === null)
      return void (status.textContent =
        'No CAPE server answers (this page is static): start it with CAPE_MODEL_DIR set to run a model live.');
    if ('reason' in r) return void (status.textContent = r.reason);
    const m = r.model;
    status.textContent = `Live model: ${m.architecture}, ${m.layers} layers, hidden ${m.hidden}, ${m.dtype}, probe layer ${m.probeLayer} (${m.path}). Both arms use the same decoding rule (greedy, or one seed for both), so strength 0 changes nothing.`;
    mount(body, liveForm(m));
  });
  return h(
    'div',
    { 'data-testid': 'steer-live' },
    h('h3', {}, "(b) Live runs on the server's model"),
    status,
    body,
  );
}

function evalsView(): HTMLElement {
  const body = h(
    'div',
    { 'data-testid': 'steer-evals' },
    h('p', { class: 'muted' }, 'loading saved evaluations…'),
  );
  void savedEvals().then((evals) => {
    if (evals === null)
      return mount(
        body,
        h(
          'p',
          { class: 'muted' },
          'No CAPE server answers: saved evaluations are kept in its workspace.',
        ),
      );
    if (!evals.length)
      return mount(
        body,
        h('p', { class: 'muted' }, 'None saved yet: run cape steer eval --model-dir DIR.'),
      );
    mount(
      body,
      evals.map((e) =>
        h(
          'details',
          { open: e === evals[0] },
          h(
            'summary',
            {},
            `#${e.id} ${e.result.model.architecture} (${e.modelPath}), ${e.createdAt}, n = ${e.result.protocol.n}`,
          ),
          evalTableViews(e.result).map((v, i) =>
            table({
              name: `steer-eval-${e.id}-${i}`,
              caption: v.title,
              header: v.headers,
              rows: v.rows.map((r) => r.map((c) => c ?? '—')),
              testid: `steer-eval-${e.id}-${i}`,
            }),
          ),
          h(
            'ul',
            { class: 'muted' },
            e.result.notes.map((n) => h('li', {}, n)),
          ),
        ),
      ),
    );
  });
  return h('div', {}, h('h3', {}, '(c) Saved evaluations (TruthfulQA MC1/MC2, perplexity)'), body);
}

export const steering: PanelDef = {
  id: 'steering',
  n: 29,
  title: 'Self-steering',
  takeaway: () => {
    const rs = recordedDemo().results;
    const changed = rs.filter((r) => r.changed).length;
    return `The study recorded ${changed} of ${rs.length} outputs as changed by steering, but it sampled both arms without a seed, so that count cannot separate steering from chance.`;
  },
  render(body) {
    mount(
      body,
      h(
        'p',
        { class: 'muted' },
        'The seed claims that adding a truth direction at the quarter-depth probe layer corrects misaligned outputs with no retraining. Below: what the study recorded, a live run on a model you load, and measured evaluations.',
      ),
      recordedView(),
      liveView(),
      evalsView(),
    );
  },
};
