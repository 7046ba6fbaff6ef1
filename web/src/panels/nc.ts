/**
 * The page's one statement of which Nc the phases use and why (the header-nc figure). The bands
 * of every chart cite it; the study's reference method is named beside it for comparison only.
 */
import { h } from '../dom.ts';
import { analysis, attempt } from '../engine.ts';
import { fmtInterval as interval, fmtParams } from '../../../src/report/format.ts';
import { failure } from '../ui.ts';

/** One line (the Nc the phase uses: value, 95% CI, n), expanding to why and the reference beside
 * it. */
export function ncStatement(): HTMLElement {
  const nc = attempt(() => analysis('nc', {}).cluster);
  if (!nc.ok) return h('p', { class: 'nc-statement' }, failure(nc, 'Nc'));
  const v = nc.value;
  const ref = attempt(() => analysis('nc', {}).reference);
  return h(
    'details',
    { class: 'nc-statement', id: 'nc-statement' },
    h(
      'summary',
      {},
      'Phases use ',
      h('strong', {}, 'Nc = ', h('span', { 'data-testid': 'header-nc' }, fmtParams(v.value))),
      ` (95% CI ${interval(v.ciLow, v.ciHigh, fmtParams)}, n = ${v.n} transitions). Why this Nc?`,
    ),
    h(
      'p',
      {},
      'It is the zero of the pooled γ12 fit, with families resampled whole because models of one family are not independent. ',
      'When you name a family with at least 3 usable transitions, that family\u2019s own Nc is used instead and the result says so. ',
      ref.ok
        ? `The study\u2019s reference method (quadratic vertex over Pythia and Llama, n = ${ref.value.n} models) gives ${fmtParams(ref.value.value)}; it is shown for comparison, not used.`
        : null,
    ),
  );
}
