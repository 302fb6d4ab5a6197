#!/usr/bin/env python3
"""Training throughput: `finch train` against the same model trained from Python by two peers,
same BLAS, threads, batch and sequence length. Prints tokens/s of each and the ratios.
  pytorch       the model written out in PyTorch (bench/train_throughput_peer.py), run by
                Debian's /usr/bin/python3 with python3-torch: Debian's libtorch, like build/
  transformers  transformers' own LlamaForCausalLM with torch.optim.AdamW
                (bench/train_throughput_transformers.py), run by .venv-reference's Python:
                PyPI's torch, the libtorch of build-pypi/

Finch trains the sentiment sample with packing, so every sequence is full; the peer trains
on random ids of the same shape (the arithmetic does not depend on the values). The first
WARMUP steps of each are left out of the timing.

Usage: bench/train_throughput.py [--finch build/bin/finch] [--presets finch-small,finch-base]
                                 [--peers pytorch,transformers] [--batch 8] [--seq 128]
                                 [--steps 30] [--warmup 5] [--threads N]
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def finch_tokens_per_second(finch, preset, args, workdir):
    config = {
        "output_dir": str(workdir / "runs"), "run_name": preset,
        "train_file": str(ROOT / "resources/samples/sentiment.jsonl"),
        "model": preset, "tokenizer_vocab_size": 2000, "packing": True,
        "per_device_train_batch_size": args.batch, "max_seq_length": args.seq, "max_steps": args.steps,
        "logging_steps": 1, "save_steps": args.steps, "validation_split": 0.0, "test_split": 0.0,
        "learning_rate": 3e-3, "warmup_steps": 2, "threads": args.threads, "seed": 0,
    }
    config_path = workdir / f"{preset}.json"
    config_path.write_text(json.dumps(config))
    subprocess.run([finch, "train", "--config", str(config_path)], check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    run = next((workdir / "runs").glob(f"*-{preset}"))
    steps = [json.loads(line) for line in (run / "metrics.jsonl").read_text().splitlines()]
    steps = [s for s in steps if s.get("event") == "step"]
    timed = [s for s in steps if s["step"] > args.warmup]
    start = next(s for s in steps if s["step"] == args.warmup)["elapsed_seconds"]
    previous, tokens = start, 0.0
    for s in timed:  # tokens of each step = its rate x its duration
        tokens += s["tokens_per_second"] * (s["elapsed_seconds"] - previous)
        previous = s["elapsed_seconds"]
    return tokens / (timed[-1]["elapsed_seconds"] - start), run / "final" / "config.json"


# The peer's environments: as a user runs it, and with the thread and allocator settings
# Finch makes for itself (runtime::configureCompute, core/api/EngineLoader.cpp), so the
# second ratio measures Finch's own work only. Passive OpenMP waiting is Finch's setting
# where OpenBLAS computes (Debian's libtorch), not with MKL (PyPI's).
PEER_DEFAULT = {}
GLIBC_AS_FINCH = {"GLIBC_TUNABLES": "glibc.malloc.mmap_threshold=268435456:glibc.malloc.trim_threshold=1073741824"}


def finch_settings(finch):
    info = json.loads(subprocess.run([finch, "info", "--json"], check=True, capture_output=True, text=True).stdout)
    passive = {} if "MKL" in info["blas"] else {"OMP_WAIT_POLICY": "PASSIVE"}
    return dict(GLIBC_AS_FINCH, **passive), info


PEERS = {
    "pytorch": ("/usr/bin/python3", ROOT / "bench/train_throughput_peer.py"),
    "transformers": (str(ROOT / ".venv-reference/bin/python"), ROOT / "bench/train_throughput_transformers.py"),
}


def peer_tokens_per_second(peer, config_json, args, extra_env):
    env = dict(os.environ, **extra_env)
    python, script = PEERS[peer]
    out = subprocess.run([python, str(script), str(config_json),
                          str(args.batch), str(args.seq), str(args.steps), str(args.warmup), str(args.threads)],
                         check=True, capture_output=True, text=True, env=env).stdout
    return json.loads(out.strip().splitlines()[-1])["tokens_per_second"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--finch", default=str(ROOT / "build/bin/finch"))
    parser.add_argument("--presets", default="finch-small,finch-base")
    parser.add_argument("--peers", default="pytorch,transformers")
    parser.add_argument("--batch", type=int, default=8)
    parser.add_argument("--seq", type=int, default=128)
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    parser.add_argument("--repeats", type=int, default=3, help="alternating runs of each; medians are reported")
    args = parser.parse_args()
    peers = args.peers.split(",")
    tuned_env, info = finch_settings(args.finch)
    print(f"{args.finch} (libtorch {info['libtorch']}, {info['blas']}): batch {args.batch} x {args.seq} tokens, {args.steps} steps ({args.warmup} untimed), "
          f"{args.threads} threads, median of {args.repeats} alternating runs")
    print(f"{'model':12} {'peer':13} {'finch tok/s':>12} {'peer, defaults':>15} {'ratio':>6} "
          f"{'peer, tuned as finch':>21} {'ratio':>6}")
    with tempfile.TemporaryDirectory() as scratch:
        for preset in args.presets.split(","):
            finch = []
            rates = {peer: ([], []) for peer in peers}
            for repeat in range(args.repeats):
                workdir = Path(scratch) / f"{preset}-{repeat}"
                workdir.mkdir()
                rate, config_json = finch_tokens_per_second(args.finch, preset, args, workdir)
                finch.append(rate)
                for peer in peers:
                    rates[peer][0].append(peer_tokens_per_second(peer, config_json, args, PEER_DEFAULT))
                    rates[peer][1].append(peer_tokens_per_second(peer, config_json, args, tuned_env))
            f = statistics.median(finch)
            for peer in peers:
                d, t = statistics.median(rates[peer][0]), statistics.median(rates[peer][1])
                print(f"{preset:12} {peer:13} {f:12.0f} {d:15.0f} {f / d:5.2f}x {t:21.0f} {f / t:5.2f}x", flush=True)


if __name__ == "__main__":
    main()
