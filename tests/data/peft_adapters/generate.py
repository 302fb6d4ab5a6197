#!/usr/bin/env python3
"""Writes LoRA adapters with the real PEFT on the tiny models in ../hf_golden, and what PEFT
computes with them (expected.json in each folder): the logits and the shifted loss of the
base model plus the adapter on the fixture's batch, and the same after merge_and_unload.

lora_B is drawn at random (PEFT starts it at zero, which would make every adapter a no-op),
so that a wrong scale, a transposed matrix or a mislaid target moves the numbers.

Run from the repository root with the pinned libraries (scripts/reference-env):
    .venv-reference/bin/python tests/data/peft_adapters/generate.py
"""
import json
import pathlib
import shutil

import peft
import torch
import transformers

HERE = pathlib.Path(__file__).parent
GOLDEN = HERE.parent / "hf_golden"
assert peft.__version__ == "0.21.2", peft.__version__
assert transformers.__version__ == "5.24.0", transformers.__version__

# name: (base fixture, LoraConfig arguments)
ADAPTERS = {
    "llama_qv": ("llama_tiny", dict(r=4, lora_alpha=8, target_modules=["q_proj", "v_proj"])),
    "llama_all_rslora": ("llama_tiny", dict(r=8, lora_alpha=16, use_rslora=True,
                                            target_modules=["q_proj", "k_proj", "v_proj", "o_proj",
                                                            "gate_proj", "up_proj", "down_proj"])),
    # Phi-3: the fused projections are what PEFT adapts (one lora_B for q, k and v together).
    "phi3_fused": ("phi3_tiny", dict(r=4, lora_alpha=16, target_modules=["qkv_proj", "gate_up_proj", "o_proj", "down_proj"])),
    "qwen3_attention": ("qwen3_tiny", dict(r=4, lora_alpha=4, target_modules=["q_proj", "k_proj", "v_proj", "o_proj"])),
    "gemma3_mlp": ("gemma3_tiny", dict(r=2, lora_alpha=8, target_modules=["gate_proj", "up_proj", "down_proj"])),
    # "all-linear": PEFT saves the layers it chose by their full paths (model.layers.0.mlp.up_proj).
    "qwen2_all_linear": ("qwen2_tiny", dict(r=4, lora_alpha=8, target_modules="all-linear")),
}


def digits(tensor):
    return [float(f"{value:.9g}") for value in tensor.flatten().tolist()]


def shifted_loss(logits, ids):
    return torch.nn.functional.cross_entropy(logits[:, :-1].reshape(-1, logits.shape[-1]), ids[:, 1:].reshape(-1)).item()


def main():
    for name, (fixture, arguments) in ADAPTERS.items():
        golden = json.loads((GOLDEN / fixture / "golden.json").read_text())
        ids = torch.tensor(golden["input_ids"])
        base = transformers.AutoModelForCausalLM.from_pretrained(GOLDEN / fixture, attn_implementation="eager").float()
        base.name_or_path = f"tests/data/hf_golden/{fixture}"  # not this machine's absolute path
        config = peft.LoraConfig(task_type="CAUSAL_LM", lora_dropout=0.0, **arguments)
        model = peft.get_peft_model(base, config).eval()
        generator = torch.Generator().manual_seed(len(name))
        with torch.no_grad():
            for parameter_name, parameter in model.named_parameters():
                if "lora_B" in parameter_name or "lora_A" in parameter_name:
                    parameter.copy_(0.2 * torch.randn(parameter.shape, generator=generator))
            logits = model(ids).logits
        out = HERE / name
        shutil.rmtree(out, ignore_errors=True)
        model.save_pretrained(out)
        (out / "README.md").unlink(missing_ok=True)  # PEFT's model card template
        with torch.no_grad():
            merged = model.merge_and_unload()(ids).logits
        expected = {"base": fixture, "peft": peft.__version__, "input_ids": golden["input_ids"],
                    "loss": shifted_loss(logits, ids), "logits": digits(logits),
                    "merged_max_abs_difference": (merged - logits).abs().max().item()}
        (out / "expected.json").write_text(json.dumps(expected) + "\n")
        print(name, "loss", expected["loss"], "merged vs adapter", expected["merged_max_abs_difference"])


if __name__ == "__main__":
    main()
