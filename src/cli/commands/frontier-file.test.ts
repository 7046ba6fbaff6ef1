import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createContext, frontierFit } from '../../cape/index.ts';
import { runAnalysisCommand } from '../analysis.ts';
import { bufferIo, type Io } from '../io.ts';

// the commands through the registry's CLI runner (src/cli/analysis.ts)
const runFrontier = (argv: string[], io: Io) => runAnalysisCommand('frontier', argv, io);
const runGate = (argv: string[], io: Io) => runAnalysisCommand('gate', argv, io);
const runTrajectory = (argv: string[], io: Io) => runAnalysisCommand('trajectory', argv, io);

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

  it('trajectory --file --lab steps through each product_line of the file, in release order', async () => {
    const { out } = await json(runTrajectory, ['--file', DATED, '--lab', 'Anthropic']);
    const sonnet = out.lines.find((l: { line: string }) => l.line === 'Claude Sonnet');
    expect(sonnet.steps[0]).toMatchObject({
      from: 'claude-3-5-sonnet-20240620',
      to: 'claude-3-5-sonnet-20241022',
      line: 'Claude Sonnet',
      crossSource: null,
    });
    expect(sonnet.n).toBe(5);
    expect(out.n).toBe(8);
    expect(out.lines.map((l: { line: string }) => l.line)).toEqual([
      'Claude Haiku',
      'Claude Opus',
      'Claude Sonnet',
    ]);
    for (const s of out.steps) expect(['Claude Opus', 'Claude Sonnet']).toContain(s.line);
  });

  it('trajectory --file: a row without a product line is its own line (no step)', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'cape-frontier-')), 'nolines.csv');
    writeFileSync(
      path,
      'model,lab,release_date,swe,gpqa\nA-1,LabX,2025-01,40,50\nA-2,LabX,2025-06,60,70\nA-3,LabX,2025-09,65,72\n',
    );
    const { out } = await json(runTrajectory, ['--file', path, '--lab', 'LabX']);
    expect(out.steps).toEqual([]);
    expect(out.lines.map((l: { line: string }) => l.line)).toEqual(['A-1', 'A-2', 'A-3']);
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
