/**
 * Stands in for src/data/validate.ts inside the page's copy of src/data/load.ts (vite.config.ts):
 * the dataset files bundled into the page were validated by the build (a build with an invalid
 * file fails with the validator's message), so those very objects are not checked again at every
 * page load; any other value goes through the validator as everywhere else.
 */
import type { Static, TSchema } from '@sinclair/typebox';
import { checkSchema } from '../../src/data/validate.ts';

const shipped = new WeakSet<object>();

/** Marks the bundled data files' objects as validated at build time. */
export function trustShipped(...files: unknown[]): void {
  for (const f of files) if (f && typeof f === 'object') shipped.add(f);
}

/** `checkSchema`, except for the bundled files the build validated: those are returned as they are. */
export function checkShipped<T extends TSchema>(
  schema: T,
  value: unknown,
  what: string,
): Static<T> {
  if (value && typeof value === 'object' && shipped.has(value)) return value as Static<T>;
  return checkSchema(schema, value, what);
}
