#!/usr/bin/env python3
"""Writes tokenizer.json files of the real size and layout of GPT-2, Llama 3, Qwen3 and
Gemma 3 with the pinned `tokenizers` library, for the benchmarks (no real tokenizer can be
downloaded here). They are large (3 to 27 MB), so they go to a build folder, never into git.

The vocabularies are trained here, once, on Python's standard library (English comments
and code) and on generated words in twelve other scripts and emoji (multilingual_lines).
The layouts follow the published files:
- gpt2: 50,257 pieces, 50,000 merges as "a b" strings, ByteLevel with its regex,
  <|endoftext|>;
- llama3: 128,000 pieces and 256 added tokens, merges as "a b" strings made from the
  vocabulary as transformers converts tiktoken files (every split of a token into two
  tokens: 2 to 3 times the pieces), ignore_merges, the Llama 3 Split regex, ByteLevel,
  the <|begin_of_text|> template;
- qwen3: 151,643 pieces and 26 added tokens (151,669), merges as pairs, NFC, the Qwen
  Split regex, ByteLevel;
- gemma3: 262,144 pieces, SentencePiece-style BPE (U+2581 for spaces, byte fallback,
  fuse_unk) with merges made from the vocabulary as transformers converts SentencePiece
  models, a Replace normalizer, no pre-tokenizer, and some 6,300 added tokens (control
  tokens, <unusedN>, runs of newlines and tabs).
The pieces are trained, so their ids follow what is frequent; the byte-level families
share one training (the smaller vocabularies are its first merges, as a BPE trained to that
size would be).

Usage: .venv-reference/bin/python bench/real_size_tokenizers.py [--out build/bench-tokenizers]
"""
import argparse
import itertools
import json
import random
from pathlib import Path

import tokenizers
from tokenizers import Regex, Tokenizer, models, pre_tokenizers, trainers

ROOT = Path(__file__).resolve().parent.parent
# Bump when what is written changes: folders with another stamp are rebuilt.
STAMP = f"real-size-2 tokenizers {tokenizers.__version__}"

GPT2_PATTERN = r"""'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+"""
LLAMA3_PATTERN = (r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*"
                  r"|\s*[\r\n]+|\s+(?!\S)|\s+")
QWEN_PATTERN = (r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*"
                r"|\s*[\r\n]+|\s+(?!\S)|\s+")
QWEN3_ADDED = ["<|endoftext|>", "<|im_start|>", "<|im_end|>", "<|object_ref_start|>", "<|object_ref_end|>",
               "<|box_start|>", "<|box_end|>", "<|quad_start|>", "<|quad_end|>", "<|vision_start|>", "<|vision_end|>",
               "<|vision_pad|>", "<|image_pad|>", "<|video_pad|>", "<tool_call>", "</tool_call>", "<|fim_prefix|>",
               "<|fim_middle|>", "<|fim_suffix|>", "<|fim_pad|>", "<|repo_name|>", "<|file_sep|>", "<tool_response>",
               "</tool_response>", "<think>", "</think>"]
QWEN3_NOT_SPECIAL = {"<tool_call>", "</tool_call>", "<tool_response>", "</tool_response>", "<think>", "</think>"}
SPIECE_SPACE = "\u2581"


# ---- the training text ------------------------------------------------------------------

def python_lines(megabytes):
    """Lines of Python's standard library: code, comments and docstrings in English."""
    lines, size = [], 0
    for source in sorted(Path("/usr/lib/python3.11").rglob("*.py")):
        try:
            text = source.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        for line in text.splitlines():
            if line.strip():
                lines.append(line)
                size += len(line) + 1
        if size > megabytes * 1e6:
            break
    return lines


def _syllable_script(consonants, vowels, codas=""):
    def syllable(rng):
        text = rng.choice(consonants) + rng.choice(vowels)
        return text + rng.choice(codas) if codas and rng.random() < 0.3 else text
    return syllable


def _hangul(rng):
    return chr(0xAC00 + (rng.randrange(19) * 21 + rng.randrange(21)) * 28 + rng.choice([0, 0, 4, 8, 16, 21]))


def _range_chars(first, last):
    return [chr(code) for code in range(first, last + 1)]


SCRIPTS = {
    # name: (syllable maker, syllables per word, separator between words)
    "cyrillic": (_syllable_script("бвгджзклмнпрстфхцчшщ", "аеиоуыэюя", "йнрст"), (1, 4), " "),
    "greek": (_syllable_script("βγδζθκλμνξπρστφχψ", "αεηιουωάέήίόύώ", "ςν"), (1, 4), " "),
    "arabic": (_syllable_script("بتثجحخدذرزسشصضطظعغفقكلمنهوي", "اويَ", "ةن"), (1, 3), " "),
    "hebrew": (_syllable_script("בגדהוזחטיכלמנסעפצקרשת", "אוי", "םןך"), (1, 3), " "),
    "devanagari": (_syllable_script("कखगघचछजझटठडढतथदधनपफबभमयरलवशसह", ["", "ा", "ि", "ी", "ु", "े", "ो"], "ंः"), (1, 3), " "),
    "thai": (_syllable_script("กขคงจฉชซญดตถทธนบปผพฟภมยรลวศษสหอฮ", ["า", "ิ", "ี", "ุ", "ู", "ะ", "ั"], "่้"), (1, 3), ""),
    "hangul": (_hangul, (1, 4), " "),
    "han": (None, (1, 3), ""),
    "japanese": (_syllable_script(_range_chars(0x3041, 0x3093), [""]), (2, 5), ""),
    "latin-diacritics": (_syllable_script("bcdfghjklmnprstvzçšžñ", "aeiouàáâäãåèéêëìíîïòóôöõùúûüýÿœæ", "nrst"), (1, 4), " "),
    "vietnamese": (_syllable_script(["b", "c", "d", "đ", "g", "h", "kh", "l", "m", "n", "ng", "nh", "ph", "qu", "s",
                                     "t", "th", "tr", "v", "x"], "aăâeêioôơuưyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọ",
                                    "cmnpt"), (1, 1), " "),
    "armenian": (_syllable_script("բգդզթժլխծկհձղճմյնշչպջռսվտրցփքֆ", "աեէըիոու"), (1, 4), " "),
}
EMOJI = (_range_chars(0x1F600, 0x1F64F) + _range_chars(0x1F300, 0x1F5FF) + _range_chars(0x1F680, 0x1F6C5)
         + _range_chars(0x1F900, 0x1F9FF))
SKIN_TONES = _range_chars(0x1F3FB, 0x1F3FF)


def _emoji(rng):
    choice = rng.random()
    if choice < 0.6:
        return rng.choice(EMOJI[:200])
    if choice < 0.8:
        return rng.choice(["👍", "👋", "🙌", "👏", "🤝"]) + rng.choice(SKIN_TONES)
    if choice < 0.9:
        return "\u200d".join(rng.choice(["👨", "👩", "👧", "👦"]) for _ in range(rng.randint(2, 4)))
    return chr(0x1F1E6 + rng.randrange(26)) + chr(0x1F1E6 + rng.randrange(26))  # a flag


def multilingual_lines(count, seed, lexicon_seed=7, words_per_script=20000):
    """`count` lines of generated words in the scripts above (a Zipf-distributed lexicon per
    script, the same for every seed) with digits, punctuation and emoji among them."""
    lexicon_rng = random.Random(lexicon_seed)
    han = _range_chars(0x4E00, 0x4E00 + 3500)
    lexicons = {}
    for name, (syllable, (low, high), _) in SCRIPTS.items():
        if name == "han":
            words = {"".join(lexicon_rng.choice(han[:int(len(han) * lexicon_rng.random() ** 2) + 1])
                             for _ in range(lexicon_rng.randint(low, high))) for _ in range(words_per_script)}
        else:
            words = {"".join(syllable(lexicon_rng) for _ in range(lexicon_rng.randint(low, high)))
                     for _ in range(words_per_script)}
        lexicons[name] = sorted(words)
        lexicon_rng.shuffle(lexicons[name])
    cumulative = list(itertools.accumulate(1 / (rank + 10) for rank in range(words_per_script)))
    rng = random.Random(seed)
    lines = []
    for _ in range(count):
        name = rng.choice(list(SCRIPTS))
        words = rng.choices(lexicons[name], cum_weights=cumulative[:len(lexicons[name])], k=rng.randint(4, 30))
        separator = SCRIPTS[name][2]
        parts = []
        for word in words:
            parts.append(word)
            roll = rng.random()
            if roll < 0.04:
                parts.append(_emoji(rng))
            elif roll < 0.07:
                parts.append(str(rng.randint(0, 100000)))
            elif roll < 0.12:
                parts.append(rng.choice(["，", "。", "、", "!", "?", ",", ".", ":", "«", "»", "(", ")", "—"]))
        lines.append(separator.join(parts))
    return lines


def training_lines():
    lines = python_lines(megabytes=24) + multilingual_lines(120000, seed=1)
    random.Random(3).shuffle(lines)
    return lines


# ---- vocabularies -----------------------------------------------------------------------

def byte_alphabet():
    """GPT-2's printable stand-ins for the 256 bytes, in byte order (ids 0..255)."""
    mapped, spare = [], 0
    for byte in range(256):
        printable = (33 <= byte <= 126) or (161 <= byte <= 172) or byte >= 174
        mapped.append(chr(byte) if printable else chr(256 + spare))
        spare += 0 if printable else 1
    return mapped


def train_byte_level(lines, pieces):
    """The merges, in rank order, of a byte-level BPE with `pieces` tokens (256 bytes first)."""
    tokenizer = Tokenizer(models.BPE())
    tokenizer.pre_tokenizer = pre_tokenizers.Sequence([
        pre_tokenizers.Split(Regex(QWEN_PATTERN), behavior="isolated", invert=False),
        pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False),
    ])
    trainer = trainers.BpeTrainer(vocab_size=pieces, show_progress=False, initial_alphabet=byte_alphabet(),
                                  min_frequency=2)
    tokenizer.train_from_iterator(lines, trainer)
    merges = json.loads(tokenizer.to_str())["model"]["merges"]
    return [tuple(merge) for merge in merges]


def ranked_vocabulary(merges, pieces):
    """The bytes, then each merge's token in rank order, up to `pieces`; and the merges used."""
    vocab = {token: rank for rank, token in enumerate(byte_alphabet())}
    used = []
    for left, right in merges:
        if len(vocab) == pieces:
            break
        used.append((left, right))
        vocab.setdefault(left + right, len(vocab))
    if len(vocab) < pieces:
        raise SystemExit(f"the training text gave {len(vocab)} tokens, fewer than {pieces}: give it more text")
    return vocab, used


def merges_from_vocabulary(vocab):
    """Every split of a token into two tokens, ranked by the token, then by its parts: how
    transformers converts tiktoken and SentencePiece vocabularies (their merges are not
    stored, only the tokens' ranks or scores)."""
    merges = []
    for token, rank in vocab.items():
        splits = [(vocab[token[:cut]], vocab[token[cut:]], token[:cut], token[cut:]) for cut in range(1, len(token))
                  if token[:cut] in vocab and token[cut:] in vocab]
        merges += [(rank, left_rank, right_rank, left, right) for left_rank, right_rank, left, right in splits]
    merges.sort()
    return [(left, right) for _, _, _, left, right in merges]


def added(content, token_id, special=True, normalized=False):
    return {"id": token_id, "content": content, "single_word": False, "lstrip": False, "rstrip": False,
            "normalized": normalized, "special": special}


def bpe_model(vocab, merges, as_strings, **options):
    model = {"type": "BPE", "dropout": None, "unk_token": None, "continuing_subword_prefix": "",
             "end_of_word_suffix": "", "fuse_unk": False, "byte_fallback": False, "ignore_merges": False}
    model.update(options)
    model["vocab"] = vocab
    model["merges"] = [f"{left} {right}" if as_strings else [left, right] for left, right in merges]
    return model


def byte_level(**options):
    return {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": True, **options}


def split(pattern):
    return {"type": "Split", "pattern": {"Regex": pattern}, "behavior": "Isolated", "invert": False}


def document(model, added_tokens, normalizer, pre_tokenizer, post_processor, decoder):
    return {"version": "1.0", "truncation": None, "padding": None, "added_tokens": added_tokens,
            "normalizer": normalizer, "pre_tokenizer": pre_tokenizer, "post_processor": post_processor,
            "decoder": decoder, "model": model}


def gpt2(merges):
    vocab, used = ranked_vocabulary(merges, 50256)
    vocab["<|endoftext|>"] = 50256
    return document(bpe_model(vocab, used, as_strings=True), [added("<|endoftext|>", 50256)], None,
                    byte_level(), byte_level(), byte_level())


def llama3(merges):
    vocab, _ = ranked_vocabulary(merges, 128000)
    names = ["<|begin_of_text|>", "<|end_of_text|>", "<|reserved_special_token_0|>", "<|reserved_special_token_1|>",
             "<|finetune_right_pad_id|>", "<|reserved_special_token_2|>", "<|start_header_id|>", "<|end_header_id|>",
             "<|eom_id|>", "<|eot_id|>", "<|python_tag|>"]
    names += [f"<|reserved_special_token_{n}|>" for n in range(3, 3 + 256 - len(names))]
    added_tokens = [added(name, 128000 + i) for i, name in enumerate(names)]
    post = {"type": "Sequence", "processors": [
        byte_level(add_prefix_space=True, trim_offsets=False),
        {"type": "TemplateProcessing",
         "single": [{"SpecialToken": {"id": "<|begin_of_text|>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}],
         "pair": [{"SpecialToken": {"id": "<|begin_of_text|>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                  {"SpecialToken": {"id": "<|begin_of_text|>", "type_id": 1}}, {"Sequence": {"id": "B", "type_id": 1}}],
         "special_tokens": {"<|begin_of_text|>": {"id": "<|begin_of_text|>", "ids": [128000],
                                                  "tokens": ["<|begin_of_text|>"]}}}]}
    pre = {"type": "Sequence", "pretokenizers": [split(LLAMA3_PATTERN),
                                                  byte_level(add_prefix_space=False, use_regex=False)]}
    return document(bpe_model(vocab, merges_from_vocabulary(vocab), as_strings=True, ignore_merges=True),
                    added_tokens, None, pre, post, byte_level(add_prefix_space=True, use_regex=True))


def qwen3(merges):
    vocab, used = ranked_vocabulary(merges, 151643)
    added_tokens = [added(name, 151643 + i, special=name not in QWEN3_NOT_SPECIAL) for i, name in enumerate(QWEN3_ADDED)]
    pre = {"type": "Sequence", "pretokenizers": [split(QWEN_PATTERN), byte_level(use_regex=False)]}
    return document(bpe_model(vocab, used, as_strings=False), added_tokens, {"type": "NFC"}, pre,
                    byte_level(trim_offsets=False, use_regex=False), byte_level(trim_offsets=False, use_regex=False))


GEMMA3_PIECES = 262144


def gemma3(lines):
    """SentencePiece-style: U+2581 for spaces, pieces trained on words that carry it in front."""
    controls = ["<pad>", "<eos>", "<bos>", "<unk>", "<mask>", "[@BOS@]"]
    unused = [f"<unused{n}>" for n in range(6242)]
    turns = ["<start_of_turn>", "<end_of_turn>"]
    runs = ["\n" * n for n in range(2, 32)] + ["\t" * n for n in range(2, 32)]
    images = ["<start_of_image>", "<end_of_image>", "<image_soft_token>"]
    specials = controls + unused[:99] + turns + runs + [f"<0x{byte:02X}>" for byte in range(256)]
    tail = images + unused[99:]
    trained_size = GEMMA3_PIECES - len(specials) - len(tail)

    trainer_model = Tokenizer(models.BPE())
    trainer_model.normalizer = tokenizers.normalizers.Replace(" ", SPIECE_SPACE)
    trainer_model.pre_tokenizer = pre_tokenizers.Metaspace(replacement=SPIECE_SPACE, prepend_scheme="never", split=True)
    trainer = trainers.BpeTrainer(vocab_size=trained_size, show_progress=False, limit_alphabet=4000, min_frequency=2)
    trainer_model.train_from_iterator(lines, trainer)
    trained = json.loads(trainer_model.to_str())["model"]["vocab"]
    if len(trained) < trained_size:
        raise SystemExit(f"gemma3: the training text gave {len(trained)} pieces, fewer than {trained_size}")

    vocab = {token: i for i, token in enumerate(specials)}
    for piece, _ in sorted(trained.items(), key=lambda item: item[1]):
        vocab.setdefault(piece, len(vocab))
    for token in tail:
        vocab[token] = len(vocab)
    assert len(vocab) == GEMMA3_PIECES, len(vocab)
    # SentencePiece ranks pieces by score, which follows the id in a trained BPE; the
    # control and byte tokens take no part in merges.
    pieces = {token: rank for token, rank in vocab.items() if rank >= len(specials) and token not in tail}
    merges = merges_from_vocabulary(pieces)
    control_ids = {token: vocab[token] for token in controls + unused + turns + images}
    added_tokens = sorted([added(token, token_id) for token, token_id in control_ids.items()] +
                          [added(run, vocab[run], special=False) for run in runs], key=lambda token: token["id"])
    template = {"type": "TemplateProcessing",
                "single": [{"SpecialToken": {"id": "<bos>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}],
                "pair": [{"SpecialToken": {"id": "<bos>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                         {"SpecialToken": {"id": "<bos>", "type_id": 1}}, {"Sequence": {"id": "B", "type_id": 1}}],
                "special_tokens": {"<bos>": {"id": "<bos>", "ids": [vocab["<bos>"]], "tokens": ["<bos>"]}}}
    decoder = {"type": "Sequence", "decoders": [
        {"type": "Replace", "pattern": {"String": SPIECE_SPACE}, "content": " "},
        {"type": "ByteFallback"}, {"type": "Fuse"}]}
    model = bpe_model(vocab, merges, as_strings=False, unk_token="<unk>", fuse_unk=True, byte_fallback=True)
    normalizer = {"type": "Replace", "pattern": {"String": " "}, "content": SPIECE_SPACE}
    return document(model, added_tokens, normalizer, None, template, decoder)


FAMILIES = ["gpt2", "llama3", "qwen3", "gemma3"]


def build(out):
    """Writes out/<family>/tokenizer.json for each family not already there; returns the paths."""
    out = Path(out)
    paths = {family: out / family / "tokenizer.json" for family in FAMILIES}
    stamp = out / "STAMP"
    if stamp.exists() and stamp.read_text() == STAMP and all(path.exists() for path in paths.values()):
        return paths
    lines = training_lines()
    merges = train_byte_level(lines, 151643)
    documents = {"gpt2": lambda: gpt2(merges), "llama3": lambda: llama3(merges), "qwen3": lambda: qwen3(merges),
                 "gemma3": lambda: gemma3(lines)}
    for family, make in documents.items():
        paths[family].parent.mkdir(parents=True, exist_ok=True)
        paths[family].write_text(json.dumps(make(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        # The library must read what was written, with the pieces and tokens counted above.
        Tokenizer.from_file(str(paths[family]))
    stamp.write_text(STAMP)
    return paths


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default=str(ROOT / "build/bench-tokenizers"))
    args = parser.parse_args()
    for family, path in build(args.out).items():
        tokenizer = Tokenizer.from_file(str(path))
        print(f"{family:8} {tokenizer.get_vocab_size():>8,} pieces  {path.stat().st_size / 1e6:5.1f} MB  {path}")


if __name__ == "__main__":
    main()
