/**
 * Reference content (paraphrased in our own words; no statistics — every number on the page
 * comes from the engine). Lever mapping, physics ↔ ML dictionary (each row points at the panel
 * that computes the quantity), and the BibTeX entries of the two papers.
 */
export interface Lever { physics: string; physicsEffect: string; ml: string; mlEffect: string; detail: string }

export const LEVERS: Lever[] = [
  { physics: 'Pressure', physicsEffect: 'squeezes the lattice and moves the bands', ml: 'Parameter count N', mlEffect: 'widens or narrows the representation', detail: 'The main control knob: moving along N is how a family crosses the critical scale.' },
  { physics: 'Magnetic field along the c-axis', physicsEffect: 'orbital limit, vortex formation', ml: 'h-field (what the recipe emphasises)', mlEffect: 'tilts gains toward reasoning or toward coding', detail: 'Measured as the residual of a model from the frontier SWE–GPQA line.' },
  { physics: 'Magnetic field in the ab-plane', physicsEffect: 'Pauli limit, spin effects', ml: 'A different benchmark pair', mlEffect: 'probes coupling in another direction', detail: 'The custom-pair panel computes the same statistics for any two benchmarks.' },
  { physics: 'Doping', physicsEffect: 'changes carrier density, shifts the Fermi level', ml: 'Data curation', mlEffect: 'changes the training distribution', detail: 'Curated families can sit in the cooperative regime at sizes where web-trained ones do not.' },
  { physics: 'Temperature', physicsEffect: 'thermal fluctuations', ml: 'Learning rate and noise', mlEffect: 'fluctuations during training', detail: 'Noisier training blurs where the sign change happens.' },
  { physics: 'Strain', physicsEffect: 'distorts the lattice', ml: 'Width/depth at fixed N', mlEffect: 'structural change without more parameters', detail: 'An architecture source term in the coupled ODE.' },
  { physics: 'Non-magnetic impurities', physicsEffect: 'leave the superconducting state intact (Anderson)', ml: 'Dropout and augmentation', mlEffect: 'robustness kept', detail: 'Perturbations that do not break the coupling.' },
  { physics: 'Magnetic impurities', physicsEffect: 'break pairs', ml: 'Contaminated data', mlEffect: 'destroys the coupling signal', detail: 'Benchmark leakage makes measured coupling meaningless.' },
  { physics: 'Twist angle (moiré)', physicsEffect: 'flat bands at a magic angle', ml: 'Mixture-of-experts routing', mlEffect: 'effective coupling set by routing', detail: 'Routing changes which parameters interact for a given input.' },
  { physics: 'Spin–orbit coupling', physicsEffect: 'mixes spin channels', ml: 'Cross-head attention', mlEffect: 'mixes capability representations', detail: 'Interaction between heads couples what separate heads learn.' },
];

export interface DictRow { physics: string; ml: string; panel: string; panelTitle: string }

export const DICTIONARY: DictRow[] = [
  { physics: 'Ginzburg–Landau order parameter', ml: 'running coupling γ12(N): its sign and size', panel: 'custom-pair', panelTitle: 'Custom benchmark pair' },
  { physics: 'Phase transition at a critical temperature', ml: 'the sign flip of γ12 at the critical scale Nc', panel: 'phase-diagram', panelTitle: 'Phase diagram' },
  { physics: 'Susceptibility divergence', ml: 'χ = 1/|γ12| grows without bound as γ12 → 0', panel: 'analyze', panelTitle: 'Analyze any model' },
  { physics: 'External field h', ml: 'recipe offset h(D): residual from the frontier fit', panel: 'hfield', panelTitle: 'h-field calculator' },
  { physics: 'Soft mode', ml: 'collapse of the second eigenvalue of the benchmark correlation matrix', panel: 'deff', panelTitle: 'd_eff progression' },
  { physics: 'Effective dimension of fluctuations', ml: 'participation ratio d_eff of the correlation eigenvalues', panel: 'deff', panelTitle: 'd_eff progression' },
  { physics: 'Order-parameter restructuring', ml: 'correlation matrices that differ below and above Nc', panel: 'correlations', panelTitle: 'Phase-separated correlations' },
  { physics: 'Renormalisation-group β function', ml: 'rate of change of γ12 along log N and its fixed points', panel: 'rg-flow', panelTitle: 'RG flow' },
  { physics: 'Kink (domain wall)', ml: 'tanh profile of γ12 along log N', panel: 'topology', panelTitle: 'Topology and kink fit' },
  { physics: 'Winding number / geometric phase', ml: 'accumulated rotation of the leading eigenvector along log N', panel: 'topology', panelTitle: 'Topology and kink fit' },
  { physics: 'det(H) → 0', ml: 'a vanishing 2×2 coupling block: a new axis must enter', panel: 'frontier-matrix', panelTitle: 'Frontier 3×3 matrix' },
  { physics: 'Activation energy (Arrhenius)', ml: 'barrier C in log(dS/dlog N) = A − C/S per phase', panel: 'arrhenius', panelTitle: 'Arrhenius fit per phase' },
  { physics: 'Equation of motion', ml: 'coupled ODE dB/dlog N = C·B + c0 + sources', panel: 'ode', panelTitle: 'ODE explorer' },
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

/**
 * Self-steering and "try it live" as the seed describes them (method only, in our words): shown
 * in their section until the computed panels (web/src/panels/steering.ts, live.ts) register.
 */
export const STEERING_STEPS: { step: string; what: string }[] = [
  { step: 'Truth direction', what: 'the mean difference of the hidden states for true and for false calibration statements' },
  { step: 'Probe layer', what: 'a layer at a quarter of the depth, where the coupling bottleneck is probed' },
  { step: 'Steer', what: 'add the truth direction, times a strength, to the hidden state at the probe layer while generating' },
  { step: 'Result', what: 'compare the generation with and without the added direction, on the same prompt' },
];

export const TRY_LIVE_NOTE = 'Try it live runs text generation with your own Hugging Face token, with and without a CAPE-guided system prompt. The token stays in your browser (localStorage) and is sent only to the Hugging Face API, never to this server.';
