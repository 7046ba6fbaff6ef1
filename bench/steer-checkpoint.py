#!/usr/bin/env python3
"""A seeded Pythia-160M-shape checkpoint with numpy only (no torch), for bench/steer.ts.

  python3 bench/steer-checkpoint.py OUT_DIR

Same recipe and seed as the shared fixtures' pythia160m-shape.py (make_fixtures.build_model):
every tensor is numpy's legacy RandomState seeded with crc32("160:<module name>") (the head
as "lm_head.weight", its module name in transformers 5); linears N(0, 1/fan_in),
embeddings N(0, 1), biases N(0, 0.05^2), norm weights 1 + N(0, 0.1^2), norm biases N(0, 0.1^2);
F32. So the weights are the ones torch timed in test/fixtures/steering/torch-timing.json, and the
engine's greedy tokens can be compared with the tokens recorded there. The config is written in
transformers-4 style (rotary_pct, rotary_emb_base), as real Pythia configs are.
"""
import json, os, shutil, struct, sys, zlib
import numpy as np

SEED = 160
L, H, I, V = 12, 768, 3072, 50304
HERE = os.path.dirname(os.path.abspath(__file__))
TOKENIZER = os.path.join(HERE, "..", "test", "fixtures", "steering", "tokenizers", "pythia-tokenizer.json")


def normal(name, shape, std, mean=0.0):
    rs = np.random.RandomState(zlib.crc32(f"{SEED}:{name}".encode()))
    return (mean + std * rs.standard_normal(tuple(shape))).astype(np.float32)


def tensors():
    yield "gpt_neox.embed_in.weight", normal("gpt_neox.embed_in.weight", (V, H), 1.0)
    for i in range(L):
        p = f"gpt_neox.layers.{i}"
        for ln in ("input_layernorm", "post_attention_layernorm"):
            yield f"{p}.{ln}.weight", normal(f"{p}.{ln}.weight", (H,), 0.1, 1.0)
            yield f"{p}.{ln}.bias", normal(f"{p}.{ln}.bias", (H,), 0.1)
        for lin, o, n in (("attention.query_key_value", 3 * H, H), ("attention.dense", H, H),
                          ("mlp.dense_h_to_4h", I, H), ("mlp.dense_4h_to_h", H, I)):
            yield f"{p}.{lin}.weight", normal(f"{p}.{lin}.weight", (o, n), 1 / np.sqrt(n))
            yield f"{p}.{lin}.bias", normal(f"{p}.{lin}.bias", (o,), 0.05)
    yield "gpt_neox.final_layer_norm.weight", normal("gpt_neox.final_layer_norm.weight", (H,), 0.1, 1.0)
    yield "gpt_neox.final_layer_norm.bias", normal("gpt_neox.final_layer_norm.bias", (H,), 0.1)
    # transformers 5 names the head module lm_head (saved as embed_out): the seed uses that name.
    yield "embed_out.weight", normal("lm_head.weight", (V, H), 1 / np.sqrt(H))


def main(out):
    os.makedirs(out, exist_ok=True)
    shapes = {"gpt_neox.embed_in.weight": (V, H), "embed_out.weight": (V, H)}
    header, offset, names = {}, 0, []
    for name, t in tensors():
        header[name] = {"dtype": "F32", "shape": list(t.shape), "data_offsets": [offset, offset + t.nbytes]}
        offset += t.nbytes
        names.append(name)
    hb = json.dumps(header).encode()
    hb += b" " * (-len(hb) % 8)
    with open(os.path.join(out, "model.safetensors"), "wb") as f:
        f.write(struct.pack("<Q", len(hb)) + hb)
        for _, t in tensors():
            f.write(t.tobytes())
    config = dict(model_type="gpt_neox", architectures=["GPTNeoXForCausalLM"], vocab_size=V,
                  hidden_size=H, num_hidden_layers=L, num_attention_heads=12, intermediate_size=I,
                  rotary_pct=0.25, rotary_emb_base=10000, max_position_embeddings=2048,
                  use_parallel_residual=True, hidden_act="gelu", layer_norm_eps=1e-5,
                  tie_word_embeddings=False, bos_token_id=0, eos_token_id=0)
    with open(os.path.join(out, "config.json"), "w") as f:
        json.dump(config, f, indent=2)
    shutil.copyfile(TOKENIZER, os.path.join(out, "tokenizer.json"))
    print(f"wrote {out} ({offset / 2**20:.0f} MiB of weights)", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/tmp/cape-bench/pythia-160m-shape")
