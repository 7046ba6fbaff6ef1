/**
 * The out-of-sample replication of the seed's claim for one group of models (a type selection):
 * the families NOT among the curated (reference) families, their usable transitions, and the sign
 * test at the reference study's stated Nc and at the Nc estimated from the curated families.
 */
import type { LeaderboardType } from '../../data/ingest/types.ts';
import { familySeries, familyTransitions, usable, type Transition } from '../coupling.ts';
import type { ModelPoint } from '../points.ts';
import { typesOf, type TypeSelection } from './select.ts';
import { signTest, type SignTest } from './signtest.ts';
import { replicationVerdict } from './verdict.ts';

export interface ReplicationGroup {
  group: TypeSelection;
  types: LeaderboardType[];
  /** Out-of-sample family keys whose transitions are tested. */
  families: string[];
  /** Family keys left out because they match a curated family, with the curated name. */
  referenceFamilies: { key: string; reference: string }[];
  /** Transitions of the out-of-sample families: all, and usable (|ΔHS| ≥ 0.5, distinct sizes). */
  transitions: number;
  usableTransitions: number;
  stated: SignTest;
  /** Null when no curated Nc was available. */
  curated: SignTest | null;
  verdict: string;
}

export interface ReplicationOptions {
  statedNc: number;
  curatedNc: number | null;
  seed: number;
  permutations: number;
}

type FamilyInput = { key: string; reference: string | null } & (
  | { transitions: Transition[] }
  | { points: ModelPoint[] }
);

const LABEL: Record<TypeSelection, string> = {
  pretrained: 'Pretrained models',
  all: 'All models',
  'fine-tuned': 'Fine-tuned models (contrast)',
  chat: 'Chat models (contrast)',
  merge: 'Merged models (contrast)',
};

/** Sign tests and verdict for a group's out-of-sample families. */
export function replicationGroup(
  group: TypeSelection,
  families: readonly FamilyInput[],
  o: ReplicationOptions,
): ReplicationGroup {
  const out = families.filter((f) => f.reference === null);
  const ts = out.flatMap((f) =>
    'transitions' in f
      ? f.transitions
      : familyTransitions(familySeries(f.points, f.key, 'hellaswag', 'truthfulqa_mc2')),
  );
  const opts = { seed: o.seed, permutations: o.permutations };
  const stated = signTest(ts, o.statedNc, 'stated', opts);
  const curated = o.curatedNc === null ? null : signTest(ts, o.curatedNc, 'curated', opts);
  return {
    group,
    types: typesOf(group),
    families: out.map((f) => f.key),
    referenceFamilies: families.flatMap((f) =>
      f.reference === null ? [] : [{ key: f.key, reference: f.reference }],
    ),
    transitions: ts.length,
    usableTransitions: usable(ts).length,
    stated,
    curated,
    verdict: replicationVerdict(LABEL[group], out.length, stated, curated),
  };
}
