#!/usr/bin/env python3
"""What transformers computes under bf16 autocast on the CPU for the fixtures in this folder
(bf16.json beside each golden.json): the logits and the loss on golden.json's batch, and a
3-step AdamW trace with float32 weights and the forward and backward passes under autocast,
as Finch's bf16 training does. SDPA attention, as Finch uses on libtorch 2.x.

Run from the repository root with the pinned libraries (scripts/reference-env creates them):
    .venv-reference/bin/python tests/data/hf_golden/generate_bf16.py
"""
import json
import pathlib

import torch
import transformers

HERE = pathlib.Path(__file__).parent
assert transformers.__version__ == "5.24.0", transformers.__version__
assert torch.__version__.startswith("2.15.0"), torch.__version__

FIXTURES = ["llama_tiny", "qwen3_tiny", "gemma3_tiny"]
STEPS = 3


def main():
    torch.set_num_threads(1)
    for name in FIXTURES:
        folder = HERE / name
        golden = json.loads((folder / "golden.json").read_text())
        ids = torch.tensor(golden["input_ids"])
        model = transformers.AutoModelForCausalLM.from_pretrained(folder, attn_implementation="sdpa",
                                                                  dtype=torch.float32)
        model.eval()
        with torch.no_grad(), torch.autocast("cpu", dtype=torch.bfloat16):
            out = model(input_ids=ids, labels=ids)
        logits = out.logits.float()
        record = {
            "torch": torch.__version__, "transformers": transformers.__version__,
            "autocast": "cpu bfloat16", "attn_implementation": "sdpa",
            "logits": [[[round(v, 6) for v in row] for row in batch] for batch in logits.tolist()],
            "loss": out.loss.float().item(),
        }
        trace = golden["train"]
        model.train()
        optimizer = torch.optim.AdamW(model.parameters(), lr=trace["lr"], betas=tuple(trace["betas"]),
                                      eps=trace["eps"], weight_decay=trace["weight_decay"], foreach=False)
        losses = []
        for _ in range(STEPS):
            with torch.autocast("cpu", dtype=torch.bfloat16):
                loss = model(input_ids=ids, labels=ids).loss
            loss.backward()
            losses.append(loss.float().item())
            optimizer.step()
            optimizer.zero_grad()
        record["train"] = {"steps": STEPS, "loss_before_step": losses}
        (folder / "bf16.json").write_text(json.dumps(record) + "\n")
        print(name, "loss", record["loss"], "trace", losses)


if __name__ == "__main__":
    main()
