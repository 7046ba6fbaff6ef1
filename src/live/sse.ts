/**
 * Reads a Server-Sent Events body (the OpenAI streaming format) and hands each event's data to
 * `onData`, stopping at `data: [DONE]`. Parsing is eventsource-parser's (the SSE grammar: events
 * split across network chunks, CRLF, comments, multi-line data). Browser-safe.
 */
import { createParser } from 'eventsource-parser';
import { LiveError } from './errors.ts';

/** Feeds `body` through the SSE parser; resolves at [DONE] or the end, rejects on abort. */
export async function readSse(
  body: ReadableStream<Uint8Array>,
  onData: (data: string) => void,
  signal?: AbortSignal,
): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let done = false;
  let failure: unknown = null;
  const parser = createParser({
    onEvent(ev) {
      if (done || failure) return;
      if (ev.data.trim() === '[DONE]') return void (done = true);
      try {
        onData(ev.data);
      } catch (e) {
        failure =
          e instanceof LiveError
            ? e
            : new LiveError(
                'bad-response',
                `A streamed event is not valid JSON: ${ev.data.slice(0, 120)}`,
              );
      }
    },
  });
  const onAbort = () => void reader.cancel().catch(() => undefined);
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    while (!done && !failure) {
      if (signal?.aborted) throw new DOMException('aborted', 'AbortError');
      const { value, done: end } = await reader.read();
      if (end) break;
      parser.feed(decoder.decode(value, { stream: true }));
    }
    if (signal?.aborted) throw new DOMException('aborted', 'AbortError');
    if (failure) throw failure;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    if (done || failure) await reader.cancel().catch(() => undefined);
  }
}
