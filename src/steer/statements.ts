/** Reads a user's calibration file: JSON {"true": [text...], "false": [text...]}. */
import { existsSync, readFileSync } from 'node:fs';
import { CapeError } from '../core/errors.ts';
import type { Statements } from './types.ts';

/** Validates parsed JSON as calibration statements; `file` names it in errors. */
export function parseStatements(json: unknown, file: string): Statements {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new CapeError(
      'E_INPUT',
      `${file}: ${JSON.stringify(json)?.slice(0, 40)} (expected an object ` +
        '{"true": [statements], "false": [statements]})',
      'calibration',
    );
  }
  const o = json as Record<string, unknown>;
  for (const key of ['true', 'false']) {
    const v = o[key];
    if (!Array.isArray(v) || v.length === 0) {
      throw new CapeError(
        'E_INPUT',
        `${file}: field "${key}" is ${JSON.stringify(v)?.slice(0, 40) ?? 'missing'} ` +
          '(expected a non-empty array of statements)',
        key,
      );
    }
    const i = v.findIndex((s) => typeof s !== 'string' || s.trim() === '');
    if (i >= 0) {
      throw new CapeError(
        'E_INPUT',
        `${file}: field "${key}"[${i}] is ${JSON.stringify(v[i])} ` + '(expected non-empty text)',
        key,
      );
    }
  }
  return { true: o.true as string[], false: o.false as string[] };
}

/** Reads and validates a calibration file. */
export function readStatements(file: string): Statements {
  if (!existsSync(file)) {
    throw new CapeError(
      'E_NOT_FOUND',
      `--calibration ${JSON.stringify(file)}: no such file ` +
        '(expected JSON {"true": [...], "false": [...]})',
      'calibration',
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new CapeError(
      'E_PARSE',
      `${file}: not valid JSON (${(e as Error).message})`,
      'calibration',
    );
  }
  return parseStatements(json, file);
}
