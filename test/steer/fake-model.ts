/**
 * A deterministic test double of the engine's SteerModel (tests only; never shipped). Tokens are
 * UTF-16 code units. An answer's log-likelihood is a fixed function of its tokens, plus
 * strength·⟨direction, axis⟩ when it was marked correct, so the truth direction (`axis`) helps
 * and an orthogonal one does not. The phase follows the study's thresholds from a cosine fixed
 * per prompt; generation emits `maxTokens` letters per arm (the steered arm shifted when the
 * strength is > 0), one per `tickMs`, and honours the AbortSignal.
 */
import { classify } from '../../src/steer/phase.ts';
import type {
  SteerModel,
  SteerOptions,
  SteerResult,
  SteerVector,
  TokenEvent,
} from '../../src/steer/types.ts';

export interface FakeModel extends SteerModel {
  markCorrect(answer: string): void;
  /** Generations started, finished, aborted. */
  stats: { started: number; finished: number; aborted: number; closed: boolean };
}

export const fakeCos = (p: string): number => ((p.length * 37) % 100) / 100 - 0.3;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function fakeModel(opts: { hidden?: number; tickMs?: number } = {}): FakeModel {
  const hidden = opts.hidden ?? 8;
  const axis = new Float32Array(hidden);
  axis[0] = 1;
  const correct = new Set<string>();
  const base = (ids: number[]) =>
    -ids.reduce((s, t, i) => s + ((t * 31 + i * 7) % 13) / 10, 0) - ids.length;
  const dot = (v: SteerVector) => v.direction.reduce((s, x, i) => s + x * axis[i]!, 0);
  const stats = { started: 0, finished: 0, aborted: 0, closed: false };
  async function arm(
    name: TokenEvent['arm'],
    n: number,
    shift: number,
    on?: (e: TokenEvent) => void,
    signal?: AbortSignal,
  ) {
    const tokens: number[] = [];
    for (let i = 0; i < n; i++) {
      if (signal?.aborted) throw (stats.aborted++, new Error('aborted'));
      await sleep(opts.tickMs ?? 0);
      const id = 97 + ((i + shift) % 26);
      tokens.push(id);
      on?.({ arm: name, id, text: String.fromCharCode(id) });
    }
    return { text: String.fromCharCode(...tokens), tokens };
  }
  return {
    stats,
    info: {
      architecture: 'gpt_neox',
      layers: 4,
      hidden,
      probeLayer: 1,
      dtype: 'F32',
      vocab: 65536,
      eosTokenId: 0,
      path: '/fake/model',
      parameters: 1000,
    },
    encode: (t) => Array.from(t, (c) => c.charCodeAt(0)),
    decode: (ids) => String.fromCharCode(...ids),
    markCorrect: (a) => void correct.add(a),
    calibrate: async () => ({
      layers: 4,
      hidden,
      probeLayer: 1,
      rawNorm: 2.5,
      direction: Array.from(axis),
      nTrue: 8,
      nFalse: 8,
    }),
    continuationLogProb: async (_ctx, cont, steer) =>
      base(cont) +
      (steer && correct.has(String.fromCharCode(...cont).trim()) ? steer.strength * dot(steer) : 0),
    tokenLogProbs: async (ids, steer) =>
      Float64Array.from(
        ids.slice(1),
        (t) => -2 - (t % 5) / 10 - (steer ? 0.01 * steer.strength * Math.abs(dot(steer)) : 0),
      ),
    async steer(
      prompt: string,
      o: SteerOptions,
      on?: (e: TokenEvent) => void,
      signal?: AbortSignal,
    ): Promise<SteerResult> {
      stats.started++;
      const c = fakeCos(prompt);
      const { phase: ph, strength: auto } = classify(c);
      const s = o.strength === 'auto' ? auto : Math.max(0, o.strength);
      const normal = await arm('normal', o.maxTokens, 0, on, signal);
      const steered = await arm('steered', o.maxTokens, s > 0 ? 1 : 0, on, signal);
      stats.finished++;
      return {
        prompt,
        promptTokens: Array.from(prompt, (x) => x.charCodeAt(0)),
        cosTruth: c,
        phase: ph,
        strength: s,
        hiddenNorm: 50,
        relativeStrength: s / 50,
        changed: normal.tokens.join() !== steered.tokens.join(),
        normal,
        steered,
      };
    },
    close: async () => void (stats.closed = true),
  };
}
