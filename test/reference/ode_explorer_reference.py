"""Independent numpy/scipy computation of the bounded ODE explorer (issue 13 item 12), for
test/golden/ode-explorer.test.ts. Run from the repo root:

    python3 test/reference/ode_explorer_reference.py > test/reference/ode_explorer_reference.json

Definitions (docs/science.md item 12): state z = logit(s/100), s clipped to [0.05, 99.95];
dz/dx = C z + c0 with x = log10 N; ridge on finite differences at midpoints, columns centred,
c0 unpenalised (closed form (A'A + lambda I)^-1 A'b; numpy.linalg.lstsq at lambda = 0);
exact integration by scipy.linalg.expm of the augmented matrix; lambda chosen from the grid by
leave-one-model-out MAPE of models 1..n-1 integrated from model 0 (ties: the larger lambda).
It reads data/base-models.json and shares no code with the TypeScript engine.
"""
import json

import numpy as np
import scipy
from scipy.linalg import expm

GRID = [0, 0.001, 0.01, 0.1, 1, 10, 100, 1000]
base = json.load(open("data/base-models.json"))["models"]


def score(m, b):
    return next((s["value"] for s in m["scores"] if s["benchmark"] == b), None)


def logit(s):
    p = np.clip(np.asarray(s, float), 0.05, 99.95) / 100
    return np.log(p / (1 - p))


def fit(x, Z, lam):
    mid = (Z[:-1] + Z[1:]) / 2
    dz = (Z[1:] - Z[:-1]) / np.diff(x)[:, None]
    A = mid - mid.mean(0)
    d = Z.shape[1]
    C, c0 = np.zeros((d, d)), np.zeros(d)
    for j in range(d):
        b = dz[:, j] - dz[:, j].mean()
        if lam == 0:
            beta = np.linalg.lstsq(A, b, rcond=None)[0]
        else:
            beta = np.linalg.solve(A.T @ A + lam * np.eye(d), A.T @ b)
        C[j], c0[j] = beta, dz[:, j].mean() - mid.mean(0) @ beta
    return C, c0


def scores_at(C, c0, z0, x0, xs):
    d = len(z0)
    M = np.zeros((d + 1, d + 1))
    M[:d, :d], M[:d, d] = C, c0
    out = []
    for x in xs:
        E = expm(M * (x - x0))
        out.append(100 / (1 + np.exp(-(E[:d, :d] @ z0 + E[:d, d]))))
    return np.array(out)


def mape(p, a):
    return 100 * np.mean(np.abs(np.asarray(p) - a) / np.abs(a))


def loo(x, S, lam):
    Z = logit(S)
    pred, act = [], []
    for k in range(1, len(x)):
        keep = [i for i in range(len(x)) if i != k]
        C, c0 = fit(x[keep], Z[keep], lam)
        pred += list(scores_at(C, c0, Z[0], x[0], [x[k]])[0])
        act += list(S[k])
    return mape(pred, np.array(act))


out = {"numpy": np.__version__, "scipy": scipy.__version__, "grid": GRID, "families": {}}
fams = sorted({m["family"] for m in base if m["kind"] == "base"})
for f in fams:
    ms = [m for m in base if m["kind"] == "base" and m["family"] == f
          and score(m, "hellaswag") is not None and score(m, "truthfulqa_mc2") is not None]
    if len(ms) < 3:
        continue
    ms.sort(key=lambda m: (m["params"], m["name"]))
    x = np.log10([m["params"] for m in ms])
    S = np.array([[score(m, "hellaswag"), score(m, "truthfulqa_mc2")] for m in ms])
    path = [loo(x, S, lam) for lam in GRID]
    best = 0
    for i, v in enumerate(path):
        if v <= path[best] + 1e-9:
            best = i
    lam = GRID[best]
    Z = logit(S)
    C, c0 = fit(x, Z, lam)
    pred = scores_at(C, c0, Z[0], x[0], x)
    nxt = scores_at(C, c0, Z[0], x[0], [x[-1] + 0.5])[0]
    out["families"][f] = {"n": len(ms), "lambda": lam, "looPath": path, "C": C.tolist(),
                          "c0": c0.tolist(), "inSampleMape": mape(pred[1:].ravel(), S[1:].ravel()),
                          "next": {"HS": nxt[0], "TQA": nxt[1]}}

print(json.dumps(out, indent=1, default=float))
