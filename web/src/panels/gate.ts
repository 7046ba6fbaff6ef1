/**
 * The release-gate panel on the page (the CLI's `cape gate`): a candidate release's SWE-bench
 * Verified and GPQA Diamond against the previous release of the same line. The engine's `gate`
 * decides: a tax excursion (coding up while reasoning goes down) fails the gate.
 */
import { parseScore } from '../../../src/data/ingest/scores.ts';
import { fmtNum as num, fmtSigned as signed } from '../../../src/report/format.ts';
import { h, mount } from '../dom.ts';
import { analysis, attempt } from '../engine.ts';
import { forPeople } from '../messages.ts';
import { badge, failure, tile, type PanelDef } from '../ui.ts';

function scoreField(id: string, label: string): [HTMLElement, HTMLInputElement, HTMLElement] {
  const input = h('input', {
    id: `gate-${id}`,
    inputmode: 'decimal',
    autocomplete: 'off',
    'data-testid': `gate-${id}`,
    'aria-describedby': `gate-${id}-err`,
  });
  const err = h('div', { id: `gate-${id}-err`, class: 'field-error', role: 'status' });
  return [
    h('div', { class: 'field' }, h('label', { for: `gate-${id}` }, label), input, err),
    input,
    err,
  ];
}

export const gatePanel: PanelDef = {
  id: 'release-gate',
  n: 14,
  title: 'Release gate: check a candidate against the previous release',
  takeaway() {
    const n = analysis('frontier', {}).models.filter((m) => m.releaseDate).length;
    return `Pick the previous release (${n} dated frontier models) and enter the candidate's two scores: a tax excursion fails the gate.`;
  },
  render(body) {
    const models = analysis('frontier', {})
      .models.filter((m) => m.releaseDate)
      .sort((a, b) => a.lab.localeCompare(b.lab) || a.releaseDate!.localeCompare(b.releaseDate!));
    const prev = h(
      'select',
      { id: 'gate-previous', 'data-testid': 'gate-previous' },
      models.map((m) => h('option', { value: m.name }, `${m.name} (${m.lab}, ${m.releaseDate})`)),
    );
    const [sweBox, swe, sweErr] = scoreField('swe', 'Candidate SWE-bench Verified %');
    const [gpqaBox, gpqa, gpqaErr] = scoreField('gpqa', 'Candidate GPQA Diamond %');
    const out = h('div', { 'aria-live': 'polite', 'data-testid': 'gate-result' });
    const form = h(
      'form',
      { novalidate: true, 'aria-label': 'Release gate' },
      h(
        'div',
        { class: 'grid-fields' },
        h(
          'div',
          { class: 'field' },
          h('label', { for: 'gate-previous' }, 'Previous release'),
          prev,
        ),
        sweBox,
        gpqaBox,
      ),
      h('button', { type: 'submit', class: 'primary', 'data-testid': 'gate-submit' }, 'Check'),
    );
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const s = attempt(() => parseScore(swe.value, 'swe_bench_verified'));
      const g = attempt(() => parseScore(gpqa.value, 'gpqa_diamond'));
      sweErr.textContent = s.ok ? '' : forPeople(s.message, 'swe_bench_verified');
      gpqaErr.textContent = g.ok ? '' : forPeople(g.message, 'gpqa_diamond');
      if (!s.ok || !g.ok) return out.replaceChildren();
      const r = attempt(() =>
        analysis('gate', { previous: prev.value, swe: s.value, gpqa: g.value }),
      );
      if (!r.ok) return mount(out, failure(r, 'release gate'));
      const v = r.value;
      mount(
        out,
        h(
          'div',
          { class: 'tiles' },
          tile(
            'gate',
            h(
              'span',
              { 'data-testid': 'gate-verdict', 'data-pass': String(v.pass) },
              badge(v.pass ? 'pass' : 'fail', v.pass ? 'pass' : 'fail'),
            ),
            `against ${v.previous}`,
          ),
          tile('ΔSWE · ΔGPQA', `${signed(v.step.dSwe, 1)} · ${signed(v.step.dGpqa, 1)}`),
          tile('h of the candidate', num(v.hCandidate, 2)),
        ),
        h('p', { 'data-testid': 'gate-reason' }, v.reason),
        h(
          'p',
          { class: 'muted' },
          'The same check in CI: ',
          h('code', {}, `cape gate --previous "${v.previous}" --swe ${s.value} --gpqa ${g.value}`),
          ' (exit 1 on a tax excursion).',
        ),
      );
    });
    mount(body, form, out);
  },
};
