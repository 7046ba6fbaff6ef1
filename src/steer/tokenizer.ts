/**
 * Tokenisation with @huggingface/tokenizers, loading tokenizer.json as it is (post-processor
 * included, so Llama-family files add their BOS). Decoding keeps tokenisation spaces as they are
 * (no " ." → "." clean-up), like the Rust `tokenizers` library.
 */
import { existsSync, readFileSync } from 'node:fs';
import { Tokenizer } from '@huggingface/tokenizers';
import { CapeError } from '../core/errors.ts';

export interface TextCodec {
  encode(text: string): number[];
  decode(ids: number[]): string;
}

/** Loads tokenizer.json (and tokenizer_config.json beside it when present). */
export function loadTokenizer(file: string): TextCodec {
  if (!existsSync(file)) {
    throw new CapeError(
      'E_INPUT',
      `${file}: missing (expected the model's tokenizer.json; ` +
        'slow-tokenizer files such as vocab.json/merges.txt alone are not read)',
      'tokenizer.json',
    );
  }
  let json: object;
  try {
    json = JSON.parse(readFileSync(file, 'utf8')) as object;
  } catch (e) {
    throw new CapeError(
      'E_PARSE',
      `${file}: not valid JSON (${(e as Error).message})`,
      'tokenizer.json',
    );
  }
  let tok: Tokenizer;
  try {
    tok = new Tokenizer(json, {});
  } catch (e) {
    throw new CapeError(
      'E_INPUT',
      `${file}: not a tokenizer this engine can read ` + `(${(e as Error).message})`,
      'tokenizer.json',
    );
  }
  return {
    encode: (text) => tok.encode(text).ids,
    decode: (ids) =>
      tok.decode(ids, { skip_special_tokens: false, clean_up_tokenization_spaces: false }),
  };
}
