/**
 * Schema validation with readable errors: `checkSchema(schema, value, what)` returns the value
 * typed by the schema or throws CapeError E_SCHEMA naming the path, the value found and what the
 * schema expects. Uses TypeBox's interpreter (Value), not its compiler, so it runs under a
 * Content-Security-Policy without 'unsafe-eval'.
 */
import type { Static, TSchema } from '@sinclair/typebox';
import { Errors } from '@sinclair/typebox/errors';
// the two functions, not the Value namespace: a bundle then keeps TypeBox's checker only (the
// namespace holds every value operation — cast, convert, create, transform… — ~160 KB that each
// CLI command validating its input would load at start)
import { Check } from '@sinclair/typebox/value';
import { CapeError } from '../core/errors.ts';

export function checkSchema<T extends TSchema>(schema: T, value: unknown, what: string): Static<T> {
  if (Check(schema, value)) return value;
  const problems = [...Errors(schema, value)].slice(0, 5).map((e) => {
    const found = JSON.stringify(e.value);
    return `${e.path || '/'}: ${e.message} (found ${found === undefined ? 'nothing' : truncate(found)})`;
  });
  const first = [...Errors(schema, value)][0];
  throw new CapeError(
    'E_SCHEMA',
    `invalid ${what}: ${problems.join('; ')}`,
    first?.path.replace(/^\//, '') || undefined,
  );
}

function truncate(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}
