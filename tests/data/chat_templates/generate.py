#!/usr/bin/env python3
"""Writes the chat-template golden file: real models' chat templates rendered by the real
transformers (apply_chat_template, jinja2 underneath) over varied conversations, so that
Finch's template engine is tested against the library itself.

The templates are the models' own, as llama.cpp keeps them (models/templates/); they come
from the pinned llama-cpp-python source distribution on PyPI, which vendors llama.cpp. The
script downloads it (pip download) unless --sdist names the file already fetched.

Run from the repository root with the pinned libraries (scripts/reference-env creates them):
    .venv-reference/bin/python tests/data/chat_templates/generate.py
"""
import argparse
import json
import pathlib
import subprocess
import sys
import tarfile
import tempfile

import jinja2
import transformers
from transformers import PreTrainedTokenizerFast

HERE = pathlib.Path(__file__).parent
ROOT = HERE.parents[2]
assert transformers.__version__ == "5.24.0", transformers.__version__
assert jinja2.__version__ == "3.1.6", jinja2.__version__

SDIST = "llama-cpp-python==0.3.16"

# File in llama.cpp's models/templates -> the special tokens its model's tokenizer_config.json names.
TEMPLATES = {
    "meta-llama-Llama-3.1-8B-Instruct": {"bos_token": "<|begin_of_text|>", "eos_token": "<|eot_id|>"},
    "meta-llama-Llama-3.2-3B-Instruct": {"bos_token": "<|begin_of_text|>", "eos_token": "<|eot_id|>"},
    "meta-llama-Llama-3.3-70B-Instruct": {"bos_token": "<|begin_of_text|>", "eos_token": "<|eot_id|>"},
    "Qwen-Qwen2.5-7B-Instruct": {"eos_token": "<|im_end|>", "pad_token": "<|endoftext|>"},
    "Qwen-Qwen3-0.6B": {"eos_token": "<|im_end|>", "pad_token": "<|endoftext|>"},
    "Qwen-QwQ-32B": {"eos_token": "<|im_end|>", "pad_token": "<|endoftext|>"},
    "mistralai-Mistral-Nemo-Instruct-2407": {"bos_token": "<s>", "eos_token": "</s>", "unk_token": "<unk>"},
    "Mistral-Small-3.2-24B-Instruct-2506": {"bos_token": "<s>", "eos_token": "</s>", "unk_token": "<unk>"},
    "google-gemma-2-2b-it": {"bos_token": "<bos>", "eos_token": "<eos>", "pad_token": "<pad>", "unk_token": "<unk>"},
    "microsoft-Phi-3.5-mini-instruct": {"bos_token": "<s>", "eos_token": "<|endoftext|>", "unk_token": "<unk>"},
    "deepseek-ai-DeepSeek-R1-Distill-Qwen-32B": {"bos_token": "<｜begin▁of▁sentence｜>", "eos_token": "<｜end▁of▁sentence｜>"},
    "ibm-granite-granite-3.3-2B-Instruct": {"bos_token": "<|end_of_text|>", "eos_token": "<|end_of_text|>"},
    "NousResearch-Hermes-3-Llama-3.1-8B-tool_use": {"bos_token": "<|begin_of_text|>", "eos_token": "<|im_end|>"},
    "CohereForAI-c4ai-command-r-plus-tool_use": {"bos_token": "<BOS_TOKEN>", "eos_token": "<|END_OF_TURN_TOKEN|>"},
    "openai-gpt-oss-120b": {"eos_token": "<|return|>", "pad_token": "<|endoftext|>"},
    "moonshotai-Kimi-K2": {"eos_token": "[EOS]"},
}

WEATHER_TOOL = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "description": "Current weather for a city.",
        "parameters": {
            "type": "object",
            "properties": {"city": {"type": "string", "description": "The city, e.g. \"Zürich\""},
                           "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]}},
            "required": ["city"],
        },
    },
}

CONVERSATIONS = {
    "system-and-turns": {
        "messages": [
            {"role": "system", "content": "You are Finch, a concise assistant.\nAnswer in one line."},
            {"role": "user", "content": "What's the capital of France? Say \"Paris\" if you're sure."},
            {"role": "assistant", "content": "Paris — I'm sure."},
            {"role": "user", "content": "And in 日本語? Also: café, naïve, 🙂"},
        ]
    },
    "no-system": {
        "messages": [
            {"role": "user", "content": "Rate this review: 'Great blender, loud but it works.'"},
            {"role": "assistant", "content": "positive"},
            {"role": "user", "content": "  Leading and trailing spaces  \n\nand blank lines\t"},
            {"role": "assistant", "content": "neutral\n"},
        ]
    },
    "single-user": {"messages": [{"role": "user", "content": "Hello!"}]},
    "tools": {
        "messages": [
            {"role": "user", "content": "What's the weather in Zürich?"},
            {"role": "assistant", "content": "",
             "tool_calls": [{"type": "function", "id": "Ab3dE5gH9",
                             "function": {"name": "get_weather", "arguments": {"city": "Zürich", "unit": "celsius"}}}]},
            {"role": "tool", "name": "get_weather", "tool_call_id": "Ab3dE5gH9", "content": "{\"temperature\": 21.5, \"sky\": \"clear\"}"},
            {"role": "assistant", "content": "It is 21.5 °C and clear in Zürich."},
        ],
        "tools": [WEATHER_TOOL],
    },
    "reasoning": {
        "messages": [
            {"role": "user", "content": "Is 1234567 odd?"},
            {"role": "assistant", "reasoning_content": "The last digit is 7, which is odd.", "content": "Yes, it is odd."},
            {"role": "user", "content": "And 3.14?"},
            {"role": "assistant", "content": "<think>\nNot an integer.\n</think>\n\nOddness applies to integers only."},
        ]
    },
    "thinking-off": {
        "messages": [{"role": "user", "content": "Quick: 2+2?"}],
        "enable_thinking": False,
    },
}


def fetch_templates(sdist: pathlib.Path | None) -> dict[str, str]:
    with tempfile.TemporaryDirectory() as temp:
        if sdist is None:
            subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--no-binary", ":all:",
                            "--dest", temp, SDIST], check=True)
            sdist = next(pathlib.Path(temp).glob("llama_cpp_python-*.tar.gz"))
        templates = {}
        with tarfile.open(sdist) as archive:
            for member in archive.getmembers():
                path = pathlib.PurePosixPath(member.name)
                if path.parent.name == "templates" and path.suffix == ".jinja" and path.stem in TEMPLATES:
                    templates[path.stem] = archive.extractfile(member).read().decode("utf-8")
    missing = set(TEMPLATES) - set(templates)
    assert not missing, f"not in {SDIST}: {sorted(missing)}"
    return templates


def render(template: str, special_tokens: dict, conversation: dict, add_generation_prompt: bool):
    tokenizer = PreTrainedTokenizerFast(tokenizer_file=str(ROOT / "tests/data/tokenizers/qwen-nfc-digits/tokenizer.json"),
                                        **special_tokens)
    extra = {key: value for key, value in conversation.items() if key != "messages"}
    extra.setdefault("date_string", "02 Dec 2026")  # Llama 3.x would print today's date otherwise
    try:
        text = tokenizer.apply_chat_template(conversation["messages"], chat_template=template, tokenize=False,
                                             add_generation_prompt=add_generation_prompt, **extra)
        return {"text": text}
    except jinja2.exceptions.TemplateError as error:
        # raise_exception() raises TemplateError itself; jinja2's own errors are its subclasses.
        raised = type(error) is jinja2.exceptions.TemplateError
        return {"raised" if raised else "error": str(error)}
    except Exception as error:  # a template that fails in Python (TypeError, …) must fail in Finch too
        return {"error": f"{type(error).__name__}: {error}"}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sdist", type=pathlib.Path, help=f"the {SDIST} source archive, if already downloaded")
    args = parser.parse_args()
    templates = fetch_templates(args.sdist)
    out_dir = HERE / "templates"
    out_dir.mkdir(exist_ok=True)
    cases = []
    for name, special_tokens in TEMPLATES.items():
        (out_dir / f"{name}.jinja").write_text(templates[name], encoding="utf-8")
        for conversation_name, conversation in CONVERSATIONS.items():
            for add_generation_prompt in (False, True):
                case = {"template": name, "conversation": conversation_name,
                        "add_generation_prompt": add_generation_prompt, "special_tokens": special_tokens}
                case.update(render(templates[name], special_tokens, conversation, add_generation_prompt))
                cases.append(case)
    golden = {"generator": "tests/data/chat_templates/generate.py", "transformers": transformers.__version__,
              "jinja2": jinja2.__version__, "templates_from": SDIST, "conversations": CONVERSATIONS, "cases": cases}
    (HERE / "expected.json").write_text(json.dumps(golden, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    rendered = sum("text" in case for case in cases)
    print(f"{len(cases)} cases ({rendered} rendered, {len(cases) - rendered} refused by the template)")


if __name__ == "__main__":
    main()
