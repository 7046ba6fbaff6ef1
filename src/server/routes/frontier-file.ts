/**
 * A user's frontier set through the API (the CLI's `--file` of frontier, trajectory and gate):
 * analyse a frontier file (CSV or JSON, wide or Epoch's long format) without saving it, or save
 * its models in the workspace and analyse the saved set. Every answer has the keys of the
 * dataset's endpoint (GET /api/frontier, /api/trajectory, POST /api/gate), plus the reader's notes.
 */
import { Type } from '@sinclair/typebox';
import { frontierFileContext } from '../../cape/index.ts';
import { CapeError } from '../../core/errors.ts';
import { type FrontierFileRow, parseFrontierFile } from '../../data/ingest/frontier-file.ts';
import { ANALYSES, runAnalysis } from '../../report/analyses.ts';
import type { AppState } from '../state.ts';
import { readUpload } from './common.ts';
import { route, type RouteDef } from './types.ts';

const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const FileFields = {
  filename: Type.String({ maxLength: 255 }),
  content: Type.String({
    description:
      'the file text: CSV or JSON, wide (model, lab, release_date, swe, gpqa[, ifeval][, line | product_line][, source]) or long (model, benchmark | task, score; Epoch AI runs)',
  }),
  withDataset: Type.Optional(
    Type.Boolean({ description: "add the dataset's frontier models (cross-source steps flagged)" }),
  ),
};
const Subset = ANALYSES.frontier.input.properties.subset;

// a file's body: the file, then the input of the registry's analysis of the same name
const FitBody = Type.Object(
  { ...FileFields, ...ANALYSES.frontier.input.properties },
  { additionalProperties: false },
);
const TrajectoryBody = Type.Object(
  { ...FileFields, ...ANALYSES.trajectory.input.properties },
  { additionalProperties: false },
);
const GateBody = Type.Object(
  { ...FileFields, ...ANALYSES.gate.input.properties },
  { additionalProperties: false },
);
const SaveBody = Type.Object(
  { filename: FileFields.filename, content: FileFields.content },
  { additionalProperties: false },
);
const SavedQuery = Type.Object(
  {
    withDataset: Type.Optional(
      Type.Union(
        [Type.Literal('1'), Type.Literal('true'), Type.Literal('0'), Type.Literal('false')],
        {
          description: "add the dataset's frontier models",
        },
      ),
    ),
    subset: Subset,
  },
  { additionalProperties: false },
);
const NameParams = Type.Object({ name: Text(200) });

type FileBody = { filename: string; content: string; withDataset?: boolean };

/** The uploaded file's context and notes. */
function fileContext(body: FileBody, state: AppState) {
  const up = readUpload(body, {});
  const parsed = parseFrontierFile(up.content, up.filename);
  const ctx = frontierFileContext(state.context(false), parsed.rows, {
    withDataset: body.withDataset === true,
  });
  return { ctx, meta: { filename: up.filename, format: parsed.format, notes: parsed.notes } };
}

/** The saved frontier models as file rows (ids and dates of saving dropped). */
function savedRows(state: AppState): FrontierFileRow[] {
  return state.ws.frontier.list().map(({ id: _i, createdAt: _c, ...row }) => row);
}

export const frontierFileRoutes: RouteDef[] = [
  route({
    method: 'POST',
    url: '/api/frontier/file',
    tag: 'frontier files',
    summary:
      'Frontier regression and h-fields of an uploaded frontier set (keys of GET /api/frontier)',
    schema: { body: FitBody },
    handler: (req, _r, state) => {
      const { ctx, meta } = fileContext(req.body, state);
      const { filename: _f, content: _c, withDataset: _w, ...input } = req.body;
      return { ...runAnalysis(ctx, 'frontier', input), ...meta };
    },
  }),
  route({
    method: 'POST',
    url: '/api/trajectory/file',
    tag: 'frontier files',
    summary: "Trajectory over an uploaded frontier set: a lab's steps, one step, or the labs",
    schema: { body: TrajectoryBody },
    handler: (req, _r, state) => {
      const { ctx, meta } = fileContext(req.body, state);
      const { filename: _f, content: _c, withDataset: _w, ...input } = req.body;
      return { ...runAnalysis(ctx, 'trajectory', input), ...meta };
    },
  }),
  route({
    method: 'POST',
    url: '/api/gate/file',
    tag: 'frontier files',
    summary: 'Release gate over an uploaded frontier set (candidate by name, or swe and gpqa)',
    schema: { body: GateBody },
    handler: (req, _r, state) => {
      const { ctx, meta } = fileContext(req.body, state);
      const { filename: _f, content: _c, withDataset: _w, ...input } = req.body;
      return { ...runAnalysis(ctx, 'gate', input), ...meta };
    },
  }),
  route({
    method: 'GET',
    url: '/api/workspace/frontier',
    tag: 'frontier files',
    summary: 'The frontier models saved in the workspace',
    handler: (_req, _r, state) => ({ models: state.ws.frontier.list() }),
  }),
  route({
    method: 'POST',
    url: '/api/workspace/frontier',
    tag: 'frontier files',
    summary: 'Save the models of a frontier file in the workspace (all or nothing)',
    schema: { body: SaveBody },
    handler: (req, reply, state) => {
      const up = readUpload(req.body, {});
      const parsed = parseFrontierFile(up.content, up.filename);
      const saved = state.ws.frontier.addMany(parsed.rows);
      return reply.code(201).send({ saved, notes: parsed.notes });
    },
  }),
  route({
    method: 'DELETE',
    url: '/api/workspace/frontier/:name',
    tag: 'frontier files',
    summary: 'Remove a saved frontier model by name',
    schema: { params: NameParams },
    handler: (req, reply, state) => {
      const { name } = req.params;
      if (!state.ws.frontier.remove(name))
        throw new CapeError(
          'E_NOT_FOUND',
          `no saved frontier model ${JSON.stringify(name)}`,
          'name',
        );
      return reply.code(204).send();
    },
  }),
  route({
    method: 'GET',
    url: '/api/workspace/frontier/fit',
    tag: 'frontier files',
    summary: 'Frontier regression over the saved frontier models (keys of GET /api/frontier)',
    schema: { querystring: SavedQuery },
    handler: (req, _r, state) => {
      const q = req.query;
      const rows = savedRows(state);
      const ctx = frontierFileContext(state.context(false), rows, {
        withDataset: q.withDataset === '1' || q.withDataset === 'true',
      });
      return runAnalysis(ctx, 'frontier', { subset: q.subset });
    },
  }),
];
