import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openWorkspace } from '../workspace/index.ts';
import { bufferIo } from './io.ts';
import { runWorkspace } from './workspace.ts';

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
});
