#!/usr/bin/env python3
"""Data-parallel training's cost on one machine: `finch train` in one process with batch
2B and T threads against `--nproc-per-node 2` with batch B and T/2 threads each (the same
global batch, the same cores), on the same preset and data. The 2-process job runs twice:
with gradient buckets of 25 MB (the default; buckets go while backward still runs) and
with one bucket of everything (sent when backward ends: no overlap). Prints tokens/s of
each and what rank 0 reports of its all-reduces (MB a step, and the ms a step it waited
for them after its backward pass).

Usage: bench/distributed_overhead.py [--finch build/bin/finch] [--preset finch-small]
                                     [--batch 4] [--seq 128] [--steps 20] [--warmup 5] [--repeats 3]
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(finch, workdir, name, batch, threads, args, processes, bucket_mb=25):
    config = {
        "output_dir": str(workdir / name), "run_name": name,
        "train_file": str(ROOT / "resources/samples/sentiment.jsonl"),
        "model": args.preset, "tokenizer_vocab_size": 2000, "packing": True,
        "per_device_train_batch_size": batch, "max_seq_length": args.seq, "max_steps": args.steps,
        "logging_steps": 1, "save_steps": args.steps, "validation_split": 0.0, "test_split": 0.0,
        "learning_rate": 3e-3, "warmup_steps": 2, "threads": threads, "seed": 0,
        "ddp_bucket_cap_mb": bucket_mb,
    }
    path = workdir / f"{name}.json"
    path.write_text(json.dumps(config))
    command = [finch, "train", "--config", str(path)] + (["--nproc-per-node", str(processes)] if processes > 1 else [])
    out = subprocess.run(command, check=True, capture_output=True, text=True)
    folder = next((workdir / name).iterdir())
    steps = [json.loads(line) for line in (folder / "metrics.jsonl").read_text().splitlines()]
    steps = [s for s in steps if s.get("event") == "step"]
    start = next(s for s in steps if s["step"] == args.warmup)["elapsed_seconds"]
    timed = [s for s in steps if s["step"] > args.warmup]
    tokens, previous = 0.0, start
    for s in timed:
        tokens += s["tokens_per_second"] * (s["elapsed_seconds"] - previous)
        previous = s["elapsed_seconds"]
    rate = tokens / (timed[-1]["elapsed_seconds"] - start)
    traffic = re.search(r"all-reduce over \d+ ranks: ([\d.]+) MB and ([\d.]+) ms a step", out.stdout + out.stderr)
    return rate, (float(traffic.group(1)), float(traffic.group(2))) if traffic else None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--finch", default=str(ROOT / "build/bin/finch"))
    parser.add_argument("--preset", default="finch-small")
    parser.add_argument("--batch", type=int, default=4, help="per process in the 2-process job")
    parser.add_argument("--seq", type=int, default=128)
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    cores = os.cpu_count()
    single, double, traffic, unbucketed, unbucketed_traffic = [], [], [], [], []
    with tempfile.TemporaryDirectory() as scratch:
        for repeat in range(args.repeats):
            workdir = Path(scratch) / str(repeat)
            workdir.mkdir()
            single.append(run(args.finch, workdir, "one", 2 * args.batch, cores, args, 1)[0])
            rate, reported = run(args.finch, workdir, "two", args.batch, max(1, cores // 2), args, 2)
            double.append(rate)
            traffic.append(reported)
            rate, reported = run(args.finch, workdir, "two-one-bucket", args.batch, max(1, cores // 2), args, 2, 4096)
            unbucketed.append(rate)
            unbucketed_traffic.append(reported)
    one, two, late = statistics.median(single), statistics.median(double), statistics.median(unbucketed)
    megabytes = statistics.median(t[0] for t in traffic)
    milliseconds = statistics.median(t[1] for t in traffic)
    late_milliseconds = statistics.median(t[1] for t in unbucketed_traffic)
    print(f"{args.preset}, global batch {2 * args.batch} x {args.seq} tokens, {cores} cores, "
          f"median of {args.repeats} alternating runs")
    print(f"1 process x {cores} threads: {one:.0f} tokens/s")
    print(f"2 processes x {max(1, cores // 2)} thread(s), 25 MB buckets during backward: {two:.0f} tokens/s "
          f"({two / one:.2f}x); all-reduce {megabytes:.1f} MB a step, rank 0 waits {milliseconds:.1f} ms a step after backward")
    print(f"2 processes, one bucket after backward: {late:.0f} tokens/s ({late / one:.2f}x); "
          f"rank 0 waits {late_milliseconds:.1f} ms a step after backward")


if __name__ == "__main__":
    main()
