/**
 * The NDJSON lines of a file analysis, one shape for every surface (`cape analyze --file
 * --ndjson`, the API's background jobs): one line per model as it is analysed, a summary last.
 *
 *   {"model": ModelAnalysis, "notes": [...]}      a model analysed
 *   {"skipped": {name, reason, code}, "notes": [...]}   a model left out, with the reason
 *   {"summary": {kind, models, skipped, readerSkipped, notes}}   last: counts, the reader's own
 *                                                   skips and notes
 */
import type { FileModelOutcome } from '../cape/file-analysis.ts';

/** One model's line (newline included). JSON.stringify writes non-finite numbers as null. */
export function outcomeLine(r: FileModelOutcome): string {
  const head =
    'analysis' in r
      ? `{"model":${JSON.stringify(r.analysis)}`
      : `{"skipped":${JSON.stringify(r.skipped)}`;
  return `${head},"notes":${JSON.stringify(r.notes)}}\n`;
}

export interface NdjsonSummary {
  kind: string;
  /** Models analysed. */
  models: number;
  /** Models left out: the reader's own skips and the analysis's. */
  skipped: number;
  readerSkipped: { name: string; reason: string }[];
  /** The reader's notes about the file. */
  notes: string[];
}

/** The last line (newline included). */
export function summaryLine(s: NdjsonSummary): string {
  return `${JSON.stringify({ summary: s })}\n`;
}
