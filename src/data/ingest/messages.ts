/**
 * The user-facing texts of the input parsers, in one place so tests compare against the same
 * functions. Every message says what was wrong, the value received and what is expected.
 */

/** Quotes a received value for a message: strings in JSON quotes, numbers bare, long text cut. */
export function show(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (value === undefined) return 'nothing';
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  const cut = text.length > 60 ? `${text.slice(0, 57)}...` : text;
  return JSON.stringify(cut);
}

export const msg = {
  emptyFile: (origin: string, expected: string) => `empty file: ${origin} (expected ${expected})`,
  invalidParams: (field: string, value: unknown) =>
    `invalid ${field}: ${show(value)} (expected a parameter count such as 6.9e9, 6.9B or 410M)`,
  paramsTooSmall: (field: string, value: number) =>
    `invalid ${field}: ${value} (expected a raw parameter count such as 6.9e9, or a size with a unit such as ${value}B; a bare ${value} is too small to be a count)`,
  paramsTooLarge: (field: string, value: number) =>
    `invalid ${field}: ${value} (expected a parameter count of at most 1e15; 1e12 is 1T)`,
  invalidScore: (field: string, value: unknown) =>
    `invalid ${field}: ${show(value)} (expected a percent score in [0, 100], e.g. 64.2 or "64.2%")`,
  scoreOutOfRange: (field: string, value: number) =>
    `invalid ${field}: ${value} (scores are percent in [0, 100])`,
  fractionOutOfRange: (field: string, value: number) =>
    `invalid ${field}: ${value} (expected a fraction in [0, 1] because the source stores fractions)`,
  stderrWithoutScore: (benchmark: string) =>
    `a standard error without a ${benchmark} score (expected the score in the ${benchmark} column, or no standard error)`,
  looksLikeFraction: (field: string, value: number) =>
    `invalid ${field}: ${value} (scores are percent in [0, 100]; did you pass a fraction?)`,
  unknownBenchmark: (value: string, known: readonly string[], nearest: string | null) =>
    `unknown benchmark: ${show(value)} (expected one of ${known.join(', ')}` +
    (nearest ? `; did you mean ${nearest}?)` : ')'),
  atLine: (origin: string, line: number, column: string | null, inner: string) =>
    `${origin}, line ${line}${column === null ? '' : `, column ${column}`}: ${inner}`,
  badJson: (origin: string, line: number | null, column: number | null, detail: string) =>
    `malformed JSON in ${origin}${line === null ? '' : ` at line ${line}, column ${column ?? '?'}`}: ${detail} (expected lm-evaluation-harness results JSON)`,
  notLmEval: (origin: string, got: string) =>
    `not an lm-evaluation-harness results file: ${origin} has ${got} (expected a JSON object with a "results" object)`,
  noKnownTask: (origin: string, tasks: string[], known: readonly string[]) =>
    `no recognised task in ${origin}: found ${tasks.length ? tasks.slice(0, 20).join(', ') + (tasks.length > 20 ? ', ...' : '') : 'no tasks'} (expected one of ${known.join(', ')})`,
  unterminatedQuote: (origin: string, line: number) =>
    `malformed CSV in ${origin}: the quoted field that starts on line ${line} is never closed (expected a closing ")`,
  fieldCount: (got: number, expected: number) =>
    `${got} fields (expected ${expected}, as many as the header has columns)`,
  missingColumn: (origin: string, column: string, header: string[]) =>
    `missing column ${show(column)} in ${origin} (header has ${header.join(', ') || 'no columns'})`,
  noBenchmarkColumn: (origin: string, header: string[], known: readonly string[]) =>
    `no benchmark column in ${origin} (header has ${header.join(', ')}; expected at least one of ${known.join(', ')})`,
  duplicateColumn: (origin: string, column: string) =>
    `duplicate column ${show(column)} in ${origin} (expected each benchmark once)`,
  duplicateModel: (name: string, firstLine: number) =>
    `duplicate model ${show(name)} (already on line ${firstLine}; expected one row per model)`,
  noRows: (origin: string) =>
    `no model rows in ${origin} (expected one row per model under the header)`,
  missingModel: () => `missing model name (expected a model id such as EleutherAI/pythia-410m)`,
  badOverrideKey: (key: string, detail: string) =>
    `invalid family override key: ${show(key)} (not a valid regular expression: ${detail}; expected a model id or a regex)`,
  badOverrideValue: (key: string, value: unknown) =>
    `invalid family override for ${show(key)}: ${show(value)} (expected a non-empty family name string)`,
  badOverrideFile: (got: string) =>
    `invalid family overrides: got ${got} (expected a JSON object { "<model id or regex>": "<family>" })`,
  unreadablePath: (path: string, detail: string) =>
    `cannot read ${show(path)}: ${detail} (expected a results JSON, a CSV file or a folder of them)`,
  nothingInFolder: (path: string) =>
    `no results*.json or .csv file under ${show(path)} (expected lm-evaluation-harness output or CSV files)`,
  nothingUsableInFolder: (path: string, skipped: { name: string; reason: string }[]) =>
    `no models in ${show(path)}: ${skipped.length} file${skipped.length === 1 ? '' : 's'} skipped` +
    ` (${skipped
      .slice(0, 3)
      .map((s) => s.reason)
      .join('; ')}${skipped.length > 3 ? '; …' : ''})`,
};
