/**
 * The two output columns of "try it live" (plain, CAPE-guided): streamed text is appended as text
 * nodes (a completion holding HTML stays text), then a line of latency, tokens and finish reason.
 */
import type { ChatResult } from '../../../src/live/client.ts';
import { h } from '../dom.ts';

export interface OutputColumn {
  root: HTMLElement;
  text: HTMLElement;
  stats: HTMLElement;
}

/** A column titled `title`; `key` is 'plain' or 'cape' (data-testid live-output-<key>). */
export function outputColumn(title: string, key: 'plain' | 'cape'): OutputColumn {
  const text = h('div', {
    class: 'live-text',
    'data-testid': `live-output-${key}`,
    'aria-live': 'polite',
  });
  const stats = h('p', { class: 'stat', 'data-testid': `live-stats-${key}` });
  return { root: h('div', { class: 'live-col' }, h('h3', {}, title), text, stats), text, stats };
}

/** Empties a column before a run. */
export function resetColumn(c: OutputColumn): void {
  c.text.textContent = '';
  c.stats.textContent = 'waiting for the first token…';
}

/** Appends a streamed piece as text. */
export function appendText(c: OutputColumn, piece: string): void {
  c.text.append(document.createTextNode(piece));
}

/** "latency 812 ms · first token 240 ms · 57 tokens · finish: stop" (what the server reported). */
export function statsLine(r: ChatResult): string {
  const first = r.firstTokenMs === null ? '' : ` · first token ${Math.round(r.firstTokenMs)} ms`;
  const tokens = r.usage
    ? `${r.usage.completionTokens} tokens`
    : 'tokens not reported by the server';
  return (
    `latency ${Math.round(r.latencyMs)} ms${first} · ${tokens} · finish: ` +
    `${r.finishReason ?? 'not reported'}`
  );
}
