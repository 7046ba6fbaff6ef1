/** openModel(): the worker-thread engine behind the public interface (index.ts). */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CapeError } from '../core/errors.ts';
import { openModel, type SteerModel, type TokenEvent } from './index.ts';
import { defaultThreads } from './load.ts';

const DIR = join(import.meta.dirname, '../../test/fixtures/steering/gpt-neox');
const PROMPT = 'The process of photosynthesis converts sunlight into';

describe('openModel (worker thread)', () => {
  let m: SteerModel;
  beforeAll(async () => {
    m = await openModel(DIR);
  }, 60_000);
  afterAll(async () => {
    await m.close();
  });

  it('describes the model and encodes in the caller thread', () => {
    expect(m.info).toMatchObject({
      architecture: 'gpt_neox',
      layers: 4,
      hidden: 64,
      probeLayer: 1,
      dtype: 'F32',
      vocab: 1000,
      eosTokenId: 0,
      parameters: 328064,
      threads: defaultThreads(),
    });
    expect(m.decode(m.encode(PROMPT))).toBe(PROMPT);
  });

  it('streams every token of both arms, in order, and returns the same tokens', async () => {
    const events: TokenEvent[] = [];
    const r = await m.steer(
      PROMPT,
      { maxTokens: 6, greedy: true, strength: 30, adapt: 'prompt' },
      (e) => events.push(e),
    );
    expect(events.filter((e) => e.arm === 'normal').map((e) => e.id)).toEqual(r.normal.tokens);
    expect(events.filter((e) => e.arm === 'steered').map((e) => e.id)).toEqual(r.steered.tokens);
    expect(r.changed).toBe(true);
  });

  it('the caller thread stays responsive while the worker computes', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    await m.steer(PROMPT, { maxTokens: 40, greedy: true, strength: 'auto', adapt: 'step' });
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(2);
  });

  it('an aborted signal cancels the run; the model serves the next call', async () => {
    const ac = new AbortController();
    const run = m.steer(
      PROMPT,
      { maxTokens: 2048, greedy: true, strength: 1, adapt: 'prompt' },
      () => ac.abort(),
      ac.signal,
    );
    await expect(run).rejects.toThrow(/cancelled/);
    const lp = await m.tokenLogProbs(m.encode(PROMPT));
    expect(lp.length).toBe(m.encode(PROMPT).length - 1);
  });

  it('errors cross the thread as CapeError with code and field', async () => {
    const e = await m.calibrate({ true: ['a'], false: ['b'] }, 9).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(CapeError);
    expect(e).toMatchObject({ code: 'E_INPUT', field: 'layer' });
  });

  it('continuationLogProb with a zero-strength vector equals the unsteered value', async () => {
    const ids = m.encode(PROMPT);
    const cal = await m.calibrate();
    const direction = Float32Array.from(cal.direction);
    const a = await m.continuationLogProb(ids.slice(0, 4), ids.slice(4));
    const b = await m.continuationLogProb(ids.slice(0, 4), ids.slice(4), {
      direction,
      strength: 0,
      layer: 1,
    });
    expect(b).toBe(a);
  });
});

describe('openModel failures', () => {
  it('a missing folder is E_NOT_FOUND naming the value', async () => {
    await expect(openModel('/nonexistent/model')).rejects.toThrow(
      /--model-dir "\/nonexistent\/model": no such folder/,
    );
  });

  it('a bad thread count names the field, the value and the range', async () => {
    await expect(openModel(DIR, { threads: 0 })).rejects.toThrow(
      /threads 0 \(expected an integer 1..64\)/,
    );
  });
});
