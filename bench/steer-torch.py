#!/usr/bin/env python3
"""torch's CPU speed on the same Pythia-160M-shape checkpoint, in the same run as bench/steer.ts.

  python3 bench/steer-torch.py DIR [THREADS]

transformers is not installable on the project's machines (torch is), so this is a minimal
GPT-NeoX forward in torch (parallel residual, partial rotary, exact GELU, KV cache), float32,
batch 1. Prints JSON: load ms, prefill and greedy decode ms/token (8-token prompt, 32 new tokens,
decode steps only, one pass), a 50-token greedy completion (prefill + 49 steps), CPU time (all threads) of decode and the
completion, peak RSS, and the
greedy tokens (compare with torch-timing.json's, which transformers
made from the same weights).
"""
import json, math, os, resource, struct, sys, time
import numpy as np
import torch
import torch.nn.functional as F

PROMPT_IDS = [510, 1232, 273, 7963, 15001, 28472, 23993, 715]


def load(d):
    b = open(os.path.join(d, "model.safetensors"), "rb").read()
    n = struct.unpack("<Q", b[:8])[0]
    h = json.loads(b[8:8 + n])
    out = {}
    for k, e in h.items():
        if k == "__metadata__":
            continue
        s, t = e["data_offsets"]
        out[k] = torch.from_numpy(np.frombuffer(b[8 + n + s:8 + n + t], dtype=np.float32).reshape(e["shape"]).copy())
    return out, json.load(open(os.path.join(d, "config.json")))


def rope(x, pos, rd, theta):
    inv = 1.0 / (theta ** (torch.arange(0, rd, 2, dtype=torch.float32) / rd))
    ang = torch.outer(pos.float(), inv)
    cos, sin = torch.cat([ang.cos()] * 2, -1), torch.cat([ang.sin()] * 2, -1)
    r, p = x[..., :rd], x[..., rd:]
    r1, r2 = r[..., :rd // 2], r[..., rd // 2:]
    return torch.cat([r * cos + torch.cat([-r2, r1], -1) * sin, p], -1)


def forward(W, c, ids, cache):
    H, nh = c["hidden_size"], c["num_attention_heads"]
    d = H // nh
    rd = int(d * c["rotary_pct"])
    T = len(ids)
    p0 = cache[0][0].shape[1] if cache[0] is not None else 0
    pos = torch.arange(p0, p0 + T)
    x = W["gpt_neox.embed_in.weight"][ids]
    for i in range(c["num_hidden_layers"]):
        p = f"gpt_neox.layers.{i}."
        g = lambda n: W[p + n]
        h1 = F.layer_norm(x, (H,), g("input_layernorm.weight"), g("input_layernorm.bias"), 1e-5)
        qkv = F.linear(h1, g("attention.query_key_value.weight"), g("attention.query_key_value.bias"))
        qkv = qkv.view(T, nh, 3 * d).transpose(0, 1)
        q, k, v = qkv[..., :d], qkv[..., d:2 * d], qkv[..., 2 * d:]
        q, k = rope(q, pos, rd, c["rotary_emb_base"]), rope(k, pos, rd, c["rotary_emb_base"])
        if cache[i] is not None:
            k, v = torch.cat([cache[i][0], k], 1), torch.cat([cache[i][1], v], 1)
        cache[i] = (k, v)
        a = F.scaled_dot_product_attention(q, k, v, is_causal=T > 1 and p0 == 0)
        a = F.linear(a.transpose(0, 1).reshape(T, H), g("attention.dense.weight"), g("attention.dense.bias"))
        h2 = F.layer_norm(x, (H,), g("post_attention_layernorm.weight"), g("post_attention_layernorm.bias"), 1e-5)
        m = F.linear(F.gelu(F.linear(h2, g("mlp.dense_h_to_4h.weight"), g("mlp.dense_h_to_4h.bias"))),
                     g("mlp.dense_4h_to_h.weight"), g("mlp.dense_4h_to_h.bias"))
        x = m + a + x
    x = F.layer_norm(x[-1:], (H,), W["gpt_neox.final_layer_norm.weight"], W["gpt_neox.final_layer_norm.bias"], 1e-5)
    return F.linear(x, W["embed_out.weight"])[0]


def main(d, threads):
    torch.set_num_threads(threads)
    t = time.perf_counter()
    W, c = load(d)
    load_ms = (time.perf_counter() - t) * 1e3
    with torch.inference_mode():
        cache = [None] * c["num_hidden_layers"]
        t = time.perf_counter()
        logits = forward(W, c, PROMPT_IDS, cache)
        prefill = (time.perf_counter() - t) * 1e3 / len(PROMPT_IDS)
        toks = []
        t, c0 = time.perf_counter(), time.process_time()
        for i in range(32):
            toks.append(int(logits.argmax()))
            if i < 31:
                logits = forward(W, c, [toks[-1]], cache)
        decode = (time.perf_counter() - t) * 1e3 / 31
        decode_cpu = (time.process_time() - c0) * 1e3 / 31
        t, c0 = time.perf_counter(), time.process_time()
        cache = [None] * c["num_hidden_layers"]
        logits = forward(W, c, PROMPT_IDS, cache)
        for i in range(49):
            logits = forward(W, c, [int(logits.argmax())], cache)
        completion = (time.perf_counter() - t) * 1e3
        completion_cpu = (time.process_time() - c0) * 1e3
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"torch": torch.__version__, "threads": threads, "loadMs": round(load_ms),
                      "prefillMsPerToken": round(prefill, 1), "decodeMsPerToken": round(decode, 1),
                      "decodeCpuMsPerToken": round(decode_cpu, 1), "completion50Ms": round(completion),
                      "completion50CpuMs": round(completion_cpu), "peakRssMiB": round(peak), "tokens": toks}))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 2)
