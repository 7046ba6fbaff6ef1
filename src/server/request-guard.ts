/**
 * Cross-site and DNS-rebinding defences, run before routing (onRequest) on every request:
 *
 * - Host: the `Host` header must name this server (127.0.0.1, localhost, [::1], or a host in
 *   `allowedHosts`, any port). A rebound DNS name (attacker.example -> 127.0.0.1) is refused.
 * - Origin: a state-changing request (anything but GET/HEAD/OPTIONS) that carries `Origin` must
 *   come from this server's own origin or a configured CORS origin; a browser's
 *   `Sec-Fetch-Site: cross-site|same-site` without an allowed Origin is refused too.
 * - Preflight: a POST must be `application/json` or carry the `X-Cape-Request` header, so a
 *   browser cannot send it cross-site without a CORS preflight (which we answer only for the
 *   configured origins). PUT and DELETE always need a preflight. curl and scripts send neither
 *   Origin nor Sec-Fetch-Site, and pass with JSON or the header.
 *
 * Refusals are 403 `{code: 'E_FORBIDDEN', message, field}` naming the header. Reuse: routes added
 * later are covered automatically (the hook is global); `guardRequest` is pure for unit tests.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { oneLine } from '../core/control-chars.ts';
import { CapeError } from '../core/errors.ts';

/** The custom header that makes a non-JSON POST (a raw file body) need a CORS preflight. */
export const CAPE_REQUEST_HEADER = 'x-cape-request';

export const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '[::1]'] as const;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Host names (no port) from a comma-separated list, e.g. $CAPE_ALLOWED_HOSTS; lower case. */
export function parseHostList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean)
    .map((h) => (h.includes(':') && !h.startsWith('[') ? `[${h}]` : h));
}

/** The host part of a Host header (`[::1]:8787` -> `[::1]`), lower case; undefined if malformed. */
export function hostName(header: string): string | undefined {
  const m = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::(\d{1,5}))?$/i.exec(header.trim());
  return m ? m[1]!.toLowerCase() : undefined;
}

export interface GuardConfig {
  /** Host names served besides the loopback ones (no port). */
  allowedHosts: readonly string[];
  /** Allowed CORS origins (`*` = any). */
  corsOrigins: readonly string[];
}

export interface GuardInput {
  method: string;
  headers: Record<string, string | string[] | undefined>;
}

function header(h: GuardInput['headers'], name: string): string | undefined {
  const v = h[name];
  return Array.isArray(v) ? v.join(',') : v;
}

function forbidden(message: string, field: string): CapeError {
  return new CapeError('E_FORBIDDEN', oneLine(message), field);
}

function checkHost(h: GuardInput['headers'], cfg: GuardConfig): string {
  const raw = header(h, 'host');
  const name = raw === undefined ? undefined : hostName(raw);
  const ok =
    name !== undefined &&
    ((LOOPBACK_HOSTS as readonly string[]).includes(name) || cfg.allowedHosts.includes(name));
  if (!ok) {
    const shown = raw === undefined ? 'missing' : JSON.stringify(raw.slice(0, 100));
    const hosts = [...LOOPBACK_HOSTS, ...cfg.allowedHosts].join(', ');
    throw forbidden(
      `host ${shown} is not served here (expected one of ${hosts}; add yours to CAPE_ALLOWED_HOSTS)`,
      'host',
    );
  }
  return raw!;
}

function checkOrigin(h: GuardInput['headers'], host: string, cfg: GuardConfig): void {
  const origin = header(h, 'origin');
  const site = header(h, 'sec-fetch-site');
  if (origin !== undefined) {
    const same = origin === `http://${host}` || origin === `https://${host}`;
    if (same || cfg.corsOrigins.includes(origin) || cfg.corsOrigins.includes('*')) return;
    throw forbidden(
      `origin ${JSON.stringify(origin.slice(0, 100))} may not change data here (expected this server's own page, or an origin in CAPE_CORS_ORIGIN)`,
      'origin',
    );
  }
  if (site === 'cross-site' || site === 'same-site') {
    throw forbidden(
      `a ${site} request without an Origin header may not change data here`,
      'sec-fetch-site',
    );
  }
}

function checkPreflighted(input: GuardInput): void {
  if (input.method !== 'POST') return;
  const type = (header(input.headers, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/json' || header(input.headers, CAPE_REQUEST_HEADER) !== undefined)
    return;
  throw forbidden(
    `a POST with content-type ${JSON.stringify(type || '(none)')} needs the ${CAPE_REQUEST_HEADER} header (any value), or send application/json`,
    CAPE_REQUEST_HEADER,
  );
}

/** Throws CapeError E_FORBIDDEN when a request fails the Host, Origin or preflight rules. */
export function guardRequest(input: GuardInput, cfg: GuardConfig): void {
  const host = checkHost(input.headers, cfg);
  if (SAFE_METHODS.has(input.method)) return;
  checkOrigin(input.headers, host, cfg);
  checkPreflighted(input);
}

/** Registers `guardRequest` as an onRequest hook (before body parsing and routing). */
export function registerRequestGuard(app: FastifyInstance, cfg: GuardConfig): void {
  app.addHook('onRequest', (req: FastifyRequest, _reply, done) => {
    try {
      guardRequest({ method: req.method, headers: req.headers }, cfg);
      done();
    } catch (err) {
      done(err as Error);
    }
  });
}
