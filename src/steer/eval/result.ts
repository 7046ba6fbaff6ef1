/** The shape of a saved steering evaluation (what `cape steer eval --json` prints and the API lists). */
import type { PairedDiff } from './stats.ts';

export type Arm = 'none' | 'truth' | 'control';

/** One arm's mean scores over the items it ran on. */
export interface ArmSummary {
  arm: Arm;
  label: string;
  n: number;
  mc1: number;
  mc2: number;
}

/** arm `a` minus arm `b`, paired over the same items. */
export interface Comparison {
  a: Arm;
  b: Arm;
  mc1: PairedDiff & { mcnemar: { b: number; c: number; p: number } };
  mc2: PairedDiff;
}

export interface SweepRow {
  relative: number;
  meanStrength: number;
  mc1: number;
  mc2: number;
  vsNone: Comparison;
}

export interface PerplexityRow {
  arm: Arm;
  strength: number;
  relative: number;
  ppl: number;
  vsNone: PairedDiff | null;
}

export interface SteerEvalResult {
  kind: 'cape-steer-eval';
  version: 1;
  createdAt: string;
  model: {
    architecture: string;
    layers: number;
    hidden: number;
    probeLayer: number;
    dtype: string;
    parameters: number;
    path: string;
  };
  calibration: { rawNorm: number; nTrue: number; nFalse: number; layer: number };
  protocol: {
    dataset: string;
    split: 'test';
    splitSeed: number;
    n: number;
    limit: number | null;
    prompt: string;
    steering: string;
    control: string;
    bootstrap: { seed: number; resamples: number; level: number };
  };
  phases: Record<string, number>;
  hiddenNorm: { mean: number; min: number; max: number };
  arms: ArmSummary[];
  comparisons: Comparison[];
  sweep: { split: 'dev'; n: number; rows: SweepRow[] };
  perplexity: { source: string; tokens: number; hiddenNorm: number; rows: PerplexityRow[] };
  notes: string[];
}
