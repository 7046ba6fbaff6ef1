/**
 * Engine and API messages in people's words. The engine names fields as code does
 * ("invalid truthfulqa_mc2: -3 (scores are percent in [0, 100])", field "scores.truthfulqa_mc2");
 * the page shows the form's label, what was wrong with the value and what to enter:
 * "TruthfulQA (mc2): -3 is not accepted — scores are percent in [0, 100]."
 */
import { benchmarkFromName, longLabel } from '../../src/data/benchmarks.ts';

const LABELS: Record<string, string> = {
  params: 'Parameters',
  name: 'Name',
  family: 'Family',
  previous: 'Previous release',
  deadline: 'Deadline',
  statement: 'Statement',
  value: 'Value',
  model: 'Model',
  from: 'From model',
  to: 'To model',
  swe: 'SWE-bench Verified',
  gpqa: 'GPQA Diamond',
};

/**
 * The label of a field as the form shows it: the last segment of a dotted path, a benchmark's
 * long label ("scores.truthfulqa_mc2" -> "TruthfulQA (mc2)"), else the field's own name.
 */
export function fieldLabel(field: string): string {
  const last = field.split('.').pop() ?? field;
  const key = last.replace(/\[\d+\]$/, '');
  if (LABELS[key]) return LABELS[key];
  const b = benchmarkFromName(key);
  return b ? longLabel(b) : key;
}

const INVALID = /^invalid ([^:]+): (.*?) \(((?:[^()]|\([^()]*\))*)\)(.*)$/s;

/**
 * The message in people's words: "<label>: <value> is not accepted — <what to enter>." (or "is
 * empty"), for messages of the engine's `invalid <field>: <value> (<expected>)` form; any other
 * message is returned as it is, without a "(field: …)" suffix.
 * Example: forPeople('invalid gpqa_diamond: "" (expected a percent score in [0, 100])') ===
 * 'GPQA Diamond: the field is empty — enter a percent score in [0, 100].'
 */
export function forPeople(message: string, field?: string): string {
  const m = INVALID.exec(message);
  if (!m) return message;
  const [, f, value, why, rest] = m as unknown as [string, string, string, string, string];
  const label = fieldLabel(field || f);
  const empty = value === '""' || value === 'null' || value === '';
  const what = empty ? 'the field is empty' : `${value} is not accepted`;
  const hint = why.startsWith('expected ') ? `enter ${why.slice('expected '.length)}` : why;
  const tail = rest.trim().replace(/^\((.*)\)$/, '$1');
  return `${label}: ${what} — ${hint}.${tail ? ` ${tail.charAt(0).toUpperCase()}${tail.slice(1)}.` : ''}`;
}
