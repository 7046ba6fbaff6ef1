/**
 * A saved steering evaluation as table views (src/report/table.ts), shared by `cape steer eval`
 * and the page's "saved evaluations" view. Pure: no I/O, so the web bundle can import it.
 */
import { fmtCi, fmtNum, fmtP } from '../../report/format.ts';
import type { TableView } from '../../report/table.ts';
import type { Comparison, SteerEvalResult } from './result.ts';

const pct = (v: number) => fmtNum(100 * v, 1);
const pctCi = (ci: [number, number]) => fmtCi([100 * ci[0], 100 * ci[1]], 1);
const ARM_LABEL: Record<string, string> = {
  none: 'unsteered',
  truth: 'truth direction',
  control: 'random control',
};

function comparisonRow(c: Comparison): (string | number)[] {
  return [
    `${ARM_LABEL[c.a]} − ${ARM_LABEL[c.b]}`,
    fmtNum(100 * c.mc1.diff, 1, true),
    pctCi(c.mc1.ci),
    `${c.mc1.mcnemar.b}/${c.mc1.mcnemar.c}`,
    fmtP(c.mc1.mcnemar.p),
    fmtNum(100 * c.mc2.diff, 2, true),
    pctCi(c.mc2.ci),
    c.mc1.n,
  ];
}

/** The result's tables: arms, paired differences, the dev-split sweep, perplexity. */
export function evalTableViews(r: SteerEvalResult): TableView[] {
  const b = r.protocol.bootstrap;
  const phases = Object.entries(r.phases)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  return [
    {
      title: `TruthfulQA MC1/MC2 on the test split (n = ${r.protocol.n}), ${r.model.architecture} ${r.model.layers} layers, probe layer ${r.calibration.layer}`,
      headers: ['arm', 'MC1 %', 'MC2 %', 'n'],
      rows: r.arms.map((a) => [a.label, pct(a.mc1), pct(a.mc2), a.n]),
      notes: [
        `phases: ${phases}; ‖h‖ at the probe layer: mean ${fmtNum(r.hiddenNorm.mean, 1)} (${fmtNum(r.hiddenNorm.min, 1)}–${fmtNum(r.hiddenNorm.max, 1)})`,
        r.protocol.dataset,
      ],
    },
    {
      title: 'Paired differences (percentage points)',
      headers: ['comparison', 'ΔMC1', '95% CI', 'b/c', 'McNemar p', 'ΔMC2', '95% CI', 'n'],
      rows: r.comparisons.map(comparisonRow),
      notes: [
        `Paired percentile bootstrap over questions (seed ${b.seed}, ${b.resamples} resamples); McNemar exact on MC1 (b = right only in the first arm, c = only in the second).`,
        ...r.notes.slice(0, 1),
      ],
    },
    {
      title: `Strength sweep relative to ‖h‖ on the dev split (n = ${r.sweep.n}; not used for the test comparisons)`,
      headers: ['strength/‖h‖', 'mean strength', 'MC1 %', 'MC2 %', 'ΔMC2 vs unsteered', '95% CI'],
      rows: r.sweep.rows.map((s) => [
        fmtNum(s.relative, 2),
        fmtNum(s.meanStrength, 2),
        pct(s.mc1),
        pct(s.mc2),
        fmtNum(100 * s.vsNone.mc2.diff, 2, true),
        pctCi(s.vsNone.mc2.ci),
      ]),
    },
    {
      title: `Perplexity on a neutral text (${r.perplexity.tokens} tokens; ‖h‖ ${fmtNum(r.perplexity.hiddenNorm, 1)})`,
      headers: ['arm', 'strength', 'strength/‖h‖', 'perplexity', 'Δ mean log p', '95% CI'],
      rows: r.perplexity.rows.map((p) => [
        ARM_LABEL[p.arm] ?? p.arm,
        fmtNum(p.strength, 2),
        fmtNum(p.relative, 3),
        fmtNum(p.ppl, 2),
        p.vsNone ? fmtNum(p.vsNone.diff, 4, true) : '—',
        p.vsNone ? fmtCi(p.vsNone.ci, 4) : '—',
      ]),
      notes: [`Text: ${r.perplexity.source}.`, ...r.notes.slice(1)],
    },
  ];
}
