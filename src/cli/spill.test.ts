import { describe, expect, it } from 'vitest';
import { JsonArraySpill } from './spill.ts';

describe('JsonArraySpill', () => {
  it('drain writes the JSON array of what was pushed, in memory or from disk alike', async () => {
    for (const [limit, batch] of [
      [1e9, 1e9],
      [10, 1e9],
      [10, 50],
    ] as const) {
      const spill = new JsonArraySpill(JSON.stringify, limit, batch);
      const values = ['a', 'γ12 · ünïcode', { n: 1 }, ...Array.from({ length: 500 }, (_, i) => i)];
      for (const v of values) spill.push(v);
      let out = '';
      await spill.drain((t) => void (out += t));
      expect(JSON.parse(out)).toEqual(values);
    }
  });

  it('an empty spill drains as []', async () => {
    let out = '';
    await new JsonArraySpill(JSON.stringify).drain((t) => void (out += t));
    expect(out).toBe('[]');
  });
});
