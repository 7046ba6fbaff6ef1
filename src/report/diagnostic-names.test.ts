import { describe, expect, it } from 'vitest';
import { usage } from '../cli/main.ts';
import { DIAGNOSTIC_NAMES, isDiagnosticName } from './diagnostic-names.ts';
import { DIAGNOSTICS } from './diagnostics.ts';

describe('one list of diagnostic names', () => {
  it('the registry holds exactly the named diagnostics, in their order', () => {
    expect(DIAGNOSTICS.map((d) => d.name)).toEqual([...DIAGNOSTIC_NAMES]);
  });

  it('`cape --help` names every diagnostic of the registry (loss included)', () => {
    const line = usage()
      .split('\n')
      .find((l) => l.trim().startsWith('diagnostics'));
    for (const d of DIAGNOSTICS) expect(line).toContain(d.name);
  });

  it('isDiagnosticName accepts the names only', () => {
    expect(DIAGNOSTIC_NAMES.every(isDiagnosticName)).toBe(true);
    for (const n of ['', 'Kink', 'toString', '__proto__']) expect(isDiagnosticName(n)).toBe(false);
  });
});
