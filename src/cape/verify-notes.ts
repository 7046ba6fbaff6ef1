/**
 * Why our value may differ from the seed's, per `cape verify` id (no numbers here: the values
 * are computed; these texts say where a difference comes from). Decisions on the data are in
 * docs/data-notes.md, methods in docs/science.md.
 */
export const VERIFY_NOTES: Record<string, string> = {
  'header.baseModels':
    'the reference set holds duplicates and unsourced rows; ours keeps one row per real model and adds sourced base models (docs/data-notes.md)',
  'header.families':
    'GPT-J, GPT-NeoX, Gemma generations and OLMo-2 are their own families here; the reference filed some under Pythia',
  'pythia.r':
    'we use the deduped Pythia suite measured on the Open LLM Leaderboard v1; the reference mixed deduped and standard rows and two estimates',
  'running.A':
    'pooled over every family of the dataset; the reference fitted a hand-picked subset of transitions',
  'running.B': 'as running.A',
  'running.r2': 'as running.A',
  'running.signCorrect':
    'judged against our own zero crossing over all transitions; the seed counted 12 transitions',
  'nc.zeroCrossing':
    'the seed prints 3.5B for this line, but its own A and B cross zero at 10^(5.886/0.629) ≈ 2.3B',
  'nc.reference':
    "the study's method reproduced (14 models, quadratic vertex bootstrap). The difference is not resampling noise (the median moves by about 0.006B across seeds): our Pythia rows are the deduped OLL v1 ones, and the study's 3.49B came from a table typed into its bootstrap script, not from its data files. The study's interval is from its files, not printed on the seed page",
  'nc.reference.ciLow': 'as nc.reference',
  'nc.reference.ciHigh': 'as nc.reference',
  'nc.cluster':
    'the Nc the phase uses (for a model whose family has no Nc of its own): the crossing of the pooled γ12 line over every family, with families resampled whole; the reference method pools three families and ignores that models of a family are not independent, so it is shown for comparison only. The seed has no such number',
  'predict.coverage':
    "nominal 95%; calibrated if 90–98% (the seed gives the slope's interval only)",
  'bonus.crossFamilyR':
    'complete-case models above our Nc; the seed does not say which models it used',
  'olmo.gamma12':
    "computed from the OLMo-1B and OLMo-7B Open LLM Leaderboard v1 scores; the seed's exact zero is not reproduced by these scores",
  'deff.tax': 'band = below the lower end of the Nc interval; the seed does not define its bands',
  'deff.transition': 'band = inside the Nc interval',
  'deff.bonus': 'band = above the upper end of the Nc interval',
  'deff.frontier':
    'two benchmarks (SWE, GPQA) over all frontier models: bounded by 2, not comparable with the five-benchmark bands',
  'deff.nc3': 'only the frontier models that report IFEval: too few for a stable estimate (see n)',
  'split.below.meanR':
    "the seed's displayed matrices do not reproduce their own captions (and its below-Nc matrix is not positive semidefinite); ours are computed from the data",
  'split.below.deff': 'as split.below.meanR',
  'split.above.deff': 'as split.below.meanR',
  'split.frobeniusTqa': '√Σ(Δr)² over the four TQA pairs, split at our Nc',
  'split.frobeniusOther': '√Σ(Δr)² over the six other pairs',
  'lofo.below.HS–TQA': "one fold per family below our Nc: more families than the seed's five",
  'lofo.above.pairsAllFolds':
    'the seed prints two counts for this test that contradict each other: "every single benchmark pair" (10 of 10) in its text and "6/6 pairs" in its heading (lofo.above.pairsAllFolds.heading); ours is compared with both',
  'lofo.above.pairsAllFolds.heading':
    "the same count as lofo.above.pairsAllFolds: the seed's heading says 6/6 while its text says every pair (10): the page contradicts itself",
  'deff.taxCard':
    "for a 2×2 correlation matrix d_eff = 2/(1 + r²), so the card's own r = −0.989 gives 1.01, not 1.05; the same page's progression gives 1.53 for the tax phase (deff.tax)",
  'deff.nc2Card':
    "with the card's own r = 0.85 a 2×2 matrix gives 2/(1 + 0.85²) = 1.16 (the progression's frontier value, 1.15), not 1.75: the card contradicts its own r",
  'range.hsTqa70to130B':
    'the seed does not say which spread it means; ours is the larger of the HS and TQA ranges over the base models of 70B–130B (HS does compress; TQA does not)',
  'pc1.below.tqa':
    'leading eigenvector of the below-Nc correlation matrix (split at our Nc); the seed shows TQA and HS with equal and opposite loadings, ours are not equal',
  'pc1.below.hs': 'as pc1.below.tqa',
  'winding.e2CrossingB':
    'where cov(HS, TQA) of the 0.6-decade windows changes sign (e2 of the 2×2 covariance turns through the axes there); see cape diagnostics winding',
  'phi.h':
    "the seed does not define its web baseline or say which Phi models; ours: Phi base models' TQA minus an OLS line of TQA on log10 N over the web-trained families (Phi-3 and Phi-4 are instruct releases, not in the base set)",
  'frontier.slope':
    "DeepSeek-V3's GPQA is its reported 59.1, not the 75.9 (its MMLU-Pro) in the reference panel; with 75.9 the reference fit is reproduced exactly (test/golden)",
  'frontier.intercept': 'as frontier.slope',
  'frontier.r': "the seed's caption (r = 0.85, n = 20) predates the study's 34-model set",
  'frontier.n': "the study's frozen 34; the seed's caption is from an older 20-model set",
};

/** Note for trajectory rows: h depends on the fit, the Δ values on the scores alone. */
export const TRAJECTORY_H_NOTE =
  'h is the residual from our fit (see frontier.slope); the seed printed stored h values from older fits';
