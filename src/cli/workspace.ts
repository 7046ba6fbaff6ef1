/**
 * `cape workspace add|list|remove|export`: the user's saved models, in the same SQLite workspace
 * the server uses ($CAPE_DATA_DIR or ./.cape, or --data-dir). `add` takes flags or --file (an
 * lm-eval results JSON / folder, or a CSV): a file's models are saved all or nothing.
 * Wired into src/cli/main.ts by the lead as { run: runWorkspace, help: workspaceHelp }.
 */
import { writeFile } from 'node:fs/promises';
import { oneLine } from '../core/control-chars.ts';
import { CapeError } from '../core/errors.ts';
import { readModelsFromPath } from '../data/ingest/files.ts';
import { cliKnownParams } from './known.ts';
import { fmtParams, fmtScores } from '../report/format.ts';
import { formatTable } from '../report/table.ts';
import { assertPlanOk, planFileAdd } from '../workspace/plan.ts';
import {
  defaultDataDir,
  openWorkspace,
  type Workspace,
  type WorkspaceModel,
} from '../workspace/index.ts';
import { parse, scoreFlags, scoreOptions, SCORE_FLAGS } from './args.ts';
import {
  addFrontierFile,
  frontierTable,
  listFrontier,
  removeFrontier,
} from './workspace-frontier.ts';
import { printJson, type Io } from './io.ts';
import { shortLabel } from '../data/benchmarks.ts';

export const workspaceHelp = `cape workspace add --name <name> --params <6.9B> [--family <f>] [--hellaswag 64 --truthfulqa 33 ...]
cape workspace add --file <results.json | folder | models.csv> [--params <n>] [--family <f>] [--dry-run]
cape workspace add --frontier-file <frontier.csv | .json> [--dry-run]
cape workspace list [--json]
cape workspace list --frontier [--json]
cape workspace remove <id>
cape workspace remove --frontier <model name>...
cape workspace export [--format json|csv] [--out <file>]
cape workspace check [--out <file>] [--json]   integrity check; lists unreadable rows, --out saves every readable row
  Your own models, saved in $CAPE_DATA_DIR/workspace.db (default ./.cape; --data-dir to change),
  shared with the server (npm start). --dry-run shows what a file was recognised as and saves nothing. Include them in analyses with --include-workspace (CLI) or
  ?includeWorkspace=1 (API). --frontier-file saves a frontier file's models (model, lab,
  release_date, swe, gpqa; or Epoch AI's runs) all or nothing, as the page's "Save to workspace";
  analyse them with cape frontier|trajectory|gate --saved (docs/frontier-files.md). Score flags: ${Object.keys(SCORE_FLAGS).join(', ')} (percent).`;

function table(models: WorkspaceModel[]): string {
  return formatTable({
    title: `Workspace: ${models.length} model${models.length === 1 ? '' : 's'}`,
    headers: ['id', 'name', 'family', 'params', 'scores', 'origin'],
    rows: models.map((m) => [
      m.id,
      m.name,
      m.family,
      fmtParams(m.params),
      fmtScores(m.scores, m.stderr, shortLabel, ', '),
      m.origin,
    ]),
  });
}

/** The plan of `add --file` (read + decide), shared by the dry run and the real add. */
async function filePlan(file: string, values: Record<string, unknown>) {
  const res = await readModelsFromPath(file, { knownParams: cliKnownParams() });
  if (res.models.length === 0) throw new CapeError('E_INPUT', `no models found in ${file}`, 'file');
  const opts = { params: str(values.params), family: str(values.family) };
  return { res, plan: planFileAdd(res.models, opts) };
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** `add --file … --dry-run`: what would be saved and what would fail; writes nothing. */
async function dryRun(file: string, values: Record<string, unknown>, io: Io): Promise<number> {
  const { res, plan } = await filePlan(file, values);
  const status = plan.problems.length ? 1 : 0;
  if (values.json)
    return (
      printJson(io, {
        kind: res.kind,
        files: res.files,
        skipped: res.skipped,
        models: res.models,
        problems: plan.problems,
      }),
      status
    );
  const problem = new Map(plan.problems.map((p) => [p.index, p.message]));
  io.out(
    formatTable({
      title: `${file}: ${res.kind}, ${res.models.length} model${res.models.length === 1 ? '' : 's'} recognised (dry run: nothing saved)`,
      headers: ['model', 'family', 'params', 'params from', 'scores', 'would save', 'notes'],
      rows: res.models.map((m, i) => [
        m.name,
        m.family,
        fmtParams(m.params),
        m.paramsSource,
        fmtScores(m.scores, m.stderr ?? {}, shortLabel, ', '),
        problem.get(i) ?? 'yes',
        m.notes.join('; '),
      ]),
      notes: res.skipped.map((s) => `skipped ${s.name}: ${s.reason}`),
    }),
  );
  if (status)
    io.out(
      `The real add would fail (${plan.problems.length} model${plan.problems.length === 1 ? '' : 's'} cannot be saved): nothing would be saved.\n`,
    );
  return status;
}

async function add(ws: Workspace, values: Record<string, unknown>, io: Io): Promise<number> {
  let saved: WorkspaceModel[];
  if (typeof values.file === 'string') {
    const { plan } = await filePlan(values.file, values);
    assertPlanOk(plan);
    saved = ws.addMany(plan.inputs, `cli:${values.file}`.slice(0, 200));
  } else {
    if (typeof values.name !== 'string')
      throw new CapeError('E_USAGE', 'missing --name (or --file)', 'name');
    if (typeof values.params !== 'string')
      throw new CapeError(
        'E_USAGE',
        'missing --params (a parameter count such as 6.9e9, 6.9B or 410M)',
        'params',
      );
    saved = [
      ws.add(
        {
          name: values.name,
          family: values.family ?? null,
          params: values.params,
          scores: scoreFlags(values),
        },
        'cli',
      ),
    ];
  }
  if (values.json) return (printJson(io, saved), 0);
  io.out(
    `saved ${saved.length} model${saved.length === 1 ? '' : 's'} to ${ws.dir}\n${table(saved)}`,
  );
  return 0;
}

/**
 * `cape workspace check [--out file] [--json]`: SQLite's integrity check, then every row read
 * defensively; unreadable rows are listed with what is wrong, and --out writes every row that
 * could be read (bad ones with their lossy reading and problems). Exit 0 clean, 1 otherwise.
 */
async function check(
  ws: Workspace,
  values: Record<string, string | boolean | undefined>,
  io: Io,
): Promise<number> {
  const c = ws.check();
  const clean =
    c.integrity.length === 1 &&
    c.integrity[0] === 'ok' &&
    c.models.bad.length === 0 &&
    c.predictions.bad.length === 0;
  if (typeof values.out === 'string') {
    const rows = {
      format: 'cape-workspace-check',
      path: c.path,
      models: ws.list(),
      unreadable: c.models.bad,
    };
    await writeFile(values.out, `${JSON.stringify(rows, null, 2)}\n`);
  }
  if (values.json) return (printJson(io, c), clean ? 0 : 1);
  io.out(`${c.path}\nintegrity: ${c.integrity.map(oneLine).join('; ')}\n`);
  io.out(
    `models: ${c.models.readable} readable, ${c.models.bad.length} unreadable; predictions: ${c.predictions.readable} readable, ${c.predictions.bad.length} unreadable\n`,
  );
  for (const b of [...c.models.bad, ...c.predictions.bad])
    io.out(`  ${b.table} ${b.id ?? '?'}: ${b.problems.map(oneLine).join('; ')}\n`);
  if (typeof values.out === 'string') io.out(`wrote the readable rows to ${values.out}\n`);
  return clean ? 0 : 1;
}

export async function runWorkspace(argv: string[], io: Io): Promise<number> {
  const [sub, ...rest] = argv;
  const parsed = parse(
    rest,
    {
      ...scoreOptions,
      name: { type: 'string' },
      family: { type: 'string' },
      params: { type: 'string' },
      file: { type: 'string' },
      'frontier-file': { type: 'string' },
      frontier: { type: 'boolean' },
      'dry-run': { type: 'boolean' },
      format: { type: 'string' },
      out: { type: 'string' },
      'data-dir': { type: 'string' },
    },
    true,
  );
  const values = parsed.values as Record<string, string | boolean | undefined>;
  const positionals = parsed.positionals;
  if (sub === undefined || sub === '--help' || sub === '-h' || values.help)
    return (io.out(`${workspaceHelp}\n`), sub === undefined ? 2 : 0);
  const dir = typeof values['data-dir'] === 'string' ? values['data-dir'] : defaultDataDir();
  if (sub === 'add' && typeof values['frontier-file'] === 'string')
    return addFrontierFile(dir, values['frontier-file'], values, io);
  if (sub === 'add' && values['dry-run'] && typeof values.file === 'string')
    return dryRun(values.file, values, io);
  const ws = openWorkspace(dir);
  try {
    switch (sub) {
      case 'add':
        return await add(ws, values, io);
      case 'list': {
        if (values.frontier) return listFrontier(ws, values.json === true, io);
        const models = ws.list();
        const unreadable = ws.count() - models.length;
        if (unreadable > 0)
          io.err(
            `cape workspace: ${unreadable} row(s) cannot be read and are not listed (cape workspace check shows them)\n`,
          );
        if (values.json) return (printJson(io, models), 0);
        io.out(table(models));
        const frontier = ws.frontier.list();
        if (frontier.length)
          io.out(`\n${frontierTable(`Frontier models: ${frontier.length}`, frontier)}`);
        return 0;
      }
      case 'check':
        return await check(ws, values, io);
      case 'remove': {
        if (values.frontier) return removeFrontier(ws, positionals, values.json === true, io);
        const ids = positionals.map((p) => (/^[1-9]\d{0,15}$/.test(p) ? Number(p) : Number.NaN));
        if (ids.length === 0 || ids.some((id) => !Number.isInteger(id) || id < 1))
          throw new CapeError(
            'E_USAGE',
            `remove needs model ids (integers from cape workspace list), got ${JSON.stringify(positionals)}`,
            'id',
          );
        for (const id of ids)
          if (!ws.get(id))
            throw new CapeError(
              'E_NOT_FOUND',
              `no workspace model with id ${id} (cape workspace list shows them)`,
              'id',
            );
        for (const id of ids) ws.remove(id);
        if (values.json) return (printJson(io, { removed: ids }), 0);
        io.out(`removed ${ids.join(', ')}\n`);
        return 0;
      }
      case 'export': {
        const format = values.format ?? 'json';
        if (format !== 'json' && format !== 'csv')
          throw new CapeError(
            'E_USAGE',
            `invalid --format ${JSON.stringify(format)} (expected json or csv)`,
            'format',
          );
        if (format === 'csv' && values.json)
          throw new CapeError(
            'E_USAGE',
            '--json prints JSON, --format csv prints CSV (expected one of them)',
            'format',
          );
        const text =
          format === 'csv' ? ws.export('csv') : `${JSON.stringify(ws.export('json'), null, 2)}\n`;
        if (typeof values.out === 'string') {
          await writeFile(values.out, text);
          io.err(`wrote ${ws.list().length} models to ${values.out}\n`);
        } else io.out(text);
        return 0;
      }
      default:
        throw new CapeError(
          'E_USAGE',
          `unknown workspace command ${JSON.stringify(sub)} (expected add, list, remove, export or check)`,
        );
    }
  } finally {
    ws.close();
  }
}
