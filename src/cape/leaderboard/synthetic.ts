/**
 * A synthetic Open LLM Leaderboard v1 export (same columns, emoji labels, 2-decimal scores, quoted
 * fields, rounded-down params_b, duplicate precisions, blank cells) with planted pretrained
 * families, for tests and the benchmark.
 *
 * mode 'planted': in every family, consecutive sizes have γ12 = a·(log10 Nmid − logNc) exactly
 * (before the 2-decimal rounding of the scores), with a per-family slope a in [0.3, 0.8] and HS
 * rising 3–6 points per size, so every estimator of Nc should return logNc.
 * mode 'none': γ12 = ±0.3 with the sign alternating along each family and between families, so
 * that below and above any Nc half of the signs are "correct": no relation between scale and sign.
 * Filler rows (fine-tuned, chat, merge, other; some sizes unknown, some duplicated at another
 * precision) bring the file to `rows` data rows. Seeded; pure.
 */
import { createRng } from '../../core/random.ts';

export interface SyntheticOptions {
  seed?: number;
  /** Planted pretrained families (default 12). */
  families?: number;
  /** Sizes every planted family has (raw counts; default 70M … 70B, ten sizes). */
  sizes?: number[];
  /** Planted log10 Nc (default 9.5, i.e. 3.16B). */
  logNc?: number;
  mode?: 'planted' | 'none';
  /** Total data rows to reach with filler (default: no filler). */
  rows?: number;
  /** Organisation prefix of the planted families (default "plant"). */
  org?: string;
}

export const SYNTHETIC_HEADER =
  't,model,average,arc,hellaswag,mmlu,truthfulqa,winogrande,gsm8k,type,architecture,weight_type,precision,merged,hub_license,params_b,hub_hearts,available_on_the_hub,model_sha,flagged,moe,date,fullname,url';

const DEFAULT_SIZES = [70e6, 160e6, 410e6, 1e9, 1.4e9, 2.8e9, 6.9e9, 12e9, 30e9, 70e9];
const LABELS = {
  pretrained: ['🟢', '🟢 pretrained'],
  'fine-tuned': ['🔶', '🔶 fine-tuned on domain-specific datasets'],
  chat: ['💬', '"💬 chat models (RLHF, DPO, IFT, ...)"'],
  merge: ['🤝', '🤝 base merges and moerges'],
  other: ['?', '""'],
} as const;

const sizeToken = (n: number) =>
  n >= 1e9 ? `${Number((n / 1e9).toPrecision(3))}b` : `${Number((n / 1e6).toPrecision(3))}m`;
const f2 = (v: number) => Math.min(100, Math.max(0, v)).toFixed(2);

function line(
  id: string,
  type: keyof typeof LABELS,
  params: number | null,
  s: { hs: number; tqa: number | null; other: number },
  precision = 'float16',
  date = '2024-01-01T00:00:00Z',
): string {
  const [t, label] = LABELS[type];
  const tqa = s.tqa === null ? '' : f2(s.tqa);
  const scores = [s.other, s.hs, s.other, s.tqa ?? s.other, s.other].map((v) => Number(f2(v)));
  const avg = (scores.reduce((a, b) => a + b, 0) / scores.length).toFixed(2);
  const pb = params === null ? 0 : Math.floor(params / 1e9);
  return `${t},${id},${avg},${f2(s.other)},${f2(s.hs)},${f2(s.other)},${tqa},${f2(s.other + 10)},,${label},LlamaForCausalLM,Original,${precision},FALSE,"apache-2.0, custom",${pb},0,TRUE,0000,FALSE,FALSE,${date},${id},https://huggingface.co/${id}`;
}

/** CSV text of a synthetic leaderboard (see the module comment). */
export function syntheticLeaderboard(opts: SyntheticOptions = {}): string {
  const {
    seed = 1,
    families = 12,
    sizes = DEFAULT_SIZES,
    logNc = 9.5,
    mode = 'planted',
    rows = 0,
    org = 'plant',
  } = opts;
  const rng = createRng(seed);
  const out: string[] = [SYNTHETIC_HEADER];
  for (let f = 0; f < families; f++) {
    const a = 0.3 + 0.5 * rng.next();
    let hs = 28 + 4 * rng.next();
    let tqa = 45 + 5 * rng.next();
    for (let i = 0; i < sizes.length; i++) {
      if (i > 0) {
        const dHs = 3 + 3 * rng.next();
        const mid = (Math.log10(sizes[i - 1]!) + Math.log10(sizes[i]!)) / 2;
        const g = mode === 'planted' ? a * (mid - logNc) : (i + f) % 2 === 0 ? 0.3 : -0.3;
        hs += dHs;
        tqa += g * dHs;
      }
      out.push(
        line(`${org}${f}/base${f}-${sizeToken(sizes[i]!)}`, 'pretrained', sizes[i]!, {
          hs,
          tqa,
          other: 25 + hs / 3,
        }),
      );
    }
  }
  // traps: a pretrained model without a size, one without TruthfulQA, and a duplicate at 4bit
  out.push(line(`${org}x/mystery-base`, 'pretrained', null, { hs: 50, tqa: 40, other: 30 }));
  out.push(line(`${org}x/no-tqa-7b`, 'pretrained', 7e9, { hs: 70, tqa: null, other: 40 }));
  out.push(
    line(
      `${org}0/base0-${sizeToken(sizes[0]!)}`,
      'pretrained',
      sizes[0]!,
      { hs: 20, tqa: 50, other: 20 },
      '4bit',
      '2024-06-01T00:00:00Z',
    ),
  );
  const kinds = ['fine-tuned', 'fine-tuned', 'fine-tuned', 'chat', 'merge', 'other'] as const;
  const fillerSizes = [1.1e9, 3e9, 7e9, 13e9, 34e9, 70e9];
  for (let k = 0; out.length - 1 < rows; k++) {
    const kind = kinds[k % kinds.length]!;
    const size = k % 9 === 0 ? null : fillerSizes[Math.floor(k / 6) % fillerSizes.length]!;
    const id =
      size === null
        ? `filler${k % 97}/tuned-model-v${k}`
        : `filler${k % 97}/${kind.replace('-', '')}-${Math.floor(k / 36)}-${sizeToken(size)}`;
    const hs = 40 + 45 * rng.next();
    const s = { hs, tqa: 35 + 30 * rng.next(), other: 20 + hs / 2 };
    out.push(line(id, kind, size, s, k % 2 ? 'bfloat16' : 'float16'));
    if (k % 50 === 0 && out.length - 1 < rows)
      out.push(line(id, kind, size, s, '8bit', '2024-05-01T00:00:00Z'));
  }
  return `${out.join('\n')}\n`;
}
