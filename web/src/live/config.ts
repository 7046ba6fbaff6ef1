/**
 * The model server "try it live" calls: the CAPE server's GET /api/config (CAPE_LIVE_BASE_URL, the
 * same origin its CSP allows), or Hugging Face's router when the page runs without the server.
 */
import { DEFAULT_LIVE_BASE_URL, parseBaseUrl } from '../../../src/live/client.ts';
import { serverAvailable } from '../api.ts';

let pending: Promise<string> | null = null;

/** The live base URL (asked once per page). */
export function liveBaseUrl(): Promise<string> {
  pending ??= serverAvailable().then(async (up) => {
    if (!up) return DEFAULT_LIVE_BASE_URL;
    const r = await fetch('/api/config', { headers: { accept: 'application/json' } });
    const body = (await r.json()) as { liveBaseUrl?: unknown };
    if (!r.ok || typeof body.liveBaseUrl !== 'string')
      throw new Error(`GET /api/config answered ${r.status} without liveBaseUrl`);
    return parseBaseUrl(body.liveBaseUrl);
  });
  return pending;
}

/** Chat models to offer when the server's /v1/models cannot be read (the user may type any id). */
export const SUGGESTED_MODELS = [
  'meta-llama/Llama-3.1-8B-Instruct',
  'Qwen/Qwen2.5-7B-Instruct',
  'Qwen/Qwen3-8B',
  'google/gemma-2-9b-it',
  'deepseek-ai/DeepSeek-R1',
];
