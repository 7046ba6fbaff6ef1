/**
 * Order statistics without a full sort: quickselect (Hoare partition, median-of-three pivot) on
 * a scratch copy, O(n) expected instead of O(n log n). The values returned are exactly the
 * elements a sort would put at those ranks, so quantiles computed from them equal
 * `quantileSorted` of the sorted copy bit for bit. Large arrays first try a sampled window
 * (Floyd–Rivest's idea): one pass keeps the values between two sample quantiles bracketing the
 * rank, and only those are sorted; if the rank falls outside the window, quickselect runs.
 */

/** Moves the k-th smallest element of a[lo..hi] to a[k] (a is permuted in place). */
function selectInPlace(a: Float64Array, k: number, lo: number, hi: number): void {
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < a[lo]!) swap(a, mid, lo);
    if (a[hi]! < a[lo]!) swap(a, hi, lo);
    if (a[hi]! < a[mid]!) swap(a, hi, mid);
    const pivot = a[mid]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) swap(a, i++, j--);
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i]!;
  a[i] = a[j]!;
  a[j] = t;
}

/** The smallest element of a[from..] (after a select, the element of rank from + 1). */
function minFrom(a: Float64Array, from: number): number {
  let m = a[from]!;
  for (let i = from + 1; i < a.length; i++) if (a[i]! < m) m = a[i]!;
  return m;
}

/** Arrays at least this long try the sampled window first. */
const WINDOW_MIN = 4096;
/** Every STRIDE-th value is sampled. */
const STRIDE = 16;

/** The sorted sample of every STRIDE-th value. */
function sampleOf(a: Float64Array): Float64Array {
  const s = new Float64Array(Math.ceil(a.length / STRIDE));
  for (let i = 0, j = 0; i < a.length; i += STRIDE) s[j++] = a[i]!;
  return s.sort();
}

/**
 * The values of rank k and k + 1 (0-based; k + 1 clamped to the last) of `a`, exactly, from the
 * values between two sample quantiles around k/n (4 binomial SDs and 4 ranks of margin); null
 * when the rank is not inside that window (the caller then selects). `a` is not changed.
 */
function windowPair(a: Float64Array, sample: Float64Array, k: number): [number, number] | null {
  const n = a.length;
  const m = sample.length;
  const q = k / n;
  const d = Math.ceil(4 * Math.sqrt(m * q * (1 - q))) + 4;
  const r = Math.round(q * m);
  const low = r - d >= 0 ? sample[r - d]! : -Infinity;
  const high = r + d < m ? sample[r + d]! : Infinity;
  let below = 0;
  const win: number[] = [];
  for (let i = 0; i < n; i++) {
    const v = a[i]!;
    if (v < low) below++;
    else if (v <= high) win.push(v);
  }
  const j = k - below;
  const j1 = Math.min(k + 1, n - 1) - below;
  if (j < 0 || j1 >= win.length) return null;
  const sorted = Float64Array.from(win).sort();
  return [sorted[j]!, sorted[j1]!];
}

/**
 * The values of rank k and k + 1 (0-based; k + 1 clamped to the last) of `scratch`, which is
 * permuted: exactly the elements a sort would put at those ranks.
 * @example rankPair(Float64Array.of(4, 1, 3, 2), 1) // [2, 3]
 */
export function rankPair(scratch: Float64Array, k: number): [number, number] {
  const n = scratch.length;
  selectInPlace(scratch, k, 0, n - 1);
  const a = scratch[k]!;
  return [a, k + 1 < n ? minFrom(scratch, k + 1) : a];
}

/**
 * numpy "linear" quantiles at each p of finite values (caller checks finiteness and p), by
 * selection on `scratch`, which is permuted. Same result as sorting then `quantileSorted`.
 * @example selectQuantiles(Float64Array.of(4, 1, 3, 2), [0.25, 0.75]) // [1.75, 3.25]
 */
export function selectQuantiles(scratch: Float64Array, ps: readonly number[]): number[] {
  const n = scratch.length;
  if (n === 0) return ps.map(() => NaN);
  if (n >= WINDOW_MIN) {
    const sample = sampleOf(scratch);
    const pairs = ps.map((p) => windowPair(scratch, sample, Math.floor((n - 1) * p)));
    if (pairs.every((x) => x !== null))
      return ps.map((p, i) => {
        const h = (n - 1) * p;
        const [a, b] = pairs[i]!;
        return a + (h - Math.floor(h)) * (b - a);
      });
  }
  // ranks ascending, so each select works on the part at and above the previous rank
  const order = ps.map((p, i) => ({ p, i })).sort((x, y) => x.p - y.p);
  const out = new Array<number>(ps.length);
  let floor = 0;
  for (const { p, i } of order) {
    const h = (n - 1) * p;
    const lo = Math.floor(h);
    selectInPlace(scratch, lo, floor, n - 1);
    const a = scratch[lo]!;
    const b = lo + 1 < n ? minFrom(scratch, lo + 1) : a;
    out[i] = a + (h - lo) * (b - a);
    floor = lo;
  }
  return out;
}
