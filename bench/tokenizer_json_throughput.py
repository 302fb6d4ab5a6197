#!/usr/bin/env python3
"""tokenizer.json loading and throughput: `finch tokenizer encode` against the `tokenizers`
library on the same tokenizer.json and text, one thread each, and against tiktoken on the
Llama 3 pipelines. The tokenizers are the small fixtures of tests/data/tokenizers and
real-size ones with the layouts of GPT-2, Llama 3, Qwen3 and Gemma 3 (50k to 262k pieces,
written by bench/real_size_tokenizers.py into build/bench-tokenizers on first use).

Loading: the wall time of a fresh process that loads the tokenizer and encodes
"hello world": `finch tokenizer encode --model M --text "hello world"` against
`python -c "Tokenizer.from_file(M).encode('hello world')"` (interpreter start and import
included, as a user opening a model pays them). Best of --load-runs; ids checked equal.

Throughput: 20 MB or more of text, one line per input: 50 % prose (the samples and the
project's documents), 30 % code (the project's C++ sources), 20 % generated words in
twelve other scripts with digits, punctuation and emoji. Checks that all produce the same
ids, then prints MB/s (best of 3) and the ratios. Finch's time is the whole `finch`
process (--threads 1): start, loading, reading, encoding and printing the ids. The peers'
times are their encode calls alone (encode_batch on one thread, and tiktoken's
encode_ordinary_batch on one thread), so the ratios are conservative for Finch.

Usage: scripts/reference-env && .venv-reference/bin/python bench/tokenizer_json_throughput.py
           [--finch build/bin/finch] [--megabytes 20] [--families gpt2,qwen3,...]
"""
import argparse
import hashlib
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ["RAYON_NUM_THREADS"] = "1"  # before tokenizers starts its thread pool
os.environ["TOKENIZERS_PARALLELISM"] = "false"

import tiktoken  # noqa: E402
import tokenizers  # noqa: E402

import real_size_tokenizers  # noqa: E402  (beside this script)

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests/data/tokenizers"
LLAMA3_PATTERN = (r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*"
                  r"|\s*[\r\n]+|\s+(?!\S)|\s+")


def text_lines(megabytes):
    """Lines of prose, code and other scripts mixed, about `megabytes` in all."""
    prose, code = corpus_lines()
    scripts = real_size_tokenizers.multilingual_lines(int(megabytes * 1e6 * 0.2 / 200) + 1000, seed=2)
    rng = random.Random(11)
    lines, size = [], 0
    while size < megabytes * 1e6:
        roll = rng.random()
        if roll < 0.2:
            line = rng.choice(scripts)
        else:
            source = prose if roll < 0.7 else code
            line = " ".join(rng.choice(source) for _ in range(rng.randint(1, 3)))
        lines.append(line)
        size += len(line.encode()) + 1
    return lines, size / 1e6


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
    """A Llama 3 tokenizer.json as a tiktoken Encoding: its byte-level tokens as bytes, ranked
    by id (ids grow with merge order in a trained BPE, and the real-size file's merges are
    made from those ranks, so the merges come out the same)."""
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
    return tiktoken.Encoding("finch-llama3", pat_str=LLAMA3_PATTERN, mergeable_ranks=ranks, special_tokens={})


def load_times(finch, model, runs):
    """Best wall times of a fresh process loading `model` and encoding "hello world"."""
    peer_code = ("import sys; from tokenizers import Tokenizer; "
                 "print(' '.join(map(str, Tokenizer.from_file(sys.argv[1]).encode('hello world', "
                 "add_special_tokens=False).ids)))")
    commands = {"finch": [finch, "tokenizer", "encode", "--model", str(model), "--text", "hello world"],
                "tokenizers": [sys.executable, "-c", peer_code, str(model)]}
    best, outputs = {}, {}
    for name, command in commands.items():
        best[name] = float("inf")
        for _ in range(runs):
            started = time.perf_counter()
            outputs[name] = subprocess.run(command, check=True, capture_output=True, text=True).stdout.strip()
            best[name] = min(best[name], time.perf_counter() - started)
    if outputs["finch"] != outputs["tokenizers"]:
        raise SystemExit(f"{model}: finch gives {outputs['finch']}, tokenizers {outputs['tokenizers']}")
    return best["finch"], best["tokenizers"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--finch", default=str(ROOT / "build/bin/finch"))
    parser.add_argument("--megabytes", type=float, default=20)
    parser.add_argument("--load-runs", type=int, default=5)
    parser.add_argument("--tokenizers-dir", default=str(ROOT / "build/bench-tokenizers"))
    parser.add_argument("--families", help="comma-separated (default: every fixture and real-size family)")
    args = parser.parse_args()

    models = {path.name: path / "tokenizer.json" for path in sorted(FIXTURES.iterdir())
              if (path / "tokenizer.json").exists()}
    models.update({f"{family} (real size)": path
                   for family, path in real_size_tokenizers.build(args.tokenizers_dir).items()})
    if args.families:
        wanted = args.families.split(",")
        models = {name: path for name, path in models.items() if name.split(" ")[0] in wanted}
    print(f"tokenizers {tokenizers.__version__}, tiktoken {tiktoken.__version__}; one thread each")

    print(f"\nLoading and encoding \"hello world\", a fresh process each, best of {args.load_runs}")
    print(f"{'family':34} {'pieces':>8} {'MB':>5} {'finch s':>8} {'tokenizers s':>13} {'finch/tokenizers':>17}")
    for name, model in models.items():
        pieces = tokenizers.Tokenizer.from_file(str(model)).get_vocab_size()
        finch_s, peer_s = load_times(args.finch, model, args.load_runs)
        print(f"{name:34} {pieces:8,} {model.stat().st_size / 1e6:5.1f} {finch_s:8.3f} {peer_s:13.3f} "
              f"{finch_s / peer_s:16.2f}x")

    lines, megabytes = text_lines(args.megabytes)
    print(f"\n{megabytes:.1f} MB of text in {len(lines):,} lines (50% prose, 30% code, 20% other scripts "
          f"and emoji); best of 3")
    print(f"{'family':34} {'finch MB/s':>11} {'peer MB/s':>11} {'ratio':>6}")
    with tempfile.TemporaryDirectory() as scratch:
        text_path = Path(scratch) / "text.txt"
        text_path.write_text("\n".join(lines) + "\n")
        for name, model in models.items():
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
                raise SystemExit(f"{name}: finch and tokenizers disagree on the ids")
            print(f"{name:34} {megabytes / best_finch:11.2f} {megabytes / best_peer:11.2f} "
                  f"{best_peer / best_finch:6.2f}x")
            if name.startswith("llama3"):
                encoding = tiktoken_for(model)
                best_tiktoken = float("inf")
                for _ in range(3):
                    started = time.perf_counter()
                    tiktoken_ids = encoding.encode_ordinary_batch(lines, num_threads=1)
                    best_tiktoken = min(best_tiktoken, time.perf_counter() - started)
                if ids_digest(tiktoken_ids) != hashlib.sha256(out).hexdigest():
                    raise SystemExit(f"{name}: finch and tiktoken disagree on the ids")
                print(f"{'  the same, against tiktoken':34} {megabytes / best_finch:11.2f} "
                      f"{megabytes / best_tiktoken:11.2f} {best_tiktoken / best_finch:6.2f}x")


if __name__ == "__main__":
    main()
