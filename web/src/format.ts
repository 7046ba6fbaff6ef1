/** Number and label formatting for the page. Never invents a value: non-finite input prints "—". */

export function isNum(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

export function num(v: unknown, digits = 2): string {
  if (!isNum(v)) return '—';
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e6 || a < 10 ** -digits)) return v.toExponential(2).replace('-', '−');
  return v.toFixed(digits).replace('-', '−');
}

export function signed(v: unknown, digits = 2): string {
  if (!isNum(v)) return '—';
  return (v > 0 ? '+' : '') + num(v, digits);
}

export function params(n: unknown): string {
  if (!isNum(n)) return '—';
  const t = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1).replace(/\.0$/, '') : v.toFixed(2).replace(/\.?0+$/, ''));
  if (n >= 1e12) return `${t(n / 1e12)}T`;
  if (n >= 1e9) return `${t(n / 1e9)}B`;
  if (n >= 1e6) return `${t(n / 1e6)}M`;
  if (n >= 1e3) return `${t(n / 1e3)}K`;
  return String(n);
}

export function pValue(p: unknown): string {
  if (!isNum(p)) return '—';
  if (p < 1e-4) return p.toExponential(1).replace('-', '−');
  return p.toFixed(4);
}

/** "v [lo, hi]" for {value, ciLow, ciHigh}, [lo, hi] tuples, or a plain number. */
export function interval(lo: unknown, hi: unknown, fmt: (v: unknown) => string = (v) => num(v)): string {
  return isNum(lo) && isNum(hi) ? `[${fmt(lo)}, ${fmt(hi)}]` : '';
}

/** Benchmark ids -> short labels (the engine's SHORT map when present). */
export const SHORT_FALLBACK: Record<string, string> = {
  hellaswag: 'HellaSwag',
  truthfulqa_mc2: 'TruthfulQA',
  arc_challenge: 'ARC-C',
  mmlu: 'MMLU',
  winogrande: 'WinoGrande',
  gsm8k: 'GSM8K',
  swe_bench_verified: 'SWE-bench V',
  gpqa_diamond: 'GPQA Diamond',
  ifeval: 'IFEval',
};
