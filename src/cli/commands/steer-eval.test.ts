import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fakeModel } from '../../../test/steer/fake-model.ts';
import { listEvals } from '../../steer/eval/store.ts';
import { bufferIo } from '../io.ts';
import { runSteerEval } from './steer-eval.ts';
import { runSteerExport } from './steer-export.ts';

const tmp = mkdtempSync(join(tmpdir(), 'cape-steer-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const open = async () => fakeModel();
const run = async (fn: typeof runSteerEval, argv: string[]) => {
  const io = bufferIo();
  return { code: await fn(argv, io, open), ...io };
};

describe('cape steer eval', () => {
  it('--json prints only the result on stdout, progress on stderr, and saves it to the workspace', async () => {
    const r = await run(runSteerEval, ['--model-dir', '/fake', '--limit', '6', '--data-dir', tmp, '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.kind).toBe('cape-steer-eval');
    expect(out.protocol).toMatchObject({ n: 6, limit: 6, split: 'test' });
    expect(r.stderr).toMatch(/unsteered: 6\/6/);
    expect(r.stderr).toMatch(/saved as steering evaluation 1/);
    expect(listEvals(tmp)[0]!.result).toEqual(out);
  });

  it('prints lm-eval style tables with n and intervals; --no-save saves nothing', async () => {
    const dir = join(tmp, 'nosave');
    const r = await run(runSteerEval, ['--model-dir', '/fake', '--limit', '3', '--data-dir', dir, '--no-save']);
    expect(r.stdout).toMatch(/TruthfulQA MC1\/MC2 on the test split \(n = 3\)/);
    expect(r.stdout).toMatch(/\| truth direction − unsteered/);
    expect(r.stdout).toMatch(/Perplexity on a neutral text/);
    expect(listEvals(dir)).toEqual([]);
  });

  it('refuses a bad --limit naming the flag, value and range (exit 2 through main)', async () => {
    await expect(run(runSteerEval, ['--model-dir', '/m', '--limit', '0'])).rejects.toThrow('--limit "0" (expected an integer in 1..817)');
    await expect(run(runSteerEval, ['--limit', '3'])).rejects.toThrow(/missing --model-dir/);
  });
});

describe('cape steer export', () => {
  it('writes a GGUF control vector and a safetensors file of the calibrated direction', async () => {
    const g = join(tmp, 'd.gguf');
    const r = await run(runSteerExport, ['--model-dir', '/fake', '--format', 'gguf', '--out', g, '--json']);
    expect(JSON.parse(r.stdout)).toMatchObject({ format: 'gguf', layer: 1, hidden: 8 });
    expect(readFileSync(g).subarray(0, 4).toString()).toBe('GGUF');
    const s = join(tmp, 'd.safetensors');
    const r2 = await run(runSteerExport, ['--model-dir', '/fake', '--format', 'safetensors', '--out', s]);
    expect(r2.stdout).toMatch(/wrote .*d\.safetensors: safetensors, direction of block 1 \(0-based\), 8 floats/);
  });

  it('refuses an unknown --format and a bad calibration file', async () => {
    await expect(run(runSteerExport, ['--model-dir', '/m', '--format', 'onnx', '--out', 'x'])).rejects.toThrow('--format "onnx" (expected safetensors or gguf)');
    await expect(run(runSteerExport, ['--model-dir', '/m', '--format', 'gguf', '--out', 'x', '--calibration', join(tmp, 'none.json')])).rejects.toThrow(/--calibration .*none\.json: ENOENT/);
  });
});

describe('without the engine', () => {
  it('says plainly that the engine is not part of the build (until src/steer/index.ts lands)', async () => {
    const io = bufferIo();
    await expect(runSteerExport(['--model-dir', '/m', '--format', 'gguf', '--out', join(tmp, 'x')], io)).rejects.toThrow(/inference engine|ENOENT|not found|no such/i);
  });
});
