"""The Python peer of bench/train_throughput.py: the same Llama-architecture model, trained
with PyTorch from Python as a transformers-style loop would, on the same batch shape, with
the same optimizer, schedule, clipping and thread count. Prints tokens/s as JSON.

Usage: python3 train_throughput_peer.py CONFIG_JSON BATCH SEQ_LEN STEPS WARMUP THREADS
CONFIG_JSON is the config.json of the model Finch trained, so the shapes match exactly.
"""
import json
import math
import sys
import time

import torch
import torch.nn.functional as F
from torch import nn


class RMSNorm(nn.Module):
    def __init__(self, size, eps):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(size))
        self.eps = eps

    def forward(self, x):
        dtype = x.dtype
        x = x.float()
        x = x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + self.eps)
        return self.weight * x.to(dtype)


def rotate_half(x):
    half = x.shape[-1] // 2
    return torch.cat((-x[..., half:], x[..., :half]), dim=-1)


def repeat_kv(x, times):
    if times == 1:
        return x
    batch, heads, steps, dim = x.shape
    return x[:, :, None].expand(batch, heads, times, steps, dim).reshape(batch, heads * times, steps, dim)


class Attention(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.heads, self.kv_heads = c["num_attention_heads"], c["num_key_value_heads"]
        self.head_dim = c.get("head_dim") or c["hidden_size"] // self.heads
        hidden = c["hidden_size"]
        self.q_proj = nn.Linear(hidden, self.heads * self.head_dim, bias=False)
        self.k_proj = nn.Linear(hidden, self.kv_heads * self.head_dim, bias=False)
        self.v_proj = nn.Linear(hidden, self.kv_heads * self.head_dim, bias=False)
        self.o_proj = nn.Linear(self.heads * self.head_dim, hidden, bias=False)

    def forward(self, x, cos, sin, causal):
        batch, steps, _ = x.shape
        q = self.q_proj(x).view(batch, steps, self.heads, self.head_dim).transpose(1, 2)
        k = self.k_proj(x).view(batch, steps, self.kv_heads, self.head_dim).transpose(1, 2)
        v = self.v_proj(x).view(batch, steps, self.kv_heads, self.head_dim).transpose(1, 2)
        q = q * cos + rotate_half(q) * sin
        k = k * cos + rotate_half(k) * sin
        k = repeat_kv(k, self.heads // self.kv_heads)
        v = repeat_kv(v, self.heads // self.kv_heads)
        scores = torch.matmul(q, k.transpose(2, 3)) / math.sqrt(self.head_dim)
        scores = scores.masked_fill(causal, float("-inf"))
        out = torch.matmul(torch.softmax(scores, -1, dtype=torch.float32).to(q.dtype), v)
        return self.o_proj(out.transpose(1, 2).reshape(batch, steps, -1))


class Mlp(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.gate_proj = nn.Linear(c["hidden_size"], c["intermediate_size"], bias=False)
        self.up_proj = nn.Linear(c["hidden_size"], c["intermediate_size"], bias=False)
        self.down_proj = nn.Linear(c["intermediate_size"], c["hidden_size"], bias=False)

    def forward(self, x):
        return self.down_proj(F.silu(self.gate_proj(x)) * self.up_proj(x))


class Layer(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.self_attn = Attention(c)
        self.mlp = Mlp(c)
        self.input_layernorm = RMSNorm(c["hidden_size"], c["rms_norm_eps"])
        self.post_attention_layernorm = RMSNorm(c["hidden_size"], c["rms_norm_eps"])

    def forward(self, x, cos, sin, causal):
        h = x + self.self_attn(self.input_layernorm(x), cos, sin, causal)
        return h + self.mlp(self.post_attention_layernorm(h))


class CausalLm(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.embed_tokens = nn.Embedding(c["vocab_size"], c["hidden_size"])
        self.layers = nn.ModuleList(Layer(c) for _ in range(c["num_hidden_layers"]))
        self.norm = RMSNorm(c["hidden_size"], c["rms_norm_eps"])
        head_dim = c.get("head_dim") or c["hidden_size"] // c["num_attention_heads"]
        self.register_buffer("inv_freq", 1.0 / (c.get("rope_theta", 10000.0) **
                                                (torch.arange(0, head_dim, 2).float() / head_dim)), persistent=False)

    def forward(self, ids):
        steps = ids.shape[1]
        positions = torch.arange(steps).float()
        freqs = torch.outer(positions, self.inv_freq)
        angles = torch.cat((freqs, freqs), -1)[None, None]
        cos, sin = angles.cos(), angles.sin()
        causal = torch.ones(steps, steps, dtype=torch.bool).triu(1)
        x = self.embed_tokens(ids)
        for layer in self.layers:
            x = layer(x, cos, sin, causal)
        return F.linear(self.norm(x), self.embed_tokens.weight)  # tied embeddings


def main():
    config_path, batch, seq_len, steps, warmup, threads = sys.argv[1:7]
    batch, seq_len, steps, warmup, threads = int(batch), int(seq_len), int(steps), int(warmup), int(threads)
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    c = json.load(open(config_path))
    model = CausalLm(c)
    model.train()
    decay = [p for n, p in model.named_parameters() if "norm" not in n and not n.endswith(".bias")]
    no_decay = [p for n, p in model.named_parameters() if "norm" in n or n.endswith(".bias")]
    optimizer = torch.optim.AdamW([{"params": decay, "weight_decay": 0.01}, {"params": no_decay, "weight_decay": 0.0}],
                                  lr=3e-3, betas=(0.9, 0.999), eps=1e-8)
    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda s: min((s + 1) / 2, max(0.0, (steps - s) / steps)))
    data = torch.randint(4, c["vocab_size"], (steps, batch, seq_len))
    started = None
    for step in range(steps):
        if step == warmup:
            started = time.perf_counter()
        ids = data[step]
        logits = model(ids)
        loss = F.cross_entropy(logits[:, :-1].reshape(-1, logits.shape[-1]).float(), ids[:, 1:].reshape(-1))
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        scheduler.step()
        optimizer.zero_grad(set_to_none=True)
        loss.item()  # the logged loss, as Finch reads it every step
    elapsed = time.perf_counter() - started
    print(json.dumps({"tokens_per_second": batch * seq_len * (steps - warmup) / elapsed, "seconds": elapsed,
                      "torch": torch.__version__, "threads": torch.get_num_threads()}))


if __name__ == "__main__":
    main()
