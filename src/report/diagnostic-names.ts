/**
 * The names of the diagnostics, in the order the CLI help, the API and the page list them. A leaf
 * (no imports), so `cape --help` names them without loading the engine; the registry
 * (src/report/diagnostics.ts) types each entry's name by it and refuses to load unless its
 * entries are exactly these, in this order.
 */
export const DIAGNOSTIC_NAMES = [
  'kink',
  'beta',
  'winding',
  'ode',
  'holdout',
  'explorer',
  'arrhenius',
  'loss',
  'survival',
  'internal',
  'boosting',
] as const;

export type DiagnosticName = (typeof DIAGNOSTIC_NAMES)[number];

/** Whether `name` is one of the diagnostics. */
export function isDiagnosticName(name: string): name is DiagnosticName {
  return DIAGNOSTIC_NAMES.some((d) => d === name);
}
