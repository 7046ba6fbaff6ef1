import { describe, expect, it } from 'vitest';
import { familyLabel, familyLabeller } from './names.ts';

describe('familyLabel', () => {
  it('names an organisation/model family by the model, with the organisation in brackets', () => {
    expect(familyLabel('acme/zephyrine')).toBe('Zephyrine (acme)');
    expect(familyLabel('EleutherAI/pythia')).toBe('Pythia (EleutherAI)');
  });

  it("names a saved model's family of one by the model", () => {
    expect(familyLabel('ws-3', 'zephyrine-7b')).toBe('zephyrine-7b (saved)');
    expect(familyLabel('ws-3')).toBe('saved model');
  });

  it('leaves curated family names as they are', () => {
    for (const k of ['Pythia', 'Llama-2', 'ws-team', '/x', 'x/']) expect(familyLabel(k)).toBe(k);
  });

  it('familyLabeller finds the model of a family of one', () => {
    const label = familyLabeller([
      { family: 'ws-7', name: 'mine-1b' },
      { family: 'Pythia', name: 'Pythia-70M' },
    ]);
    expect(label('ws-7')).toBe('mine-1b (saved)');
    expect(label('Pythia')).toBe('Pythia');
  });
});
