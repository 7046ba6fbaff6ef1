/**
 * Next-token choice: greedy (first index of the largest logit, as torch.argmax) or seeded
 * sampling with temperature and top-p (nucleus: the smallest set of most likely tokens whose
 * probability reaches p, renormalised), drawing from an injected seeded generator.
 */
import type { Rng } from '../core/random.ts';

export type Sampler = (logits: Float64Array) => number;

/** Index of the largest logit (the first on ties). */
export function argmax(logits: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < logits.length; i++) if (logits[i]! > logits[best]!) best = i;
  return best;
}

/** A sampler: greedy when rng is null, else temperature + top-p sampling from rng. */
export function makeSampler(rng: Rng | null, temperature: number, topP: number): Sampler {
  if (!rng) return argmax;
  return (logits) => {
    const idx = Array.from(logits.keys()).sort((a, b) => logits[b]! - logits[a]! || a - b);
    const max = logits[idx[0]!]!;
    const p = idx.map((i) => Math.exp((logits[i]! - max) / temperature));
    const total = p.reduce((a, b) => a + b, 0);
    let keep = 0;
    let cum = 0;
    while (keep < p.length && (keep === 0 || cum < topP * total)) cum += p[keep++]!;
    let u = rng.next() * cum;
    for (let k = 0; k < keep; k++) {
      u -= p[k]!;
      if (u < 0) return idx[k]!;
    }
    return idx[keep - 1]!;
  };
}

/** log softmax(logits)[id], computed stably in float64. */
export function logProbOf(logits: Float64Array, off: number, n: number, id: number): number {
  let max = -Infinity;
  for (let i = 0; i < n; i++) if (logits[off + i]! > max) max = logits[off + i]!;
  let s = 0;
  for (let i = 0; i < n; i++) s += Math.exp(logits[off + i]! - max);
  return logits[off + id]! - max - Math.log(s);
}
