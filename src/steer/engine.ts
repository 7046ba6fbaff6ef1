/**
 * The steering algorithm on a loaded model, synchronous (run it in a worker thread; index.ts
 * does). Keeps the study's algorithm (cli/cape_steer.py): probe = output of block P at the last
 * prompt token; direction from calibration; phase and strength from the cosine; s·direction
 * added at the newest position of every forward call (KV cache), both arms decoded alike.
 */
import { CapeError } from '../core/errors.ts';
import { createRng } from '../core/random.ts';
import { DEFAULT_STATEMENTS } from './defaults.ts';
import type { Loaded } from './load.ts';
import type { BlockHook, KVCache } from './model.ts';
import { classify, cosine, norm, truthDirection } from './phase.ts';
import { logProbOf, makeSampler, type Sampler } from './sample.ts';
import type {
  Calibration,
  ModelInfo,
  Statements,
  SteerOptions,
  SteerResult,
  SteerVector,
  TokenEvent,
} from './types.ts';

type Arm = 'normal' | 'steered';
interface Gen {
  tokens: number[];
  decodeMs: number;
  steps: number;
}

export class Engine {
  readonly info: ModelInfo;
  private readonly calibrations = new Map<number, { cal: Calibration; dir: Float64Array }>();
  constructor(readonly m: Loaded) {
    const c = m.cfg;
    this.info = {
      architecture: c.architecture,
      layers: c.layers,
      hidden: c.hidden,
      probeLayer: Math.floor(c.layers / 4),
      dtype: m.dtype,
      vocab: c.vocab,
      eosTokenId: c.eosTokenId,
      path: m.dir,
      parameters: m.parameters,
      kernel: m.kernel,
      threads: m.threads,
    };
  }

  encode(text: string): number[] {
    return this.m.codec.encode(text);
  }
  decode(ids: number[]): string {
    return this.m.codec.decode(ids);
  }

  /** Checks a 0-based block index. */
  layerOf(layer?: number): number {
    if (layer === undefined) return this.info.probeLayer;
    if (!Number.isInteger(layer) || layer < 0 || layer >= this.info.layers) {
      throw new CapeError(
        'E_INPUT',
        `--layer ${layer} (expected a block index 0..${this.info.layers - 1})`,
        'layer',
      );
    }
    return layer;
  }

  /** Unsteered probe: block `layer` output at the last token, with the prefill's cache and logits. */
  probe(ids: number[], layer: number): { h: Float64Array; cache: KVCache; logits: Float64Array } {
    const H = this.info.hidden;
    let h = new Float64Array(H);
    const cache = this.m.net.newCache();
    const logits = this.m.net.forward(ids, cache, (l, x, T) => {
      if (l === layer) h = x.slice((T - 1) * H, T * H);
    });
    return { h, cache, logits };
  }

  /** Truth direction from true/false statements (the study's 8 + 8 by default). */
  calibrate(st: Statements = DEFAULT_STATEMENTS, layer?: number): Calibration {
    const P = this.layerOf(layer);
    const probes = (xs: string[]): Float64Array[] =>
      xs.map((s) => this.m.net.hiddenAt(this.nonEmpty(s), P));
    const { direction, rawNorm } = truthDirection(probes(st.true), probes(st.false));
    return {
      layers: this.info.layers,
      hidden: this.info.hidden,
      probeLayer: P,
      rawNorm,
      direction: Array.from(direction),
      nTrue: st.true.length,
      nFalse: st.false.length,
    };
  }

  private nonEmpty(text: string): number[] {
    const ids = this.encode(text);
    if (ids.length === 0) {
      throw new CapeError(
        'E_INPUT',
        `prompt ${JSON.stringify(text)} has no tokens (expected non-empty text)`,
        'prompt',
      );
    }
    return ids;
  }

  /** The default-statement calibration of a layer, computed once. */
  defaultDirection(layer: number): Float64Array {
    let c = this.calibrations.get(layer);
    if (!c) {
      const cal = this.calibrate(DEFAULT_STATEMENTS, layer);
      c = { cal, dir: Float64Array.from(cal.direction) };
      this.calibrations.set(layer, c);
    }
    return c.dir;
  }

  /** Sets the direction used by steer() for a layer (e.g. from a user's calibration). */
  useCalibration(cal: Calibration): void {
    this.calibrations.set(cal.probeLayer, { cal, dir: Float64Array.from(cal.direction) });
  }

  /** Runs both arms on one prompt. */
  steer(
    prompt: string,
    o: SteerOptions,
    onToken?: (e: TokenEvent) => void,
    stop?: () => boolean,
  ): SteerResult {
    checkOptions(o);
    const P = this.layerOf(o.layer);
    const ids = this.nonEmpty(prompt);
    const dir = this.defaultDirection(P);
    const t0 = performance.now();
    const pr = this.probe(ids, P);
    const prefillMs = performance.now() - t0;
    const cos = cosine(pr.h, dir);
    const auto = classify(cos);
    const s = o.strength === 'auto' ? auto.strength : o.strength;
    const hiddenNorm = norm(pr.h);
    const sampler = (): Sampler =>
      makeSampler(
        o.greedy !== false && o.seed === undefined ? null : createRng(o.seed ?? 0),
        o.temperature ?? 0.7,
        o.topP ?? 0.9,
      );
    const emit = (arm: Arm) => (id: number) => onToken?.({ arm, id, text: this.decode([id]) });
    const normal = this.decodeLoop(
      pr.logits,
      pr.cache,
      o.maxTokens,
      sampler(),
      undefined,
      emit('normal'),
      stop,
    );
    const step = o.adapt === 'step' && o.strength === 'auto';
    const steered =
      s <= 0 && !step
        ? { ...normal, tokens: [...normal.tokens] }
        : this.steeredArm(ids, P, dir, s, step, o.maxTokens, sampler(), emit('steered'), stop);
    if (s <= 0 && !step) normal.tokens.forEach((id) => emit('steered')(id));
    const steps = normal.steps + steered.steps;
    return {
      prompt,
      promptTokens: ids,
      cosTruth: cos,
      phase: auto.phase,
      strength: Math.max(s, 0),
      hiddenNorm,
      relativeStrength: Math.max(s, 0) / hiddenNorm,
      changed: normal.tokens.join() !== steered.tokens.join(),
      normal: { text: this.decode(normal.tokens), tokens: normal.tokens },
      steered: { text: this.decode(steered.tokens), tokens: steered.tokens },
      timing: {
        prefillMsPerToken: prefillMs / ids.length,
        decodeSteps: steps,
        decodeMsPerToken: steps > 0 ? (normal.decodeMs + steered.decodeMs) / steps : 0,
      },
    };
  }

  private steeredArm(
    ids: number[],
    P: number,
    dir: Float64Array,
    s: number,
    step: boolean,
    max: number,
    sampler: Sampler,
    emit: (id: number) => void,
    stop?: () => boolean,
  ): Gen {
    const H = this.info.hidden;
    const hook: BlockHook = (l, x, T) => {
      if (l !== P) return;
      const off = (T - 1) * H;
      const k = step ? classify(cosine(x.subarray(off, off + H), dir)).strength : s;
      if (k > 0) for (let i = 0; i < H; i++) x[off + i] = x[off + i]! + k * dir[i]!;
    };
    const cache = this.m.net.newCache();
    const logits = this.m.net.forward(ids, cache, hook);
    return this.decodeLoop(logits, cache, max, sampler, hook, emit, stop);
  }

  private decodeLoop(
    logits: Float64Array,
    cache: KVCache,
    max: number,
    sampler: Sampler,
    hook: BlockHook | undefined,
    emit: (id: number) => void,
    stop?: () => boolean,
  ): Gen {
    const tokens: number[] = [];
    let decodeMs = 0;
    let steps = 0;
    for (;;) {
      if (stop?.()) throw new CapeError('E_INPUT', 'steering run cancelled', 'signal');
      const id = sampler(logits);
      tokens.push(id);
      emit(id);
      if (tokens.length >= max || id === this.info.eosTokenId) break;
      const t = performance.now();
      logits = this.m.net.forward([id], cache, hook);
      decodeMs += performance.now() - t;
      steps++;
    }
    return { tokens, decodeMs, steps };
  }

  /** log p(ids[i] | ids[<i]) for i ≥ 1, steering added at positions ≥ from (all when from = 0). */
  logProbs(ids: number[], steer?: SteerVector, from = 0): Float64Array {
    const { hidden: H, vocab: V } = this.info;
    const hook: BlockHook | undefined =
      steer && steer.strength > 0
        ? (l, x, T) => {
            if (l !== steer.layer) return;
            for (let t = from; t < T; t++) {
              for (let i = 0; i < H; i++)
                x[t * H + i] = x[t * H + i]! + steer.strength * steer.direction[i]!;
            }
          }
        : undefined;
    if (steer) this.layerOf(steer.layer);
    const logits = this.m.net.forward(ids, this.m.net.newCache(), hook, true);
    const out = new Float64Array(Math.max(ids.length - 1, 0));
    for (let i = 1; i < ids.length; i++) out[i - 1] = logProbOf(logits, (i - 1) * V, V, ids[i]!);
    return out;
  }

  /** Σ log p(continuation | context), steering from the last context position on. */
  continuationLogProb(context: number[], continuation: number[], steer?: SteerVector): number {
    if (context.length === 0 || continuation.length === 0) {
      throw new CapeError(
        'E_INPUT',
        `continuationLogProb: context ${context.length} and continuation ` +
          `${continuation.length} tokens (expected both non-empty)`,
        'context',
      );
    }
    const lp = this.logProbs([...context, ...continuation], steer, context.length - 1);
    let s = 0;
    for (let j = context.length - 1; j < lp.length; j++) s += lp[j]!;
    return s;
  }
}

/** Validates steer options (field, value and expectation in each message). */
export function checkOptions(o: SteerOptions): void {
  const fail = (f: string, v: unknown, want: string): never => {
    throw new CapeError('E_INPUT', `--${f} ${String(v)} (expected ${want})`, f);
  };
  if (!Number.isInteger(o.maxTokens) || o.maxTokens <= 0 || o.maxTokens > 2048) {
    fail('max-tokens', o.maxTokens, 'an integer 1..2048');
  }
  if (o.strength !== 'auto' && !Number.isFinite(o.strength))
    fail('strength', o.strength, 'auto or a number');
  if (o.adapt !== 'prompt' && o.adapt !== 'step') fail('adapt', o.adapt, 'prompt or step');
  if (o.seed !== undefined && !Number.isSafeInteger(o.seed)) fail('seed', o.seed, 'an integer');
  const t = o.temperature;
  if (t !== undefined && !(t > 0 && t <= 10)) fail('temperature', t, 'a number in (0, 10]');
  const p = o.topP;
  if (p !== undefined && !(p > 0 && p <= 1)) fail('top-p', p, 'a number in (0, 1]');
}
