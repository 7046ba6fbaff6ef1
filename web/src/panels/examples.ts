/**
 * "Try an example": three models from the dataset, one click each — a Pythia size near the
 * pooled Nc (the transition), the largest model of a data-curated family, and the frontier
 * model with the highest SWE-bench score (no published size: it shows the h-field instead).
 */
import type { ModelPoint } from '../../../src/cape/index.ts';
import { h } from '../dom.ts';
import { analysis, attempt, engineContext } from '../engine.ts';
import { fmtParams, isNum } from '../../../src/report/format.ts';

/** Families the study names as data-curated (recommend.ts cites the same three). */
const CURATED = ['Phi', 'Qwen3', 'Qwen2.5', 'Gemma-3', 'Gemma-2'];

/** The three example models, or fewer when the dataset lacks one. */
export function exampleModels(): { label: string; model: ModelPoint }[] {
  const ctx = engineContext();
  const nc = attempt(() => analysis('nc', {}, ctx).cluster);
  const pythia = ctx.base.filter((m) => m.family === 'Pythia' && isNum(m.params));
  const dist = (m: ModelPoint) =>
    nc.ok ? Math.abs(Math.log10(m.params as number) - Math.log10(nc.value.value)) : 0;
  const nearNc = [...pythia].sort((a, b) => dist(a) - dist(b))[0];
  const family = CURATED.find((f) => ctx.base.some((m) => m.family === f));
  const curated = ctx.base
    .filter((m) => m.family === family && isNum(m.params))
    .sort((a, b) => (b.params as number) - (a.params as number))[0];
  const swe = (m: ModelPoint) => m.scores.swe_bench_verified ?? -1;
  const frontier = ctx.frontier
    .filter((m) => isNum(m.scores.swe_bench_verified) && isNum(m.scores.gpqa_diamond))
    .sort((a, b) => swe(b) - swe(a))[0];
  const out: { label: string; model: ModelPoint }[] = [];
  if (nearNc) out.push({ label: `Pythia ${fmtParams(nearNc.params)} (nearest Nc)`, model: nearNc });
  if (curated) out.push({ label: `${curated.name} (curated family)`, model: curated });
  if (frontier) out.push({ label: `${frontier.name} (frontier)`, model: frontier });
  return out;
}

/** The "Try an example" row; `pick` analyzes the model. */
export function examplesRow(pick: (m: ModelPoint) => void): HTMLElement {
  return h(
    'div',
    { class: 'examples', role: 'group', 'aria-labelledby': 'examples-label' },
    h('span', { id: 'examples-label', class: 'examples-label' }, 'Try an example:'),
    exampleModels().map((e) =>
      h(
        'button',
        {
          type: 'button',
          class: 'example',
          'data-testid': 'example',
          'data-model-id': e.model.id,
          onclick: (() => pick(e.model)) as EventListener,
        },
        e.label,
      ),
    ),
  );
}
