/**
 * Entry of the `cape` command (bundled to dist/cli.mjs by scripts/build-cli.mjs). Thin: parse →
 * engine → report → print. Exit status: 0 ok, 1 analysis failure (or a failed gate), 2 bad usage
 * or bad input. Errors print one line on stderr, never a stack trace.
 */
import { oneLine } from '../core/control-chars.ts';
import { CapeError, isInputError } from '../core/errors.ts';
import { ANALYSIS_NAMES, ANALYSIS_SUMMARIES } from '../report/analysis-names.ts';
import { DIAGNOSTIC_NAMES } from '../report/diagnostic-names.ts';
import { processIo, type Io } from './io.ts';

/** A command: its module loads only when it runs (start-up time), and a one-line summary. */
type Command = { run: (argv: string[], io: Io) => Promise<number>; summary: string };

/** One command per analysis of the registry (src/report/analyses.ts), from its one list of names. */
const analysisCommands: Record<string, Command> = Object.fromEntries(
  ANALYSIS_NAMES.map((name) => [
    name,
    {
      run: async (argv: string[], io: Io) =>
        (await import('./analysis.ts')).runAnalysisCommand(name, argv, io),
      summary: ANALYSIS_SUMMARIES[name],
    },
  ]),
);

export const COMMANDS: Record<string, Command> = {
  ...analysisCommands,
  diagnostics: {
    run: async (argv, io) => (await import('./commands/diagnostics.ts')).run(argv, io),
    summary: `the analyses behind the physics panels: ${DIAGNOSTIC_NAMES.join(', ')}`,
  },
  leaderboard: {
    run: async (argv, io) => (await import('./commands/leaderboard.ts')).run(argv, io),
    summary:
      'a whole Open LLM Leaderboard export through the engine: families, pooled Nc, out-of-sample replication',
  },
  // Only this command (and serve) opens SQLite.
  workspace: {
    run: async (argv, io) => (await import('./workspace.ts')).runWorkspace(argv, io),
    summary: 'your saved models: add, list, remove, export (shared with the server)',
  },
  live: {
    run: async (argv, io) => (await import('./commands/live.ts')).run(argv, io),
    summary:
      'one prompt to a hosted chat model, plain and with the CAPE-guided system prompt (HF_TOKEN)',
  },
  steer: {
    run: async (argv, io) => (await import('./commands/steer.ts')).run(argv, io),
    summary:
      'steer a local Hugging Face model along the truth direction at the probe layer; calibrate',
  },
  serve: {
    run: async (argv, io) => (await import('./commands/serve.ts')).run(argv, io),
    summary: 'the dashboard and the HTTP API on http://127.0.0.1:8787 (npm start)',
  },
};

export function usage(): string {
  const w = Math.max(...Object.keys(COMMANDS).map((k) => k.length));
  return `cape — capability-coupling (CAPE) analysis of language-model scaling

Usage: cape <command> [options]   (cape <command> --help for details; --json for JSON only)

Commands:
${Object.entries(COMMANDS)
  .map(([k, c]) => `  ${k.padEnd(w)}  ${c.summary}`)
  .join('\n')}

Exit status: 0 ok, 1 analysis failure, 2 bad usage or bad input.
`;
}

/** Runs the CLI with argv (without node and script) and returns the exit status. */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(usage());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version') {
    io.out('cape-studio 0.1.0\n');
    return 0;
  }
  // own keys only: `cape __proto__`, `constructor`, `toString` are unknown commands, not methods
  const cmd = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  try {
    if (!cmd)
      throw new CapeError(
        'E_USAGE',
        `unknown command: ${JSON.stringify(name)} (expected one of ${Object.keys(COMMANDS).join(', ')})`,
      );
    return await cmd.run(rest, io);
  } catch (e) {
    if (e instanceof CapeError) {
      io.err(`cape${cmd ? ` ${name}` : ''}: ${oneLine(e.message)}\n`);
      return isInputError(e.code) ? 2 : 1;
    }
    io.err(`cape: internal error: ${oneLine(e instanceof Error ? e.message : String(e))}\n`);
    return 1;
  }
}
