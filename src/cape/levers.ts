/**
 * The lever table: physics levers of a superconductor and the training levers they stand for
 * (paraphrased reference content, no statistics). Shown by the page's lever panel (re-exported
 * from web/content/reference.ts) and used by guidance.ts to name the lever of each regime.
 */
export interface Lever {
  physics: string;
  physicsEffect: string;
  ml: string;
  mlEffect: string;
  detail: string;
}

export const LEVERS: Lever[] = [
  {
    physics: 'Pressure',
    physicsEffect: 'squeezes the lattice and moves the bands',
    ml: 'Parameter count N',
    mlEffect: 'widens or narrows the representation',
    detail: 'The main control knob: moving along N is how a family crosses the critical scale.',
  },
  {
    physics: 'Magnetic field along the c-axis',
    physicsEffect: 'orbital limit, vortex formation',
    ml: 'h-field (what the recipe emphasises)',
    mlEffect: 'tilts gains toward reasoning or toward coding',
    detail: 'Measured as the residual of a model from the frontier SWE–GPQA line.',
  },
  {
    physics: 'Magnetic field in the ab-plane',
    physicsEffect: 'Pauli limit, spin effects',
    ml: 'A different benchmark pair',
    mlEffect: 'probes coupling in another direction',
    detail: 'The custom-pair panel computes the same statistics for any two benchmarks.',
  },
  {
    physics: 'Doping',
    physicsEffect: 'changes carrier density, shifts the Fermi level',
    ml: 'Data curation',
    mlEffect: 'changes the training distribution',
    detail:
      'Curated families can sit in the cooperative regime at sizes where web-trained ones do not.',
  },
  {
    physics: 'Temperature',
    physicsEffect: 'thermal fluctuations',
    ml: 'Learning rate and noise',
    mlEffect: 'fluctuations during training',
    detail: 'Noisier training blurs where the sign change happens.',
  },
  {
    physics: 'Strain',
    physicsEffect: 'distorts the lattice',
    ml: 'Width/depth at fixed N',
    mlEffect: 'structural change without more parameters',
    detail: 'An architecture source term in the coupled ODE.',
  },
  {
    physics: 'Non-magnetic impurities',
    physicsEffect: 'leave the superconducting state intact (Anderson)',
    ml: 'Dropout and augmentation',
    mlEffect: 'robustness kept',
    detail: 'Perturbations that do not break the coupling.',
  },
  {
    physics: 'Magnetic impurities',
    physicsEffect: 'break pairs',
    ml: 'Contaminated data',
    mlEffect: 'destroys the coupling signal',
    detail: 'Benchmark leakage makes measured coupling meaningless.',
  },
  {
    physics: 'Twist angle (moiré)',
    physicsEffect: 'flat bands at a magic angle',
    ml: 'Mixture-of-experts routing',
    mlEffect: 'effective coupling set by routing',
    detail: 'Routing changes which parameters interact for a given input.',
  },
  {
    physics: 'Spin–orbit coupling',
    physicsEffect: 'mixes spin channels',
    ml: 'Cross-head attention',
    mlEffect: 'mixes capability representations',
    detail: 'Interaction between heads couples what separate heads learn.',
  },
];
