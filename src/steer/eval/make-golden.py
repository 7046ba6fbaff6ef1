"""Writes stats.golden.json: reference values for src/steer/eval/stats.ts from scipy.
Run: python3 src/steer/eval/make-golden.py  (numpy 2.4.6, scipy 1.17.1)."""
import json, os
import numpy as np, scipy
from scipy.stats import binomtest, bootstrap
from scipy.special import logsumexp

out = {"generator": "src/steer/eval/make-golden.py", "numpy": np.__version__, "scipy": scipy.__version__}
pairs = [(0, 0), (1, 0), (10, 2), (2, 10), (5, 5), (17, 31), (40, 12), (0, 25), (120, 97), (300, 260)]
out["mcnemar"] = [{"b": b, "c": c, "p": binomtest(min(b, c), b + c, 0.5).pvalue if b + c else 1.0} for b, c in pairs]
rs = np.random.RandomState(7)
mc = []
for _ in range(8):
    c = rs.normal(-20, 6, rs.randint(1, 8)); i = rs.normal(-20, 6, rs.randint(1, 8))
    mc.append({"correct": c.tolist(), "incorrect": i.tolist(),
               "mc2": float(np.exp(logsumexp(c) - logsumexp(np.concatenate([c, i])))),
               "mc1": int(c[0] > i.max())})
out["mc"] = mc
# paired bootstrap: scipy's percentile interval with many resamples; compared within Monte Carlo error
a = rs.binomial(1, 0.35, 200).astype(float); b = rs.binomial(1, 0.3, 200).astype(float)
res = bootstrap((a, b), lambda x, y: np.mean(x - y), paired=True, vectorized=False, n_resamples=20000,
                method="percentile", confidence_level=0.95, random_state=np.random.default_rng(1))
out["bootstrap"] = {"a": a.tolist(), "b": b.tolist(), "diff": float(np.mean(a - b)),
                    "ci": [float(res.confidence_interval.low), float(res.confidence_interval.high)],
                    "resamples": 20000, "se": float(res.standard_error)}
lp = rs.normal(-3, 1.5, 50)
out["perplexity"] = {"logProbs": lp.tolist(), "ppl": float(np.exp(-lp.mean()))}
json.dump(out, open(os.path.join(os.path.dirname(__file__), "stats.golden.json"), "w"), indent=1)
