"""The measurement-noise rule of issue 13 item 4, re-implemented for the Python references
(shared by engine_, diagnostics_ and rigour_reference.py; no code shared with the engine).

A score's SE is its stated `stderr` (points), else the binomial SE over the benchmark's item
count; SE(dX) = hypot of the two models' SEs; a pair is within noise when |dX| < 2 SE(dX).
"""
import math

ITEMS = {"hellaswag": 10042, "truthfulqa_mc2": 817, "arc_challenge": 1172, "mmlu": 14042,
         "winogrande": 1267}
K = 2


def score_se(m, b):
    for s in m["scores"]:
        if s["benchmark"] == b:
            if s.get("stderr") is not None:
                return s["stderr"]
            p = s["value"] / 100
            return 100 * math.sqrt(p * (1 - p) / ITEMS[b])
    return None


def se_diff(a, b, bench="hellaswag"):
    return math.hypot(score_se(a, bench), score_se(b, bench))


def within_noise(a, b, dx, bench="hellaswag"):
    return abs(dx) < K * se_diff(a, b, bench)


def gamma_se(a, b, dx, dy):
    """Delta-method SE of dy/dx: sqrt(se_dy^2 + g^2 se_dx^2)/|dx|."""
    g = dy / dx
    return math.sqrt(se_diff(a, b, "truthfulqa_mc2") ** 2 + g * g * se_diff(a, b) ** 2) / abs(dx)
