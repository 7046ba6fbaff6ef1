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
    const r = await run(runSteerEval, [
      '--model-dir',
      '/fake',
      '--limit',
      '6',
      '--data-dir',
      tmp,
      '--json',
    ]);
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
    const r = await run(runSteerEval, [
      '--model-dir',
      '/fake',
      '--limit',
      '3',
      '--data-dir',
      dir,
      '--no-save',
    ]);
    expect(r.stdout).toMatch(/TruthfulQA MC1\/MC2 on the test split \(n = 3\)/);
    expect(r.stdout).toMatch(/\| truth direction − unsteered/);
    expect(r.stdout).toMatch(/Perplexity on a neutral text/);
    expect(listEvals(dir)).toEqual([]);
  });

  it('refuses a bad --limit naming the flag, value and range (exit 2 through main)', async () => {
    await expect(run(runSteerEval, ['--model-dir', '/m', '--limit', '0'])).rejects.toThrow(
      '--limit "0" (expected an integer in 1..817)',
    );
    await expect(run(runSteerEval, ['--limit', '3'])).rejects.toThrow(/missing --model-dir/);
  });
});

describe('cape steer export', () => {
  it('writes a GGUF control vector and a safetensors file of the calibrated direction', async () => {
    const g = join(tmp, 'd.gguf');
    const r = await run(runSteerExport, [
      '--model-dir',
      '/fake',
      '--format',
      'gguf',
      '--out',
      g,
      '--json',
    ]);
    expect(JSON.parse(r.stdout)).toMatchObject({ format: 'gguf', layer: 1, hidden: 8 });
    expect(readFileSync(g).subarray(0, 4).toString()).toBe('GGUF');
    const s = join(tmp, 'd.safetensors');
    const r2 = await run(runSteerExport, [
      '--model-dir',
      '/fake',
      '--format',
      'safetensors',
      '--out',
      s,
    ]);
    expect(r2.stdout).toMatch(
      /wrote .*d\.safetensors: safetensors, direction of block 1 \(0-based\), 8 floats/,
    );
  });

  it('refuses an unknown --format and a bad calibration file', async () => {
    await expect(
      run(runSteerExport, ['--model-dir', '/m', '--format', 'onnx', '--out', 'x']),
    ).rejects.toThrow('--format "onnx" (expected safetensors or gguf)');
    await expect(
      run(runSteerExport, [
        '--model-dir',
        '/m',
        '--format',
        'gguf',
        '--out',
        'x',
        '--calibration',
        join(tmp, 'none.json'),
      ]),
    ).rejects.toThrow(/--calibration .*none\.json.*: no such file/);
  });
});

describe('a model folder that does not exist', () => {
  it('is refused by the engine with a one-line error before anything is written', async () => {
    const io = bufferIo();
    await expect(
      runSteerExport(['--model-dir', '/m', '--format', 'gguf', '--out', join(tmp, 'x')], io),
    ).rejects.toThrow(/\/m/);
  });
});

describe('cape steer export with the engine on the tiny GPT-NeoX fixture', () => {
  it('writes the direction the torch reference calibrates (each component within 1e-6) into both formats', async () => {
    const ref = JSON.parse(
      readFileSync(
        join(import.meta.dirname, '../../../test/fixtures/steering/gpt-neox/reference.json'),
        'utf8',
      ),
    ).calibration;
    const dirModel = join(import.meta.dirname, '../../../test/fixtures/steering/gpt-neox');
    const g = join(tmp, 'neox.gguf');
    const io = bufferIo();
    expect(
      await runSteerExport(['--model-dir', dirModel, '--format', 'gguf', '--out', g, '--json'], io),
    ).toBe(0);
    expect(JSON.parse(io.stdout)).toMatchObject({
      layer: ref.probeLayer,
      hidden: ref.direction.length,
    });
    const b = readFileSync(g);
    const floats = new Float32Array(
      b.buffer.slice(b.byteOffset + b.length - 4 * ref.direction.length, b.byteOffset + b.length),
    );
    ref.direction.forEach((x: number, i: number) =>
      expect(Math.abs(floats[i]! - x)).toBeLessThanOrEqual(1e-6),
    );
    const s = join(tmp, 'neox.safetensors');
    expect(
      await runSteerExport(
        ['--model-dir', dirModel, '--format', 'safetensors', '--out', s],
        bufferIo(),
      ),
    ).toBe(0);
    const sb = readFileSync(s);
    const st = new Float32Array(
      sb.buffer.slice(
        sb.byteOffset + sb.length - 4 * ref.direction.length,
        sb.byteOffset + sb.length,
      ),
    );
    expect(Array.from(st)).toEqual(Array.from(floats));
  }, 60_000);
});
