#!/usr/bin/env python3
"""The transformers + PEFT side of InteropTest, run live with the pinned libraries
(tests/reference/requirements.txt, in .venv-reference).

    reference.py JOBS.json RESULTS.json

JOBS.json is a list of jobs, each answered in order in RESULTS.json:
  {"logits": MODEL_DIR, "adapter": ADAPTER_DIR or null, "ids": [[...], ...]}
      loads the folder with AutoModelForCausalLM (and the adapter with PeftModel) and
      returns {"logits": flat float list, "shape": [B, T, V]}
  {"write_adapter": OUT_DIR, "base": MODEL_DIR, "lora": {LoraConfig arguments}, "seed": N, "ids": [[...]]}
      writes a PEFT adapter with random lora_B (PEFT starts it at zero) and returns the
      logits of base + adapter, and of the merged model, on ids
"""
import json
import os
import sys

os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")

import peft
import torch
import transformers

assert peft.__version__ == "0.21.2", peft.__version__
assert transformers.__version__ == "5.24.0", transformers.__version__


def load(folder):
    model = transformers.AutoModelForCausalLM.from_pretrained(folder, attn_implementation="eager",
                                                              dtype=torch.float32)
    return model.eval()


def logits_of(model, ids):
    with torch.no_grad():
        out = model(input_ids=torch.tensor(ids)).logits.float()
    return {"logits": out.flatten().tolist(), "shape": list(out.shape)}


def run(job):
    if "logits" in job:
        model = load(job["logits"])
        if job.get("adapter"):
            model = peft.PeftModel.from_pretrained(model, job["adapter"]).eval()
        return logits_of(model, job["ids"])
    torch.manual_seed(job["seed"])
    model = peft.get_peft_model(load(job["base"]), peft.LoraConfig(**job["lora"]))
    with torch.no_grad():
        for name, tensor in model.named_parameters():
            if "lora_B" in name:
                tensor.uniform_(-0.3, 0.3)
    model.eval()
    model.save_pretrained(job["write_adapter"])
    adapted = logits_of(model, job["ids"])
    merged = logits_of(model.merge_and_unload(), job["ids"])
    return {"adapted": adapted, "merged": merged}


def main():
    torch.set_num_threads(1)
    jobs = json.load(open(sys.argv[1]))
    json.dump([run(job) for job in jobs], open(sys.argv[2], "w"))


if __name__ == "__main__":
    main()
