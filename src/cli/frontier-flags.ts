/** The flags of cape frontier, trajectory and gate that pick their frontier set, and their help
 * text; apart from src/cli/frontier-file.ts (which reads the set) so that a command's start
 * loads the reader and the engine's file context only when a flag names a file. */
/** The `--file` and `--with-dataset` options. */
export const frontierFileOptions = {
  file: { type: 'string' },
  'with-dataset': { type: 'boolean' },
  saved: { type: 'boolean' },
  'data-dir': { type: 'string' },
} as const;

export const frontierFileUsage = `  --file F: your frontier set instead of the dataset's (CSV or JSON; wide: model, lab,
  release_date, swe, gpqa[, ifeval][, line][, source]; or long: model, benchmark, score, as
  Epoch AI's runs). --with-dataset adds the dataset's frontier models (steps between different
  sources are flagged cross-source). --saved: the frontier models saved in the workspace
  (cape workspace add --frontier-file; --data-dir as for cape workspace) instead of a file.
  A per-run ± in the file (Epoch AI's Scores, a stderr column) replaces the binomial SE in the
  noise of trajectory and gate steps (noiseBasis says which).
  docs/frontier-files.md.`;
