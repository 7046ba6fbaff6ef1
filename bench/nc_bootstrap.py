"""numpy side of bench/run.ts: the reference-method Nc bootstrap (quadratic TQA(log10 N) vertex,
10,000 resamples over Pythia + Llama-1 + Llama-2), vectorised. Prints JSON {ms, median, kept}."""
import json
import sys
import time

import numpy as np

base = json.load(open("data/base-models.json"))["models"]
pts = [m for m in base if m["kind"] == "base" and m["family"] in ("Pythia", "Llama-1", "Llama-2")]
x = np.log10([m["params"] for m in pts])
y = np.array([next(s["value"] for s in m["scores"] if s["benchmark"] == "truthfulqa_mc2") for m in pts])
resamples = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
rng = np.random.default_rng(20260101)

best = float("inf")
for _ in range(5):
    t0 = time.perf_counter()
    idx = rng.integers(0, len(x), size=(resamples, len(x)))
    xs, ys = x[idx], y[idx]
    # batched least squares for y = c0 + c1 x + c2 x^2 via the normal equations (centred x)
    xc = xs - x.mean()
    V = np.stack([np.ones_like(xc), xc, xc ** 2], axis=2)
    A = np.einsum("rni,rnj->rij", V, V)
    b = np.einsum("rni,rn->ri", V, ys)
    ok = np.abs(np.linalg.det(A)) > 1e-12
    c = np.full((resamples, 3), np.nan)
    c[ok] = np.linalg.solve(A[ok], b[ok][..., None])[..., 0]
    vertex = x.mean() - c[:, 1] / (2 * c[:, 2])
    keep = (c[:, 2] > 0) & (vertex >= 7) & (vertex <= 12)
    med = np.median(vertex[keep])
    best = min(best, (time.perf_counter() - t0) * 1000)
print(json.dumps({"ms": best, "median": 10 ** med, "kept": float(keep.mean()), "numpy": np.__version__}))
