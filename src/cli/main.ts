/** Entry of the `cape` command (bundled to dist/cli.mjs). Returns the exit status. */
export async function main(argv: string[]): Promise<number> {
  process.stdout.write(`cape: capability-coupling analysis (commands arrive with the engine)\n${argv.join(' ')}\n`);
  return 0;
}
