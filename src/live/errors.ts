/**
 * What went wrong in a "try it live" call, in words a person understands. One module holds every
 * user-facing text of the live client, so the page, the CLI and the tests compare against the same
 * function. Browser-safe (no node:*). The token never appears in any message.
 */

export type LiveErrorKind =
  | 'auth' // 401: the token was refused
  | 'credit' // 402: no inference credit left
  | 'permission' // 403: the token lacks "Make calls to Inference Providers"
  | 'not-found' // 404: unknown model, or no provider serves it
  | 'rate-limit' // 429
  | 'loading' // 503: the model is loading or the provider is unavailable
  | 'network' // fetch failed: offline, DNS, CORS or the page's CSP
  | 'aborted' // the user pressed stop
  | 'input' // a bad value typed by the user (token, model, base URL)
  | 'http' // any other status
  | 'bad-response'; // a 2xx whose body is not a chat completion

export class LiveError extends Error {
  constructor(
    readonly kind: LiveErrorKind,
    message: string,
    readonly status: number | null = null,
    /** Seconds to wait before retrying, when the server said. */
    readonly retryAfterS: number | null = null,
  ) {
    super(message);
    this.name = 'LiveError';
  }
}

/** The provider's own message from an OpenAI- or Hugging Face-style error body ('' if none). */
export function providerMessage(body: string): string {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return body.trim().slice(0, 300);
  }
  const e = (json as { error?: unknown; message?: unknown } | null) ?? {};
  const inner =
    typeof e.error === 'object' && e.error !== null
      ? (e.error as { message?: unknown }).message
      : e.error;
  const text = typeof inner === 'string' ? inner : typeof e.message === 'string' ? e.message : '';
  return text.trim().slice(0, 300);
}

/** Seconds from a Retry-After header (delta-seconds or an HTTP date) or a body's estimated_time. */
export function retrySeconds(header: string | null, body: string, now = Date.now()): number | null {
  if (header !== null && header.trim() !== '') {
    const s = Number(header);
    if (Number.isFinite(s) && s >= 0) return Math.ceil(s);
    const at = Date.parse(header);
    if (Number.isFinite(at)) return Math.max(0, Math.ceil((at - now) / 1000));
  }
  try {
    const t = (JSON.parse(body) as { estimated_time?: unknown } | null)?.estimated_time;
    return typeof t === 'number' && Number.isFinite(t) && t >= 0 ? Math.ceil(t) : null;
  } catch {
    return null;
  }
}

const said = (detail: string) => (detail ? ` The server said: "${detail}".` : '');
const wait = (s: number | null, none: string) => (s === null ? none : `Try again in ${s} s.`);

/** The message for an HTTP error status of a call about `model` (null for /v1/models). */
export function httpErrorMessage(
  status: number,
  detail: string,
  model: string | null,
  retryS: number | null,
): string {
  const m = model ? ` ${JSON.stringify(model)}` : '';
  switch (status) {
    case 401:
      return (
        `The token was refused (401): check that you pasted the whole token (it starts with ` +
        `hf_) and that it has not been revoked.${said(detail)}`
      );
    case 402:
      return (
        `No inference credit left (402): this account has used its included credit for ` +
        `Inference Providers. Add credit on huggingface.co, or pick another ` +
        `provider.${said(detail)}`
      );
    case 403:
      return (
        `Not allowed (403): the token lacks the "Make calls to Inference Providers" ` +
        `permission, or the account has no credit for this provider. Create a fine-grained ` +
        `token with that permission.${said(detail)}`
      );
    case 404:
      return (
        `Model${m} not found, or not served by any inference provider (404). Pick a chat model ` +
        `from the list, or name a provider as org/model:provider.${said(detail)}`
      );
    case 429:
      return (
        `Rate limit reached (429). ` +
        `${wait(retryS, 'The server gave no retry time; wait a minute and try again.')}${said(detail)}`
      );
    case 503:
      return (
        `The model${m} is loading or its provider is unavailable (503). ` +
        `${wait(retryS, 'Try again in a minute.')}${said(detail)}`
      );
    default:
      return `The model server answered ${status}.${said(detail)}`;
  }
}

const KIND_BY_STATUS: Record<number, LiveErrorKind> = {
  401: 'auth',
  402: 'credit',
  403: 'permission',
  404: 'not-found',
  429: 'rate-limit',
  503: 'loading',
};

/** A LiveError for a non-2xx response. */
export function errorFromResponse(
  status: number,
  body: string,
  retryAfter: string | null,
  model: string | null,
): LiveError {
  const retryS = status === 429 || status === 503 ? retrySeconds(retryAfter, body) : null;
  const message = httpErrorMessage(status, providerMessage(body), model, retryS);
  return new LiveError(KIND_BY_STATUS[status] ?? 'http', message, status, retryS);
}

/** The message when fetch itself failed (no HTTP answer at all). */
export function networkMessage(origin: string, reason: string): string {
  return `Could not reach ${origin}: the network failed, or the browser blocked the request (CORS, or this page's content security policy allows only the configured model server). ${reason ? `(${reason})` : ''}`.trim();
}

export const ABORTED_MESSAGE = 'Stopped: the run was aborted before the model finished.';

/** LiveError for a fetch rejection: an abort when `signal` fired, else a network failure. */
export function errorFromFetch(e: unknown, origin: string, signal?: AbortSignal): LiveError {
  if (signal?.aborted || (e as { name?: string } | null)?.name === 'AbortError')
    return new LiveError('aborted', ABORTED_MESSAGE);
  if (e instanceof LiveError) return e;
  return new LiveError(
    'network',
    networkMessage(origin, e instanceof Error ? e.message : String(e)),
  );
}
