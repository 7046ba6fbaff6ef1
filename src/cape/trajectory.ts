/**
 * Within-lab trajectories (docs/science-spec.md §15): for two releases, γ12 = ΔGPQA/ΔSWE and the
 * change of
 * h. Coding gained at reasoning's cost (ΔSWE > 0, ΔGPQA < 0) is a "tax excursion"; a cooperative
 * step right after an excursion is a "recovery". When |ΔSWE| is below the benchmarks' noise the
 * ratio is flagged instead of being read as meaningful. Also the release gate.
 */
import { CapeError } from '../core/errors.ts';
import type { Context } from './context.ts';
import { frontierFit, frontierPairs, hField, type FrontierModelRow } from './frontier.ts';
import { findModel, findName } from './lookup.ts';

/** |ΔSWE| below this many points is within run-to-run and harness noise (vendor reports differ by
 * 1–2 pp). */
export const TINY_DELTA = 2;

export type StepKind =
  | 'tax-excursion'
  | 'recovery'
  | 'cooperative'
  | 'reasoning-over-coding'
  | 'joint-regression'
  | 'flat';

export interface TrajectoryStep {
  from: string;
  to: string;
  fromDate: string | null;
  toDate: string | null;
  dSwe: number;
  dGpqa: number;
  /** ΔGPQA/ΔSWE; null when ΔSWE is 0. */
  gamma12: number | null;
  /** |ΔSWE| < TINY_DELTA: the ratio is not meaningful. */
  tinyDelta: boolean;
  hFrom: number;
  hTo: number;
  kind: StepKind;
  interpretation: string;
  /** True when `to` was released before `from` (a comparison the reference made backwards in time). */
  backwardsInTime: boolean;
  /** The two models' scores come from different sources (e.g. Epoch AI's runs vs vendor reports):
   * the deltas mix protocols. Null when both sources are the same or either is unknown. */
  crossSource: { from: string; to: string } | null;
}

/** True for a date with at least month precision ("2025-06", "2025-06-17"; not "2025"). */
function monthKnown(d: string | null): boolean {
  return d !== null && d.length >= 7;
}

function classify(dSwe: number, dGpqa: number, prev: StepKind | null): StepKind {
  if (dSwe > 0 && dGpqa < 0) return 'tax-excursion';
  if (dSwe < 0 && dGpqa > 0) return 'reasoning-over-coding';
  if (dSwe < 0 && dGpqa < 0) return 'joint-regression';
  if (dSwe === 0 && dGpqa === 0) return 'flat';
  return prev === 'tax-excursion' || prev === 'reasoning-over-coding' ? 'recovery' : 'cooperative';
}

const TEXT: Record<StepKind, string> = {
  'tax-excursion': "Tax excursion: coding gained at reasoning's cost",
  'reasoning-over-coding': "Trade-off the other way: reasoning gained at coding's cost",
  'joint-regression': 'Both capabilities dropped',
  flat: 'No change',
  recovery: 'Recovery: both capabilities improve after an excursion',
  cooperative: 'Cooperative: both capabilities improve',
};

function rowOf(rows: readonly FrontierModelRow[], name: string): FrontierModelRow {
  return findModel(rows, name, 'frontier model');
}

function step(a: FrontierModelRow, b: FrontierModelRow, prev: StepKind | null): TrajectoryStep {
  const dSwe = b.swe - a.swe;
  const dGpqa = b.gpqa - a.gpqa;
  const tinyDelta = Math.abs(dSwe) < TINY_DELTA;
  const kind = classify(dSwe, dGpqa, prev);
  const backwardsInTime =
    monthKnown(a.releaseDate) &&
    monthKnown(b.releaseDate) &&
    (b.releaseDate as string).slice(0, 7) < (a.releaseDate as string).slice(0, 7);
  let interpretation = TEXT[kind];
  if (tinyDelta && kind !== 'flat')
    interpretation += ` (|ΔSWE| = ${Math.abs(dSwe).toFixed(1)} < ${TINY_DELTA} points: γ12 is a ratio of noise-sized changes; read the signs, not the number)`;
  if (backwardsInTime) interpretation += ' (note: the second model was released first)';
  const crossSource =
    a.source && b.source && a.source !== b.source ? { from: a.source, to: b.source } : null;
  if (crossSource)
    interpretation += ` (CROSS-SOURCE: ${a.source} vs ${b.source}: the deltas mix two measurement protocols, not two models)`;
  return {
    from: a.name,
    to: b.name,
    fromDate: a.releaseDate,
    toDate: b.releaseDate,
    dSwe,
    dGpqa,
    gamma12: dSwe === 0 ? null : dGpqa / dSwe,
    tinyDelta,
    hFrom: a.h,
    hTo: b.h,
    kind,
    interpretation,
    backwardsInTime,
    crossSource,
  };
}

/** The step between two named frontier models (in the order given). */
export function trajectoryBetween(ctx: Context, from: string, to: string): TrajectoryStep {
  const rows = frontierFit(ctx).models;
  return step(rowOf(rows, from), rowOf(rows, to), null);
}

export interface LabTrajectory {
  lab: string;
  n: number;
  steps: TrajectoryStep[];
  /** Releases left out because their release month is unknown. */
  undated: string[];
  order: string;
}

/** Consecutive releases of a lab in date order (undated releases left out and listed). */
export function labTrajectory(ctx: Context, lab: string): LabTrajectory {
  const rows = frontierFit(ctx).models;
  const name = findName([...new Set(rows.map((r) => r.lab))], lab, 'lab');
  const mine = rows.filter((r) => r.lab === name);
  const dated = mine
    .filter((r) => monthKnown(r.releaseDate))
    .sort(
      (a, b) => (a.releaseDate as string).localeCompare(b.releaseDate as string) || a.swe - b.swe,
    );
  const steps: TrajectoryStep[] = [];
  for (let i = 1; i < dated.length; i++)
    steps.push(step(dated[i - 1]!, dated[i]!, steps.at(-1)?.kind ?? null));
  return {
    lab: name,
    n: dated.length,
    steps,
    undated: mine.filter((r) => !monthKnown(r.releaseDate)).map((r) => r.name),
    order: 'release date (month precision), then SWE for releases of the same date',
  };
}

/** Labs with at least two dated releases. */
export function trajectoryLabs(ctx: Context): string[] {
  const rows = frontierFit(ctx).models;
  const labs = [...new Set(rows.map((r) => r.lab))].sort();
  return labs.filter(
    (l) => rows.filter((r) => r.lab === l && monthKnown(r.releaseDate)).length >= 2,
  );
}

export interface GateResult {
  pass: boolean;
  previous: string;
  step: TrajectoryStep;
  hCandidate: number;
  reason: string;
  /** Set when the candidate and the previous release were measured by different sources. */
  crossSource: { from: string; to: string } | null;
}

/** The gate's candidate: a named frontier model, or scores given by the user. */
export type GateInput =
  | { previous: string; candidate: string }
  | { previous: string; swe: number; gpqa: number; source?: string | null };

function candidateRow(
  ctx: Context,
  rows: readonly FrontierModelRow[],
  input: GateInput,
  lab: string,
) {
  if ('candidate' in input) return rowOf(rows, input.candidate);
  const h = hField(ctx, { swe: input.swe, gpqa: input.gpqa });
  return {
    name: 'candidate',
    lab,
    releaseDate: null,
    subset: 'candidate',
    swe: input.swe,
    gpqa: input.gpqa,
    h: h.h,
    anomaly: h.significant,
    hP: NaN,
    hQ: NaN,
    inFit: false,
    provenance: 'user',
    source: input.source ?? null,
  } satisfies FrontierModelRow;
}

/**
 * Release gate: compares a candidate (SWE, GPQA, or a named model) with the previous release.
 * Fails (pass=false) on a tax excursion — coding up while reasoning goes down. A tiny ΔSWE still
 * fails if GPQA dropped, and the reason says the ratio itself is noise-sized. A candidate and a
 * previous release measured by different sources (Epoch AI vs vendor-reported) are flagged
 * `crossSource`, and the reason says so first.
 */
export function gate(ctx: Context, input: GateInput): GateResult {
  const rows = frontierFit(ctx).models;
  if (frontierPairs(ctx).length === 0)
    throw new CapeError('E_INSUFFICIENT_DATA', 'no frontier models with SWE and GPQA');
  const prev = rowOf(rows, input.previous);
  const cand = candidateRow(ctx, rows, input, prev.lab);
  const s = step(prev, cand, null);
  const pass = s.kind !== 'tax-excursion';
  const cross = s.crossSource
    ? `CROSS-SOURCE comparison (${s.crossSource.from} → ${s.crossSource.to}): the deltas mix two measurement protocols; `
    : '';
  const reason = pass
    ? `${cross}no tax excursion: ΔSWE ${sign(s.dSwe)}, ΔGPQA ${sign(s.dGpqa)} (${s.interpretation}); h ${sign(prev.h)} → ${sign(cand.h)}`
    : `${cross}tax excursion against ${prev.name}: SWE ${sign(s.dSwe)} while GPQA ${sign(s.dGpqa)} (γ12 = ${s.gamma12 === null ? 'n/a' : s.gamma12.toFixed(2)}${s.tinyDelta ? ', ΔSWE is noise-sized' : ''}); h ${sign(prev.h)} → ${sign(cand.h)}`;
  return {
    pass,
    previous: prev.name,
    step: s,
    hCandidate: cand.h,
    reason,
    crossSource: s.crossSource,
  };
}

function sign(v: number): string {
  return `${v >= 0 ? '+' : ''}${v.toFixed(1)}`;
}
