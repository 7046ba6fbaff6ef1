/**
 * Entry of the `cape` command (bundled to dist/cli.mjs by scripts/build-cli.mjs). Thin: parse →
 * engine → report → print. Exit status: 0 ok, 1 analysis failure (or a failed gate), 2 bad usage
 * or bad input. Errors print one line on stderr, never a stack trace.
 */
import { oneLine } from '../core/control-chars.ts';
import { CapeError, isInputError } from '../core/errors.ts';
import * as analyze from './commands/analyze.ts';
import * as diagnostics from './commands/diagnostics.ts';
import * as family from './commands/family.ts';
import * as frontier from './commands/frontier.ts';
import * as leaderboard from './commands/leaderboard.ts';
import * as live from './commands/live.ts';
import * as pair from './commands/pair.ts';
import * as trajectory from './commands/trajectory.ts';
import * as serve from './commands/serve.ts';
import * as steer from './commands/steer.ts';
import * as verify from './commands/verify.ts';
import { processIo, type Io } from './io.ts';

type Command = { run: (argv: string[], io: Io) => Promise<number>; help: string; summary: string };

export const COMMANDS: Record<string, Command> = {
  analyze: {
    run: analyze.run,
    help: analyze.help,
    summary:
      'phase, Nc, γ12, recommendations and next-size predictions for a model or a file of models',
  },
  family: {
    run: family.run,
    help: family.help,
    summary: 'within-family coupling r, transitions and Nc',
  },
  frontier: {
    run: frontier.runFrontier,
    help: frontier.frontierHelp,
    summary: "SWE/GPQA population fit with every model's h-field",
  },
  hfield: {
    run: frontier.runHField,
    help: frontier.hfieldHelp,
    summary: 'h-field of a SWE/GPQA pair with its 95% interval',
  },
  pair: {
    run: pair.run,
    help: pair.help,
    summary:
      'any two benchmarks: running coupling, sign by scale band, sign changes, Nc2/Nc3 candidates',
  },
  trajectory: {
    run: trajectory.runTrajectory,
    help: trajectory.trajectoryHelp,
    summary: 'within-lab release trajectories',
  },
  gate: {
    run: trajectory.runGate,
    help: trajectory.gateHelp,
    summary: 'release gate: exit 1 on a tax excursion',
  },
  diagnostics: {
    run: diagnostics.run,
    help: diagnostics.help,
    summary:
      'the analyses behind the physics panels: kink, beta, winding, ode, holdout, explorer, arrhenius, survival, internal, boosting',
  },
  leaderboard: {
    run: leaderboard.run,
    help: leaderboard.help,
    summary:
      'a whole Open LLM Leaderboard export through the engine: families, pooled Nc, out-of-sample replication',
  },
  // Loaded on demand: only this command (and serve) opens SQLite.
  workspace: {
    run: async (argv, io) => (await import('./workspace.ts')).runWorkspace(argv, io),
    help: 'cape workspace --help',
    summary: 'your saved models: add, list, remove, export (shared with the server)',
  },
  live: {
    run: (argv, io) => live.run(argv, io),
    help: live.help,
    summary:
      'one prompt to a hosted chat model, plain and with the CAPE-guided system prompt (HF_TOKEN)',
  },
  steer: {
    run: steer.run,
    help: steer.help,
    summary:
      'steer a local Hugging Face model along the truth direction at the probe layer; calibrate',
  },
  serve: {
    run: serve.run,
    help: serve.help,
    summary: 'the dashboard and the HTTP API on http://127.0.0.1:8787 (npm start)',
  },
  verify: {
    run: verify.runVerify,
    help: verify.verifyHelp,
    summary: "the seed's headline numbers recomputed, side by side",
  },
  predictions: {
    run: verify.runPredictions,
    help: verify.predictionsHelp,
    summary: "the study's predictions with computed status",
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
