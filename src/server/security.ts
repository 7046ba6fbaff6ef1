/**
 * Security headers on every response, and CORS only when CAPE_CORS_ORIGIN names origins.
 * CSP: same-origin everything; connect-src also allows exactly one model server, the origin of
 * the live base URL (Hugging Face's router, or CAPE_LIVE_BASE_URL), which the "try it live" panel
 * calls straight from the browser; no inline or eval'd scripts; style-src allows inline styles
 * because the chart library (Observable Plot) writes style attributes and a <style> element into
 * its SVG. Frames: none may embed us.
 */
import type { FastifyInstance } from 'fastify';
import { DEFAULT_LIVE_BASE_URL, parseBaseUrl } from '../live/client.ts';
import { LiveError } from '../live/errors.ts';
import { CapeError } from '../core/errors.ts';

/** The live base URL: CAPE_LIVE_BASE_URL when set, else Hugging Face's router; E_INPUT if bad. */
export function liveBaseUrl(value: string | undefined): string {
  if (value === undefined || value.trim() === '') return DEFAULT_LIVE_BASE_URL;
  try {
    return parseBaseUrl(value, 'CAPE_LIVE_BASE_URL');
  } catch (e) {
    throw e instanceof LiveError ? new CapeError('E_INPUT', e.message, 'CAPE_LIVE_BASE_URL') : e;
  }
}

/** The CSP for a live base URL: connect-src is 'self' plus that URL's origin, nothing else. */
export function contentSecurityPolicy(baseUrl: string = DEFAULT_LIVE_BASE_URL): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self' ${new URL(baseUrl).origin}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The CSP with the default live origin (https://router.huggingface.co). */
export const CONTENT_SECURITY_POLICY = contentSecurityPolicy();

/** Security headers with the default CSP; registerSecurity swaps in the configured one. */
export const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
};

/** Parses CAPE_CORS_ORIGIN ("https://a.example,https://b.example"); [] = CORS off. */
export function parseCorsOrigins(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim().replace(/\/$/, ''))
    .filter(Boolean);
}

export function registerSecurity(
  app: FastifyInstance,
  corsOrigins: readonly string[],
  liveBase: string = DEFAULT_LIVE_BASE_URL,
): void {
  const headers = {
    ...SECURITY_HEADERS,
    'content-security-policy': contentSecurityPolicy(liveBase),
  };
  // onSend runs for every response, error bodies and 404s included (callback style: no promise per
  // request)
  app.addHook('onSend', (req, reply, payload, done) => {
    reply.headers(headers);
    if (corsOrigins.length > 0) {
      // the answer depends on Origin whether or not this one is allowed (caches must key on it)
      reply.header('vary', 'Origin');
      const origin = req.headers.origin;
      if (origin && (corsOrigins.includes(origin) || corsOrigins.includes('*'))) {
        reply.header('access-control-allow-origin', corsOrigins.includes('*') ? '*' : origin);
      }
    }
    done(null, payload);
  });
  if (corsOrigins.length > 0) {
    app.options('/api/*', { schema: { hide: true } as object }, async (req, reply) => {
      const origin = req.headers.origin;
      if (!origin || !(corsOrigins.includes(origin) || corsOrigins.includes('*')))
        return reply.code(403).send({
          code: 'E_INPUT',
          message: `origin ${origin ?? '(none)'} is not allowed (CAPE_CORS_ORIGIN)`,
          field: 'origin',
        });
      return reply
        .code(204)
        .header('access-control-allow-methods', 'GET, POST, PUT, DELETE')
        .header('access-control-allow-headers', 'content-type, x-cape-request, idempotency-key')
        .header('access-control-max-age', '600')
        .send();
    });
  }
}
