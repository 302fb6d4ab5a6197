#!/usr/bin/env python3
"""Tokenization throughput: `finch tokenizer encode` against Debian's `spm_encode` on the
same SentencePiece model and text, ids written one line per input line by both. Checks the
outputs are identical, then prints MB/s of each (best of 3) and the ratio.

Usage: bench/tokenize_throughput.py [--finch build/bin/finch] [--model tests/data/sentiment-400.model]
                                    [--megabytes 20]
"""
import argparse
import hashlib
import json
import random
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed(command, stdin_path):
    """Seconds and the SHA-256 of stdout for one run."""
    with open(stdin_path, "rb") as stdin:
        started = time.perf_counter()
        out = subprocess.run(command, stdin=stdin, check=True, capture_output=True).stdout
        return time.perf_counter() - started, hashlib.sha256(out).hexdigest(), out.count(b" ") + out.count(b"\n")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--finch", default=str(ROOT / "build/bin/finch"))
    parser.add_argument("--model", default=str(ROOT / "tests/data/sentiment-400.model"))
    parser.add_argument("--megabytes", type=float, default=20)
    args = parser.parse_args()

    # Text: the sample reviews, shuffled and recombined into lines of 1-3 sentences.
    sentences = [json.loads(line)["text"] for line in (ROOT / "resources/samples/sentiment.jsonl").open()]
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as scratch:
        text = Path(scratch) / "text.txt"
        size = 0
        with text.open("w") as out:
            while size < args.megabytes * 1e6:
                line = " ".join(rng.choice(sentences) for _ in range(rng.randint(1, 3))) + "\n"
                out.write(line)
                size += len(line.encode())
        megabytes = size / 1e6
        runs = {
            "finch": [args.finch, "tokenizer", "encode", "--model", args.model, "--file", "-"],
            "spm_encode": ["spm_encode", f"--model={args.model}", "--output_format=id"],
        }
        best, digests = {}, {}
        for _ in range(3):
            for name, command in runs.items():
                seconds, digest, tokens = timed(command, text)
                best[name] = min(best.get(name, float("inf")), seconds)
                digests[name] = digest
        if digests["finch"] != digests["spm_encode"]:
            raise SystemExit("the two tools disagree on the ids")
        print(f"{megabytes:.1f} MB of text, {tokens:,} ids, identical output; best of 3")
        for name in runs:
            print(f"{name:11} {best[name]:6.2f} s  {megabytes / best[name]:6.1f} MB/s")
        print(f"ratio (finch / spm_encode throughput): {best['spm_encode'] / best['finch']:.2f}x")


if __name__ == "__main__":
    main()
