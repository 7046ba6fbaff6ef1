/**
 * The page's sections, in navigation order, and the panels in each: one line per panel. A panel
 * module is imported only when its section is first shown (its own chunk), so the first screen
 * loads the analysis alone (the panels of analyze.ts are in it already: the form uses them).
 * To add a panel: `registerPanel('<section>', () => import(...))`.
 */
import { analyze, header, known, phase } from './panels/analyze.ts';
import { defineSection, registerPanel } from './sections.ts';

defineSection({
  id: 'your-model',
  title: 'Your model',
  lede: 'Enter a size and scores, or try an example: the phase, its Nc and what to expect at the next size.',
});
defineSection({
  id: 'base-phase',
  title: 'Base-model phase',
  lede: 'Where base-model families change from competing to cooperating capabilities, and how sure that is.',
});
defineSection({
  id: 'frontier-models',
  title: 'Frontier',
  lede: 'Frontier models have no published size: what their scores say through the h-field and the lab trajectories.',
});
defineSection({
  id: 'physics',
  title: 'Physics diagnostics',
  lede: 'The statistical-physics readings of the same data: barriers, survival, RG flow, topology and the ODE.',
});
defineSection({
  id: 'evidence',
  title: 'Evidence & verification',
  lede: 'Each claim of the study recomputed, the predictions ledger, and the leaderboard replication.',
});
defineSection({
  id: 'steering-live',
  title: 'Self-steering and try it live',
  lede: 'Using the coupling picture on a running model.',
});
defineSection({
  id: 'workspace-ledger',
  title: 'Workspace',
  lede: 'Your saved models and predictions, kept by the server.',
});

registerPanel('your-model', async () => [analyze, known]);
registerPanel('your-model', () => import('./panels/pair.ts').then((m) => m.customPair));
registerPanel('base-phase', async () => [header, phase]);
registerPanel('base-phase', () =>
  import('./panels/science.ts').then((m) => [m.phaseCards, m.correlations, m.deff, m.lofo]),
);
registerPanel('frontier-models', () =>
  import('./panels/frontier.ts').then((m) => [m.frontier, m.hfield, m.trajectories, m.matrix3]),
);
registerPanel('frontier-models', () => import('./panels/gate.ts').then((m) => m.gatePanel));
registerPanel('physics', () =>
  import('./panels/diagnostics.ts').then((m) => [
    m.arrhenius,
    m.survival,
    m.rgflow,
    m.opt,
    m.poly,
    m.topology,
    m.boosting,
  ]),
);
registerPanel('physics', () => import('./panels/explorer.ts').then((m) => m.ode));
registerPanel('evidence', () =>
  import('./panels/science.ts').then((m) => [m.summary, m.predictions]),
);
registerPanel('evidence', () => import('./panels/leaderboard.ts').then((m) => m.leaderboard));
registerPanel('evidence', () =>
  import('./panels/reference.ts').then((m) => [m.levers, m.dictionary, m.citation]),
);
registerPanel('steering-live', () => import('./panels/steering.ts').then((m) => m.steering));
registerPanel('steering-live', () => import('./panels/live.ts').then((m) => m.live));
registerPanel('workspace-ledger', () =>
  import('./panels/workspace.ts').then((m) => [m.workspacePanel, m.ledgerPanel]),
);
