/**
 * Query strings and path parameters, typed by the route's own TypeBox schema and nothing else:
 * a property whose schema is a number (or integer) becomes a number only when its text is a
 * plain decimal (`12`, `-0.5`, `1e3`); `%20`, `0x10`, `Infinity`, `1e1` for an integer id, `""`
 * stay strings so the validator refuses them naming the parameter. Everything else stays text.
 * Ajv runs with coerceTypes off, so this is the only conversion anywhere.
 */
import type { TSchema } from '@sinclair/typebox';

const DECIMAL = /^-?(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d{1,3})?$/;
const INTEGER = /^-?\d{1,15}$/;

function numericKind(schema: TSchema | undefined): 'number' | 'integer' | undefined {
  if (!schema) return undefined;
  if (schema.type === 'integer') return 'integer';
  if (schema.type === 'number') return 'number';
  const members = (schema.anyOf ?? []) as TSchema[];
  const kinds = members.map(numericKind).filter(Boolean);
  return kinds.includes('number') ? 'number' : kinds.includes('integer') ? 'integer' : undefined;
}

/** Converts a text value for one schema; returns the text itself when it is not a strict number. */
export function strictValue(text: unknown, schema: TSchema | undefined): unknown {
  const kind = numericKind(schema);
  if (kind === undefined || typeof text !== 'string') return text;
  const ok = kind === 'integer' ? INTEGER.test(text) : DECIMAL.test(text);
  if (!ok) return text;
  const n = Number(text);
  return Number.isFinite(n) ? n : text;
}

/** A copy of `values` with the numeric properties of `schema` converted strictly. */
export function strictRecord(values: unknown, schema: TSchema | undefined): unknown {
  if (!schema || values === null || typeof values !== 'object') return values;
  const props = (schema.properties ?? {}) as Record<string, TSchema>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values))
    out[k] = Object.hasOwn(props, k) ? strictValue(v, props[k]) : v;
  return out;
}
