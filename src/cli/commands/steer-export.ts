/**
 * `cape steer export --model-dir DIR --format safetensors|gguf --out FILE [--layer L]
 * [--calibration FILE]`: calibrates the truth direction with the engine and writes it for other
 * tools. Wired into `cape steer` by the lead as `export` → runSteerExport(argv, io).
 */
import { writeFile } from 'node:fs/promises';
import { CapeError } from '../../core/errors.ts';
import type { DirectionExport } from '../../steer/export/direction.ts';
import { readStatements } from '../../steer/statements.ts';
import type { SteerModel } from '../../steer/types.ts';
import { need, parse } from '../args.ts';
import { printJson, processIo, type Io } from '../io.ts';
import { openWithEngine } from './steer-eval.ts';

export const steerExportHelp = `cape steer export --model-dir DIR --format safetensors|gguf --out FILE [--layer L] [--calibration FILE]
  Writes the calibrated truth direction (unit norm) of block L (default the probe layer
  floor(layers/4), 0-based). safetensors: tensor "direction" [hidden] F32 with the layer in its
  metadata. gguf: a llama.cpp control vector (tensor direction.L), used as
  llama-cli -m MODEL.gguf --control-vector-scaled FILE STRENGTH. llama.cpp adds it at every
  position of block L, unlike the adaptive steering of cape steer (see docs/steering-eval.md).`;

const FORMATS = ['safetensors', 'gguf'] as const;

/** Runs the command; `open` is the engine's model opener (tests pass a double). */
export async function runSteerExport(
  argv: string[],
  io: Io = processIo,
  open: (dir: string) => Promise<SteerModel> = openWithEngine,
): Promise<number> {
  const { values } = parse(argv, {
    'model-dir': { type: 'string' },
    format: { type: 'string' },
    out: { type: 'string' },
    layer: { type: 'string' },
    calibration: { type: 'string' },
  });
  if (values.help) return (io.out(`${steerExportHelp}\n`), 0);
  const dir = need(values, 'model-dir', 'a Hugging Face snapshot folder or a cached model id');
  const format = need(values, 'format', 'safetensors or gguf');
  if (!(FORMATS as readonly string[]).includes(format))
    throw new CapeError(
      'E_USAGE',
      `--format ${JSON.stringify(format)} (expected ${FORMATS.join(' or ')})`,
      'format',
    );
  const out = need(values, 'out', 'the file to write');
  const layer = values.layer === undefined ? undefined : Number(values.layer);
  if (layer !== undefined && (!Number.isInteger(layer) || layer < 0))
    throw new CapeError(
      'E_USAGE',
      `--layer ${JSON.stringify(values.layer)} (expected a 0-based block index)`,
      'layer',
    );
  const stm =
    typeof values.calibration === 'string' ? readStatements(values.calibration) : undefined;
  const model = await open(dir);
  try {
    const cal = await model.calibrate(stm, layer);
    const e: DirectionExport = {
      direction: Float32Array.from(cal.direction),
      layer: layer ?? cal.probeLayer,
      layers: cal.layers,
      architecture: model.info.architecture,
      rawNorm: cal.rawNorm,
      nTrue: cal.nTrue,
      nFalse: cal.nFalse,
    };
    const bytes =
      format === 'gguf'
        ? (await import('../../steer/export/gguf.ts')).directionGguf(e)
        : (await import('../../steer/export/safetensors.ts')).directionSafetensors(e);
    await writeFile(out, bytes);
    const summary = {
      out,
      format,
      layer: e.layer,
      hidden: e.direction.length,
      bytes: bytes.length,
      rawNorm: e.rawNorm,
    };
    if (values.json) return (printJson(io, summary), 0);
    io.out(
      `wrote ${out}: ${format}, direction of block ${e.layer} (0-based), ${e.direction.length} floats, ${bytes.length} bytes\n`,
    );
    return 0;
  } finally {
    await model.close();
  }
}
