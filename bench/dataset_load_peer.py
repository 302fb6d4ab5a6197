"""The peer for bench_dataset_load: what a notebook does to load and check a JSONL file.

json.loads per line, the same checks Finch makes on classification rows (text a non-empty
string, label one of the allowed labels, exact duplicates), timed the same way.
"""
import json
import sys
import time

path, labels = sys.argv[1], set(sys.argv[2].split(","))
start = time.perf_counter()
rows, problems, seen = [], 0, set()
with open(path, encoding="utf-8") as f:
    for line in f:
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except ValueError:
            problems += 1
            continue
        rows.append(row)
        text, label = row.get("text"), row.get("label")
        if not isinstance(text, str) or not text.strip():
            problems += 1
        if label not in labels:
            problems += 1
        key = (text, label)
        if key in seen:
            problems += 1
        seen.add(key)
print(f"{time.perf_counter() - start:.3f} {len(rows)} {problems}")
