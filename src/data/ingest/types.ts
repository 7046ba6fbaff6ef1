/** The shapes the input parsers return (re-exported by index.ts). */
import type { BenchmarkId } from '../schema.ts';

/** How a parameter count was obtained. */
export type ParamsSource =
  | 'config' // lm-eval config.model_num_parameters (exact count)
  | 'csv' // the params column of a models CSV
  | 'model-id' // the nominal size stated in the model id (pythia-410m -> 410e6)
  | 'known' // a caller-supplied lookup (knownParams)
  | 'metadata' // Open LLM Leaderboard v2 metadata_params_billions (precise)
  | 'params_b' // Open LLM Leaderboard v1 params_b, rounded down to whole billions (last resort)
  | 'unknown';

/** Per-sample bootstrap interval of a score (lm-eval `samples_<task>_<date>.jsonl`). */
export interface SampleCi {
  low: number;
  high: number;
  /** Samples (documents) the interval was computed on. */
  n: number;
  resamples: number;
  seed: number;
  /** The sample files read. */
  files: string[];
}

/** One score as the file gave it: value and stderr in percent (percentage points), protocol. */
export interface ParsedScore {
  value: number;
  /** Standard error in percentage points (the harness's `<metric>_stderr` × 100); null: none. */
  stderr: number | null;
  /** Metric key read (`acc_norm,none`, `mc2`, `exact_match,strict-match`). */
  metric: string;
  /** The file's task name. */
  task: string;
  nShot: number | null;
  /** 95% percentile bootstrap interval over the per-sample file's documents, when present. */
  ci?: SampleCi;
  /** A group's leaf subtasks (for its per-sample files). */
  subtasks?: string[];
  /** The score is within noise of the benchmark's chance level (see docs/ingest.md). */
  nearChance?: boolean;
}

/** Which lm-eval run a model came from (used to group runs of one model). */
export interface RunInfo {
  /** Unix seconds of the run: the file's `date`, else the timestamp in its name; null: none. */
  date: number | null;
  /** `config.model_args` as written (string or JSON of the object); null: none. */
  modelArgs: string | null;
}

/** One model read from a user file. Scores are percent in [0, 100]; missing = absent key. */
export interface IngestedModel {
  name: string;
  family: string | null;
  params: number | null;
  paramsSource: ParamsSource | string;
  scores: Partial<Record<BenchmarkId, number>>;
  /** Standard errors (points) the file states for those scores (lm-eval `*_stderr`); absent when
   * it states none. */
  stderr?: Partial<Record<BenchmarkId, number>>;
  /** What the parser did that the user should know (conversions, fallbacks, protocol notes). */
  notes: string[];
  /** File (or file:line) the model came from. */
  origin: string;
  /** lm-eval only: each score with its stderr, metric, n-shot and per-sample interval. */
  details?: Partial<Record<BenchmarkId, ParsedScore>>;
  /** lm-eval only: the run's date and model_args. */
  run?: RunInfo;
}

export type LeaderboardType =
  | 'pretrained'
  | 'continuously pretrained'
  | 'fine-tuned'
  | 'chat'
  | 'merge'
  | 'other';

export interface LeaderboardRow {
  /** Hugging Face id "org/name" (just "name" for legacy ids such as gpt2). */
  id: string;
  name: string;
  /** Organisation; "" for legacy ids without one. */
  org: string;
  type: LeaderboardType;
  params: number | null;
  /** metadata: v2's precise count; params_b: v1's rounded whole billions (last resort). */
  paramsSource: 'metadata' | 'model-id' | 'known' | 'params_b' | 'unknown';
  scores: Partial<Record<BenchmarkId, number>>;
  /** v2 only: the normalised scores (percent above the random baseline; can be negative). */
  normalised?: Partial<Record<BenchmarkId, number>>;
  precision: string;
  /** Submission date as written (ISO 8601), null when blank. */
  date: string | null;
  architecture: string | null;
  /** The file's params_b (v1: whole billions, rounded down, 0 also unknown; used only as the last
   * resort). */
  paramsB: number | null;
  /** 1-based line in the file. */
  line: number;
}

export interface LeaderboardImport {
  /** Layout of the file: v1, v2, or merged (both sets of columns). */
  version: 'v1' | 'v2' | 'merged';
  rows: LeaderboardRow[];
  /** Rows left out, by reason, with up to 5 example ids each. */
  dropped: { reason: string; count: number; examples: string[] }[];
  /** Ids that had several rows: the row kept and those removed (see the rule in leaderboard.ts). */
  duplicates: {
    id: string;
    kept: LeaderboardRow;
    removed: LeaderboardRow[];
    /** The rows disagree on the type label (e.g. 🟢 pretrained vs 🔶 fine-tuned); the kept row's wins unless another row says pretrained (see `relabelled`). */
    typesDiffer: boolean;
    /** The kept row's label was replaced by a pretrained label another row of the id carries. */
    relabelled?: { from: LeaderboardType; to: LeaderboardType };
  }[];
  /** Id-derived sizes discarded because params_b disagrees by more than 1B + 50%. */
  paramConflicts: { id: string; fromId: number; paramsB: number }[];
}
