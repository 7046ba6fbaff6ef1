"""Independent numpy/scipy computation of the engine's deterministic results on the shipped
dataset, for test/golden/engine.test.ts. Run from the repo root:

    python3 test/reference/engine_reference.py > test/reference/engine_reference.json

It reads data/*.json (the project's own dataset) and re-implements each definition from
docs/science.md without sharing code with the TypeScript engine.
"""
import json
import sys

import numpy as np
import scipy
from scipy import stats

from noise import within_noise

base = json.load(open("data/base-models.json"))["models"]
# Rows with "excluded" (a second effort setting, unsourced scores) enter no analysis.
front = [m for m in json.load(open("data/frontier-models.json"))["models"] if "excluded" not in m]


def score(m, b):
    for s in m["scores"]:
        if s["benchmark"] == b:
            return s["value"]
    return None


pts = [m for m in base if m["kind"] == "base"]
out = {"numpy": np.__version__, "scipy": scipy.__version__}

# 1. Pythia within-family r(HS, TQA) and its t-test p.
py = sorted([m for m in pts if m["family"] == "Pythia"], key=lambda m: m["params"])
hs = np.array([score(m, "hellaswag") for m in py])
tqa = np.array([score(m, "truthfulqa_mc2") for m in py])
r, p = stats.pearsonr(hs, tqa)
out["pythia"] = {"r": r, "p": p, "n": len(py)}

# 2. Transitions pooled over families (consecutive by N, |dHS| >= 0.5, distinct N), OLS fit.
fams = sorted({m["family"] for m in pts})
xs, ys, excluded = [], [], 0
for f in fams:
    ms = sorted([m for m in pts if m["family"] == f and score(m, "hellaswag") is not None and score(m, "truthfulqa_mc2") is not None],
                key=lambda m: (m["params"], m["name"]))
    for a, b in zip(ms, ms[1:]):
        dx = score(b, "hellaswag") - score(a, "hellaswag")
        dy = score(b, "truthfulqa_mc2") - score(a, "truthfulqa_mc2")
        if a["params"] == b["params"] or abs(dx) < 0.5 or within_noise(a, b, dx):
            excluded += 1
            continue
        xs.append((np.log10(a["params"]) + np.log10(b["params"])) / 2)
        ys.append(dy / dx)
lr = stats.linregress(xs, ys)
out["running"] = {"A": lr.slope, "B": lr.intercept, "r2": lr.rvalue ** 2, "n": len(xs), "excluded": excluded,
                  "zeroLog10": -lr.intercept / lr.slope}

# 3. Reference-method data: full-sample quadratic vertex over Pythia + Llama-1 + Llama-2.
ref = [m for m in pts if m["family"] in ("Pythia", "Llama-1", "Llama-2") and score(m, "truthfulqa_mc2") is not None]
lx = np.log10([m["params"] for m in ref])
ly = np.array([score(m, "truthfulqa_mc2") for m in ref])
c2, c1, c0 = np.polyfit(lx, ly, 2)
out["reference"] = {"n": len(ref), "vertexLog10": -c1 / (2 * c2), "c2": c2}

# 4. Frontier OLS over the frozen set, h of two models, 95% prediction interval at SWE = 80.
fr = [m for m in front if m["subset"] == "frozen" and score(m, "swe_bench_verified") is not None and score(m, "gpqa_diamond") is not None]
sx = np.array([score(m, "swe_bench_verified") for m in fr])
sy = np.array([score(m, "gpqa_diamond") for m in fr])
f = stats.linregress(sx, sy)
n = len(sx)
resid = sy - (f.slope * sx + f.intercept)
s = np.sqrt(np.sum(resid ** 2) / (n - 2))
x0 = 80.0
se_pred = s * np.sqrt(1 + 1 / n + (x0 - sx.mean()) ** 2 / np.sum((sx - sx.mean()) ** 2))
tq = stats.t.ppf(0.975, n - 2)
out["frontier"] = {"n": n, "slope": f.slope, "intercept": f.intercept, "r": f.rvalue, "p": f.pvalue,
                   "h_80_85": 85 - (f.slope * 80 + f.intercept), "halfWidth80": tq * se_pred}

# 5. Correlation matrix of the five base benchmarks over complete cases below / above a split.
FIVE = ["hellaswag", "truthfulqa_mc2", "arc_challenge", "mmlu", "winogrande"]
split = float(sys.argv[1]) if len(sys.argv) > 1 else 3e9
cc = [m for m in pts if all(score(m, b) is not None for b in FIVE)]
for side, sel in (("below", [m for m in cc if m["params"] < split]), ("above", [m for m in cc if m["params"] >= split])):
    X = np.array([[score(m, b) for b in FIVE] for m in sel])
    R = np.corrcoef(X, rowvar=False)
    w = np.linalg.eigvalsh(R)
    w = np.clip(w, 0, None)
    iu = np.triu_indices(5, 1)
    out[f"split_{side}"] = {"n": len(sel), "split": split, "meanR": R[iu].mean(), "negative": int((R[iu] < 0).sum()),
                            "deff": w.sum() ** 2 / (w ** 2).sum(), "r_hs_tqa": R[0, 1]}

json.dump(out, sys.stdout, indent=1, default=float)
print()
