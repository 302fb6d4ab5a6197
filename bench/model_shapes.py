#!/usr/bin/env python3
"""CPU training throughput and peak memory of `finch train` at the shapes of real small
models, with random weights: SmolLM2-135M (LlamaForCausalLM) and Qwen2.5-0.5B
(Qwen2ForCausalLM), each with LoRA (r 8 on q, v) and with full fine-tuning, batch 8 x 256
tokens (packed), float32.

The model folders are written by transformers (random init, safetensors) from the reference
environment; the tokenizer is the small Qwen-style fixture, so the ids stay in range. The
first WARMUP steps are left out of the timing. Peak memory is the run's maximum resident
set, as GNU time (Debian package `time`) reports it.

Usage: .venv-reference/bin/python bench/model_shapes.py [--finch build/bin/finch] [--steps 4]
           [--warmup 1] [--shapes smollm2-135m,qwen2.5-0.5b] [--methods lora,full]
"""
import argparse
import json
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import torch
import transformers

ROOT = Path(__file__).resolve().parent.parent

SHAPES = {
    # As the models' config.json files give them.
    "smollm2-135m": (transformers.LlamaConfig, transformers.LlamaForCausalLM,
                     dict(vocab_size=49152, hidden_size=576, intermediate_size=1536, num_hidden_layers=30,
                          num_attention_heads=9, num_key_value_heads=3, max_position_embeddings=8192,
                          rms_norm_eps=1e-5, rope_theta=100000.0, tie_word_embeddings=True)),
    "qwen2.5-0.5b": (transformers.Qwen2Config, transformers.Qwen2ForCausalLM,
                     dict(vocab_size=151936, hidden_size=896, intermediate_size=4864, num_hidden_layers=24,
                          num_attention_heads=14, num_key_value_heads=2, max_position_embeddings=32768,
                          rms_norm_eps=1e-6, rope_theta=1000000.0, tie_word_embeddings=True)),
}


def write_model(name, folder):
    config_class, model_class, shape = SHAPES[name]
    torch.manual_seed(0)
    model = model_class(config_class(**shape, pad_token_id=None, bos_token_id=None, eos_token_id=None)).float()
    model.save_pretrained(folder, safe_serialization=True)
    shutil.copy(ROOT / "tests/data/tokenizers/qwen-nfc-digits/tokenizer.json", folder / "tokenizer.json")
    return sum(p.numel() for p in model.parameters())


def train(finch, folder, method, args, workdir):
    config = {
        "output_dir": str(workdir / "runs"), "run_name": f"{folder.name}-{method}",
        "train_file": str(ROOT / "resources/samples/sentiment.jsonl"), "model": str(folder), "method": method,
        "lora": {"r": 8, "alpha": 16, "dropout": 0.0, "target_modules": ["q_proj", "v_proj"]},
        "packing": True, "per_device_train_batch_size": 8, "max_seq_length": 256, "max_steps": args.steps,
        "logging_steps": 1, "save_steps": 0, "eval_steps": 0, "validation_split": 0.0, "test_split": 0.0,
        "learning_rate": 1e-4, "warmup_steps": 0, "seed": 0,
    }
    path = workdir / f"{folder.name}-{method}.json"
    path.write_text(json.dumps(config))
    started = time.time()
    # GNU time prints the child's peak resident set in KiB.
    out = subprocess.run(["/usr/bin/time", "-f", "%M", finch, "train", "--config", str(path)], check=True,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak_kib = int(out.stderr.strip().splitlines()[-1])
    run = next((workdir / "runs").glob(f"*-{folder.name}-{method}"))
    steps = [json.loads(line) for line in (run / "metrics.jsonl").read_text().splitlines()]
    steps = [s for s in steps if s.get("event") == "step"]
    start = next(s for s in steps if s["step"] == args.warmup)["elapsed_seconds"]
    timed = [s for s in steps if s["step"] > args.warmup]
    seconds = timed[-1]["elapsed_seconds"] - start
    tokens = 8 * 256 * len(timed)
    return tokens / seconds, peak_kib / 1024 / 1024, time.time() - started


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--finch", default=str(ROOT / "build/bin/finch"))
    parser.add_argument("--steps", type=int, default=4)
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--shapes", default="smollm2-135m,qwen2.5-0.5b")
    parser.add_argument("--methods", default="lora,full")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        workdir = Path(temp)
        print(f"{'shape':<14} {'parameters':>11} {'method':<6} {'tokens/s':>9} {'peak GiB':>9} {'wall s':>7}")
        for name in args.shapes.split(","):
            folder = workdir / name
            parameters = write_model(name, folder)
            for method in args.methods.split(","):
                rate, peak, wall = train(args.finch, folder, method, args, workdir)
                print(f"{name:<14} {parameters:>11,} {method:<6} {rate:>9.1f} {peak:>9.2f} {wall:>7.0f}", flush=True)


if __name__ == "__main__":
    main()
