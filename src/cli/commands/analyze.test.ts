import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzeFile, createContext } from '../../cape/index.ts';
import { readModelsFromPath } from '../../data/ingest/files.ts';
import { bufferIo } from '../io.ts';
import { run } from './analyze.ts';

const EX = fileURLToPath(new URL('../../../test/examples/', import.meta.url));

describe('cape analyze --file', () => {
  it("--json streams exactly the object of the engine's analyzeFile (the API returns the same)", async () => {
    const io = bufferIo();
    expect(await run(['--file', `${EX}mixed-folder`, '--json'], io)).toBe(0);
    const expected = analyzeFile(createContext(), await readModelsFromPath(`${EX}mixed-folder`));
    expect(JSON.parse(io.stdout)).toEqual(JSON.parse(JSON.stringify(expected)));
  });

  it('--ndjson writes one object per model as it goes and the summary line last', async () => {
    const io = bufferIo();
    expect(await run(['--file', `${EX}leaderboard-v2-sample.csv`, '--ndjson'], io)).toBe(0);
    const lines = io.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const summary = lines.at(-1)!.summary;
    expect(summary).toMatchObject({ kind: 'leaderboard', models: 44, skipped: 0 });
    expect(lines.slice(0, -1).every((l) => 'model' in l)).toBe(true);
    expect(
      lines.find((l) => l.model?.name === 'meta-llama/Llama-3.2-1B').model.scores.gpqa_full,
    ).toBeCloseTo(22.819, 3);
  });

  it('--params and --family apply to a v0 file without a parameter count', async () => {
    const bare = bufferIo();
    expect(await run(['--file', `${EX}lmeval-v0-no-params.json`, '--json'], bare)).toBe(1);
    expect(JSON.parse(bare.stdout).skipped[0].reason).toMatch(/parameter count unknown/);
    const io = bufferIo();
    expect(
      await run(
        [
          '--file',
          `${EX}lmeval-v0-no-params.json`,
          '--params',
          '1.4B',
          '--family',
          'pythia',
          '--json',
        ],
        io,
      ),
    ).toBe(0);
    expect(JSON.parse(io.stdout).models[0]).toMatchObject({ params: 1.4e9, family: 'Pythia' });
  });
});
