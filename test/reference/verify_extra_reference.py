"""Independent numpy/scipy computation of the seed numbers added to `cape verify` in issue 13
(src/cape/verify-seed-extra.ts), for test/golden/verify-extra.test.ts. Run from the repo root:

    python3 test/reference/verify_extra_reference.py > test/reference/verify_extra_reference.json

The phase split is at the pooled gamma12 line's zero crossing, read from engine_reference.json
(its own numpy computation). Reads data/*.json; shares no code with the TypeScript engine.
"""
import json
import re

import numpy as np
import scipy
from scipy import stats

base = [m for m in json.load(open("data/base-models.json"))["models"] if m["kind"] == "base"]
front = [m for m in json.load(open("data/frontier-models.json"))["models"] if "excluded" not in m]
split = 10 ** json.load(open("test/reference/engine_reference.json"))["running"]["zeroLog10"]
FIVE = ["hellaswag", "truthfulqa_mc2", "arc_challenge", "mmlu", "winogrande"]
SHORT = ["HS", "TQA", "ARC", "MMLU", "WG"]


def score(m, b):
    return next((s["value"] for s in m["scores"] if s["benchmark"] == b), None)


def estimated(m):
    return any(s["provenance"] == "estimated" for s in m["scores"])


def pr(R):
    w = np.linalg.eigvalsh(R)
    return w.sum() ** 2 / (w ** 2).sum()


def pair_deff(ms, a, b):
    R = np.corrcoef([score(m, a) for m in ms], [score(m, b) for m in ms])
    return {"n": len(ms), "deff": pr(R)}


out = {"numpy": np.__version__, "scipy": scipy.__version__, "split": split}
out["taxCard"] = pair_deff([m for m in base if m["family"] == "Pythia"], "hellaswag", "truthfulqa_mc2")
out["nc2Card"] = pair_deff(front, "swe_bench_verified", "gpqa_diamond")
band = [m for m in base if 70e9 <= m["params"] <= 130e9
        and score(m, "hellaswag") is not None and score(m, "truthfulqa_mc2") is not None]
hs = [score(m, "hellaswag") for m in band]
tq = [score(m, "truthfulqa_mc2") for m in band]
out["range"] = {"n": len(band), "hs": max(hs) - min(hs), "tqa": max(tq) - min(tq)}

cc = [m for m in base if all(score(m, b) is not None for b in FIVE)]
for side, sel in (("below", [m for m in cc if m["params"] < split]),
                  ("above", [m for m in cc if m["params"] >= split])):
    R = np.corrcoef(np.array([[score(m, b) for b in FIVE] for m in sel]).T)
    entries = {f"{SHORT[i]}–{SHORT[j]}": R[i, j] for i in range(5) for j in range(i + 1, 5)}
    w, V = np.linalg.eigh(R)
    v = V[:, -1] * np.sign(V[1, -1])
    out[side] = {"n": len(sel), "entries": entries, "pc1HS": v[0], "pc1TQA": v[1]}

usable = [m for m in base if score(m, "truthfulqa_mc2") is not None and not estimated(m)]
web = [m for m in usable if not re.match(r"^(Phi|Qwen|Gemma)", m["family"])]
fit = stats.linregress(np.log10([m["params"] for m in web]), [score(m, "truthfulqa_mc2") for m in web])
phi = [m for m in usable if m["family"] == "Phi"]
h = [score(m, "truthfulqa_mc2") - (fit.intercept + fit.slope * np.log10(m["params"])) for m in phi]
out["phi"] = {"n": len(phi), "web": len(web), "meanH": float(np.mean(h))}
print(json.dumps(out, indent=1, default=float))
