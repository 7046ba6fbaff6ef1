/**
 * @huggingface/tokenizers against the Rust `tokenizers` 0.23.2 ids of the 975-string corpus
 * (test/fixtures/steering/tokenizers/corpus.json) for Pythia, GPT-2 and the tiny fixture BPE.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTokenizer } from './tokenizer.ts';

const DIR = join(import.meta.dirname, '../../test/fixtures/steering');
const corpus = JSON.parse(readFileSync(join(DIR, 'tokenizers/corpus.json'), 'utf8')) as {
  texts: string[];
  pythia: number[][];
  gpt2: number[][];
  tiny: number[][];
};
const FILES = {
  pythia: 'tokenizers/pythia-tokenizer.json',
  gpt2: 'tokenizers/gpt2-tokenizer.json',
  tiny: 'tokenizer.json',
};

describe.each(Object.entries(FILES))('tokenizer %s', (name, file) => {
  const tok = loadTokenizer(join(DIR, file));
  const ids = corpus[name as keyof typeof FILES];

  it('encodes all 975 corpus strings to the Rust tokenizers ids', () => {
    expect(corpus.texts.length).toBe(975);
    const wrong = corpus.texts.filter((t, i) => tok.encode(t).join() !== ids[i]!.join());
    expect(wrong).toEqual([]);
  });

  it('decodes without cleaning up tokenisation spaces (" ." stays " .")', () => {
    expect(tok.decode(tok.encode('a . b ,c'))).toBe('a . b ,c');
  });
});
