/**
 * Background jobs for big files (issue 15 item 6; docs/ingest.md): `POST /api/jobs` streams the
 * upload to disk (at most MAX_JOB_BYTES), a worker analyses it; `GET /api/jobs/:id/events` is
 * its progress as server-sent events, `GET /api/jobs/:id/result` the NDJSON result, `DELETE`
 * cancels. The upload body is never parsed in memory: a preParsing hook writes it to the job's
 * folder and hands Fastify an empty body.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { firstControlChar } from '../../core/control-chars.ts';
import { CapeError } from '../../core/errors.ts';
import { type Job, type JobManager, MAX_JOB_BYTES } from '../jobs.ts';
import type { AppState } from '../state.ts';
import { IncludeWorkspace } from './common.ts';
import { route, type RouteDef } from './types.ts';

const MB = MAX_JOB_BYTES / 1024 / 1024;
const BODY_TYPES = new Set(['text/plain', 'text/csv', 'application/octet-stream']);

const JobSchema = Type.Object({
  id: Type.String(),
  filename: Type.String(),
  state: Type.Union(
    ['uploading', 'queued', 'running', 'done', 'failed', 'cancelled'].map((s) => Type.Literal(s)),
  ),
  createdAt: Type.String({ format: 'date-time' }),
  bytes: Type.Integer({ description: 'size of the upload' }),
  done: Type.Integer({ description: 'models read so far (analysed or skipped)' }),
  fraction: Type.Number({ description: 'share of the file read, 0 to 1' }),
  includeWorkspace: Type.Boolean(),
  summary: Type.Optional(Type.Object({}, { description: 'the result’s summary line (when done)' })),
  error: Type.Optional(Type.Object({ code: Type.String(), message: Type.String() })),
});
const IdParams = Type.Object({ id: Type.String({ pattern: '^[0-9a-z]{1,16}-[0-9a-z]{1,16}$' }) });
const CreateQuery = Type.Object(
  { filename: Type.String({ minLength: 1, maxLength: 255 }), includeWorkspace: IncludeWorkspace },
  { additionalProperties: false },
);

/** What the preParsing hook received for a request (keyed by the raw request it read). */
const received = new WeakMap<object, { id: string; bytes: number }>();

/** The job's answer: the job and where to follow it. */
const view = (j: Job) => ({
  ...j,
  links: {
    self: `/api/jobs/${j.id}`,
    events: `/api/jobs/${j.id}/events`,
    result: `/api/jobs/${j.id}/result`,
  },
});

const tooLarge = (bytes: number | string) =>
  new CapeError(
    'E_TOO_LARGE',
    `upload of ${bytes} bytes is over the job limit of ${MB} MB (split the file)`,
    'content',
  );

/** Checks the upload's name and type before a byte is read. */
function checkUploadRequest(req: FastifyRequest): { filename: string; ws: boolean } {
  // before validation (a preParsing hook): the query is still unknown
  const q: unknown = req.query;
  const filename = typeof q === 'object' && q !== null && 'filename' in q ? q.filename : null;
  if (
    typeof filename !== 'string' ||
    !filename ||
    filename.length > 255 ||
    firstControlChar(filename) >= 0
  )
    throw new CapeError(
      'E_INPUT',
      `invalid query parameter filename: ${JSON.stringify(filename ?? null)} (expected the file's name, 1 to 255 printable characters, e.g. ?filename=models.csv)`,
      'filename',
    );
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (!BODY_TYPES.has(type))
    throw new CapeError(
      'E_INPUT',
      `unsupported content-type ${JSON.stringify(type || '(none)')} for a job upload (expected the file itself as text/csv, text/plain or application/octet-stream)`,
      'content-type',
    );
  const length = Number(req.headers['content-length']);
  if (length > MAX_JOB_BYTES) throw tooLarge(length);
  const ws = typeof q === 'object' && q !== null && 'includeWorkspace' in q && q.includeWorkspace;
  return { filename, ws: ws === '1' || ws === 'true' };
}

/** preParsing: the body goes to the job's folder, counted against the limit; Fastify gets none. */
const receive = (state: AppState) =>
  async function receiveUpload(
    req: FastifyRequest,
    _reply: FastifyReply,
    payload: NodeJS.ReadableStream,
  ) {
    return receiveInto(jobsOf(state), req, payload);
  };

function jobsOf(state: AppState): JobManager {
  if (!state.jobs) throw new Error('no job manager');
  return state.jobs;
}

async function receiveInto(jobs: JobManager, req: FastifyRequest, payload: NodeJS.ReadableStream) {
  const { filename, ws } = checkUploadRequest(req);
  const job = jobs.create(filename, ws);
  let bytes = 0;
  const count = new Transform({
    transform(chunk: Buffer, _e, cb) {
      bytes += chunk.length;
      cb(bytes > MAX_JOB_BYTES ? tooLarge(`more than ${MAX_JOB_BYTES}`) : null, chunk);
    },
  });
  try {
    await pipeline(payload, count, createWriteStream(jobs.uploadPath(job.id)));
  } catch (e) {
    jobs.abandon(job.id);
    throw e;
  }
  received.set(req.raw, { id: job.id, bytes });
  // an empty body for the parser, which checks Content-Length against the bytes received
  return Object.assign(Readable.from([]), { receivedEncodedLength: bytes });
}

function sse(reply: FastifyReply, event: string, data: unknown): void {
  if (!reply.raw.writableEnded)
    reply.raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

const FINISHED = new Set(['done', 'failed', 'cancelled']);

/** Progress events until the job finishes (`progress`, then `done`, `failed` or `cancelled`). */
function events(jobs: JobManager, job: Job, reply: FastifyReply): void {
  reply.hijack();
  reply.raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    connection: 'keep-alive',
  });
  const send = (j: Job) => {
    sse(reply, FINISHED.has(j.state) ? j.state : 'progress', view(j));
    if (FINISHED.has(j.state)) {
      stop();
      reply.raw.end();
    }
  };
  const stop = jobs.subscribe(job.id, send);
  reply.raw.on('close', stop);
  send(job);
}

export const jobRoutes: RouteDef[] = [
  route({
    method: 'POST',
    url: '/api/jobs',
    tag: 'jobs',
    summary: `Start a background analysis of a big file (at most ${MB} MB): the body is the file itself`,
    description: `The upload is streamed to disk and analysed in a worker thread, row by row for a models CSV. Follow it with GET /api/jobs/{id}/events (SSE) and download GET /api/jobs/{id}/result (NDJSON) when done. Larger than ${MB} MB: 413 E_TOO_LARGE. ${16} unfinished jobs: 429 E_BUSY.`,
    schema: { querystring: CreateQuery },
    options: (state) => ({ bodyLimit: MAX_JOB_BYTES + 1, preParsing: receive(state) }),
    doc: {
      requestBody: {
        'text/csv': Type.String(),
        'text/plain': Type.String(),
        'application/octet-stream': Type.String({ format: 'binary' }),
      },
      responses: { 202: { description: 'accepted: the job, queued', schema: JobSchema } },
    },
    handler: (req, reply, s) => {
      const got = received.get(req.raw);
      received.delete(req.raw);
      if (!got || !s.jobs) throw new Error('job upload hook did not run');
      if (got.bytes === 0) {
        s.jobs.abandon(got.id);
        throw new CapeError(
          'E_INPUT',
          'empty upload (expected the file as the request body)',
          'content',
        );
      }
      return reply.code(202).send(view(s.jobs.enqueue(got.id, got.bytes)));
    },
  }),
  route({
    method: 'GET',
    url: '/api/jobs',
    tag: 'jobs',
    summary: 'The background jobs of this server process, oldest first',
    doc: {
      responses: {
        200: { description: 'jobs', schema: Type.Object({ jobs: Type.Array(JobSchema) }) },
      },
    },
    handler: (_req, _r, s) => ({ jobs: (s.jobs?.list() ?? []).map(view) }),
  }),
  route({
    method: 'GET',
    url: '/api/jobs/:id',
    tag: 'jobs',
    summary: 'One job: state, progress, summary or error',
    schema: { params: IdParams },
    doc: { responses: { 200: { description: 'the job', schema: JobSchema } } },
    handler: (req, _r, s) => view(mustGet(s, req.params.id)),
  }),
  route({
    method: 'GET',
    url: '/api/jobs/:id/events',
    tag: 'jobs',
    summary: 'Progress of a job as server-sent events: progress…, then done, failed or cancelled',
    schema: { params: IdParams },
    doc: {
      responses: { 200: { description: 'an event stream', contentType: 'text/event-stream' } },
    },
    handler: (req, reply, s) => events(jobsOf(s), mustGet(s, req.params.id), reply),
  }),
  route({
    method: 'GET',
    url: '/api/jobs/:id/result',
    tag: 'jobs',
    summary: 'The result of a finished job as NDJSON: one line per model, a summary line last',
    schema: { params: IdParams },
    doc: { responses: { 200: { description: 'NDJSON', contentType: 'application/x-ndjson' } } },
    handler: (req, reply, s) => {
      const job = mustGet(s, req.params.id);
      if (job.state !== 'done')
        throw new CapeError(
          'E_CONFLICT',
          `job ${job.id} is ${job.state}${job.state === 'running' ? ` (${Math.round(job.fraction * 100)}% read)` : ''}: its result is ready when its state is done`,
          'id',
        );
      const name = `${job.filename.replace(/[^\w.-]/g, '_')}.ndjson`;
      return reply
        .type('application/x-ndjson; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}"`)
        .send(createReadStream(jobsOf(s).resultPath(job.id)));
    },
  }),
  route({
    method: 'DELETE',
    url: '/api/jobs/:id',
    tag: 'jobs',
    summary: 'Cancel a job (a running one stops) or remove a finished one, with its files',
    schema: { params: IdParams },
    doc: { responses: { 200: { description: 'the job as it was left', schema: JobSchema } } },
    handler: (req, _r, s) => view(jobsOf(s).cancel(req.params.id)),
  }),
];

function mustGet(s: AppState, id: string): Job {
  const job = s.jobs?.get(id);
  if (!job)
    throw new CapeError('E_NOT_FOUND', `no job ${JSON.stringify(id)} (see GET /api/jobs)`, 'id');
  return { ...job };
}
