"""The transformers peer of bench/train_throughput.py: the real LlamaForCausalLM (transformers
from PyPI, on PyPI's torch, pinned in tests/reference/requirements.txt) with torch.optim.AdamW,
built from the config.json of the model Finch trained, on the same batch shape, schedule,
clipping and thread count. The loop is what transformers' Trainer runs per step (forward with
labels, backward, clip_grad_norm_, optimizer and scheduler step, zero_grad), without its
logging and callbacks. Prints tokens/s as JSON.

Usage: .venv-reference/bin/python train_throughput_transformers.py CONFIG_JSON BATCH SEQ_LEN STEPS WARMUP THREADS
"""
import json
import os
import sys
import time

os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")

import torch
import transformers


def main():
    config_json, batch, seq, steps, warmup, threads = sys.argv[1], *map(int, sys.argv[2:])
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    config = transformers.AutoConfig.from_pretrained(os.path.dirname(config_json))
    model = transformers.AutoModelForCausalLM.from_config(config, dtype=torch.float32)
    model.train()
    optimizer = torch.optim.AdamW(model.parameters(), lr=3e-3, weight_decay=0.0)
    scheduler = transformers.get_linear_schedule_with_warmup(optimizer, 2, steps)
    ids = torch.randint(0, config.vocab_size, (batch, seq))
    start = None
    for step in range(steps):
        if step == warmup:
            start = time.perf_counter()
        loss = model(input_ids=ids, labels=ids).loss
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        scheduler.step()
        optimizer.zero_grad()
        loss.isnan().item()  # the Trainer checks each step's loss (logging_nan_inf_filter)
    seconds = time.perf_counter() - start
    print(json.dumps({"tokens_per_second": batch * seq * (steps - warmup) / seconds,
                      "torch": torch.__version__, "transformers": transformers.__version__}))


if __name__ == "__main__":
    main()
