/**
 * TruthfulQA (data/truthfulqa/, Apache-2.0, Lin, Hilton & Evans 2021) as multiple-choice items,
 * and the fixed seeded dev/test split. See data/truthfulqa/README.md for the definitions.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { CapeError } from '../../core/errors.ts';
import { createRng } from '../../core/random.ts';
import { projectDataFile } from './files.ts';

/** One question with its answer sets; `best` is also one of `correct`. */
export interface TqaItem {
  /** 0-based row index in TruthfulQA.csv. */
  id: number;
  type: string;
  category: string;
  question: string;
  best: string;
  correct: string[];
  incorrect: string[];
}

export const SPLIT_SEED = 20210908;
export const DEV_FRACTION = 0.2;
const HEADER = [
  'Type',
  'Category',
  'Question',
  'Best Answer',
  'Correct Answers',
  'Incorrect Answers',
  'Source',
];

const answers = (s: string): string[] =>
  s
    .split(';')
    .map((a) => a.trim())
    .filter((a) => a.length > 0);

/** Parses TruthfulQA.csv text into items; a missing column or empty answer set is E_SCHEMA. */
export function parseTruthfulQa(csv: string, file = 'TruthfulQA.csv'): TqaItem[] {
  const rows = parse(csv, { relax_column_count: false, skip_empty_lines: true }) as string[][];
  const head = rows[0] ?? [];
  if (HEADER.some((h, i) => head[i] !== h)) {
    throw new CapeError(
      'E_SCHEMA',
      `${file}: header ${JSON.stringify(head)} (expected ${JSON.stringify(HEADER)})`,
      'header',
    );
  }
  return rows.slice(1).map((r, id) => toItem(r, id, file));
}

function toItem(r: string[], id: number, file: string): TqaItem {
  const item = {
    id,
    type: r[0]!,
    category: r[1]!,
    question: r[2]!.trim(),
    best: r[3]!.trim(),
    correct: answers(r[4]!),
    incorrect: answers(r[5]!),
  };
  const where = `${file} row ${id + 2}`;
  if (!item.question)
    throw new CapeError('E_SCHEMA', `${where}: empty Question (expected text)`, 'Question');
  if (!item.correct.length || !item.incorrect.length) {
    throw new CapeError(
      'E_SCHEMA',
      `${where}: ${item.correct.length} correct and ${item.incorrect.length} incorrect answers (expected at least one of each)`,
      'answers',
    );
  }
  if (!item.correct.includes(item.best)) item.correct.unshift(item.best);
  return item;
}

/** The prompt an item is scored under: `Q: <question>\nA:`; each answer follows as ` <answer>`. */
export function itemContext(item: TqaItem): string {
  return `Q: ${item.question}\nA:`;
}

/**
 * The fixed split: Fisher–Yates shuffle of 0..n−1 with createRng(seed); the first
 * round(n·DEV_FRACTION) indices are dev, the rest test (both returned in ascending order).
 */
export function splitIds(n: number, seed = SPLIT_SEED): { dev: number[]; test: number[] } {
  const ids = Array.from({ length: n }, (_, i) => i);
  const rng = createRng(seed);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [ids[i], ids[j]] = [ids[j]!, ids[i]!];
  }
  const k = Math.round(n * DEV_FRACTION);
  return { dev: ids.slice(0, k).sort((a, b) => a - b), test: ids.slice(k).sort((a, b) => a - b) };
}

/** Path of the vendored data/truthfulqa/TruthfulQA.csv. */
export function truthfulQaPath(): string {
  return projectDataFile('truthfulqa/TruthfulQA.csv');
}

/** Reads and parses the vendored TruthfulQA (or the CSV at `path`). */
export function loadTruthfulQa(path = truthfulQaPath()): TqaItem[] {
  return parseTruthfulQa(readFileSync(path, 'utf8'), path);
}
