/**
 * Entry checks shared by the core functions. Each throws CapeError E_INPUT with a message that
 * names the function, the value received and what was expected.
 */
import { CapeError } from './errors.ts';

/** A confidence level strictly inside (0, 1). */
export function checkLevel(level: number, fn: string): void {
  if (!(level > 0 && level < 1)) {
    throw new CapeError(
      'E_INPUT',
      `${fn}: level = ${String(level)} (expected a probability in (0, 1), e.g. 0.95)`,
      'level',
    );
  }
}

/** An integer count ≥ min. */
export function checkCount(v: number, name: string, min: number, fn: string): void {
  if (!Number.isInteger(v) || v < min) {
    throw new CapeError(
      'E_INPUT',
      `${fn}: ${name} = ${String(v)} (expected an integer ≥ ${min})`,
      name,
    );
  }
}

/** Every value finite. */
export function checkFinite(x: ArrayLike<number>, name: string, fn: string): void {
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (!Number.isFinite(v)) {
      throw new CapeError(
        'E_INPUT',
        `${fn}: ${name}[${i}] is ${String(v)} (expected finite numbers)`,
        name,
      );
    }
  }
}

/** Two paired series of equal length, all values finite. */
export function checkPaired(x: ArrayLike<number>, y: ArrayLike<number>, fn: string): void {
  if (x.length !== y.length) {
    throw new CapeError(
      'E_INPUT',
      `${fn}: x has ${x.length} values but y has ${y.length} (expected paired values)`,
    );
  }
  checkFinite(x, 'x', fn);
  checkFinite(y, 'y', fn);
}

/** A rectangular matrix (array of equal-length rows) of finite numbers; returns [rows, cols]. */
export function checkMatrix(
  a: readonly (readonly number[])[],
  name: string,
  fn: string,
): [number, number] {
  if (!Array.isArray(a) || a.length === 0) {
    throw new CapeError(
      'E_INPUT',
      `${fn}: ${name} has no rows (expected a non-empty matrix)`,
      name,
    );
  }
  const cols = a[0]!.length;
  if (cols === 0) throw new CapeError('E_INPUT', `${fn}: ${name} has no columns`, name);
  a.forEach((row, i) => {
    if (row.length !== cols) {
      throw new CapeError(
        'E_INPUT',
        `${fn}: ${name} row ${i} has ${row.length} entries (expected ${cols})`,
        name,
      );
    }
    checkFinite(row, `${name}[${i}]`, fn);
  });
  return [a.length, cols];
}
