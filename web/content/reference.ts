/**
 * Reference content (paraphrased in our own words; no statistics — every number on the page
 * comes from the engine). Lever mapping, physics ↔ ML dictionary (each row points at the panel
 * that computes the quantity), and the BibTeX entries of the two papers.
 */
// The lever table lives in src/cape/levers.ts (the CLI's CAPE-guided prompt uses it too).
export { LEVERS, type Lever } from '../../src/cape/levers.ts';

export interface DictRow {
  physics: string;
  ml: string;
  panel: string;
  panelTitle: string;
}

export const DICTIONARY: DictRow[] = [
  {
    physics: 'Ginzburg–Landau order parameter',
    ml: 'running coupling γ12(N): its sign and size',
    panel: 'custom-pair',
    panelTitle: 'Custom benchmark pair',
  },
  {
    physics: 'Phase transition at a critical temperature',
    ml: 'the sign flip of γ12 at the critical scale Nc',
    panel: 'phase-diagram',
    panelTitle: 'Phase diagram',
  },
  {
    physics: 'Susceptibility divergence',
    ml: 'χ = 1/|γ12| grows without bound as γ12 → 0',
    panel: 'analyze',
    panelTitle: 'Analyze any model',
  },
  {
    physics: 'External field h',
    ml: 'recipe offset h(D): residual from the frontier fit',
    panel: 'hfield',
    panelTitle: 'h-field calculator',
  },
  {
    physics: 'Soft mode',
    ml: 'collapse of the second eigenvalue of the benchmark correlation matrix',
    panel: 'deff',
    panelTitle: 'd_eff progression',
  },
  {
    physics: 'Effective dimension of fluctuations',
    ml: 'participation ratio d_eff of the correlation eigenvalues',
    panel: 'deff',
    panelTitle: 'd_eff progression',
  },
  {
    physics: 'Order-parameter restructuring',
    ml: 'correlation matrices that differ below and above Nc',
    panel: 'correlations',
    panelTitle: 'Phase-separated correlations',
  },
  {
    physics: 'Renormalisation-group β function',
    ml: 'rate of change of γ12 along log N and its fixed points',
    panel: 'rg-flow',
    panelTitle: 'RG flow',
  },
  {
    physics: 'Kink (domain wall)',
    ml: 'tanh profile of γ12 along log N',
    panel: 'topology',
    panelTitle: 'Topology and kink fit',
  },
  {
    physics: 'Winding number / geometric phase',
    ml: 'accumulated rotation of the leading eigenvector along log N',
    panel: 'topology',
    panelTitle: 'Topology and kink fit',
  },
  {
    physics: 'det(H) → 0',
    ml: 'a vanishing 2×2 coupling block: a new axis must enter',
    panel: 'frontier-matrix',
    panelTitle: 'Frontier 3×3 matrix',
  },
  {
    physics: 'Activation energy (Arrhenius)',
    ml: 'barrier C in log(dS/dlog N) = A − C/S per phase',
    panel: 'arrhenius',
    panelTitle: 'Arrhenius fit per phase',
  },
  {
    physics: 'Equation of motion',
    ml: 'coupled ODE dB/dlog N = C·B + c0 + sources',
    panel: 'ode',
    panelTitle: 'ODE explorer',
  },
];

export const BIBTEX = `@article{amin2026cape,
  author    = {Amin, Adil},
  title     = {Lying Is Just a Phase},
  note      = {The Hidden Alignment Transition in Language Model Scaling},
  booktitle = {NeurIPS},
  year      = {2026},
  url       = {https://github.com/adilamin89/cape-scaling}
}

@article{amin2026itsnotaphase,
  author    = {Amin, Adil},
  title     = {It's Not a Phase: Predicting Frontier Alignment from Capability Coupling},
  booktitle = {NeurIPS},
  year      = {2026},
  url       = {https://github.com/adilamin89/cape-scaling}
}
`;
