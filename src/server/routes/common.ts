/** Shared request pieces: the includeWorkspace toggle and reading a model from a request. */
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { firstControlChar, firstTextControlChar, lineColumn } from '../../core/control-chars.ts';
import { CapeError } from '../../core/errors.ts';

export const IncludeWorkspace = Type.Optional(
  Type.Union([Type.Literal('1'), Type.Literal('0'), Type.Literal('true'), Type.Literal('false')], {
    description: 'include the models saved in the workspace in the analysis (1/true)',
  }),
);

export const WorkspaceQuery = Type.Object(
  { includeWorkspace: IncludeWorkspace },
  { additionalProperties: false },
);
export type WorkspaceQueryT = Static<typeof WorkspaceQuery>;

export function includeWs(req: FastifyRequest): boolean {
  const v = (req.query as { includeWorkspace?: string } | undefined)?.includeWorkspace;
  return v === '1' || v === 'true';
}

/** A file upload as JSON `{filename, content}` or as a raw text body with `?filename=`. */
export interface Upload {
  filename: string;
  content: string;
}

/** Refuses file text with NUL or other control characters (tab and line breaks are fine). */
function checkUpload(up: Upload): Upload {
  const bad = firstControlChar(up.filename);
  if (bad >= 0)
    throw new CapeError(
      'E_INPUT',
      `invalid filename: ${JSON.stringify(up.filename)} (expected one line of printable text)`,
      'filename',
    );
  const i = firstTextControlChar(up.content);
  if (i >= 0) {
    const code = `U+${up.content.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0')}`;
    throw new CapeError(
      'E_INPUT',
      `invalid content: ${up.filename} holds the control character ${code} at ${lineColumn(up.content, i)} (expected a text file: UTF-8 JSON or CSV)`,
      'content',
    );
  }
  return up;
}

export function readUpload(req: FastifyRequest): Upload {
  const q = (req.query ?? {}) as { filename?: string };
  if (typeof req.body === 'string') {
    return checkUpload({ filename: q.filename || 'upload.txt', content: req.body });
  }
  const b = req.body as { filename?: unknown; content?: unknown } | null | undefined;
  if (b && typeof b === 'object' && typeof b.content === 'string') {
    if (b.filename !== undefined && typeof b.filename !== 'string')
      throw new CapeError(
        'E_INPUT',
        `invalid filename: ${JSON.stringify(b.filename)} (expected a string)`,
        'filename',
      );
    return checkUpload({
      filename: (b.filename as string | undefined) || q.filename || 'upload.txt',
      content: b.content,
    });
  }
  throw new CapeError(
    'E_INPUT',
    'missing file content (expected a text body with ?filename=, or JSON {"filename", "content"})',
    'content',
  );
}

/** lm-eval uploads: acc or acc_norm where a task reports both (body `metric`, or `?metric=` with
 * a text body); absent = each task's own (docs/ingest.md). */
export const UploadMetric = Type.Optional(
  Type.Union([Type.Literal('acc'), Type.Literal('acc_norm')], {
    description:
      'lm-eval results: acc or acc_norm where a task reports both (default: acc_norm for HellaSwag, ARC, GPQA, BBH, MuSR; acc elsewhere)',
  }),
);

/** The upload's `metric` (body field, else query); anything but acc / acc_norm -> E_INPUT. */
export function readUploadMetric(req: FastifyRequest): 'acc' | 'acc_norm' | undefined {
  const body = req.body as Record<string, unknown> | string | null | undefined;
  const fromBody = body && typeof body === 'object' ? body.metric : undefined;
  const v = fromBody ?? (req.query as { metric?: unknown } | undefined)?.metric;
  if (v === undefined || v === null) return undefined;
  if (v === 'acc' || v === 'acc_norm') return v;
  throw new CapeError(
    'E_INPUT',
    `invalid metric: ${JSON.stringify(v)} (expected "acc" or "acc_norm")`,
    'metric',
  );
}
