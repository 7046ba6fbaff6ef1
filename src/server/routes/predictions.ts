/** Predictions ledger endpoints: statuses computed over the dataset plus the workspace. */
import { Type } from '@sinclair/typebox';
import { CapeError } from '../../core/errors.ts';
import { EvaluatedLedgerEntrySchema, PredictionInputSchema } from '../../workspace/schemas.ts';
import { route, type RouteDef } from './types.ts';
import type { Context } from '../../cape/context.ts';
import { checkCriterion } from '../../cape/predictions.ts';
import { checkPredictionInput } from '../../workspace/ledger.ts';

/** The criterion field that names what was not found (model, from, to, family, lab). */
const NAME_FIELDS = ['model', 'from', 'to', 'family', 'lab'] as const;

/**
 * Refuses a prediction whose criterion names a model, family or lab that neither the dataset nor
 * the workspace knows (E_INPUT, 400, with the nearest known names): it could never be checked.
 * Criteria the data cannot evaluate yet (too few points) are accepted; their status says so.
 */
function refuseUnknownNames(ctx: Context, body: unknown): void {
  const p = checkPredictionInput(body);
  for (const [where, c] of [
    ['pass', p.pass],
    ['fail', p.fail],
  ] as const) {
    try {
      checkCriterion(ctx, c);
    } catch (e) {
      if (!(e instanceof CapeError) || e.code !== 'E_NOT_FOUND') continue;
      const named: Record<string, unknown> = { ...c };
      const msg = e.message;
      const key =
        NAME_FIELDS.find((k) => named[k] && msg.includes(JSON.stringify(named[k]))) ?? 'criterion';
      const wrapped = typeof body === 'object' && body !== null && 'criterion' in body;
      const root = wrapped && body.criterion ? 'criterion' : where;
      throw new CapeError(
        'E_INPUT',
        `${e.message.replace(/\)$/, '')}; a prediction must name a model the dataset or the workspace knows; nothing was saved)`,
        `${root}.${key}`,
      );
    }
  }
}

export const predictionRoutes: RouteDef[] = [
  route({
    method: 'GET',
    url: '/api/predictions',
    tag: 'predictions',
    summary:
      'The ledger: every prediction with its status (open, passed, failed, expired) computed now',
    schema: {
      querystring: Type.Object(
        {
          status: Type.Optional(
            Type.Union([
              Type.Literal('open'),
              Type.Literal('passed'),
              Type.Literal('failed'),
              Type.Literal('expired'),
            ]),
          ),
        },
        { additionalProperties: false },
      ),
    },
    doc: {
      responses: {
        200: {
          description: 'the ledger',
          schema: Type.Object({
            evaluatedOn: Type.String(),
            counts: Type.Record(Type.String(), Type.Integer()),
            predictions: Type.Array(EvaluatedLedgerEntrySchema),
          }),
        },
      },
    },
    handler: (req, _r, s) => {
      const all = s.ledger();
      const want = req.query.status;
      const counts: Record<string, number> = { open: 0, passed: 0, failed: 0, expired: 0 };
      for (const p of all) counts[p.status] = (counts[p.status] ?? 0) + 1;
      return {
        evaluatedOn: s.context(true).today,
        counts,
        predictions: want ? all.filter((p) => p.status === want) : all,
      };
    },
  }),
  route({
    method: 'POST',
    url: '/api/predictions',
    tag: 'predictions',
    summary:
      'Add a prediction: statement, criterion (or pass/fail criteria), deadline, pass/fail wording',
    doc: {
      requestBody: { 'application/json': PredictionInputSchema },
      responses: {
        201: { description: 'added, with its computed status', schema: EvaluatedLedgerEntrySchema },
      },
    },
    handler: (req, reply, s) => {
      refuseUnknownNames(s.context(true), req.body);
      const p = s.ws.predictions.add(req.body);
      return reply.code(201).send(s.ledger().find((e) => e.id === p.id));
    },
  }),
  route({
    method: 'DELETE',
    url: '/api/predictions/:id',
    tag: 'predictions',
    summary: 'Remove a prediction from the ledger',
    schema: { params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) }) },
    doc: { responses: { 204: { description: 'removed' } } },
    handler: (req, reply, s) => {
      const { id } = req.params;
      if (!s.ws.predictions.remove(id))
        throw new CapeError(
          'E_NOT_FOUND',
          `no prediction with id ${JSON.stringify(id)} in the ledger (GET /api/predictions lists them)`,
          'id',
        );
      return reply.code(204).send();
    },
  }),
];
