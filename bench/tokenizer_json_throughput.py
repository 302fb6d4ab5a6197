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

Each ratio is given in wall time and, in parentheses, in CPU time (user + system: the
kernel's rusage for a process, process_time in this one), which other work on the
machine disturbs less.

Usage: scripts/reference-env && .venv-reference/bin/python bench/tokenizer_json_throughput.py
           [--finch build/bin/finch] [--megabytes 20] [--families gpt2,qwen3,...]
"""
import argparse
import hashlib
import json
import os
import random
import resource
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


class Best:
    """The least wall and CPU time (user + system) over runs, each of its own."""

    def __init__(self):
        self.wall = self.cpu = float("inf")

    def child(self, command, **options):
        """Runs `command` in a fresh process; its CPU time comes from the kernel's rusage."""
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        result = subprocess.run(command, check=True, capture_output=True, **options)
        self.wall = min(self.wall, time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        self.cpu = min(self.cpu, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        return result.stdout

    def call(self, function):
        started, cpu = time.perf_counter(), time.process_time()
        result = function()
        self.wall = min(self.wall, time.perf_counter() - started)
        self.cpu = min(self.cpu, time.process_time() - cpu)
        return result


def load_times(finch, model, runs):
    """Fresh processes loading `model` and encoding "hello world", the two taking turns."""
    peer_code = ("import sys; from tokenizers import Tokenizer; "
                 "print(' '.join(map(str, Tokenizer.from_file(sys.argv[1]).encode('hello world', "
                 "add_special_tokens=False).ids)))")
    finch_best, peer_best = Best(), Best()
    for _ in range(runs):
        finch_ids = finch_best.child([finch, "tokenizer", "encode", "--model", str(model), "--text", "hello world"])
        peer_ids = peer_best.child([sys.executable, "-c", peer_code, str(model)])
    if finch_ids.strip() != peer_ids.strip():
        raise SystemExit(f"{model}: finch gives {finch_ids.strip()}, tokenizers {peer_ids.strip()}")
    return finch_best, peer_best


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
    print(f"tokenizers {tokenizers.__version__}, tiktoken {tiktoken.__version__}; one thread each; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")

    print(f"\nLoading and encoding \"hello world\", a fresh process each, best of {args.load_runs}; "
          f"finch/tokenizers in wall time (and CPU time)")
    print(f"{'family':34} {'pieces':>8} {'MB':>5} {'finch s':>8} {'tokenizers s':>13} {'finch/tokenizers':>22}")
    for name, model in models.items():
        pieces = tokenizers.Tokenizer.from_file(str(model)).get_vocab_size()
        finch, peer = load_times(args.finch, model, args.load_runs)
        print(f"{name:34} {pieces:8,} {model.stat().st_size / 1e6:5.1f} {finch.wall:8.3f} {peer.wall:13.3f} "
              f"{finch.wall / peer.wall:13.2f}x ({finch.cpu / peer.cpu:.2f}x)")

    lines, megabytes = text_lines(args.megabytes)
    print(f"\n{megabytes:.1f} MB of text in {len(lines):,} lines (50% prose, 30% code, 20% other scripts "
          f"and emoji); best of 3; peer/finch in wall time (and CPU time)")
    print(f"{'family':34} {'finch MB/s':>11} {'peer MB/s':>11} {'ratio':>15}")
    with tempfile.TemporaryDirectory() as scratch:
        text_path = Path(scratch) / "text.txt"
        text_path.write_text("\n".join(lines) + "\n")
        for name, model in models.items():
            peer = tokenizers.Tokenizer.from_file(str(model))
            finch_best, peer_best = Best(), Best()
            for _ in range(3):
                with text_path.open("rb") as stdin:
                    out = finch_best.child([args.finch, "tokenizer", "encode", "--model", str(model), "--file", "-",
                                            "--threads", "1"], stdin=stdin)
                encodings = peer_best.call(lambda: peer.encode_batch(lines, add_special_tokens=False))
            if hashlib.sha256(out).hexdigest() != ids_digest(encoding.ids for encoding in encodings):
                raise SystemExit(f"{name}: finch and tokenizers disagree on the ids")
            print(f"{name:34} {megabytes / finch_best.wall:11.2f} {megabytes / peer_best.wall:11.2f} "
                  f"{peer_best.wall / finch_best.wall:6.2f}x ({peer_best.cpu / finch_best.cpu:.2f}x)")
            if name.startswith("llama3"):
                encoding = tiktoken_for(model)
                tiktoken_best = Best()
                for _ in range(3):
                    tiktoken_ids = tiktoken_best.call(lambda: encoding.encode_ordinary_batch(lines, num_threads=1))
                if ids_digest(tiktoken_ids) != hashlib.sha256(out).hexdigest():
                    raise SystemExit(f"{name}: finch and tiktoken disagree on the ids")
                print(f"{'  the same, against tiktoken':34} {megabytes / finch_best.wall:11.2f} "
                      f"{megabytes / tiktoken_best.wall:11.2f} {tiktoken_best.wall / finch_best.wall:6.2f}x "
                      f"({tiktoken_best.cpu / finch_best.cpu:.2f}x)")


if __name__ == "__main__":
    main()
