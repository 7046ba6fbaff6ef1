"""Independent numpy/scipy references for the statistical-rigour items of issue 13, for
test/golden/rigour.test.ts. Run from the repo root:

    python3 test/reference/rigour_reference.py > test/reference/rigour_reference.json

It reads data/*.json and re-implements each definition from docs/science.md without sharing code
with the TypeScript engine. Monte Carlo quantities use numpy's generator with many resamples, so
they agree with the engine only within the stated Monte Carlo tolerance.
"""
import itertools
import json
import math

import numpy as np
import scipy
from scipy import stats

base = json.load(open("data/base-models.json"))["models"]
# Rows with "excluded" (a second effort setting, unsourced scores) enter no analysis.
front = [m for m in json.load(open("data/frontier-models.json"))["models"] if "excluded" not in m]
out = {"numpy": np.__version__, "scipy": scipy.__version__}


def score(m, b):
    for s in m["scores"]:
        if s["benchmark"] == b:
            return s["value"]
    return None


pts = [m for m in base if m["kind"] == "base"]
fams = sorted({m["family"] for m in pts})


def series(f):
    ms = [m for m in pts if m["family"] == f and score(m, "hellaswag") is not None
          and score(m, "truthfulqa_mc2") is not None]
    return sorted(ms, key=lambda m: (m["params"], m["name"]))


def transitions(ms):
    """All consecutive pairs (usable flag: distinct N and |dHS| >= 0.5)."""
    out_ = []
    for a, b in zip(ms, ms[1:]):
        dx = score(b, "hellaswag") - score(a, "hellaswag")
        dy = score(b, "truthfulqa_mc2") - score(a, "truthfulqa_mc2")
        ok = a["params"] != b["params"] and abs(dx) >= 0.5
        mid = (np.log10(a["params"]) + np.log10(b["params"])) / 2
        out_.append({"x": mid, "g": dy / dx if ok else None, "lo": np.log10(a["params"]),
                     "hi": np.log10(b["params"]), "family": a["family"]})
    return out_


# Item 1: exact permutation distribution of r for families with 3..8 models.
exact = {}
for f in fams:
    ms = series(f)
    n = len(ms)
    if n < 3 or n > 8:
        continue
    x = np.array([score(m, "hellaswag") for m in ms])
    y = np.array([score(m, "truthfulqa_mc2") for m in ms])
    if np.ptp(x) == 0 or np.ptp(y) == 0:
        continue
    r = np.corrcoef(x, y)[0, 1]
    rs = np.array([np.corrcoef(x, y[list(p)])[0, 1] for p in itertools.permutations(range(n))])
    p = np.mean(np.abs(rs) >= abs(r) * (1 - 1e-12))
    vals, counts = np.unique(np.round(rs, 9), return_counts=True)
    exact[f] = {"n": n, "r": r, "p": p, "perms": math.factorial(n), "distinct": len(vals),
                "rMin": vals[0], "rMax": vals[-1]}
out["exactPermutation"] = exact

# Item 2: per-family fitted crossing of the OLS line through usable transitions.
cross = {}
for f in fams:
    ts = transitions(series(f))
    u = [t for t in ts if t["g"] is not None]
    if len(u) < 3:
        continue
    lr = stats.linregress([t["x"] for t in u], [t["g"] for t in u])
    if lr.slope <= 0:
        continue
    z = -lr.intercept / lr.slope
    if not 7 <= z <= 13:
        continue
    lo, hi = min(t["lo"] for t in ts), max(t["hi"] for t in ts)
    cross[f] = {"n": len(u), "log10Nc": z, "extrapolation": bool(z < lo or z > hi)}
out["familyCrossing"] = cross

# Item 3: family-cluster bootstrap of the pooled line (numpy generator, 40,000 resamples).
pooled = [t for f in fams for t in transitions(series(f)) if t["g"] is not None]
cl_fams = sorted({t["family"] for t in pooled})
by = {f: [(t["x"], t["g"]) for t in pooled if t["family"] == f] for f in cl_fams}
X = np.array([t["x"] for t in pooled])
G = np.array([t["g"] for t in pooled])
A0, B0 = np.polyfit(X, G, 1)
resid = G - (A0 * X + B0)
rng = np.random.default_rng(13)
As, Bs, preds = [], [], []
for _ in range(40000):
    pick = rng.integers(0, len(cl_fams), len(cl_fams))
    xy = np.array([p for j in pick for p in by[cl_fams[j]]])
    if len(xy) < 3 or np.ptp(xy[:, 0]) == 0:
        continue
    a, b = np.polyfit(xy[:, 0], xy[:, 1], 1)
    As.append(a)
    Bs.append(b)
    preds.append(a * 9.5 + b + resid[rng.integers(0, len(resid))])
ols = stats.linregress(X, G)
tc = stats.t.ppf(0.975, len(X) - 2)
out["clusterLine"] = {
    "families": len(cl_fams), "n": len(pooled), "A": A0, "B": B0,
    "slopeCi": np.percentile(As, [2.5, 97.5]).tolist(),
    "interceptCi": np.percentile(Bs, [2.5, 97.5]).tolist(),
    "olsSlopeCi": [ols.slope - tc * ols.stderr, ols.slope + tc * ols.stderr],
    "prediction95At9_5": np.percentile(preds, [2.5, 97.5]).tolist(),
}

# Item 7: leave-one-out coverage of the anchored next-size prediction interval.
FIVE = ["hellaswag", "truthfulqa_mc2", "arc_challenge", "mmlu", "winogrande"]


def estimated(m):
    return any(s["provenance"] == "estimated" for s in m["scores"])


def anchored(xs, ys, y0, d):
    lr = stats.linregress(xs, ys)
    n = len(xs)
    s2 = np.sum((np.array(ys) - (lr.intercept + lr.slope * np.array(xs))) ** 2) / (n - 2)
    half = stats.t.ppf(0.975, n - 2) * np.sqrt(2 * s2 + (d * lr.stderr) ** 2)
    mid = y0 + lr.slope * d
    return max(0, mid - half), min(100, mid + half)


cov = {}
for b in FIVE:
    n = k = 0
    for f in fams:
        ms = sorted([m for m in pts if m["family"] == f and score(m, b) is not None and not estimated(m)],
                    key=lambda m: m["params"])
        if len(ms) < 4:
            continue
        for i in range(1, len(ms)):
            rest = ms[:i] + ms[i + 1:]
            if len({m["params"] for m in rest}) < 3 or ms[i]["params"] == ms[i - 1]["params"]:
                continue
            lo, hi = anchored([np.log10(m["params"]) for m in rest], [score(m, b) for m in rest],
                              score(ms[i - 1], b), np.log10(ms[i]["params"] / ms[i - 1]["params"]))
            n += 1
            k += lo <= score(ms[i], b) <= hi
    cov[b] = {"n": n, "covered": k}
out["nextSizeCoverage"] = cov

# Item 8: frontier h-anomaly p and BH q (every analysed row, fit on the frozen set) and the CR2
# lab-clustered slope inference.
fr = [m for m in front if score(m, "swe_bench_verified") is not None and score(m, "gpqa_diamond") is not None]
fit = [m for m in fr if m.get("subset", "frozen") == "frozen"]
sx = np.array([score(m, "swe_bench_verified") for m in fit])
gy = np.array([score(m, "gpqa_diamond") for m in fit])
lr = stats.linregress(sx, gy)
n = len(sx)
s_ = np.sqrt(np.sum((gy - lr.intercept - lr.slope * sx) ** 2) / (n - 2))
sxx = np.sum((sx - sx.mean()) ** 2)
hp = {}
for m in fr:
    x0, y0 = score(m, "swe_bench_verified"), score(m, "gpqa_diamond")
    h = y0 - (lr.intercept + lr.slope * x0)
    se = s_ * np.sqrt(1 + 1 / n + (x0 - sx.mean()) ** 2 / sxx)
    hp[m["name"]] = 2 * stats.t.sf(abs(h / se), n - 2)
names = list(hp)
q = stats.false_discovery_control([hp[k] for k in names], method="bh")
out["hAnomaly"] = {k: {"p": hp[k], "q": qq} for k, qq in zip(names, q)}

X = np.column_stack([np.ones(n), sx])
bread = np.linalg.inv(X.T @ X)
beta = bread @ X.T @ gy
e = gy - X @ beta
labs = [m["lab"] for m in fit]
meat = np.zeros((2, 2))
for g in sorted(set(labs)):
    idx = [i for i, l in enumerate(labs) if l == g]
    Xg = X[idx]
    H = Xg @ bread @ Xg.T
    w, V = np.linalg.eigh(np.eye(len(idx)) - H)
    A = V @ np.diag(1 / np.sqrt(w)) @ V.T
    u = Xg.T @ A @ e[idx]
    meat += np.outer(u, u)
vc = bread @ meat @ bread
G = len(set(labs))
se_b = np.sqrt(vc[1, 1])
out["frontierCr2"] = {"clusters": G, "slope": beta[1], "slopeSe": se_b,
                      "p": 2 * stats.t.sf(abs(beta[1] / se_b), G - 1)}

# Item 8: BH q over the family t-test p-values of r(HS, TQA) (families with >= 3 models).
fp = {}
for f in fams:
    ms = series(f)
    if len(ms) >= 3:
        fp[f] = stats.pearsonr([score(m, "hellaswag") for m in ms], [score(m, "truthfulqa_mc2") for m in ms]).pvalue
fq = stats.false_discovery_control(list(fp.values()), method="bh")
out["familyQ"] = {f: {"p": fp[f], "q": q} for f, q in zip(fp, fq)}

json.dump(out, open(1, "w"), indent=1, default=float)
