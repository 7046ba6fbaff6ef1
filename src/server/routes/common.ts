/**
 * Shared request pieces: the includeWorkspace toggle, file uploads, and the body schemas that
 * accept either a JSON object or the file text itself (validated and typed like any schema).
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';
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

/** Whether a request's query asks for the workspace models (`?includeWorkspace=1|true`). */
export function includeWs(query: { includeWorkspace?: string }): boolean {
  return query.includeWorkspace === '1' || query.includeWorkspace === 'true';
}

/**
 * A body that is the file text (a string: text/plain, text/csv) or the JSON object `json`.
 * An if/then/else rather than an anyOf, so a refused object is reported on its own field
 * (an anyOf would report the string branch's "must be a string" first).
 */
export function TextOr<J extends TSchema>(json: J) {
  return Type.Unsafe<string | Static<J>>({
    if: { type: 'string' },
    // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then/else keyword
    then: { type: 'string', description: 'the file text' },
    else: json,
  });
}

/** An object checked by `whenKey` when it has the property `key`, by `otherwise` when not. */
export function ByKey<A extends TSchema, B extends TSchema>(key: string, whenKey: A, otherwise: B) {
  return Type.Unsafe<Static<A> | Static<B>>({
    if: { type: 'object', required: [key] },
    // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then/else keyword
    then: whenKey,
    else: otherwise,
  });
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

/**
 * The upload of a request whose body schema is `TextOr(...)`: the text body with `?filename=`,
 * or the JSON `{filename, content}`.
 */
export function readUpload(
  body: string | { filename: string; content: string },
  query: { filename?: string },
): Upload {
  if (typeof body === 'string')
    return checkUpload({ filename: query.filename || 'upload.txt', content: body });
  return checkUpload({
    filename: body.filename || query.filename || 'upload.txt',
    content: body.content,
  });
}

/** lm-eval uploads: acc or acc_norm where a task reports both (body `metric`, or `?metric=` with
 * a text body); absent = each task's own (docs/ingest.md). */
export const UploadMetric = Type.Optional(
  Type.Union([Type.Literal('acc'), Type.Literal('acc_norm')], {
    description:
      'lm-eval results: acc or acc_norm where a task reports both (default: acc_norm for HellaSwag, ARC, GPQA, BBH, MuSR; acc elsewhere)',
  }),
);
