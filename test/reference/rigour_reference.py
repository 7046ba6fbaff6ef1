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
from scipy.optimize import curve_fit

from noise import gamma_se, se_diff, within_noise

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
        ok = a["params"] != b["params"] and abs(dx) >= 0.5 and not within_noise(a, b, dx)
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


# Item 4: measurement noise of every transition (binomial SE from the item counts; the dataset
# states no stderr): SE(dHS), delta-method SE(gamma), within-noise flag; and the pooled OLS fit
# with the within-noise transitions kept (what dropping them changes).
noise = {}
keep_x, keep_g = [], []
for f in fams:
    ms = series(f)
    for a, b in zip(ms, ms[1:]):
        dx = score(b, "hellaswag") - score(a, "hellaswag")
        dy = score(b, "truthfulqa_mc2") - score(a, "truthfulqa_mc2")
        if a["params"] == b["params"] or abs(dx) < 0.5:
            continue
        keep_x.append((np.log10(a["params"]) + np.log10(b["params"])) / 2)
        keep_g.append(dy / dx)
        noise[f"{a['name']}->{b['name']}"] = {"seDx": se_diff(a, b), "gammaSe": gamma_se(a, b, dx, dy),
                                             "withinNoise": bool(within_noise(a, b, dx))}
lr_all = stats.linregress(keep_x, keep_g)
out["noise"] = {"transitions": noise, "withinNoise": sum(v["withinNoise"] for v in noise.values()),
                "includingNoise": {"A": lr_all.slope, "B": lr_all.intercept, "n": len(keep_x)}}

# Item 6: the kink by grid (121 centres over the data range x 61 log-spaced widths 0.01-10),
# a and c by OLS at each grid point; profile-likelihood 95% intervals for x0 and w; step and
# line; AIC/BIC. Polish: scipy curve_fit (LM) from the grid minimum, kept inside the box.
KX = np.array([t["x"] for t in pooled])
KG = np.array([t["g"] for t in pooled])
nk = len(KX)
x0s = np.linspace(KX.min(), KX.max(), 121)
ws = 10 ** np.linspace(-2, 1, 61)
sse = np.empty((121, 61))
lin = {}
for i, x0 in enumerate(x0s):
    for j, w in enumerate(ws):
        u = np.tanh((KX - x0) / w)
        if np.sum((u - u.mean()) ** 2) > 1e-12 * nk:
            A_ = np.column_stack([u, np.ones(nk)])
            coef = np.linalg.lstsq(A_, KG, rcond=None)[0]
        else:
            coef = np.array([0.0, KG.mean()])
        sse[i, j] = np.sum((KG - A_ @ coef) ** 2) if coef[0] != 0 else np.sum((KG - KG.mean()) ** 2)
        lin[(i, j)] = coef
bi, bj = np.unravel_index(np.argmin(sse), sse.shape)
smin = sse[bi, bj]
cut = stats.chi2.ppf(0.95, 1)


def interval(vals, prof):
    inside = nk * np.log(prof / smin) <= cut
    idx = np.flatnonzero(inside)
    return {"ci": [vals[idx[0]], vals[idx[-1]]], "openLow": bool(idx[0] == 0),
            "openHigh": bool(idx[-1] == len(vals) - 1),
            "contiguous": bool(inside[idx[0]:idx[-1] + 1].all())}


order = np.argsort(KX, kind="stable")
xs_, gs_ = KX[order], KG[order]
best_step = None
for m in range(2, nk - 1):
    if xs_[m - 1] == xs_[m]:
        continue
    lo_, hi_ = gs_[:m], gs_[m:]
    ss = np.sum((lo_ - lo_.mean()) ** 2) + np.sum((hi_ - hi_.mean()) ** 2)
    if best_step is None or ss < best_step["sse"]:
        best_step = {"sse": ss, "x0": (xs_[m - 1] + xs_[m]) / 2, "a": (hi_.mean() - lo_.mean()) / 2}
line_sse = np.sum((KG - np.polyval(np.polyfit(KX, KG, 1), KX)) ** 2)
a0, c0 = lin[(bi, bj)]
polished = None
try:
    pp, _ = curve_fit(lambda xx, a, x0, w, c: a * np.tanh((xx - x0) / w) + c, KX, KG,
                      p0=[a0, x0s[bi], ws[bj], c0], method="lm", maxfev=20000)
    if pp[2] < 0:
        pp[0], pp[2] = -pp[0], -pp[2]
    ps = np.sum((KG - (pp[0] * np.tanh((KX - pp[1]) / pp[2]) + pp[3])) ** 2)
    if KX.min() <= pp[1] <= KX.max() and 0.01 <= pp[2] <= 10 and ps <= smin * (1 + 1e-12):
        polished = {"a": pp[0], "x0": pp[1], "w": pp[2], "c": pp[3], "sse": ps}
except RuntimeError:
    pass
kink_sse = min(polished["sse"] if polished else smin, best_step["sse"])  # the step is its w -> 0 limit


def ic(k, ss):
    ll = nk * np.log(ss / nk)
    return {"aic": ll + 2 * k, "bic": ll + k * np.log(nk)}


out["kinkGrid"] = {
    "n": nk, "grid": {"x0": x0s[bi], "w": ws[bj], "a": a0, "c": c0, "sse": smin},
    "polished": polished,
    "profileX0": interval(x0s, sse.min(axis=1)), "profileW": interval(ws, sse.min(axis=0)),
    "step": best_step, "lineSse": line_sse,
    "models": {"kink": ic(4, kink_sse), "step": ic(3, best_step["sse"]), "line": ic(2, line_sse)},
}

json.dump(out, open(1, "w"), indent=1, default=float)
