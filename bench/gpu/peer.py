#!/usr/bin/env python3
"""The Hugging Face side of bench/gpu/run.sh, on the machine's own torch, transformers and peft.

  peer.py parity DIR DEVICE        a small random Llama in DIR (save_pretrained), a batch of ids,
                                   and transformers' logits in fp32 and under bf16 autocast
  peer.py shape FILE full|dry      the training shape's config.json: Llama-3.2-1B, or a tiny one
  peer.py train CONFIG METHOD BATCH SEQ STEPS WARMUP DEVICE
                                   Trainer (+ PEFT for lora) at bf16 from random weights; one JSON line
  peer.py report WORK DEVICE PEAK_TFLOPS   gathers everything into gpu.json (stdout)
"""
import json
import os
import resource
import sys
import time

os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")

import torch
import transformers

# Llama-3.2-1B's shapes (its config.json), without its rope_scaling (no effect at 1024 tokens).
LLAMA_1B = dict(vocab_size=128256, hidden_size=2048, intermediate_size=8192, num_hidden_layers=16,
                num_attention_heads=32, num_key_value_heads=8, max_position_embeddings=4096, rms_norm_eps=1e-5,
                rope_theta=500000.0, tie_word_embeddings=True)
TINY = dict(vocab_size=512, hidden_size=64, intermediate_size=160, num_hidden_layers=2, num_attention_heads=4,
            num_key_value_heads=2, max_position_embeddings=256, rms_norm_eps=1e-5, rope_theta=10000.0,
            tie_word_embeddings=True)
LORA = dict(r=16, lora_alpha=32, lora_dropout=0.0,
            target_modules=["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"])


def parity(folder, device):
    torch.manual_seed(0)
    config = transformers.LlamaConfig(vocab_size=1024, hidden_size=256, intermediate_size=688, num_hidden_layers=4,
                                      num_attention_heads=8, num_key_value_heads=4, max_position_embeddings=512,
                                      rope_theta=10000.0, tie_word_embeddings=False, initializer_range=0.05)
    model = transformers.LlamaForCausalLM(config)
    model.save_pretrained(folder)
    ids = torch.randint(0, config.vocab_size, (2, 64))
    json.dump(ids.tolist(), open(f"{folder}/ids.json", "w"))
    model = transformers.AutoModelForCausalLM.from_pretrained(folder, attn_implementation="sdpa",
                                                              dtype=torch.float32).to(device).eval()
    for precision in ("fp32", "bf16"):
        with torch.no_grad(), torch.autocast(torch.device(device).type, dtype=torch.bfloat16,
                                             enabled=precision == "bf16"):
            logits = model(input_ids=ids.to(device)).logits.float().cpu()
        json.dump({"shape": list(logits.shape), "logits": logits.flatten().tolist()},
                  open(f"{folder}/hf_{precision}.json", "w"))


def shape(path, which):
    folder = os.path.dirname(path)
    transformers.LlamaConfig(**(LLAMA_1B if which == "full" else TINY)).save_pretrained(folder)


class Timer(transformers.TrainerCallback):
    def __init__(self, warmup, device):
        self.warmup, self.device, self.start, self.end = warmup, device, None, None

    def sync(self):
        if torch.device(self.device).type == "cuda":
            torch.cuda.synchronize()

    def on_step_end(self, args, state, control, **kwargs):
        if state.global_step == self.warmup:
            self.sync()
            self.start = time.perf_counter()

    def on_train_end(self, args, state, control, **kwargs):
        self.sync()
        self.end = time.perf_counter()


def train(config_path, method, batch, seq, steps, warmup, device):
    torch.manual_seed(0)
    config = transformers.AutoConfig.from_pretrained(os.path.dirname(config_path))
    model = transformers.AutoModelForCausalLM.from_config(config, dtype=torch.float32)
    if method == "lora":
        import peft
        model = peft.get_peft_model(model, peft.LoraConfig(task_type="CAUSAL_LM", **LORA))
    ids = torch.randint(0, config.vocab_size, (batch * steps, seq))
    dataset = [{"input_ids": row, "labels": row} for row in ids]
    cuda = torch.device(device).type == "cuda"
    args = transformers.TrainingArguments(
        output_dir=os.path.join(os.path.dirname(config_path), f"hf-{method}"), per_device_train_batch_size=batch,
        max_steps=steps, learning_rate=1e-4, bf16=True, logging_steps=10, save_strategy="no", report_to=[],
        use_cpu=not cuda, dataloader_num_workers=0, disable_tqdm=True, seed=0)
    timer = Timer(warmup, device)
    trainer = transformers.Trainer(model=model, args=args, train_dataset=dataset, callbacks=[timer])
    if cuda:
        torch.cuda.reset_peak_memory_stats()
    trainer.train()
    # The caching allocator's peak on CUDA; on the CPU the process's peak resident set, as
    # Finch reports it there (train::peakMemoryBytes).
    peak = torch.cuda.max_memory_allocated() if cuda else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
    print(json.dumps({"tokens_per_second": batch * seq * (steps - warmup) / (timer.end - timer.start),
                      "peak_memory_bytes": peak, "trainable_parameters": trainable,
                      "torch": torch.__version__, "transformers": transformers.__version__,
                      "optim": args.optim if isinstance(args.optim, str) else args.optim.value}))


def largest_difference(a, b):
    if a["shape"] != b["shape"]:
        return float("inf")
    return max(abs(x - y) for x, y in zip(a["logits"], b["logits"]))


def report(work, device, peak_tflops):
    folder = f"{work}/parity"
    result = {"device": device, "torch": torch.__version__, "transformers": transformers.__version__,
              "parity": {}, "finch": {}, "peer": {}, "goals": {}}
    if torch.device(device).type == "cuda":
        result["gpu"] = torch.cuda.get_device_name()
    for precision, tolerance in (("fp32", 1e-4), ("bf16", 2e-2)):
        finch = json.load(open(f"{folder}/finch_{precision}.json"))
        hf = json.load(open(f"{folder}/hf_{precision}.json"))
        difference = largest_difference(finch, hf)
        result["parity"][precision] = {"max_abs_logit_difference": difference, "tolerance": tolerance,
                                       "pass": difference <= tolerance}
    config = json.load(open(f"{work}/shape/config.json"))
    hidden, layers, vocab = config["hidden_size"], config["num_hidden_layers"], config["vocab_size"]
    kv = hidden // config["num_attention_heads"] * config["num_key_value_heads"]
    # Matrix-product parameters per token: attention, MLP and the output head.
    matmul = layers * (2 * hidden * hidden + 2 * hidden * kv + 3 * hidden * config["intermediate_size"]) + hidden * vocab
    for side in ("finch", "peer"):
        for method in ("full", "lora"):
            measured = json.load(open(f"{work}/{side}_{method}.json"))
            seq = measured["seq"]
            attention = 12 * layers * hidden * seq  # QK^T and AV, forward and backward (PaLM's count)
            # Full training: 2 forward + 4 backward FLOPs a weight; frozen weights (LoRA) skip
            # their weight gradients: 2 + 2.
            per_token = (6 if method == "full" else 4) * matmul + attention
            measured["flops_per_token"] = per_token
            measured["mfu"] = (measured["tokens_per_second"] * per_token / (peak_tflops * 1e12)
                               if peak_tflops > 0 else None)
            result[side][method] = measured
    for method in ("full", "lora"):
        finch, peer = result["finch"][method], result["peer"][method]
        result["goals"][method] = {
            "speedup": finch["tokens_per_second"] / peer["tokens_per_second"],
            "speedup_goal": 1.5,
            "memory_ratio": (finch["peak_memory_bytes"] / peer["peak_memory_bytes"]
                             if peer["peak_memory_bytes"] else None)}
    result["goals"]["full"]["mfu_goal"] = 0.45
    print(json.dumps(result, indent=1))
    return 0 if all(p["pass"] for p in result["parity"].values()) else 1


def main():
    command, args = sys.argv[1], sys.argv[2:]
    if command == "parity":
        parity(*args)
    elif command == "shape":
        shape(*args)
    elif command == "train":
        train(args[0], args[1], *map(int, args[2:6]), args[6])
    elif command == "report":
        sys.exit(report(args[0], args[1], float(args[2])))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
