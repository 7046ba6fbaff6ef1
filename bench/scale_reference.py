"""Python side of bench/scale.ts: the natural pandas-free way to do what `cape analyze --file
--ndjson` does per model: read the models CSV with the csv module, and per row parse the scores,
classify the size against an Nc, predict gamma12 from a pooled line with a 95% interval from
10,000 bootstrap lines (numpy percentile) and write one JSON line. The line, the resamples and Nc
are synthetic (same amount of work as the engine, not its numbers). Usage:
scale_reference.py FILE > out.ndjson"""
import csv
import json
import math
import sys

import numpy as np

rng = np.random.default_rng(20260101)
A = rng.normal(0.49, 0.1, 10000)
B = rng.normal(-4.5, 0.8, 10000)
E = rng.normal(0.0, 0.3, 10000)
NC = 1.73e9
n = 0
with open(sys.argv[1], newline="") as f:
    rows = csv.reader(f)
    header = next(rows)
    bench = header[3:]
    for row in rows:
        params = float(row[2])
        scores = {b: float(v) for b, v in zip(bench, row[3:]) if v != ""}
        x = math.log10(params)
        lo, hi = np.percentile(A * x + B + E, [2.5, 97.5])
        phase = "tax" if params < NC else "bonus"
        out = {"name": row[0], "family": row[1], "params": params, "scores": scores,
               "phase": phase, "gamma12": 0.49 * x - 4.5, "interval": [lo, hi]}
        sys.stdout.write(json.dumps(out) + "\n")
        n += 1
sys.stdout.write(json.dumps({"summary": {"models": n}}) + "\n")
