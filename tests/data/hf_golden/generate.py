#!/usr/bin/env python3
"""Writes tiny random models of newer architectures with the real transformers, and what
transformers computes for them (golden.json, the same fields as the older fixtures in this
folder): logits and the shifted loss on a fixed batch, and a 5-step AdamW trace.

Run from the repository root with the pinned libraries (scripts/reference-env creates them):
    .venv-reference/bin/python tests/data/hf_golden/generate.py
    .venv-reference/bin/python tests/data/hf_golden/generate.py --check-saved FIXTURE DIR
The second form loads DIR (a folder Finch saved from FIXTURE) with transformers and prints
the largest logit difference from the fixture's golden logits.
"""
import json
import pathlib
import sys

import torch
import transformers

HERE = pathlib.Path(__file__).parent
assert transformers.__version__ == "5.24.0", transformers.__version__

SHAPE = dict(vocab_size=256, hidden_size=64, intermediate_size=176, num_hidden_layers=2, num_attention_heads=4,
             num_key_value_heads=2, max_position_embeddings=128, initializer_range=0.1)

FIXTURES = {
    # Qwen3: per-head RMSNorm on queries and keys (q_norm, k_norm), head_dim apart from
    # hidden_size / heads, no biases.
    "qwen3_tiny": (transformers.Qwen3Config, transformers.Qwen3ForCausalLM,
                   dict(head_dim=24, rms_norm_eps=1e-6, rope_theta=1000000.0, tie_word_embeddings=False,
                        attention_bias=False)),
    # SmolLM3: Llama with RoPE left out of some layers (no_rope_layers), tied embeddings.
    "smollm3_tiny": (transformers.SmolLM3Config, transformers.SmolLM3ForCausalLM,
                     dict(no_rope_layers=[1, 0], rms_norm_eps=1e-6, rope_theta=2000000.0, tie_word_embeddings=True,
                          pad_token_id=None, bos_token_id=None, eos_token_id=None)),
    # Phi-3 / Phi-4: fused qkv_proj and gate_up_proj; RoPE on 3/4 of each head (Phi-4-mini).
    "phi3_tiny": (transformers.Phi3Config, transformers.Phi3ForCausalLM,
                  dict(partial_rotary_factor=0.75, rms_norm_eps=1e-5, rope_theta=10000.0, tie_word_embeddings=False,
                       sliding_window=None, pad_token_id=None, bos_token_id=None, eos_token_id=None)),
    # Gemma 3 text: (1 + w) norms around attention and the MLP, scaled embeddings, tanh-GELU,
    # query_pre_attn_scalar, q/k norms, a sliding-window layer (window 4 on 16 tokens) with its
    # own RoPE base next to a global one with linear scaling.
    "gemma3_tiny": (transformers.Gemma3TextConfig, transformers.Gemma3ForCausalLM,
                    dict(head_dim=32, query_pre_attn_scalar=24, sliding_window=4,
                         layer_types=["sliding_attention", "full_attention"], rms_norm_eps=1e-6,
                         rope_parameters={"full_attention": {"rope_type": "linear", "rope_theta": 1000000.0, "factor": 8.0},
                                          "sliding_attention": {"rope_type": "default", "rope_theta": 10000.0}},
                         tie_word_embeddings=True, pad_token_id=None, bos_token_id=None, eos_token_id=None)),
}


def digits(tensor):
    return [float(f"{value:.9g}") for value in tensor.tolist()]


def perturb(model, seed):
    # Norm weights and biases away from 1 and 0, so that a misread one moves the logits.
    generator = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, parameter in model.named_parameters():
            if name.endswith("norm.weight"):
                parameter.copy_(1 + 0.1 * torch.randn(parameter.shape, generator=generator))
            elif name.endswith(".bias"):
                parameter.copy_(0.1 * torch.randn(parameter.shape, generator=generator))


def main():
    for name, (config_class, model_class, extra) in FIXTURES.items():
        torch.manual_seed(1234)
        config = config_class(**SHAPE, **extra)
        config._attn_implementation = "eager"
        model = model_class(config).float()
        perturb(model, 1235)
        folder = HERE / name
        model.save_pretrained(folder, safe_serialization=True)
        ids = torch.randint(0, SHAPE["vocab_size"], (2, 16), generator=torch.Generator().manual_seed(1236))
        model.eval()
        with torch.no_grad():
            out = model(ids, labels=ids)
        golden = {
            "fixture": name, "model_class": model_class.__name__, "model_type": config.model_type,
            "versions": {"transformers": transformers.__version__, "torch": torch.__version__},
            "seed": 1234, "attn_implementation": "eager", "dtype": "float32",
            "input_ids": ids.tolist(), "logits_shape": list(out.logits.shape),
            "logits": [[digits(position) for position in row] for row in out.logits],
            "loss": float(f"{out.loss.item():.9g}"),
            "loss_definition": "mean cross-entropy of logits[:, :-1] vs input_ids[:, 1:] (HF shifted loss, labels=input_ids)",
        }
        model.train()
        optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0)
        trace = {"optimizer": "torch.optim.AdamW", "lr": 1e-3, "betas": [0.9, 0.999], "eps": 1e-8, "weight_decay": 0.0,
                 "steps": 5, "loss_before_step": []}
        for step in range(5):
            loss = model(ids, labels=ids).loss
            trace["loss_before_step"].append(float(f"{loss.item():.9g}"))
            loss.backward()
            if step == 0:
                norms = {n: p.grad.norm().item() for n, p in model.named_parameters()}
                trace["grad_global_l2_norm_step1"] = float(f"{sum(v * v for v in norms.values()) ** 0.5:.9g}")
                trace["grad_l2_norm_step1_per_param"] = {n: float(f"{v:.9g}") for n, v in norms.items()}
            optimizer.step()
            optimizer.zero_grad()
        with torch.no_grad():
            trace["loss_after_last_step"] = float(f"{model(ids, labels=ids).loss.item():.9g}")
        golden["train"] = trace
        (folder / "golden.json").write_text(json.dumps(golden) + "\n")
        (folder / "README.txt").write_text(
            f"Written by tests/data/hf_golden/generate.py with transformers {transformers.__version__} and torch "
            f"{torch.__version__} ({model_class.__name__}, eager attention, fp32, CPU).\n"
            "Seed 1234, then norm weights 1+0.1*N(0,1) and biases 0.1*N(0,1) (seed 1235); input_ids 2x16 (seed 1236).\n")
        print(name, "loss", golden["loss"])


def check_saved(fixture, folder):
    golden = json.loads((HERE / fixture / "golden.json").read_text())
    model = transformers.AutoModelForCausalLM.from_pretrained(folder, attn_implementation="eager").float().eval()
    with torch.no_grad():
        logits = model(torch.tensor(golden["input_ids"])).logits
    print(type(model).__name__, "max |logit difference|", (logits - torch.tensor(golden["logits"])).abs().max().item())


if __name__ == "__main__":
    if sys.argv[1:2] == ["--check-saved"]:
        check_saved(sys.argv[2], sys.argv[3])
    else:
        main()
