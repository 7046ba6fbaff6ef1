/**
 * The page's client of the CAPE server's JSON API (src/server, `npm start`). The page also runs as
 * a static bundle: `serverAvailable()` probes /api/health once, and every workspace feature says
 * SERVER_NEEDED instead of failing when no API answers. Errors carry the API's {code, message,
 * field}.
 */
import type { Static } from '@sinclair/typebox';
import type { WorkspaceModel } from '../../src/workspace/models.ts';
import type { ModelInputSchema } from '../../src/workspace/schemas.ts';
import type { IngestedModel } from '../../src/data/ingest/types.ts';

export const SERVER_NEEDED = 'start the server (npm start) to save models';

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code?: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** Tells the views of saved models (the workspace panel, the ledger) that the saved models
 * changed. */
export function workspaceChanged(): void {
  window.dispatchEvent(new Event('cape:workspace'));
}

let probe: Promise<boolean> | null = null;

/** True when this page is served by the CAPE server (the API answers JSON at /api/health). */
export function serverAvailable(): Promise<boolean> {
  if (location.protocol === 'file:') return Promise.resolve(false);
  probe ??= fetch('/api/health', { headers: { accept: 'application/json' } })
    .then((r) => r.ok && (r.headers.get('content-type') ?? '').includes('json'))
    .catch(() => false);
  return probe;
}

async function request<T>(method: string, url: string, body?: unknown): Promise<T> {
  const init: RequestInit = { method, headers: { accept: 'application/json' } };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    (init.headers as Record<string, string>)['content-type'] = 'application/json';
  }
  const r = await fetch(url, init);
  if (r.status === 204) return undefined as T;
  const text = await r.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    throw new ApiError(
      `${method} ${url}: the server answered ${r.status} with a body that is not JSON`,
      r.status,
    );
  }
  if (!r.ok) {
    const e = (json ?? {}) as { code?: string; message?: string; field?: string };
    throw new ApiError(
      e.message ?? `${method} ${url} failed with ${r.status}`,
      r.status,
      e.code,
      e.field,
    );
  }
  return json as T;
}

/** A model as the API's POST/PUT /api/workspace/models take it (the server's own schema). */
export type ModelInput = Static<typeof ModelInputSchema>;

export const workspace = {
  /** Every saved model, following the API's pages (`next` cursor). */
  list: async () => {
    const all: WorkspaceModel[] = [];
    for (let after: number | null = 0; after !== null; ) {
      const r: { models: WorkspaceModel[]; next: number | null } = await request(
        'GET',
        `/api/workspace/models?after=${after}`,
      );
      all.push(...r.models);
      after = r.next;
    }
    return all;
  },
  add: (m: ModelInput) => request<WorkspaceModel>('POST', '/api/workspace/models', m),
  update: (id: number, m: ModelInput) =>
    request<WorkspaceModel>('PUT', `/api/workspace/models/${id}`, m),
  remove: (id: number) => request<void>('DELETE', `/api/workspace/models/${id}`),
  exportUrl: (format: 'json' | 'csv') => `/api/workspace/export?format=${format}`,
};

export interface LedgerEntry {
  /** Before a dated deadline: the criterion the data meets today. */
  leaning?: 'pass' | 'fail' | null;
  id: string;
  title: string;
  statement: string;
  deadline: string | null;
  deadlineText: string;
  passText: string;
  failText: string;
  source: string;
  group: string;
  origin: 'seed' | 'user';
  status: 'open' | 'passed' | 'failed' | 'expired';
  passCheck: { holds: boolean | null; detail: string };
  failCheck: { holds: boolean | null; detail: string };
  evaluatedOn: string;
}

export const ledger = {
  list: () =>
    request<{ evaluatedOn: string; counts: Record<string, number>; predictions: LedgerEntry[] }>(
      'GET',
      '/api/predictions',
    ),
  add: (p: Record<string, unknown>) => request<LedgerEntry>('POST', '/api/predictions', p),
  remove: (id: string) => request<void>('DELETE', `/api/predictions/${encodeURIComponent(id)}`),
};

export interface PreviewModel extends IngestedModel {
  index: number;
  ready: boolean;
  problem: { code: string; message: string; field?: string } | null;
}
export interface Preview {
  kind: string;
  filename: string;
  models: PreviewModel[];
  leaderboard?: {
    rows: number;
    dropped: { reason: string; count: number }[];
    duplicates: string[];
  };
}

export const ingest = {
  preview: (filename: string, content: string) =>
    request<Preview>('POST', '/api/ingest/preview', { filename, content }),
  commit: (filename: string, content: string) =>
    request<{ kind: string; saved: WorkspaceModel[]; duplicate: boolean }>(
      'POST',
      '/api/ingest/commit',
      { filename, content },
    ),
};

/** Frontier files saved in the workspace (docs/frontier-files.md). */
export const frontierSet = {
  list: () =>
    request<{ models: import('../../src/data/ingest/frontier-file.ts').FrontierFileRow[] }>(
      'GET',
      '/api/workspace/frontier',
    ),
  save: (filename: string, content: string) =>
    request<{ saved: { name: string }[]; notes: string[] }>('POST', '/api/workspace/frontier', {
      filename,
      content,
    }),
};
