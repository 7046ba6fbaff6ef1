/** Number formatting shared by the CLI tables, the API's text fields and the page. */

/** Parameter count as "6.9B", "410M", "1.2T". */
export function fmtParams(n: number | null): string {
  if (n === null || !Number.isFinite(n)) return '—';
  if (n >= 1e12) return `${trim(n / 1e12)}T`;
  if (n >= 1e9) return `${trim(n / 1e9)}B`;
  if (n >= 1e6) return `${trim(n / 1e6)}M`;
  return `${trim(n / 1e3)}K`;
}

function trim(v: number): string {
  return v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1).replace(/\.0$/, '') : v.toFixed(2).replace(/\.?0+$/, '');
}

/** Fixed decimals with an explicit sign for signed quantities; "—" for null/NaN. */
export function fmtNum(v: number | null | undefined, digits = 2, signed = false): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  const s = v.toFixed(digits);
  return signed && v >= 0 ? `+${s}` : s;
}

/** "[lo, hi]" with the given decimals. */
export function fmtCi(ci: readonly [number, number] | null | undefined, digits = 2): string {
  if (!ci) return '—';
  return `[${fmtNum(ci[0], digits)}, ${fmtNum(ci[1], digits)}]`;
}

/** p-values: 3 significant digits, scientific below 1e-3. */
export function fmtP(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return '—';
  return p < 1e-3 ? p.toExponential(1) : p.toFixed(3);
}
