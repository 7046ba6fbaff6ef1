/**
 * Order statistics without a full sort: quickselect (Hoare partition, median-of-three pivot) on
 * a scratch copy, O(n) expected instead of O(n log n). The values returned are exactly the
 * elements a sort would put at those ranks, so quantiles computed from them equal
 * `quantileSorted` of the sorted copy bit for bit.
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

/**
 * numpy "linear" quantiles at each p of finite values (caller checks finiteness and p), by
 * selection on `scratch`, which is permuted. Same result as sorting then `quantileSorted`.
 * @example selectQuantiles(Float64Array.of(4, 1, 3, 2), [0.25, 0.75]) // [1.75, 3.25]
 */
export function selectQuantiles(scratch: Float64Array, ps: readonly number[]): number[] {
  const n = scratch.length;
  if (n === 0) return ps.map(() => NaN);
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
