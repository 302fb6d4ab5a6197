#!/usr/bin/env python3
"""Writes the tokenizer.json fixtures and the ids and texts the real `tokenizers` library
gives for them, so that Finch's tokenizer.json reader is tested against the library
itself. Each family's pipeline is built the way that family's published tokenizer.json is
(component by component), with a small vocabulary trained here on the corpus below.

Run from the repository root with the pinned library (scripts/reference-env creates it):
    .venv-reference/bin/python tests/data/tokenizers/generate.py [--keep]
"""
import json
import sys
import pathlib

import tokenizers
from tokenizers import Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors, trainers

HERE = pathlib.Path(__file__).parent
assert tokenizers.__version__ == "0.23.3", tokenizers.__version__

TRAINING = [
    "The film was a delight from start to finish, and I'd watch it again.",
    "I can't recommend this blender: it's loud, it leaks, and it broke in a week.",
    "Shipping took 3 days; the box arrived on 2026-11-25 at 10:42.",
    "def tokenize(text):\n    return [piece for piece in text.split() if piece]\n",
    '{"text": "great value", "label": "positive", "score": 0.93}',
    "They're sure we'll manage, but you've seen how it goes. HE'S RIGHT, isn't he?",
    "Prices rose by 12.5% in 2025, then fell 3,400 points.",
    "    indented line\twith a tab\r\nand a windows line end",
    "Café au lait, naïve façade, jalapeño, Zürich, Ærø.",
]

PROBES = [
    "",
    "The delivery was quick and the product works exactly as described.",
    "Worst purchase ever. Don't buy it!!!",
    "1234567 and 3.14 and 1,000,000 and 2026-12-02",
    "I'm sure it's fine; YOU'LL see. We'Re ready, they've gone, she'd know, I'D, it'S.",
    "many    spaces   here",
    "   leading and trailing spaces   ",
    "line one\nline two\n\nline four\ttabbed\r\nwindows\r\n",
    "Emoji: 🙂👍🏽 and a family 👨‍👩‍👧",
    "Accents: café, naïve, Ångström; decomposed: cafe\u0301, A\u030angstro\u0308m",
    "中文分词测试，日本語のテキスト、한국어 문장, العربية نص",
    "def f(x):\n    return {\"a\": [1, 2, 3], 'b': x ** 2}  # comment\n",
    '{"text": "ok", "label": null, "nested": {"k": [true, false]}}',
    "<|im_start|>user\nHello!<|im_end|>\n<|im_start|>assistant\n",
    "Ends with special<|endoftext|>",
    "<s> and </s> and <unk> as text",
    " ",
    "\n",
    "x",
]

GPT2_PATTERN = r"""'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+"""
LLAMA3_PATTERN = (r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*"
                  r"|\s*[\r\n]+|\s+(?!\S)|\s+")
QWEN_PATTERN = (r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*"
                r"|\s*[\r\n]+|\s+(?!\S)|\s+")
CHAT_SPECIALS = ["<|endoftext|>", "<|im_start|>", "<|im_end|>"]


def train_byte_level(tokenizer, specials, size=600):
    trainer = trainers.BpeTrainer(vocab_size=size, special_tokens=specials, show_progress=False,
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet())
    tokenizer.train_from_iterator(TRAINING * 3, trainer)
    return tokenizer


def gpt2():
    tokenizer = Tokenizer(models.BPE())
    tokenizer.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=True)
    tokenizer.decoder = decoders.ByteLevel()
    tokenizer.post_processor = processors.ByteLevel(trim_offsets=True)
    return train_byte_level(tokenizer, CHAT_SPECIALS)


def llama3():
    tokenizer = Tokenizer(models.BPE(ignore_merges=True))
    tokenizer.pre_tokenizer = pre_tokenizers.Sequence([
        pre_tokenizers.Split(Regex(LLAMA3_PATTERN), behavior="isolated", invert=False),
        pre_tokenizers.ByteLevel(add_prefix_space=False, trim_offsets=True, use_regex=False),
    ])
    tokenizer.decoder = decoders.ByteLevel()
    train_byte_level(tokenizer, ["<|begin_of_text|>", "<|end_of_text|>", "<|eot_id|>"])
    tokenizer.post_processor = processors.Sequence([
        processors.ByteLevel(trim_offsets=False),
        processors.TemplateProcessing(single="<|begin_of_text|> $A", pair="<|begin_of_text|> $A <|begin_of_text|> $B",
                                      special_tokens=[("<|begin_of_text|>", tokenizer.token_to_id("<|begin_of_text|>"))]),
    ])
    return tokenizer


def qwen():
    tokenizer = Tokenizer(models.BPE())
    tokenizer.normalizer = normalizers.NFC()
    tokenizer.pre_tokenizer = pre_tokenizers.Sequence([
        pre_tokenizers.Split(Regex(QWEN_PATTERN), behavior="isolated", invert=False),
        pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False),
    ])
    tokenizer.decoder = decoders.ByteLevel()
    tokenizer.post_processor = processors.ByteLevel(trim_offsets=False)
    return train_byte_level(tokenizer, CHAT_SPECIALS)


def sentencepiece_style(legacy):
    """Llama 2 / Mistral / Gemma: '▁' for spaces, byte fallback for what the vocabulary lacks."""
    base = Tokenizer(models.BPE(unk_token="<unk>"))
    base.normalizer = normalizers.Sequence([normalizers.Prepend("▁"), normalizers.Replace(" ", "▁")])
    trainer = trainers.BpeTrainer(vocab_size=500, special_tokens=["<unk>", "<s>", "</s>"], limit_alphabet=60,
                                  show_progress=False)
    base.train_from_iterator(TRAINING * 3, trainer)
    trained = json.loads(base.to_str())["model"]
    # The byte tokens <0x00>..<0xFF> belong to the model's vocabulary (not the added
    # tokens), right after the special ones, as in SentencePiece-converted files.
    vocab = {"<unk>": 0, "<s>": 1, "</s>": 2}
    for byte in range(256):
        vocab[f"<0x{byte:02X}>"] = len(vocab)
    for piece, _ in sorted(trained["vocab"].items(), key=lambda item: item[1]):
        if piece not in vocab:
            vocab[piece] = len(vocab)
    merges = [tuple(merge) if isinstance(merge, list) else tuple(merge.split(" ")) for merge in trained["merges"]]
    tokenizer = Tokenizer(models.BPE(vocab=vocab, merges=merges, unk_token="<unk>", byte_fallback=True, fuse_unk=True))
    tokenizer.add_special_tokens(["<unk>", "<s>", "</s>"])
    if legacy:
        tokenizer.normalizer = normalizers.Sequence([normalizers.Prepend("▁"), normalizers.Replace(" ", "▁")])
        tokenizer.decoder = decoders.Sequence([decoders.Replace("▁", " "), decoders.ByteFallback(), decoders.Fuse(),
                                               decoders.Strip(content=" ", left=1, right=0)])
    else:
        tokenizer.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="first", split=False)
        tokenizer.decoder = decoders.Sequence([decoders.Replace("▁", " "), decoders.ByteFallback(), decoders.Fuse(),
                                               decoders.Strip(content=" ", left=1, right=0)])
    tokenizer.post_processor = processors.TemplateProcessing(
        single="<s> $A", pair="<s> $A <s> $B", special_tokens=[("<s>", vocab["<s>"])])
    return tokenizer


def legacy_format(tokenizer):
    """The same GPT-2 pipeline as files written by tokenizers before 0.20 have it: merges as
    "a b" strings, and a model object without a "type" key."""
    data = json.loads(tokenizer.to_str())
    data["model"]["merges"] = [" ".join(pair) for pair in data["model"]["merges"]]
    del data["model"]["type"]
    return Tokenizer.from_str(json.dumps(data))


FAMILIES = {
    "gpt2-bytelevel": gpt2,
    "gpt2-legacy-format": lambda: legacy_format(gpt2()),
    "llama3-split": llama3,
    "qwen-nfc-digits": qwen,
    "metaspace-bytefallback": lambda: sentencepiece_style(legacy=False),
    "prepend-replace-bytefallback": lambda: sentencepiece_style(legacy=True),
}


def main():
    # Training the SentencePiece-style vocabularies is not bit-reproducible across runs, so
    # --keep reuses the committed tokenizer.json files and only recomputes the expectations.
    keep = "--keep" in sys.argv[1:]
    expected = {"tokenizers": tokenizers.__version__, "probes": PROBES, "families": {}, "beyond_vocabulary": {}}
    for name, build in FAMILIES.items():
        folder = HERE / name
        folder.mkdir(exist_ok=True)
        if keep and (folder / "tokenizer.json").exists():
            pass
        elif name == "gpt2-legacy-format":  # save() would write the current format
            data = json.loads(build().to_str())
            data["model"]["merges"] = [" ".join(pair) for pair in data["model"]["merges"]]
            del data["model"]["type"]
            (folder / "tokenizer.json").write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        else:
            build().save(str(folder / "tokenizer.json"), pretty=True)
        # Read back from the file, as Finch reads it.
        tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        cases = []
        for text in PROBES:
            plain = tokenizer.encode(text, add_special_tokens=False).ids
            special = tokenizer.encode(text, add_special_tokens=True).ids
            cases.append({
                "ids": plain,
                "ids_with_special_tokens": special,
                "decoded": tokenizer.decode(special, skip_special_tokens=False),
                "decoded_skipping_special_tokens": tokenizer.decode(special, skip_special_tokens=True),
            })
        expected["families"][name] = cases
        # Models often have more embedding rows than the tokenizer has tokens (Qwen2.5:
        # 151936 for 151665); ids past the tokenizer decode to nothing.
        beyond = tokenizer.get_vocab_size() + 7
        expected["beyond_vocabulary"][name] = {"ids": [beyond, *cases[1]["ids"], beyond],
                                               "decoded": tokenizer.decode([beyond, *cases[1]["ids"], beyond])}
    (HERE / "expected.json").write_text(json.dumps(expected, ensure_ascii=False, indent=1) + "\n")


if __name__ == "__main__":
    main()
