/**
 * lm-eval per-sample files (`samples_<task>_<date>.jsonl`, written with `--log_samples`): one
 * JSON object per document with the metric's per-document value (`"acc": 1.0`, `"acc_norm": 0.0`,
 * `"prompt_level_strict_acc": true`; a `filter` field for filtered metrics). A score's 95%
 * percentile bootstrap interval is computed over the documents (seeded; docs/ingest.md). Pure and
 * browser-safe; the caller reads the files.
 */
import { bootstrap, percentileInterval } from '../../core/bootstrap.ts';
import { CapeError } from '../../core/errors.ts';
import { createRng } from '../../core/random.ts';
import { show } from './messages.ts';
import type { SampleCi } from './types.ts';

/** Seed and resamples of the per-sample bootstrap. */
export const SAMPLE_SEED = 1;
export const SAMPLE_RESAMPLES = 2000;

/** Per-document values (0..1) of `metric` ("acc,none", "exact_match,strict-match", "mc2") in a
 * samples JSONL text. A line that is not JSON -> E_PARSE naming the file and line; lines of
 * another filter or without the metric are left out. */
export function parseSamples(text: string, metric: string, origin: string): number[] {
  const [name, filter] = metric.split(',') as [string, string | undefined];
  const out: number[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line) continue;
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch {
      throw new CapeError(
        'E_PARSE',
        `malformed JSON in ${origin} at line ${i + 1} (expected one JSON object per line)`,
      );
    }
    if (typeof row !== 'object' || row === null) continue;
    const r = row as Record<string, unknown>;
    if (filter && filter !== 'none' && typeof r.filter === 'string' && r.filter !== filter)
      continue;
    const v = r[name];
    const x = typeof v === 'boolean' ? Number(v) : v;
    if (typeof x !== 'number' || !Number.isFinite(x) || x < 0 || x > 1) {
      if (v === undefined) continue;
      throw new CapeError(
        'E_INPUT',
        `invalid ${name} in ${origin} at line ${i + 1}: ${show(v)} (expected a number in [0, 1] or true/false)`,
      );
    }
    out.push(x);
  }
  return out;
}

/** Percentile bootstrap (95%) of the mean of per-document values, in percent; null when there
 * are fewer than 2 documents. */
export function sampleCi(values: readonly number[], files: string[]): SampleCi | null {
  if (values.length < 2) return null;
  const x = Float64Array.from(values);
  const n = x.length;
  const { estimates } = bootstrap(n, createRng(SAMPLE_SEED), SAMPLE_RESAMPLES, (idx) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += x[idx[i]!]!;
    return (s / n) * 100;
  });
  const [low, high] = percentileInterval(estimates, 0.95);
  return { low, high, n, resamples: SAMPLE_RESAMPLES, seed: SAMPLE_SEED, files };
}

/** The samples file names lm-eval writes for a task of a results file: `samples_<task>_<stamp>
 * .jsonl` where the results file is `results_<stamp>.json`. */
export function samplesFileName(task: string, resultsFile: string): string | null {
  const stamp = /^results_(.+)\.json$/i.exec(resultsFile)?.[1];
  return stamp ? `samples_${task}_${stamp}.jsonl` : null;
}
