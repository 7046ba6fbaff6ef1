import { describe, expect, it } from 'vitest';
import {
  SERIES_COLORS,
  SERIES_SYMBOLS,
  seriesColors,
  seriesStyle,
  seriesSymbols,
} from './series.ts';

describe('series styles', () => {
  it('seriesStyle gives 20 series 20 different (colour, shape) pairs, neighbours differing in both', () => {
    const styles = Array.from({ length: 20 }, (_, i) => seriesStyle(i));
    expect(new Set(styles.map((s) => `${s.color} ${s.symbol}`)).size).toBe(20);
    for (let i = 1; i < styles.length; i++) {
      expect(styles[i]?.color).not.toBe(styles[i - 1]?.color);
      expect(styles[i]?.symbol).not.toBe(styles[i - 1]?.symbol);
    }
  });

  it('the first 70 series are distinct pairs (10 colours × 7 shapes, coprime)', () => {
    const n = SERIES_COLORS.length * SERIES_SYMBOLS.length;
    const pairs = Array.from({ length: n }, (_, i) => JSON.stringify(seriesStyle(i)));
    expect(new Set(pairs).size).toBe(70);
    expect(new Set(SERIES_COLORS).size).toBe(10);
    expect(SERIES_SYMBOLS).not.toContain('star'); // kept for the user's model
  });

  it('seriesSymbols maps keys in order', () => {
    const m = seriesSymbols(['a', 'b', 'c']);
    expect([...m.values()]).toEqual(['circle', 'square', 'triangle']);
  });
});

describe('seriesColors', () => {
  it('skips reserved colours (the trajectory chart keeps vermillion for tax excursions)', () => {
    const m = seriesColors(
      Array.from({ length: 12 }, (_, i) => `s${i}`),
      ['#D55E00'],
    );
    expect([...m.values()]).not.toContain('#D55E00');
    expect(new Set([...m.values()].slice(0, 9)).size).toBe(9);
  });
});
