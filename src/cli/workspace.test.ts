import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openWorkspace } from '../workspace/index.ts';
import { bufferIo, type Io } from './io.ts';
import { runAnalysisCommand } from './analysis.ts';
import { runWorkspace } from './workspace.ts';

const runFrontier = (argv: string[], io: Io) => runAnalysisCommand('frontier', argv, io);
const runTrajectory = (argv: string[], io: Io) => runAnalysisCommand('trajectory', argv, io);
const DATED = new URL('../../test/fixtures/frontier/epoch-with-dates.csv', import.meta.url)
  .pathname;

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'cape-cli-ws-'));
  dirs.push(d);
  return d;
};

describe('cape workspace', () => {
  it('add with flags saves the model where the server reads it; list --json prints JSON only', async () => {
    const dir = tmp();
    const io = bufferIo();
    expect(
      await runWorkspace(
        [
          'add',
          '--data-dir',
          dir,
          '--name',
          'mine',
          '--params',
          '6.9B',
          '--hellaswag',
          '64',
          '--truthfulqa',
          '33',
        ],
        io,
      ),
    ).toBe(0);
    const ws = openWorkspace(dir);
    expect(ws.list()[0]).toMatchObject({
      name: 'mine',
      params: 6.9e9,
      scores: { hellaswag: 64, truthfulqa_mc2: 33 },
      origin: 'cli',
    });
    ws.close();
    const out = bufferIo();
    expect(await runWorkspace(['list', '--json', '--data-dir', dir], out)).toBe(0);
    expect(JSON.parse(out.stdout)[0].name).toBe('mine');
  });

  it('add --file --dry-run shows what was recognised (params source, conversions) and saves nothing', async () => {
    const dir = tmp();
    const io = bufferIo();
    expect(
      await runWorkspace(
        ['add', '--data-dir', dir, '--file', 'test/examples/lmeval-run', '--dry-run'],
        io,
      ),
    ).toBe(0);
    expect(io.stdout).toMatch(/dry run: nothing saved/);
    expect(io.stdout).toMatch(/converted fractions to percent/);
    const ws = openWorkspace(dir);
    expect(ws.list()).toHaveLength(0);
    ws.close();
  });

  it('add --file imports an lm-eval results file; remove and export work', async () => {
    const dir = tmp();
    const file = new URL('../../test/api/fixtures/lmeval-mistral-7b.json', import.meta.url)
      .pathname;
    expect(await runWorkspace(['add', '--data-dir', dir, '--file', file], bufferIo())).toBe(0);
    const csv = bufferIo();
    await runWorkspace(['export', '--format', 'csv', '--data-dir', dir], csv);
    expect(csv.stdout).toMatch(/mistralai\/Mistral-7B-v0\.1,.*,7241732096,83\.3/);
    expect(await runWorkspace(['remove', '1', '--data-dir', dir], bufferIo())).toBe(0);
    const ws = openWorkspace(dir);
    expect(ws.list()).toEqual([]);
    ws.close();
  });

  it('bad input throws CapeError with the field (main maps it to exit 2)', async () => {
    const dir = tmp();
    await expect(
      runWorkspace(
        ['add', '--data-dir', dir, '--name', 'x', '--params', '7', '--hellaswag', '64'],
        bufferIo(),
      ),
    ).rejects.toMatchObject({ code: 'E_INPUT', field: 'params' });
    await expect(
      runWorkspace(['remove', '9', '--data-dir', dir], bufferIo()),
    ).rejects.toMatchObject({ code: 'E_NOT_FOUND' });
    await expect(runWorkspace(['frobnicate', '--data-dir', dir], bufferIo())).rejects.toMatchObject(
      { code: 'E_USAGE' },
    );
  });

  it('add --frontier-file --dry-run shows the models and writes nothing (no workspace created)', async () => {
    const dir = join(tmp(), 'fresh');
    const io = bufferIo();
    expect(
      await runWorkspace(['add', '--data-dir', dir, '--frontier-file', DATED, '--dry-run'], io),
    ).toBe(0);
    expect(io.stdout).toMatch(/long frontier file, 23 frontier models \(dry run: nothing saved\)/);
    expect(io.stdout).toMatch(
      /\| claude-haiku-4-5-20251001 +\| Anthropic +\| 2025-10-15 .*\| yes +\|/,
    );
    expect(existsSync(dir)).toBe(false);
  });

  it('add --frontier-file saves all or nothing with the decision the dry run shows', async () => {
    const dir = tmp();
    const io = bufferIo();
    expect(await runWorkspace(['add', '--data-dir', dir, '--frontier-file', DATED], io)).toBe(0);
    expect(io.stdout).toMatch(/saved 23 frontier models to /);
    const again = bufferIo();
    const dry = ['add', '--data-dir', dir, '--frontier-file', DATED, '--dry-run', '--json'];
    expect(await runWorkspace(dry, again)).toBe(1);
    const plan = JSON.parse(again.stdout);
    expect(plan.problems).toHaveLength(23);
    expect(plan.problems[0].message).toMatch(
      /is already saved \(remove it first; nothing was saved\)/,
    );
    await expect(
      runWorkspace(['add', '--data-dir', dir, '--frontier-file', DATED], bufferIo()),
    ).rejects.toThrow(plan.problems[0].message);
    const ws = openWorkspace(dir);
    expect(ws.frontier.list()).toHaveLength(23);
    ws.close();
  });

  it('list shows saved frontier models; list --frontier --json is the API body; remove --frontier', async () => {
    const dir = tmp();
    await runWorkspace(['add', '--data-dir', dir, '--frontier-file', DATED], bufferIo());
    const table = bufferIo();
    expect(await runWorkspace(['list', '--data-dir', dir], table)).toBe(0);
    expect(table.stdout).toMatch(/Frontier models: 23/);
    const js = bufferIo();
    expect(await runWorkspace(['list', '--frontier', '--json', '--data-dir', dir], js)).toBe(0);
    const ws = openWorkspace(dir);
    expect(JSON.parse(js.stdout)).toEqual({ models: ws.frontier.list() });
    ws.close();
    const rm = ['remove', '--frontier', 'CLAUDE-HAIKU-4-5-20251001', '--data-dir', dir];
    expect(await runWorkspace(rm, bufferIo())).toBe(0);
    await expect(runWorkspace(rm, bufferIo())).rejects.toMatchObject({ code: 'E_NOT_FOUND' });
    const left = bufferIo();
    await runWorkspace(['list', '--frontier', '--json', '--data-dir', dir], left);
    expect(JSON.parse(left.stdout).models).toHaveLength(22);
  });

  it('frontier and trajectory --saved analyse the saved set exactly as --file does', async () => {
    const dir = tmp();
    await runWorkspace(['add', '--data-dir', dir, '--frontier-file', DATED], bufferIo());
    for (const [run, extra] of [
      [runFrontier, []],
      [runTrajectory, ['--lab', 'Anthropic']],
    ] as const) {
      const saved = bufferIo();
      const file = bufferIo();
      expect(await run(['--saved', '--data-dir', dir, ...extra, '--json'], saved)).toBe(0);
      expect(await run(['--file', DATED, ...extra, '--json'], file)).toBe(0);
      expect(JSON.parse(saved.stdout)).toEqual(JSON.parse(file.stdout));
    }
    await expect(
      runFrontier(['--saved', '--data-dir', tmp(), '--json'], bufferIo()),
    ).rejects.toMatchObject({ code: 'E_INPUT', field: 'saved' });
  });
});
