/**
 * The one number-formatting module: parameter counts, fixed decimals, signed values,
 * percentages, p-values and intervals, for engine prose, CLI tables, API text and the page.
 * A leaf module (no imports), so the engine may use it for its prose. Every formatter prints
 * "—" for a missing or non-finite value and never invents one.
 */

/** True for a finite number. */
export function isNum(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

const UNITS: readonly [number, string][] = [
  [1e12, 'T'],
  [1e9, 'B'],
  [1e6, 'M'],
  [1e3, 'K'],
];

/**
 * Parameter count with three significant digits and a unit: 6.9e9 -> "6.9B", 4.1e8 -> "410M",
 * 1.25e9 -> "1.25B", 1.5e3 -> "1.5K", 999.9e6 -> "1B"; below 1000 the plain count.
 */
export function fmtParams(n: number | null | undefined): string {
  if (!isNum(n)) return '—';
  const a = Math.abs(n);
  for (let i = 0; i < UNITS.length; i++) {
    const [scale, unit] = UNITS[i]!;
    if (a < scale) continue;
    const r = Number((n / scale).toPrecision(3));
    if (Math.abs(r) < 1000 || i === 0) return `${r}${unit}`;
    const [up, upUnit] = UNITS[i - 1]!;
    return `${Number((n / up).toPrecision(3))}${upUnit}`;
  }
  return String(Number(n.toPrecision(3)));
}

/**
 * Fixed decimals ("0.41"); `signed` adds "+" to positive values. Magnitudes of 1e6 or more, and
 * non-zero ones that the decimals would print as zero, switch to scientific ("1.20e-5").
 */
export function fmtNum(v: number | null | undefined, digits = 2, signed = false): string {
  if (!isNum(v)) return '—';
  const a = Math.abs(v);
  const tiny = a !== 0 && a < 0.5 * 10 ** -digits;
  const s = a >= 1e6 || tiny ? v.toExponential(2) : v.toFixed(digits);
  return signed && v > 0 ? `+${s}` : s;
}

/** `fmtNum` with an explicit "+" on positive values (signed quantities: r, h, γ). */
export function fmtSigned(v: number | null | undefined, digits = 2): string {
  return fmtNum(v, digits, true);
}

/** A share in [0, 1] as percent: 0.873 -> "87.3%". */
export function fmtPct(share: number | null | undefined, digits = 1): string {
  return isNum(share) ? `${(share * 100).toFixed(digits)}%` : '—';
}

/** p-value: three decimals, scientific below 0.001 ("0.042", "3.1e-5"). */
export function fmtP(p: number | null | undefined): string {
  if (!isNum(p)) return '—';
  return p < 1e-3 ? p.toExponential(1) : p.toFixed(3);
}

type Fmt = (v: number) => string;

/** "[lo, hi]" with `digits` decimals or a formatter for each end; "—" when either is missing. */
export function fmtInterval(
  lo: number | null | undefined,
  hi: number | null | undefined,
  fmt: number | Fmt = 2,
): string {
  if (!isNum(lo) || !isNum(hi)) return '—';
  const f: Fmt = typeof fmt === 'number' ? (v) => fmtNum(v, fmt) : fmt;
  return `[${f(lo)}, ${f(hi)}]`;
}

/** `fmtInterval` for a `[lo, hi]` tuple (or null). */
export function fmtCi(
  ci: readonly [number, number] | null | undefined,
  fmt: number | Fmt = 2,
): string {
  return ci ? fmtInterval(ci[0], ci[1], fmt) : '—';
}

/**
 * Scores in percent, each with the standard error its source stated, labelled by `label`:
 * ({hellaswag: 78.13, mmlu: 41}, {hellaswag: 0.412}, id => id) -> "hellaswag 78.1 ± 0.41 · mmlu
 * 41.0". Missing values are left out.
 */
export function fmtScores(
  scores: Readonly<Record<string, number | undefined>>,
  stderr: Readonly<Record<string, number | undefined>>,
  label: (benchmark: string) => string,
  sep = ' · ',
): string {
  return Object.entries(scores)
    .filter((e): e is [string, number] => isNum(e[1]))
    .map(([b, v]) => {
      const se = stderr[b];
      return `${label(b)} ${fmtNum(v, 1)}${isNum(se) ? ` ± ${fmtNum(se, 2)}` : ''}`;
    })
    .join(sep);
}
