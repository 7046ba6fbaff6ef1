/**
 * `cape diagnostics <analysis>`: the analyses behind the seed's physics panels, one readable table
 * each, or JSON only with --json. Names, functions and renderers come from the one registry,
 * src/report/diagnostics.ts. Reported (not computed) values are labelled.
 */
import { createContext } from '../../cape/index.ts';
import { CapeError } from '../../core/errors.ts';
import {
  DIAGNOSTICS,
  DIAGNOSTIC_NAMES,
  DiagnosticOptionsSchema,
  diagnosticNamed,
  type DiagnosticOptions,
} from '../../report/diagnostics.ts';
import { checkSchema } from '../../data/validate.ts';
import { isDiagnosticName } from '../../report/diagnostic-names.ts';
import { parse } from '../args.ts';
import { printJson, type Io } from '../io.ts';

export const help = `cape diagnostics <${DIAGNOSTIC_NAMES.join('|')}> ${Object.keys(
  DiagnosticOptionsSchema.properties,
)
  .map((k) => `[--${k} ${k[0]!.toUpperCase()}]`)
  .join(' ')} [--json]
${DIAGNOSTICS.map((d) => `  ${d.name.padEnd(9)} ${d.summary}`).join('\n')}
  --threshold T applies SINDy-style sequential thresholding (|C_ij| < T set to 0) to ode/holdout.`;

function num(v: unknown, flag: string): number | undefined {
  if (v === undefined) return undefined;
  const x = Number(v);
  if (typeof v !== 'string' || v.trim() === '' || !Number.isFinite(x))
    throw new CapeError(
      'E_USAGE',
      `invalid --${flag}: ${JSON.stringify(v)} (expected a number)`,
      flag,
    );
  return x;
}

/** The registry's input schema, as CLI flags: every option is a string flag of the same name. */
const FLAGS = Object.fromEntries(
  Object.keys(DiagnosticOptionsSchema.properties).map((k) => [k, { type: 'string' as const }]),
);

/** Flag values → options checked by the registry's input schema (numbers where it says so). */
function optionsFrom(values: Record<string, unknown>): DiagnosticOptions {
  const raw: Record<string, unknown> = {};
  for (const [k, schema] of Object.entries(DiagnosticOptionsSchema.properties)) {
    if (values[k] === undefined) continue;
    raw[k] = schema.type === 'number' ? num(values[k], k) : values[k];
  }
  return checkSchema(DiagnosticOptionsSchema, raw, 'options');
}

export async function run(argv: string[], io: Io): Promise<number> {
  const parsed = parse(argv, FLAGS, true);
  const values = parsed.values as Record<string, unknown>;
  const positionals = parsed.positionals;
  if (values.help) return (io.out(`${help}\n`), 0);
  const name = positionals[0];
  if (!name || !isDiagnosticName(name) || positionals.length > 1) {
    throw new CapeError(
      'E_USAGE',
      `expected one analysis: ${DIAGNOSTIC_NAMES.join(', ')} (got ${positionals.length ? JSON.stringify(positionals.join(' ')) : 'none'})`,
    );
  }
  const d = diagnosticNamed(name);
  const result = d.run(createContext(), optionsFrom(values));
  if (values.json) printJson(io, result);
  else io.out(d.render(result));
  return 0;
}
