/**
 * Self-steering endpoints. The model is set on the server by $CAPE_MODEL_DIR (or the `steer`
 * option of buildApp) and opened once, on first use. One generation at a time (429 while busy);
 * POST /api/steer streams tokens as server-sent events and cancels the job when the client goes
 * away. GET /api/steer/evals lists the evaluations saved by `cape steer eval`.
 *
 *   POST /api/steer -> event: start {model} · event: token {arm,id,text}* · event: result {…}
 *                      | event: error {code,message}
 */
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import { CapeError } from '../../core/errors.ts';
import type { SteerModel, SteerOptions } from '../../steer/types.ts';
import { route, type RouteDef } from './types.ts';

// The engine and its modules load on first use, so the server starts without them.
const openEngine = async (dir: string) =>
  (await import('../../steer/eval/open.ts')).openSteerModel(dir);
const PHASES = async () => (await import('../../steer/phase.ts')).PHASES;

export interface SteerRouteOptions {
  /** Model folder or id; default $CAPE_MODEL_DIR. */
  modelDir?: string;
  /** Opens the model (default the engine's openModel; tests pass a double). */
  open?: (dir: string) => Promise<SteerModel>;
}

export const NO_MODEL =
  'no model on this server: start it with CAPE_MODEL_DIR set to a Hugging Face snapshot folder (config.json, tokenizer.json, *.safetensors) or a cached model id';
export const BUSY =
  'a steering job is already running on this server (one at a time); try again when it finishes';

export const SteerBodySchema = Type.Object(
  {
    prompt: Type.String({ minLength: 1, maxLength: 4000, description: 'the prompt (non-empty)' }),
    maxTokens: Type.Integer({ minimum: 1, maximum: 2048, default: 32 }),
    greedy: Type.Optional(
      Type.Boolean({
        description: 'argmax decoding for both arms (default when no seed is given)',
      }),
    ),
    seed: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 2 ** 31 - 1,
        description: 'seeded sampling, the same seed for both arms',
      }),
    ),
    temperature: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 10 })),
    topP: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1 })),
    strength: Type.Union([Type.Literal('auto'), Type.Number({ minimum: 0, maximum: 1000 })], {
      default: 'auto',
      description: "'auto' (the study's phase rule) or a number",
    }),
    adapt: Type.Union([Type.Literal('prompt'), Type.Literal('step')], { default: 'prompt' }),
  },
  { additionalProperties: false },
);
export type SteerBody = Static<typeof SteerBodySchema>;

const ModelSchema = Type.Object({
  architecture: Type.String(),
  layers: Type.Integer(),
  hidden: Type.Integer(),
  probeLayer: Type.Integer(),
  dtype: Type.String(),
  vocab: Type.Integer(),
  parameters: Type.Number(),
  path: Type.String(),
  phaseRule: Type.Array(
    Type.Object({
      phase: Type.String(),
      below: Type.Union([Type.Number(), Type.Null()]),
      strength: Type.Number(),
    }),
  ),
});

/** Decoding options of a request; `greedy` together with `seed` is refused. */
export function steerOptions(b: SteerBody): SteerOptions {
  if (b.greedy === true && b.seed !== undefined)
    throw new CapeError(
      'E_INPUT',
      `greedy true with seed ${b.seed} (expected one of them: greedy, or seeded sampling)`,
      'seed',
    );
  const sampled = b.seed !== undefined && b.greedy !== true;
  return {
    maxTokens: b.maxTokens,
    greedy: !sampled,
    strength: b.strength,
    adapt: b.adapt,
    ...(sampled
      ? {
          seed: b.seed,
          ...(b.temperature !== undefined ? { temperature: b.temperature } : {}),
          ...(b.topP !== undefined ? { topP: b.topP } : {}),
        }
      : {}),
  };
}

async function describeModel(m: SteerModel) {
  const { architecture, layers, hidden, probeLayer, dtype, vocab, parameters, path } = m.info;
  return {
    architecture,
    layers,
    hidden,
    probeLayer,
    dtype,
    vocab,
    parameters,
    path,
    phaseRule: (await PHASES()).map((b) => ({
      ...b,
      below: Number.isFinite(b.below) ? b.below : null,
    })),
  };
}

/** The message of a caught value (an Error's, else its text). */
const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

function sse(reply: FastifyReply, event: string, data: unknown): void {
  if (!reply.raw.writableEnded)
    reply.raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

/** The routes, sharing one lazily opened model and a busy flag. */
export function steerRoutes(opts: SteerRouteOptions = {}): RouteDef[] {
  const dir = () => opts.modelDir ?? process.env.CAPE_MODEL_DIR ?? '';
  let model: Promise<SteerModel> | undefined;
  let busy = false;
  /** The model, or a 503 sent on `reply` (undefined) when none is set or it cannot be opened. */
  async function get(reply: FastifyReply): Promise<SteerModel | undefined> {
    const d = dir();
    if (!d) return void reply.code(503).send({ code: 'E_NO_MODEL', message: NO_MODEL });
    model ??= (opts.open ?? openEngine)(d);
    try {
      return await model;
    } catch (e) {
      model = undefined;
      return void reply
        .code(503)
        .send({ code: 'E_NO_MODEL', message: `CAPE_MODEL_DIR=${d}: ${messageOf(e)}` });
    }
  }
  async function run(body: SteerBody, reply: FastifyReply): Promise<unknown> {
    const o = steerOptions(body);
    if (busy) return reply.code(429).send({ code: 'E_BUSY', message: BUSY });
    busy = true;
    try {
      const m = await get(reply);
      if (!m) return reply;
      return await stream(m, body.prompt, o, reply);
    } finally {
      busy = false;
    }
  }
  return [
    route({
      method: 'GET',
      url: '/api/steer/model',
      tag: 'steer',
      summary:
        'The model this server steers ($CAPE_MODEL_DIR) and the phase rule; 503 when none is set',
      doc: {
        responses: {
          200: { description: 'the loaded model', schema: ModelSchema },
          503: { description: 'no model set, or it cannot be opened' },
        },
      },
      handler: async (_q, reply) => {
        const m = await get(reply);
        return m ? describeModel(m) : reply;
      },
    }),
    route({
      method: 'GET',
      url: '/api/steer/status',
      tag: 'steer',
      summary:
        'Whether this server has a model to steer (always 200, for the page); reason when not',
      handler: async () => {
        const d = dir();
        if (!d) return { ready: false, model: null, reason: NO_MODEL };
        model ??= (opts.open ?? openEngine)(d);
        try {
          return { ready: true, model: await describeModel(await model), reason: null };
        } catch (e) {
          model = undefined;
          return {
            ready: false,
            model: null,
            reason: `CAPE_MODEL_DIR=${d}: ${messageOf(e)}`,
          };
        }
      },
    }),
    route({
      method: 'POST',
      url: '/api/steer',
      tag: 'steer',
      summary: 'Generate with and without steering; tokens streamed as server-sent events',
      description:
        "Events: start {model}, token {arm: normal|steered, id, text} per token, then result (the engine's SteerResult) or error {code, message}. One job at a time (429); closing the connection cancels the job.",
      schema: { body: SteerBodySchema },
      doc: {
        responses: {
          200: { description: 'an event stream', contentType: 'text/event-stream' },
          429: { description: 'busy' },
          503: { description: 'no model' },
        },
      },
      handler: (req, reply) => run(req.body, reply),
    }),
    route({
      method: 'GET',
      url: '/api/steer/evals',
      tag: 'steer',
      summary: 'Steering evaluations saved by `cape steer eval`, newest first',
      handler: async (_q, _r, s) => ({
        evals: (await import('../../steer/eval/store.ts')).listEvals(s.ws.dir),
      }),
    }),
  ];
}

async function stream(
  m: SteerModel,
  prompt: string,
  o: SteerOptions,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const ac = new AbortController();
  reply.hijack();
  reply.raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    connection: 'keep-alive',
  });
  reply.raw.on('close', () => {
    if (!reply.raw.writableFinished) ac.abort();
  });
  sse(reply, 'start', { model: await describeModel(m), options: o });
  try {
    const result = await m.steer(prompt, o, (e) => sse(reply, 'token', e), ac.signal);
    sse(reply, 'result', result);
  } catch (e) {
    if (!ac.signal.aborted) {
      const err =
        e instanceof CapeError
          ? { code: e.code, message: e.message, field: e.field }
          : { code: 'E_INTERNAL', message: 'the generation failed' };
      sse(reply, 'error', err);
    }
  }
  reply.raw.end();
  return reply;
}
