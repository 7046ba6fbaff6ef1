import { describe, expect, it } from 'vitest';
import { createContext } from '../context.ts';
import { knownParamsFrom, matchReference, referenceFamiliesFrom } from './reference.ts';

const dataset = createContext().dataset;
const refs = referenceFamiliesFrom(dataset);

describe('reference families', () => {
  it('come from the curated hfIds as lower-case base names', () => {
    expect(refs.find((r) => r.name === 'Pythia')!.bases).toEqual(['pythia']);
    expect(refs.find((r) => r.name === 'Llama-1')!.bases).toEqual(['llama']);
  });

  it('match by base name across organisations (mirrors count), by curated name, and not otherwise', () => {
    expect(
      matchReference('huggingface/llama', ['huggingface/llama-7b', 'huggingface/llama-13b'], refs),
    ).toBe('Llama-1');
    expect(
      matchReference('EleutherAI/pythia-deduped', ['EleutherAI/pythia-410m-deduped'], refs),
    ).toBe('Pythia');
    expect(matchReference('Pythia', ['someone/custom-name'], refs)).toBe('Pythia');
    expect(matchReference('Qwen/Qwen1.5', ['Qwen/Qwen1.5-7B'], refs)).toBeNull();
    expect(
      matchReference('openlm-research/open_llama', ['openlm-research/open_llama_7b'], refs),
    ).toBeNull();
  });

  it('knownParams finds a curated model by hfId, case-insensitively', () => {
    const known = knownParamsFrom(dataset);
    expect(known('eleutherai/PYTHIA-70M-deduped')).toBe(70e6);
    expect(known('nobody/model')).toBeNull();
  });
});
