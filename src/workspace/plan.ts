/**
 * What saving a file's models would do, decided once: the inputs built from the file and the
 * user's --params/--family, and each model's problem (the error the save would raise). The dry
 * run prints this plan; the real add saves `inputs` only when the plan has no problem. Both use
 * `checkInputs`, which is what `ModelStore.addMany` runs, so the two cannot disagree.
 */
import { CapeError, type CapeErrorCode } from '../core/errors.ts';
import type { IngestedModel } from '../data/ingest/types.ts';
import { normalizeModelInput, type ModelInput, type NormalizedModel } from './normalize.ts';

export interface InputProblem {
  index: number;
  name: string;
  code: CapeErrorCode;
  message: string;
  field?: string;
}

export interface AddPlan {
  inputs: ModelInput[];
  problems: InputProblem[];
}

/** The field prefix of input `i` of `n` (the one rule for messages of a batch save). */
export const inputPrefix = (i: number, n: number): string => (n > 1 ? `models[${i}].` : '');

/** Checks every input as a save would; returns the checked models and every problem. */
export function checkInputs(inputs: readonly ModelInput[]): {
  checked: NormalizedModel[];
  problems: InputProblem[];
} {
  const checked: NormalizedModel[] = [];
  const problems: InputProblem[] = [];
  inputs.forEach((input, index) => {
    try {
      checked.push(normalizeModelInput(input, inputPrefix(index, inputs.length)));
    } catch (e) {
      if (!(e instanceof CapeError)) throw e;
      const name = typeof input.name === 'string' ? input.name : String(input.name);
      problems.push({
        index,
        name,
        code: e.code,
        message: e.message,
        ...(e.field ? { field: e.field } : {}),
      });
    }
  });
  return { checked, problems };
}

/** The inputs a file add saves: the file's models with the user's params/family applied. */
export function planFileAdd(
  models: readonly IngestedModel[],
  opts: { params?: string | null; family?: string | null } = {},
): AddPlan {
  const inputs = models.map((m) => ({
    name: m.name,
    family: opts.family ?? m.family,
    params: opts.params ?? m.params,
    scores: m.scores,
    ...(m.stderr && { stderr: m.stderr }),
    notes: [
      opts.params != null ? 'params given by the user' : `params from ${m.paramsSource}`,
      ...m.notes,
    ],
  }));
  return { inputs, problems: checkInputs(inputs).problems };
}

/** Throws the plan's first problem as the save would (nothing is saved). */
export function assertPlanOk(plan: AddPlan): void {
  const p = plan.problems[0];
  if (p) throw new CapeError(p.code, `${p.message} (nothing was saved)`, p.field);
}
