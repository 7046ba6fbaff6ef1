/**
 * The paper summary's narrative above the verify table: a computed lede, the seed's four key
 * cards and its "12 diagnostics → 2 numbers" grid, each card with our value, n, interval, the
 * seed's value and a verdict (src/report/paper-summary.ts judges; this file only lays out).
 */
import type { VerifyRow } from '../../../src/cape/verify.ts';
import { fmtCi, fmtParams, fmtP } from '../../../src/report/format.ts';
import {
  fmtSeed,
  fmtValue,
  paperSummary,
  type SummaryCard,
  type Verdict,
} from '../../../src/report/paper-summary.ts';
import { h, type Child } from '../dom.ts';

const TONE: Record<Verdict, string> = {
  supported: 'pass',
  'not established': 'fail',
  'not computable': 'open',
};

/** Lede, key cards, the two numbers and the twelve diagnostics. */
export function summaryNarrative(rows: readonly VerifyRow[]): HTMLElement {
  const s = paperSummary(rows);
  return h(
    'div',
    { class: 'paper-summary', 'data-testid': 'paper-summary' },
    lede(rows),
    h('h4', {}, 'Key results'),
    h('div', { class: 'cards sum-cards' }, s.keyCards.map(summaryCard)),
    h('h4', {}, '12 diagnostics → 2 numbers'),
    twoNumbers(s.line),
    h('div', { class: 'cards sum-cards' }, s.diagnostics.map(summaryCard)),
    h('h4', {}, 'Every quantity, recomputed'),
  );
}

function lede(rows: readonly VerifyRow[]): HTMLElement {
  const by = new Map(rows.map((r) => [r.id, r]));
  const r = by.get('pythia.r');
  const nc = by.get('nc.cluster');
  if (!r || r.value === null || !nc || nc.value === null)
    return h('p', { class: 'muted' }, 'The headline correlation or Nc could not be computed.');
  const ncB = (v: number) => fmtParams(v * 1e9);
  return h(
    'p',
    { 'data-testid': 'summary-lede' },
    `Scaling laws track loss; they say nothing about how capabilities interact. Within Pythia, HellaSwag and TruthfulQA anticorrelate: r = ${fmtValue(r.value)}, 95% interval ${fmtCi(r.ci, fmtValue)}, n = ${r.n} models (${r.note.split(';')[0]}). Pooled over every family, the running coupling γ12 changes sign at Nc = ${ncB(nc.value)}, 95% interval ${fmtCi(nc.ci, ncB)} (n = ${nc.n} transitions).`,
  );
}

function twoNumbers(line: ReturnType<typeof paperSummary>['line']): HTMLElement {
  const part = (name: string, r: VerifyRow | null) =>
    r && r.value !== null
      ? `${name} = ${fmtValue(r.value)} ${fmtCi(r.ci, fmtValue)}${r.seed !== null ? ` (the seed: ${fmtSeed(r.seed)})` : ''}`
      : `${name} not computed`;
  const r2 = line.r2?.value;
  return h(
    'p',
    { 'data-testid': 'summary-line' },
    `The seed reads all twelve as consequences of one line γ12 = A·log10 N + B. Recomputed over n = ${line.A?.n ?? '—'} transitions: ${part('A', line.A)}, ${part('B', line.B)}, R² ${r2 === null || r2 === undefined ? '—' : fmtValue(r2)}. Below, each diagnostic on its own.`,
  );
}

/** One card: title, the seed's claim, our value with n and interval, the verdict and why. */
export function summaryCard(c: SummaryCard): HTMLElement {
  const r = c.row;
  const seed = r ? (r.seed ?? r.study) : null;
  const value: Child =
    r && r.value !== null
      ? h(
          'p',
          { class: 'stat' },
          h('span', { class: 'sum-value', 'data-testid': 'summary-value' }, fmtValue(r.value)),
          r.n !== null ? ` · n = ${r.n}` : '',
          r.ci ? ` · 95% ${fmtCi(r.ci, fmtValue)}` : '',
          seed !== null ? ` · seed ${fmtSeed(seed)}` : '',
        )
      : null;
  const label =
    r && r.value !== null ? h('p', { class: 'muted sum-label' }, `Ours: ${r.label}`) : null;
  return h(
    'article',
    {
      class: `sum-card verdict-${TONE[c.verdict]}`,
      'data-testid': `summary-card-${c.key}`,
      'data-row-id': r?.id ?? '',
      'data-verdict': c.verdict,
    },
    h('h5', {}, c.title),
    h('p', { class: 'muted' }, `The seed: ${c.claim}.`),
    label,
    value,
    h('p', {}, h('span', { class: `badge tone-${TONE[c.verdict]}` }, c.verdict)),
    h('p', { class: 'sum-why' }, why(c)),
    c.diagnostic
      ? h(
          'p',
          { class: 'muted' },
          h('code', {}, `cape diagnostics ${c.diagnostic.name}`),
          `: ${c.diagnostic.summary}`,
        )
      : null,
  );
}

/** The verdict's reason; a p-value note of the row is kept when the rule's text has none. */
function why(c: SummaryCard): string {
  const p = c.row?.note.match(/p = ([0-9.e-]+)/);
  return p && !c.why.includes('p =') && c.verdict !== 'not computable'
    ? `${c.why}; p = ${fmtP(Number(p[1]))}`
    : c.why;
}
