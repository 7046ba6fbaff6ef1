#!/usr/bin/env python3
"""Golden values for src/core (CAPE Studio) from numpy/scipy.

Run:  python3 test/reference/core_reference.py   (writes core_reference.json beside itself)
Read by src/core/golden.test.ts. Inputs are fixed literals or drawn from numpy's
default_rng with the seeds below and stored in the JSON, so the TypeScript side never
needs to reproduce numpy's generator.
"""
import json
import pathlib
import platform

import numpy as np
import scipy
from scipy import linalg, optimize, stats

HS = [27.3, 31.4, 40.9, 49.7, 52.9, 60.7, 64.0, 67.3]  # Pythia HellaSwag (percent)
TQA = [47.1, 44.3, 41.2, 38.9, 38.9, 35.6, 33.0, 32.0]  # Pythia TruthfulQA mc2 (percent)


def fl(a):
    return np.asarray(a, dtype=float).tolist()


def pair_block(x, y, x0s):
    x = np.asarray(x, float)
    y = np.asarray(y, float)
    n = len(x)
    pr = stats.pearsonr(x, y)
    lr = stats.linregress(x, y)
    df = n - 2
    tc = stats.t.ppf(0.975, df)
    resid = y - (lr.intercept + lr.slope * x)
    s = np.sqrt(np.sum(resid**2) / df)
    sxx = np.sum((x - x.mean()) ** 2)
    preds = []
    for x0 in x0s:
        yhat = lr.intercept + lr.slope * x0
        lev = 1 / n + (x0 - x.mean()) ** 2 / sxx
        hc, hp = tc * s * np.sqrt(lev), tc * s * np.sqrt(1 + lev)
        preds.append({"x0": x0, "fit": yhat, "confidence": [yhat - hc, yhat + hc], "prediction": [yhat - hp, yhat + hp]})
    ci = pr.confidence_interval(0.95)  # Fisher z
    return {
        "x": fl(x), "y": fl(y), "n": n,
        "pearsonr": {"r": float(pr.statistic), "p": float(pr.pvalue), "fisherCi": [float(ci.low), float(ci.high)]},
        "linregress": {
            "slope": lr.slope, "intercept": lr.intercept, "r": lr.rvalue, "p": lr.pvalue,
            "slopeSe": lr.stderr, "interceptSe": lr.intercept_stderr, "residualSe": s,
            "slopeCi": [lr.slope - tc * lr.stderr, lr.slope + tc * lr.stderr],
            "interceptCi": [lr.intercept - tc * lr.intercept_stderr, lr.intercept + tc * lr.intercept_stderr],
        },
        "predictions": preds,
        "mean": [float(np.mean(x)), float(np.mean(y))],
        "var_ddof1": [float(np.var(x, ddof=1)), float(np.var(y, ddof=1))],
        "sd_ddof0": [float(np.std(x)), float(np.std(y))],
    }


def tanh_kink(x, a, x0, w, c):
    return a * np.tanh((x - x0) / w) + c


def expo(x, a, b):
    return a * np.exp(b * x)


def curve_fit_block(f, x, y, p0):
    # method "lm" (MINPACK lmdif) with tolerances tightened from the default 1.49e-8, which stops
    # short of the minimum on the tanh kink (SSE 7e-9 above the optimum; w off by 6e-6 relative)
    popt, pcov = optimize.curve_fit(f, x, y, p0=p0, ftol=1e-13, xtol=1e-13)
    resid = y - f(x, *popt)
    return {"x": fl(x), "y": fl(y), "p0": p0, "params": fl(popt), "se": fl(np.sqrt(np.diag(pcov))),
            "sse": float(np.sum(resid**2)), "options": "curve_fit(method='lm', ftol=1e-13, xtol=1e-13)"}


def eigh_desc(a):
    w, v = np.linalg.eigh(np.asarray(a, float))
    order = np.argsort(w)[::-1]
    vecs = []
    for k in order:
        vk = v[:, k]
        vk = vk if vk[np.argmax(np.abs(vk))] > 0 else -vk
        vecs.append(fl(vk))
    return {"values": fl(w[order]), "vectors": vecs}


def main():
    out = {"generator": "test/reference/core_reference.py", "numpy": np.__version__,
           "scipy": scipy.__version__, "python": platform.python_version()}

    rng = np.random.default_rng(20240501)
    x63 = rng.normal(50, 12, 63).round(1)
    y63 = (0.4 * x63 + rng.normal(0, 6, 63)).round(1)
    out["pythia"] = pair_block(HS, TQA, [45.0, 70.0])
    out["synthetic63"] = pair_block(x63, y63, [20.0, 50.0])

    qv = [3.2, -1.0, 7.5, 0.0, 2.2, 2.2, 9.9, -4.1, 5.0]
    ps = [0, 0.025, 0.1, 0.25, 0.5, 0.6, 0.9, 0.975, 1]
    out["quantile"] = {"values": qv, "p": ps, "q": fl(np.quantile(qv, ps)), "median": float(np.median(qv))}

    tc = [[2.0, 6], [-3.5, 6], [0.5, 61], [8.0, 6], [-12.0, 61], [1.3, 2.5], [30.0, 3], [0.0, 10]]
    tq = [[0.975, 6], [0.975, 61], [0.995, 3], [0.025, 10], [0.9999, 2], [0.6, 5], [0.8, 1]]
    out["t"] = {
        "cdf": [{"t": t, "df": d, "cdf": float(stats.t.cdf(t, d)), "p2": float(2 * stats.t.sf(abs(t), d))} for t, d in tc],
        "ppf": [{"p": p, "df": d, "q": float(stats.t.ppf(p, d))} for p, d in tq],
    }
    out["normal"] = {
        "cdf": [{"z": z, "cdf": float(stats.norm.cdf(z))} for z in [-30.0, -8.0, -5.0, -3.5, -1.5, 0.3, 3.0]],
        "ppf": [{"p": p, "q": float(stats.norm.ppf(p))} for p in [1e-6, 0.025, 0.3, 0.975]],
    }

    P = np.polynomial.polynomial
    xc = np.linspace(-2, 3, 25)
    yc = 1.5 - 2.0 * xc + 0.5 * xc**2 + 0.25 * xc**3 + rng.normal(0, 0.05, 25)
    fits = []
    for x, y, deg in [(HS, TQA, 1), (HS, TQA, 2), (HS, TQA, 3), (fl(xc), fl(yc), 3)]:
        c = P.polyfit(x, y, deg)
        res = np.asarray(y) - P.polyval(np.asarray(x), c)
        sst = np.sum((np.asarray(y) - np.mean(y)) ** 2)
        fits.append({"x": fl(x), "y": fl(y), "degree": deg, "coefficients": fl(c),
                     "r2": float(1 - np.sum(res**2) / sst), "rmse": float(np.sqrt(np.mean(res**2)))})
    out["polyfit"] = fits

    cols = rng.normal(size=(5, 30))
    cols[1] += 0.8 * cols[0]
    cols[3] -= 0.5 * cols[2]
    R = np.corrcoef(cols)
    ev = eigh_desc(R)
    out["matrix"] = {
        "columns": fl(cols), "corrcoef": fl(R), "cov": fl(np.cov(cols)), "eigh": ev,
        "participationRatio": float(np.sum(ev["values"]) ** 2 / np.sum(np.square(ev["values"]))),
    }
    sym = [[4.0, 1.0, -2.0, 0.5], [1.0, 3.0, 0.0, 1.0], [-2.0, 0.0, 5.0, -1.5], [0.5, 1.0, -1.5, 2.0]]
    out["eigh"] = {"a": sym, **eigh_desc(sym)}

    A = [[1.0, 2.0, 3.0], [2.0, 4.0, 6.1], [1.0, 0.0, 1.0], [0.0, 1.0, 1.0], [3.0, 6.0, 9.0]]
    Ad = [[1.0, 2.0, 3.0], [2.0, 4.0, 6.0], [1.0, 2.0, 3.0], [0.0, 1.0, 1.0]]  # rank 2
    b = [1.0, 2.0, 0.5, -1.0, 3.0]
    lst = []
    for M, bb in [(A, b), (Ad, b[:4])]:
        x, res, rank, _ = np.linalg.lstsq(np.asarray(M), np.asarray(bb), rcond=None)
        lst.append({"A": M, "b": bb, "x": fl(x), "rank": int(rank),
                    "sse": float(np.sum((np.asarray(bb) - np.asarray(M) @ x) ** 2))})
    out["lstsq"] = lst

    xk = np.linspace(8.0, 11.0, 40)  # e.g. log10(params)
    yk = tanh_kink(xk, 12.0, 9.5, 0.4, 40.0) + rng.normal(0, 1.0, xk.size)
    out["tanhKink"] = curve_fit_block(tanh_kink, xk, yk, [10.0, 9.0, 1.0, 35.0])
    xe = np.linspace(0, 4, 30)
    ye = expo(xe, 2.5, 0.6) + rng.normal(0, 0.3, xe.size)
    out["exponential"] = curve_fit_block(expo, xe, ye, [1.0, 0.1])

    mats = [[[-1.0, 2.0], [-2.0, -1.0]],
            [[0.1, 0.5, -0.2], [0.0, -0.3, 0.4], [0.2, 0.1, -0.5]],
            [[3.0, 8.0, -1.0], [-2.0, 1.0, 4.0], [5.0, 0.5, -6.0]]]  # norm > θ13: squaring used
    out["expm"] = [{"a": m, "expm": fl(linalg.expm(np.asarray(m)))} for m in mats]
    C = np.array([[-0.5, 0.2], [0.1, -0.3]])
    c0 = np.array([1.0, -0.4])
    y0 = np.array([2.0, 3.0])
    dt = 1.7
    ystar = -np.linalg.solve(C, c0)
    out["linearOde"] = {"C": fl(C), "c0": fl(c0), "y0": fl(y0), "dt": dt,
                        "y": fl(ystar + linalg.expm(C * dt) @ (y0 - ystar))}

    path = pathlib.Path(__file__).with_name("core_reference.json")
    path.write_text(json.dumps(out, indent=1) + "\n")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
