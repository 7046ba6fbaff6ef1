import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzeFile, createContext } from '../../cape/index.ts';
import { readModelsFromPath } from '../../data/ingest/files.ts';
import { bufferIo } from '../io.ts';
import { run } from './analyze.ts';
import { progress } from './analyze-stream.ts';

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
    expect(lines.slice(0, -1).every((l) => 'model' in l && Array.isArray(l.notes))).toBe(true);
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

describe('cape analyze --file, streamed CSV', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cape-stream-'));
  const head = 'model,params,hellaswag,truthfulqa\n';
  const good = Array.from({ length: 30 }, (_, i) => `org/m${i},${1 + i}e9,${50 + i},${40 - i / 2}`);

  it('--json of a models CSV is the object of analyzeFile, read row by row', async () => {
    const file = join(dir, 'ok.csv');
    writeFileSync(file, `${head}${good.join('\n')}\n`);
    const io = bufferIo();
    expect(await run(['--file', file, '--json'], io)).toBe(0);
    const expected = analyzeFile(createContext(), await readModelsFromPath(file));
    expect(JSON.parse(io.stdout)).toEqual(JSON.parse(JSON.stringify(expected)));
  });

  it('a bad row further down ends --ndjson with an error line and --json stays whole (exit 2)', async () => {
    const file = join(dir, 'bad.csv');
    writeFileSync(file, `${head}${good.join('\n')}\norg/bad,7e9,150,40\n`);
    const nd = bufferIo();
    await expect(run(['--file', file, '--ndjson'], nd)).rejects.toMatchObject({ code: 'E_INPUT' });
    const lines = nd.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(31);
    expect(lines.at(-1).error.message).toMatch(/line 32/);
    const js = bufferIo();
    await expect(run(['--file', file, '--json'], js)).rejects.toMatchObject({ code: 'E_INPUT' });
    const out = JSON.parse(js.stdout);
    expect(out.models).toHaveLength(30);
    expect(out.error).toMatchObject({ code: 'E_INPUT', field: 'hellaswag' });
  });

  it('stdout in bytes (batched, as the real process writes) equals the text output', async () => {
    const file = join(dir, 'batched.csv');
    const rows = Array.from({ length: 80 }, (_, i) =>
      good[i % good.length]!.replace(/^[^,]+/, `org/m-${i}`),
    );
    writeFileSync(file, `${head}${rows.join('\n')}\n`);
    for (const mode of ['--ndjson', '--json']) {
      const text = bufferIo();
      const chunks: Buffer[] = [];
      const bytes = {
        ...bufferIo(),
        outBytes: (b: Uint8Array) => void chunks.push(Buffer.from(b)),
      };
      expect(await run(['--file', file, mode], text)).toBe(0);
      expect(await run(['--file', file, mode], bytes)).toBe(0);
      expect(chunks.length).toBeGreaterThan(1); // 80 models of ~3.5 KB: more than one 64 KB batch
      expect(Buffer.concat(chunks).toString('utf8')).toBe(text.stdout);
    }
  });

  it('a header or first-row error writes nothing to stdout', async () => {
    const file = join(dir, 'first.csv');
    writeFileSync(file, `${head}org/bad,7e9,150,40\n`);
    const io = bufferIo();
    await expect(run(['--file', file, '--json'], io)).rejects.toMatchObject({ code: 'E_INPUT' });
    expect(io.stdout).toBe('');
  });

  it('progress goes to stderr every 50,000 models with the share of the file read', () => {
    const io = bufferIo();
    const tick = progress(io, { total: null, progress: () => 0.5 });
    for (let i = 1; i <= 100_001; i++) tick(i);
    tick(100_001, true);
    expect(io.stderr.trim().split('\n')).toEqual([
      'analysed 50000 models (50% of the file)',
      'analysed 100000 models (50% of the file)',
      'analysed 100001 models (50% of the file)',
    ]);
    expect(io.stdout).toBe('');
  });
});

const FX = fileURLToPath(new URL('../../../test/fixtures/lmeval/', import.meta.url));

describe('cape analyze --file: lm-eval options', () => {
  it('--metric acc and --runs mean reach the reader; stderr and flags reach the JSON', async () => {
    const io = bufferIo();
    const argv = ['--file', `${FX}qwen-runs`, '--metric', 'acc', '--runs', 'mean', '--json'];
    expect(await run(argv, io)).toBe(0);
    const out = JSON.parse(io.stdout);
    expect(out.models).toHaveLength(1);
    const hs = out.models[0].scoreDetails.hellaswag;
    expect(hs.value).toBeCloseTo((50.16 + 25.71) / 2, 10);
    expect(hs.stderr).toBeCloseTo(Math.hypot(0.49899, 0.43) / 2, 10);
    expect(out.models[0].scores.truthfulqa_mc1).toBeCloseTo((29.25 + 23.38) / 2, 10);
  });

  it('the table shows the file scores with SE, per-sample interval and the near-chance flag', async () => {
    const io = bufferIo();
    expect(await run(['--file', `${FX}leaderboard-run`], io)).toBe(0);
    expect(io.stdout).toMatch(/Scores as read from the file/);
    expect(io.stdout).toMatch(/\| GPQA +\| +25\.3 \| +3\.10 \| \[\d+\.\d, \d+\.\d\] +\| 198 \|/);
    expect(io.stdout).toMatch(/\| GPQA \(full\) +\| +24\.7 \| +1\.25 \| — /);
    expect(io.stdout).toMatch(/near chance/);
  });

  it('an unknown --metric or --runs is a usage error naming the flag and the choices', async () => {
    await expect(run(['--file', `${FX}qwen-runs`, '--runs', 'first'], bufferIo())).rejects.toThrow(
      'invalid --runs: "first" (expected one of latest, mean, all)',
    );
    await expect(run(['--file', `${FX}qwen-runs`, '--metric', 'mc2'], bufferIo())).rejects.toThrow(
      'invalid --metric: "mc2" (expected one of acc, acc_norm)',
    );
  });
});
