/** Builders of small synthetic datasets for the engine's tests (not part of the public API). */
import type { BaseModel, Dataset, FrontierModel } from '../data/schema.ts';
import { loadDataset } from '../data/load.ts';

type Scores = Partial<
  Record<'hellaswag' | 'truthfulqa_mc2' | 'arc_challenge' | 'mmlu' | 'winogrande', number>
>;

export function baseModel(
  family: string,
  params: number,
  scores: Scores,
  kind: 'base' | 'instruct' = 'base',
): BaseModel {
  const id = `${family}-${params}`.toLowerCase().replace(/[^a-z0-9.-]/g, '-');
  return {
    id,
    name: `${family}-${params / 1e9}B`,
    hfId: null,
    family,
    lab: 'test',
    params,
    paramsNote: 'synthetic',
    kind,
    scores: Object.entries(scores).map(([benchmark, value]) => ({
      benchmark: benchmark as keyof Scores,
      metric: 'acc',
      nShot: 0,
      value: value as number,
      source: 'test',
      provenance: 'measured' as const,
    })),
  };
}

export function frontierModel(
  name: string,
  lab: string,
  date: string | null,
  swe: number,
  gpqa: number,
  ifeval?: number,
  productLine = lab,
): FrontierModel {
  const scores: FrontierModel['scores'] = [
    {
      benchmark: 'swe_bench_verified',
      metric: 'resolved',
      nShot: null,
      value: swe,
      source: 'test',
      provenance: 'reported',
    },
    {
      benchmark: 'gpqa_diamond',
      metric: 'accuracy',
      nShot: null,
      value: gpqa,
      source: 'test',
      provenance: 'reported',
    },
  ];
  if (ifeval !== undefined)
    scores.push({
      benchmark: 'ifeval',
      metric: 'accuracy',
      nShot: null,
      value: ifeval,
      source: 'test',
      provenance: 'reported',
    });
  return {
    id: name.toLowerCase().replace(/[^a-z0-9.]+/g, '-'),
    name,
    lab,
    productLine,
    releaseDate: date,
    subset: 'frozen',
    params: null,
    scores,
  };
}

/**
 * A dataset whose families have a planted crossing: γ12 = slope·(log10 N − logNc) exactly, HS
 * rising
 * `dHs` points per step. Frontier and predictions come from the shipped dataset unless given.
 */
export function plantedDataset(opts: {
  logNc: number;
  families: number;
  sizes: number[];
  slope?: number;
  dHs?: number;
  frontier?: FrontierModel[];
}): Dataset {
  const slope = opts.slope ?? 0.5;
  const dHs = opts.dHs ?? 5;
  const base: BaseModel[] = [];
  for (let f = 0; f < opts.families; f++) {
    let hs = 30 + f;
    let tqa = 45 - f;
    opts.sizes.forEach((n, i) => {
      if (i > 0) {
        const mid = (Math.log10(opts.sizes[i - 1]!) + Math.log10(n)) / 2;
        hs += dHs;
        tqa += slope * (mid - opts.logNc) * dHs;
      }
      base.push(
        baseModel(`Fam${f}`, n, {
          hellaswag: hs,
          truthfulqa_mc2: tqa,
          arc_challenge: hs / 2 + f,
          mmlu: 25 + i,
          winogrande: 50 + i * 1.5 + f * 0.3,
        }),
      );
    });
  }
  const shipped = loadDataset();
  return {
    ...shipped,
    base,
    frontier: opts.frontier ?? shipped.frontier,
    sources: [...shipped.sources, { id: 'test', title: 'synthetic', locator: 'test' }],
  };
}

/**
 * A user's pair series (ARC-Challenge → TruthfulQA mc2) with one planted sign change: γ12 = ΔY/ΔX
 * is negative for the first two steps and positive after (−0.2 at the b→c midpoint, 113B; +0.4 at
 * c→d, 226B), so the zero lies a third of the way between in log N, in the Nc2 range.
 */
export const PLANTED_PAIR_SERIES = [
  { name: 'a', params: 40e9, x: 50, y: 40 },
  { name: 'b', params: 80e9, x: 55, y: 38 },
  { name: 'c', params: 160e9, x: 60, y: 37 },
  { name: 'd', params: 320e9, x: 65, y: 39 },
  { name: 'e', params: 640e9, x: 70, y: 42 },
];
