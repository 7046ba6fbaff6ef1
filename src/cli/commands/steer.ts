/**
 * `cape steer`: activation steering of a local Hugging Face checkpoint (src/steer). Subcommands
 * are one line each in SUBCOMMANDS; `cape steer` without one runs the steering comparison.
 */
import { CapeError } from '../../core/errors.ts';
import { fmtNum } from '../../report/format.ts';
import { formatTable } from '../../report/table.ts';
import type { SteerModel, SteerOptions, SteerResult } from '../../steer/index.ts';
import { readStatements } from '../../steer/statements.ts';
import { parse, type Options } from '../args.ts';
import { printJson, type Io } from '../io.ts';

export const help = `cape steer --model-dir DIR (--prompt TEXT | --demo) [--max-tokens N]
           [--greedy | --seed S [--temperature T] [--top-p P]] [--strength auto|X]
           [--adapt prompt|step] [--layer L] [--calibration FILE] [--threads N] [--json]
cape steer calibrate --model-dir DIR [--calibration FILE] [--layer L] [--threads N] [--json]
cape steer eval --model-dir DIR [--limit N] [--json]      (TruthfulQA MC1/MC2; docs/steering-eval.md)
cape steer export --model-dir DIR --format safetensors|gguf --out FILE
  Loads a local Hugging Face checkpoint (a folder, or a model id in the HF cache; GPT-NeoX,
  GPT-2, Llama/Mistral, Qwen2; safetensors F32/F16/BF16; nothing is downloaded), finds the truth
  direction at the probe layer floor(layers/4) from 8 true and 8 false statements (or your
  --calibration file {"true": [...], "false": [...]}), classifies each prompt by its cosine and
  generates with and without strength·direction added at the newest position (the study's
  cli/cape_steer.py). Both arms decode alike: greedy (the default) or seeded sampling (same seed;
  temperature 0.7 and top-p 0.9 unless given). --demo runs the study's 14 demo prompts.
  --max-tokens 1..2048 (default 50); --layer is a 0-based block index; --threads 1..64 splits
  each matrix product (default $CAPE_STEER_THREADS, else min(2, cores); results are identical
  whatever the count; eval and export read $CAPE_STEER_THREADS). Progress on stderr.`;

type Sub = (argv: string[], io: Io) => Promise<number>;

/** Subcommands of `cape steer`; eval and export load their modules on demand. */
export const SUBCOMMANDS: Record<string, Sub> = {
  calibrate: runCalibrate,
  eval: (a, io) => import('./steer-eval.ts').then((m) => m.runSteerEval(a, io)),
  export: (a, io) => import('./steer-export.ts').then((m) => m.runSteerExport(a, io)),
};

const MODEL: Options = {
  'model-dir': { type: 'string' },
  layer: { type: 'string' },
  calibration: { type: 'string' },
  threads: { type: 'string' },
};

const RUN: Options = {
  ...MODEL,
  prompt: { type: 'string' },
  demo: { type: 'boolean' },
  'max-tokens': { type: 'string' },
  greedy: { type: 'boolean' },
  seed: { type: 'string' },
  temperature: { type: 'string' },
  'top-p': { type: 'string' },
  strength: { type: 'string' },
  adapt: { type: 'string' },
};

/** Runs `cape steer [subcommand] ...`. */
export async function run(argv: string[], io: Io): Promise<number> {
  const [first, ...rest] = argv;
  if (first !== undefined && !first.startsWith('-')) {
    const sub = SUBCOMMANDS[first];
    if (!sub) {
      throw new CapeError(
        'E_USAGE',
        `cape steer ${first} is unknown (expected one of: ` +
          `${Object.keys(SUBCOMMANDS).join(', ')}, or options)`,
        'subcommand',
      );
    }
    return sub(rest, io);
  }
  return runSteer(argv, io);
}

function number(
  v: unknown,
  flag: string,
  want: string,
  ok: (n: number) => boolean,
): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (typeof v !== 'string' || v.trim() === '' || !Number.isFinite(n) || !ok(n)) {
    throw new CapeError('E_INPUT', `--${flag} ${JSON.stringify(v)} (expected ${want})`, flag);
  }
  return n;
}

const isThreadCount = (n: number): boolean => Number.isInteger(n) && n >= 1 && n <= 64;

function modelDir(values: Record<string, unknown>): string {
  const d = values['model-dir'];
  if (typeof d !== 'string' || d.trim() === '') {
    throw new CapeError(
      'E_USAGE',
      'missing --model-dir (a Hugging Face model folder or a cached model id)',
      'model-dir',
    );
  }
  return d;
}

async function open(
  values: Record<string, unknown>,
  io: Io,
): Promise<{ m: SteerModel; loadMs: number }> {
  const dir = modelDir(values);
  io.err(`loading ${dir} …\n`);
  const t = performance.now();
  const { openModel } = await import('../../steer/index.ts');
  const threads = number(values.threads, 'threads', 'an integer 1..64', isThreadCount);
  const m = await openModel(dir, { threads });
  return { m, loadMs: performance.now() - t };
}

function layerOf(values: Record<string, unknown>): number | undefined {
  return number(values.layer, 'layer', 'a 0-based block index', Number.isInteger);
}

/** `cape steer calibrate`: the truth direction as JSON (or a summary). */
export async function runCalibrate(argv: string[], io: Io): Promise<number> {
  const { values } = parse(argv, MODEL);
  if (values.help) return (io.out(`${help}\n`), 0);
  const statements =
    typeof values.calibration === 'string' ? readStatements(values.calibration) : undefined;
  const layer = layerOf(values);
  const { m } = await open(values, io);
  try {
    io.err('calibrating …\n');
    const cal = await m.calibrate(statements, layer);
    if (values.json) return (printJson(io, cal), 0);
    io.out(
      `${m.info.architecture}, ${cal.layers} layers, hidden ${cal.hidden}: truth direction at block ` +
        `${cal.probeLayer} from ${cal.nTrue} true and ${cal.nFalse} false statements; ` +
        `‖mean(true) − mean(false)‖ = ${fmtNum(cal.rawNorm, 4)}\n`,
    );
    return 0;
  } finally {
    await m.close();
  }
}

function steerOptions(values: Record<string, unknown>): SteerOptions {
  const seed = number(values.seed, 'seed', 'an integer', Number.isSafeInteger);
  if (values.greedy && seed !== undefined) {
    throw new CapeError(
      'E_USAGE',
      '--greedy and --seed together (expected one decoding rule)',
      'greedy',
    );
  }
  if (seed === undefined && (values.temperature !== undefined || values['top-p'] !== undefined)) {
    throw new CapeError(
      'E_USAGE',
      '--temperature/--top-p without --seed (sampling needs a seed)',
      'seed',
    );
  }
  const s = values.strength;
  const strength =
    s === undefined || s === 'auto'
      ? 'auto'
      : number(s, 'strength', 'auto or a number (≤ 0 adds nothing)', () => true)!;
  const adapt = values.adapt ?? 'prompt';
  if (adapt !== 'prompt' && adapt !== 'step') {
    throw new CapeError(
      'E_INPUT',
      `--adapt ${JSON.stringify(adapt)} (expected prompt or step)`,
      'adapt',
    );
  }
  return {
    maxTokens:
      number(
        values['max-tokens'],
        'max-tokens',
        'an integer 1..2048',
        (n) => Number.isInteger(n) && n >= 1 && n <= 2048,
      ) ?? 50,
    greedy: seed === undefined,
    seed,
    strength,
    adapt,
    layer: layerOf(values),
    temperature: number(
      values.temperature,
      'temperature',
      'a number in (0, 10]',
      (n) => n > 0 && n <= 10,
    ),
    topP: number(values['top-p'], 'top-p', 'a number in (0, 1]', (n) => n > 0 && n <= 1),
  };
}

async function prompts(
  values: Record<string, unknown>,
): Promise<{ name: string; prompt: string }[]> {
  const p = values.prompt;
  if (values.demo && p !== undefined)
    throw new CapeError('E_USAGE', '--prompt and --demo together (expected one)', 'prompt');
  if (values.demo) return (await import('../../steer/defaults.ts')).DEMO_PROMPTS;
  if (p === undefined) throw new CapeError('E_USAGE', 'missing --prompt TEXT or --demo', 'prompt');
  if (typeof p !== 'string' || p.trim() === '') {
    throw new CapeError(
      'E_INPUT',
      `--prompt ${JSON.stringify(p)} (expected non-empty text)`,
      'prompt',
    );
  }
  return [{ name: 'prompt', prompt: p }];
}

/** `cape steer`: normal vs steered generations for a prompt or the demo prompts. */
export async function runSteer(argv: string[], io: Io): Promise<number> {
  const { values } = parse(argv, RUN);
  if (values.help) return (io.out(`${help}\n`), 0);
  const opts = steerOptions(values);
  const list = await prompts(values);
  const statements =
    typeof values.calibration === 'string' ? readStatements(values.calibration) : undefined;
  const { m, loadMs } = await open(values, io);
  try {
    if (statements) await m.useCalibration!(await m.calibrate(statements, opts.layer));
    const results: SteerResult[] = [];
    for (const [i, p] of list.entries()) {
      io.err(`[${i + 1}/${list.length}] ${p.name} …\n`);
      results.push(await m.steer(p.prompt, opts));
    }
    const out = report(m, results, loadMs);
    if (values.json) return (printJson(io, out), 0);
    io.out(
      render(
        m,
        list.map((p) => p.name),
        results,
        opts,
        out.timing,
      ),
    );
    return 0;
  } finally {
    await m.close();
  }
}

function report(m: SteerModel, results: SteerResult[], loadMs: number) {
  const { architecture, layers, hidden, probeLayer, dtype } = m.info;
  let pre = 0,
    preN = 0,
    dec = 0,
    decN = 0;
  for (const r of results) {
    pre += (r.timing?.prefillMsPerToken ?? 0) * r.promptTokens.length;
    preN += r.promptTokens.length;
    dec += (r.timing?.decodeMsPerToken ?? 0) * (r.timing?.decodeSteps ?? 0);
    decN += r.timing?.decodeSteps ?? 0;
  }
  return {
    model: { architecture, layers, hidden, probeLayer, dtype },
    results: results.map(({ timing: _t, ...r }) => r),
    timing: {
      loadMs,
      prefillMsPerToken: preN ? pre / preN : 0,
      decodeMsPerToken: decN ? dec / decN : 0,
    },
  };
}

function render(
  m: SteerModel,
  names: string[],
  rs: SteerResult[],
  o: SteerOptions,
  t: { loadMs: number; prefillMsPerToken: number; decodeMsPerToken: number },
): string {
  const table = formatTable({
    title:
      `Steering ${m.info.architecture} (${m.info.layers} layers, hidden ${m.info.hidden}, ` +
      `${m.info.dtype}) at block ${o.layer ?? m.info.probeLayer}`,
    headers: ['prompt', 'cos', 'phase', 'strength', '‖h‖', 'strength/‖h‖', 'changed'],
    rows: rs.map((r, i) => [
      names[i]!,
      fmtNum(r.cosTruth, 4, true),
      r.phase,
      fmtNum(r.strength, 2),
      fmtNum(r.hiddenNorm, 2),
      fmtNum(r.relativeStrength, 4),
      r.changed ? 'yes' : 'no',
    ]),
    notes: [
      `decoding: ${
        o.seed === undefined
          ? 'greedy'
          : `seed ${o.seed}, temperature ` + `${o.temperature ?? 0.7}, top-p ${o.topP ?? 0.9}`
      } (same rule for both arms); ` +
        `strength ${o.strength}, adapt ${o.adapt}; n = ${rs.length} prompts`,
      'strength/‖h‖ is the size of the added vector next to the hidden state it is added to',
      `load ${fmtNum(t.loadMs, 0)} ms, prefill ${fmtNum(t.prefillMsPerToken, 1)} ms/token, ` +
        `decode ${fmtNum(t.decodeMsPerToken, 1)} ms/token`,
    ],
  });
  const texts = rs.map(
    (r, i) =>
      `\n${names[i]}: ${JSON.stringify(r.prompt)}\n  normal : ` +
      `${JSON.stringify(r.normal.text)}\n  steered: ${JSON.stringify(r.steered.text)}`,
  );
  return `${table}${texts.join('\n')}\n`;
}
