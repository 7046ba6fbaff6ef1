import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createContext, frontierFit } from '../../cape/index.ts';
import { bufferIo } from '../io.ts';
import { runFrontier } from './frontier.ts';
import { runGate, runTrajectory } from './trajectory.ts';

const FX = fileURLToPath(new URL('../../../test/fixtures/frontier/', import.meta.url));
const EPOCH = `${FX}epoch-benchmarks-runs.csv`;
const DATED = `${FX}epoch-with-dates.csv`;

/** The dataset's frozen frontier set written as a wide frontier file. */
function datasetAsFile(): string {
  const rows = frontierFit(createContext(), 'frozen').models.filter((m) => m.inFit);
  const lines = rows.map((m) => `"${m.name}",${m.lab},${m.releaseDate ?? ''},${m.swe},${m.gpqa}`);
  const path = join(mkdtempSync(join(tmpdir(), 'cape-frontier-')), 'frozen.csv');
  writeFileSync(path, ['model,lab,release_date,swe,gpqa', ...lines].join('\n'));
  return path;
}

async function json(run: typeof runFrontier, argv: string[]) {
  const io = bufferIo();
  const status = await run([...argv, '--json'], io);
  return { status, out: JSON.parse(io.stdout) };
}

describe('cape frontier / trajectory / gate --file', () => {
  it('frontier --file --json has the keys of frontier --json, and the dataset as a file gives its fit', async () => {
    const plain = (await json(runFrontier, [])).out;
    const { status, out } = await json(runFrontier, ['--file', datasetAsFile()]);
    expect(status).toBe(0);
    for (const k of ['n', 'slope', 'intercept', 'r', 'p', 'models']) expect(out).toHaveProperty(k);
    expect(Object.keys(out).sort()).toEqual(Object.keys(plain).sort());
    for (const k of ['name', 'swe', 'gpqa', 'h']) expect(out.models[0]).toHaveProperty(k);
    expect(out.n).toBe(plain.n);
    expect(out.slope).toBeCloseTo(plain.slope, 12);
    expect(out.r).toBeCloseTo(plain.r, 12);
  });

  it("frontier --file on Epoch AI's runs fits its 19 models with SWE and GPQA", async () => {
    const { out } = await json(runFrontier, ['--file', EPOCH]);
    expect(out.n).toBe(19);
    expect(out.models.every((m: { source: string }) => m.source === 'Epoch AI')).toBe(true);
  });

  it('trajectory --file --lab steps through the file, in release order', async () => {
    const { out } = await json(runTrajectory, ['--file', DATED, '--lab', 'Anthropic']);
    expect(out.steps[0]).toMatchObject({
      from: 'claude-3-5-sonnet-20240620',
      to: 'claude-3-5-sonnet-20241022',
      crossSource: null,
    });
    expect(out.n).toBe(8);
  });

  it('gate: an Epoch candidate against a vendor-reported previous is flagged cross-source', async () => {
    const argv = ['--file', EPOCH, '--with-dataset', '--previous', 'Claude 3.7 Sonnet'];
    const { out } = await json(runGate, [...argv, '--candidate', 'claude-3-7-sonnet-20250219']);
    expect(out.crossSource).toEqual({ from: 'vendor-reported', to: 'Epoch AI' });
    expect(out.step.dSwe).toBeCloseTo(52.2 - 62.3, 10); // the protocol gap: the same model
    expect(out.reason).toMatch(/^CROSS-SOURCE comparison \(vendor-reported → Epoch AI\)/);
    const same = await json(runGate, [
      ...['--file', EPOCH, '--previous', 'claude-3-7-sonnet-20250219'],
      ...['--candidate', 'claude-sonnet-4-20250514'],
    ]);
    expect(same.out.crossSource).toBeNull();
  });

  it('a model both in the file and in the dataset is refused with --with-dataset', async () => {
    await expect(
      runFrontier(['--file', datasetAsFile(), '--with-dataset', '--json'], bufferIo()),
    ).rejects.toThrow(/is in the file and in the dataset's frontier set/);
  });
});
