/**
 * Scoring one TruthfulQA item under one arm (no steer, a steer vector at a strength): the
 * log-likelihood of each answer given `Q: …\nA:` by the engine's continuationLogProb, then MC1
 * and MC2. Answer tokens are the answer encoded alone (` <answer>`), with any tokens the
 * tokenizer adds to every encoding (a Llama BOS) removed.
 */
import type { SteerModel, SteerVector } from '../types.ts';
import { mc1, mc2 } from './stats.ts';
import { itemContext, type TqaItem } from './truthfulqa.ts';

/** An item's tokens: the context and each answer's continuation ids. */
export interface EncodedItem {
  id: number;
  context: number[];
  best: number[];
  correct: number[][];
  incorrect: number[][];
}

/** Encodes `text` as a continuation: the encoder's own prefix (encode('')) is dropped. */
export function continuationIds(model: SteerModel, text: string): number[] {
  const prefix = model.encode('');
  const ids = model.encode(text);
  const same = prefix.every((t, i) => ids[i] === t);
  return same ? ids.slice(prefix.length) : ids;
}

/** Tokens of an item for scoring. */
export function encodeItem(model: SteerModel, item: TqaItem): EncodedItem {
  const enc = (a: string) => continuationIds(model, ` ${a}`);
  return {
    id: item.id,
    context: model.encode(itemContext(item)),
    best: enc(item.best),
    correct: item.correct.map(enc),
    incorrect: item.incorrect.map(enc),
  };
}

/** MC1 (0/1) and MC2 of one item under one arm (`steer` undefined = unsteered). */
export async function scoreItem(
  model: SteerModel,
  it: EncodedItem,
  steer?: SteerVector,
): Promise<{ mc1: 0 | 1; mc2: number }> {
  const lp = (c: number[]) => model.continuationLogProb(it.context, c, steer);
  const best = await lp(it.best);
  const correct: number[] = [];
  for (const c of it.correct) correct.push(await lp(c));
  const incorrect: number[] = [];
  for (const c of it.incorrect) incorrect.push(await lp(c));
  return { mc1: mc1(best, incorrect), mc2: mc2(correct, incorrect) };
}
