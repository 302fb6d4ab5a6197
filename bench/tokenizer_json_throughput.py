#!/usr/bin/env python3
"""tokenizer.json throughput: `finch tokenizer encode` against the `tokenizers` library on
the same tokenizer.json and text, one thread each, and against tiktoken on the Llama 3
pipeline. The text is 20 MB or more of prose (the samples and the project's documents)
and code (the project's C++ sources), one line per input. Checks that all produce the same
ids, then prints MB/s (best of 3) and the ratios.

Finch's time is the whole `finch` process (--threads 1): start, reading, encoding and
printing the ids.
The peers' times are their encode calls alone (encode_batch on one thread, and tiktoken's
encode_ordinary_batch on one thread), so the ratios are conservative for Finch.

Usage: scripts/reference-env && .venv-reference/bin/python bench/tokenizer_json_throughput.py
           [--finch build/bin/finch] [--megabytes 20]
"""
import argparse
import hashlib
import json
import os
import random
import subprocess
import tempfile
import time
from pathlib import Path

os.environ["RAYON_NUM_THREADS"] = "1"  # before tokenizers starts its thread pool
os.environ["TOKENIZERS_PARALLELISM"] = "false"

import tiktoken  # noqa: E402
import tokenizers  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests/data/tokenizers"
LLAMA3_PATTERN = (r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*"
                  r"|\s*[\r\n]+|\s+(?!\S)|\s+")


def corpus_lines():
    prose = [json.loads(line)["text"] for line in (ROOT / "resources/samples/sentiment.jsonl").open()]
    for document in sorted((ROOT / "docs").glob("*.md")) + [ROOT / "README.md"]:
        prose += [line for line in document.read_text().splitlines() if line.strip()]
    code = []
    for source in sorted((ROOT / "core").rglob("*.cpp")):
        code += [line for line in source.read_text().splitlines() if line.strip()]
    # Lines that spell a special token ("<|eot_id|>" in a comment) are left out: the
    # tokenizer.json pipelines match those as tokens, tiktoken's encode_ordinary as text.
    def plain(line):
        return "<|" not in line and "<s>" not in line and "</s>" not in line
    return [line for line in prose if plain(line)], [line for line in code if plain(line)]


def ids_digest(sequences):
    digest = hashlib.sha256()
    for ids in sequences:
        digest.update((" ".join(map(str, ids)) + "\n").encode())
    return digest.hexdigest()


def tiktoken_for(tokenizer_json):
    """The llama3 fixture as a tiktoken Encoding: its byte-level tokens as bytes, ranked by id
    (ids grow with merge order in a trained BPE, so the merges come out the same)."""
    data = json.loads(tokenizer_json.read_text())
    byte_of = {}
    n = 0
    for byte in range(256):
        printable = (33 <= byte <= 126) or (161 <= byte <= 172) or byte >= 174
        byte_of[chr(byte) if printable else chr(256 + n)] = byte
        n += 0 if printable else 1
    specials = {token["content"] for token in data["added_tokens"]}
    ranks = {bytes(byte_of[c] for c in token): rank for token, rank in data["model"]["vocab"].items()
             if token not in specials}
    return tiktoken.Encoding("finch-llama3-fixture", pat_str=LLAMA3_PATTERN, mergeable_ranks=ranks, special_tokens={})


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--finch", default=str(ROOT / "build/bin/finch"))
    parser.add_argument("--megabytes", type=float, default=20)
    args = parser.parse_args()

    prose, code = corpus_lines()
    rng = random.Random(11)
    lines, size = [], 0
    while size < args.megabytes * 1e6:
        source = prose if rng.random() < 0.6 else code
        line = " ".join(rng.choice(source) for _ in range(rng.randint(1, 3)))
        lines.append(line)
        size += len(line.encode()) + 1
    megabytes = size / 1e6
    print(f"{megabytes:.1f} MB of text in {len(lines):,} lines (60% prose, 40% code); one thread each; best of 3")
    print(f"tokenizers {tokenizers.__version__}, tiktoken {tiktoken.__version__}")
    print(f"{'family':30} {'finch MB/s':>11} {'tokenizers':>11} {'ratio':>6}")

    with tempfile.TemporaryDirectory() as scratch:
        text_path = Path(scratch) / "text.txt"
        text_path.write_text("\n".join(lines) + "\n")
        for family in sorted(path.name for path in FIXTURES.iterdir() if (path / "tokenizer.json").exists()):
            model = FIXTURES / family / "tokenizer.json"
            peer = tokenizers.Tokenizer.from_file(str(model))
            best_finch = best_peer = float("inf")
            for _ in range(3):
                with text_path.open("rb") as stdin:
                    started = time.perf_counter()
                    out = subprocess.run([args.finch, "tokenizer", "encode", "--model", str(model), "--file", "-",
                                          "--threads", "1"],
                                         stdin=stdin, check=True, capture_output=True).stdout
                    best_finch = min(best_finch, time.perf_counter() - started)
                started = time.perf_counter()
                encodings = peer.encode_batch(lines, add_special_tokens=False)
                best_peer = min(best_peer, time.perf_counter() - started)
            if hashlib.sha256(out).hexdigest() != ids_digest(encoding.ids for encoding in encodings):
                raise SystemExit(f"{family}: finch and tokenizers disagree on the ids")
            print(f"{family:30} {megabytes / best_finch:11.2f} {megabytes / best_peer:11.2f} "
                  f"{best_peer / best_finch:6.2f}x")
            if family == "llama3-split":
                encoding = tiktoken_for(model)
                best_tiktoken = float("inf")
                for _ in range(3):
                    started = time.perf_counter()
                    tiktoken_ids = encoding.encode_ordinary_batch(lines, num_threads=1)
                    best_tiktoken = min(best_tiktoken, time.perf_counter() - started)
                if ids_digest(tiktoken_ids) != hashlib.sha256(out).hexdigest():
                    raise SystemExit("llama3-split: finch and tiktoken disagree on the ids")
                print(f"{'  the same, against tiktoken':30} {megabytes / best_finch:11.2f} "
                      f"{megabytes / best_tiktoken:11.2f} {best_tiktoken / best_finch:6.2f}x")


if __name__ == "__main__":
    main()
