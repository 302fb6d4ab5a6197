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
import contextlib
import datetime
import json
import pathlib
import subprocess
import sys
import tarfile
import tempfile

import jinja2
import transformers
import transformers.utils.chat_template_utils as chat_template_utils
from transformers import PreTrainedTokenizerFast

HERE = pathlib.Path(__file__).parent
ROOT = HERE.parents[2]
assert transformers.__version__ == "5.24.0", transformers.__version__
assert jinja2.__version__ == "3.1.6", jinja2.__version__

SDIST = "llama-cpp-python==0.3.36"

# strftime_now() reads the clock: the goldens are rendered at a fixed time, and the templates
# that call it once more at a second one, so that no golden depends on the day it is run.
CLOCK = "2026-12-02T12:00:00"
OTHER_CLOCK = "2031-02-28T12:00:00"


@contextlib.contextmanager
def fixed_clock(iso: str):
    """transformers' strftime_now() calls datetime.now() of its module: answer with `iso`."""
    moment = datetime.datetime.fromisoformat(iso)

    class FixedDatetime(datetime.datetime):
        @classmethod
        def now(cls, tz=None):
            return moment

    real = chat_template_utils.datetime
    chat_template_utils.datetime = FixedDatetime
    try:
        yield
    finally:
        chat_template_utils.datetime = real

# File in llama.cpp's models/templates -> the special tokens passed to it (those its model's
# tokenizer_config.json names, as near as known; Finch and transformers get the same ones).
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
    "HuggingFaceTB-SmolLM3-3B": {"eos_token": "<|im_end|>", "pad_token": "<|im_end|>"},
    "google-gemma-4-31B-it": {"bos_token": "<bos>", "eos_token": "<eos>", "pad_token": "<pad>", "unk_token": "<unk>"},
    "Qwen3.5-4B": {"eos_token": "<|im_end|>", "pad_token": "<|endoftext|>"},
    "Qwen3-Coder": {"eos_token": "<|im_end|>", "pad_token": "<|endoftext|>"},
    "ibm-granite-granite-4.0": {"bos_token": "<|end_of_text|>", "eos_token": "<|end_of_text|>"},
    "deepseek-ai-DeepSeek-V3.1": {"bos_token": "<｜begin▁of▁sentence｜>", "eos_token": "<｜end▁of▁sentence｜>"},
    "GLM-4.6": {"eos_token": "<|endoftext|>", "pad_token": "<|endoftext|>"},
    "mistralai-Ministral-3-14B-Reasoning-2512": {"bos_token": "<s>", "eos_token": "</s>", "unk_token": "<unk>"},
    "NVIDIA-Nemotron-3-Nano-30B-A3B-BF16": {"bos_token": "<s>", "eos_token": "<|im_end|>"},
    "LFM2.5-Instruct": {"bos_token": "<|startoftext|>", "eos_token": "<|im_end|>", "pad_token": "<|pad|>"},
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


# Small templates for the Jinja that chat templates use: (name, template, variables).
SNIPPETS = [
    ("trim-blocks", "{% if true %}\nyes\n{% endif %}\nafter", {}),
    ("lstrip-blocks", "line\n    {% if true %}x{% endif %}\n  {{ 'kept' }}", {}),
    ("dash-control", "a  {{- ' b ' -}}  c\n{%- if true %} d {%+ if true %}e{% endif %}{% endif -%}\n  f", {}),
    ("plus-disables-trim", "{% if true +%}\nx{% endif %}", {}),
    ("comments", "a\n  {# note #}\nb{#- strip -#}  c", {}),
    ("trailing-newline", "text\n", {}),
    ("crlf", "a\r\n{% if true %}\r\nb{% endif %}\r\n", {}),
    ("raw", "{% raw %}{{ not rendered }}{% endraw %}", {}),
    ("loop-vars", "{% for x in items %}{{ loop.index }}/{{ loop.index0 }}/{{ loop.revindex }}/{{ loop.first }}/{{ loop.last }}/{{ loop.length }}/{{ loop.previtem }}/{{ loop.nextitem }} {% endfor %}", {"items": ["a", "b", "c"]}),
    ("loop-filter-else", "{% for x in items if x > 1 %}{{ x }}{{ loop.length }}{% else %}none{% endfor %}|{% for x in [] %}x{% else %}empty{% endfor %}", {"items": [1, 2, 3]}),
    ("loop-cycle-break", "{% for x in range(10) %}{% if x == 4 %}{% break %}{% endif %}{% if x is odd %}{% continue %}{% endif %}{{ loop.cycle('a', 'b') }}{{ x }}{% endfor %}", {}),
    ("loop-unpack", "{% for k, v in d.items() %}{{ k }}={{ v }};{% endfor %}{% for k, v in d|items %}{{ k }}{% endfor %}{% for k in d %}{{ k }}{% endfor %}", {"d": {"b": 1, "a": [1, 2]}}),
    ("scoping", "{% set x = 1 %}{% for i in [1] %}{% set x = 2 %}{{ x }}{% endfor %}{{ x }}{% if true %}{% set y = 3 %}{% endif %}{{ y }}", {}),
    ("namespace", "{% set ns = namespace(found=false, n=0) %}{% for m in msgs %}{% if m.role == 'user' %}{% set ns.found = true %}{% set ns.n = ns.n + 1 %}{% endif %}{% endfor %}{{ ns.found }} {{ ns.n }}", {"msgs": [{"role": "user"}, {"role": "assistant"}, {"role": "user"}]}),
    ("macros", "{% macro greet(name, punct='!') %}Hi {{ name }}{{ punct }}{% endmacro %}{{ greet('Ann') }} {{ greet('Bo', '?') }} {{ greet(name='Cy', punct='.') }}", {}),
    ("set-block", "{% set text %}a {{ 1 + 1 }} b{% endset %}[{{ text }}]{{ text|length }}", {}),
    ("filter-block", "{% filter upper %}shout {{ 'this' }}{% endfilter %}", {}),
    ("if-elif", "{% for n in [0, 1, 2, 3] %}{% if n == 0 %}zero{% elif n == 1 %}one{% elif n is even %}even{% else %}odd{% endif %},{% endfor %}", {}),
    ("arithmetic", "{{ 7 // 2 }} {{ -7 // 2 }} {{ 7 % 3 }} {{ -7 % 3 }} {{ 7 / 2 }} {{ 6 / 2 }} {{ 2 ** 10 }} {{ 1 + 2.5 }} {{ 3 * 'ab' }} {{ 0.1 + 0.2 }} {{ 1e20 }} {{ 1.5e-7 }} {{ 10 / 4 * 2 }}", {}),
    ("python-str", "{{ none }} {{ true }} {{ [1, 'a', none, true, 2.0] }} {{ {'k': 'v', 'q': \"it's\"} }} {{ x }} {{ missing }}", {"x": [{"a": 1}]}),
    ("comparisons", "{{ 1 == 1.0 }} {{ true == 1 }} {{ 'a' < 'b' }} {{ [1, 2] < [1, 3] }} {{ 2 > 1 > 0 }} {{ 'x' in 'xyz' }} {{ 3 not in [1, 2] }} {{ 'k' in {'k': 1} }} {{ none is none }} {{ 1 is not none }}", {}),
    ("logic", "{{ 0 or 'fallback' }} {{ 'a' and 'b' }} {{ not [] }} {{ none or [] }} {{ 'yes' if 1 else 'no' }} [{{ 'x' if false }}]", {}),
    ("concat", "{{ 'a' ~ 1 ~ none ~ missing ~ [1] }} {{ 'a' + 'b' }} {{ [1] + [2] }}", {}),
    ("string-methods", "{{ '  pad  '.strip() }}|{{ 'xxaxx'.strip('x') }}|{{ '  l'.lstrip() }}|{{ 'r  '.rstrip() }}|{{ 'a,b,,c'.split(',') }}|{{ ' a  b '.split() }}|{{ 'a b c'.split(' ', 1) }}|{{ 'a-b-c'.rsplit('-', 1) }}|{{ 'aaa'.replace('a', 'b', 2) }}|{{ 'Hello'.startswith('He') }}|{{ 'Hello'.endswith(('x', 'lo')) }}|{{ 'MiXed'.upper() }}{{ 'MiXed'.lower() }}|{{ 'hello world'.title() }}|{{ 'hELLO'.capitalize() }}|{{ 'banana'.find('an') }}{{ 'banana'.count('a') }}|{{ '-'.join(['a', 'b']) }}", {}),
    ("split-think", "{{ content.split('</think>')[-1].lstrip('\\n') }}|{{ content.split('</think>')[0].rstrip('\\n').split('<think>')[-1].lstrip('\\n') }}", {"content": "<think>\nreason\n</think>\n\nanswer"}),
    ("slices", "{{ s[1:3] }} {{ s[-2:] }} {{ s[::-1] }} {{ s[::2] }} {{ l[1:] }} {{ l[:-1] }} {{ l[-1] }} {{ l[::-1] }} {{ s[0] }} {{ s[-1] }} {{ u[1:3] }} {{ u[-1] }} {{ u|length }}", {"s": "abcdef", "l": [1, 2, 3], "u": "añ日本🙂"}),
    ("filters-text", "{{ '  t  '|trim }}|{{ 'xtx'|trim('x') }}|{{ 'ab'|upper }}|{{ 'AB'|lower }}|{{ 'a b'|title }}|{{ 'ab'|capitalize }}|{{ 'aXbX'|replace('X', '-') }}|{{ '<a&b>'|e }}|{{ 'one two  three'|wordcount }}|{{ 'x'|string }}|{{ 'a\\nb\\n\\nc'|indent(2) }}|{{ 'a\\nb'|indent(2, true) }}|{{ 'ab'|reverse }}", {}),
    ("filters-lists", "{{ l|length }} {{ l|first }} {{ l|last }} {{ l|join(', ') }} {{ l|reverse|list }} {{ l|sort }} {{ l|sort(reverse=true) }} {{ l|unique|list }} {{ l|min }} {{ l|max }} {{ l|sum }} {{ 'abc'|list }} {{ l|map('string')|join }} {{ []|first is defined }}", {"l": [3, 1, 2, 3]}),
    ("filters-attrs", "{{ msgs|selectattr('role', 'equalto', 'user')|map(attribute='content')|join('/') }} {{ msgs|rejectattr('role', 'eq', 'user')|list|length }} {{ msgs|selectattr('tool_calls')|list|length }} {{ msgs|selectattr('tool_calls', 'defined')|list|length }} {{ msgs|map(attribute='missing', default='-')|join }} {{ msgs|sort(attribute='content')|map(attribute='content')|join }} {{ [1, 0, 2]|select|list }} {{ [1, 2, 3]|reject('odd')|list }} {{ msgs|sum(attribute='n') }}", {"msgs": [{"role": "user", "content": "b", "n": 1}, {"role": "assistant", "content": "a", "tool_calls": [], "n": 2}, {"role": "user", "content": "c", "n": 3}]}),
    ("filters-values", "{{ missing|default('d') }} {{ ''|default('e', true) }} {{ none|default('kept') }} {{ '42'|int + 1 }} {{ '4.5'|float }} {{ 'x'|int }} {{ 3.7|int }} {{ -3|abs }} {{ 2.567|round(2) }} {{ 2.5|round }} {{ d|dictsort }} {{ d|items|list }} {{ 5|string ~ '!' }}", {"d": {"b": 2, "a": 1}}),
    ("tojson", "{{ v|tojson }}|{{ v|tojson(indent=2) }}|{{ v|tojson(sort_keys=true) }}|{{ 'é\\n\"<>'|tojson }}|{{ 1.0|tojson }}|{{ none|tojson }}|{{ [true, false]|tojson(separators=(',', ':')) }}|{{ 'é'|tojson(ensure_ascii=true) }}", {"v": {"b": [1, 2.5, "x"], "a": {"c": None, "d": True}, "e": [], "f": {}}}),
    ("tests", "{{ x is defined }} {{ y is undefined }} {{ n is none }} {{ s is string }} {{ d is mapping }} {{ l is iterable }} {{ l is sequence }} {{ 1 is number }} {{ 1 is integer }} {{ 1.0 is float }} {{ true is boolean }} {{ 3 is odd }} {{ 4 is even }} {{ 9 is divisibleby 3 }} {{ 'ab' is lower }} {{ 'AB' is upper }} {{ 1 is eq 1 }} {{ 2 is gt 1 }} {{ 'a' is in 'abc' }} {{ d is not string }} {{ false is sameas false }} {{ range is callable }}", {"x": 1, "n": None, "s": "s", "d": {}, "l": []}),
    ("attribute-and-item", "{{ m.role }} {{ m['role'] }} {{ m.get('role') }} {{ m.get('nope', 'dflt') }} {{ m.nope is defined }} {{ l.0 }} {{ m.keys()|list }} {{ m.values()|list }}", {"m": {"role": "user", "content": "hi"}, "l": ["zero"]}),
    ("dict-literal", "{% set d = {'a': 1, 'b': [2, 3]} %}{{ d.a }}{{ d['b'][1] }}{{ d|length }}{% set t = (1, 2) %}{{ t[0] }}{{ dict(x=1, y=2)|tojson }}", {}),
    ("string-escapes", "{{ 'tab\\there' }}|{{ \"quote's\" }}|{{ 'new\\nline' }}|{{ '\\u00e9\\x41' }}|{{ 'adjacent' 'strings' }}", {}),
    ("unicode-case", "{{ 'ÉCOLE straße'|lower }} {{ 'straße'|upper }} {{ 'ǆ'|upper }}", {}),
    ("raise", "{% if x %}{{ raise_exception('No x allowed: ' ~ x) }}{% endif %}", {"x": "here"}),
    ("undefined-attribute-error", "{{ missing.attr }}", {}),
    ("none-iteration-error", "{% for x in n %}{% endfor %}", {"n": None}),
    ("int-plus-string-error", "{{ 1 + 'a' }}", {}),
]


# ChatML with {% generation %} around each assistant turn, as TRL's assistant-only loss needs.
CHATML_GENERATION = (
    "{%- for message in messages %}"
    "{{- '<|im_start|>' + message['role'] + '\\n' }}"
    "{%- if message['role'] == 'assistant' %}"
    "{%- generation %}{{- message['content'] + '<|im_end|>' }}{%- endgeneration %}{{- '\\n' }}"
    "{%- else %}{{- message['content'] + '<|im_end|>\\n' }}{%- endif %}"
    "{%- endfor %}"
    "{%- if add_generation_prompt %}{{- '<|im_start|>assistant\\n' }}{%- endif %}"
)
MASK_CONVERSATIONS = ["system-and-turns", "no-system", "reasoning"]
ID_TEMPLATES = ["Qwen-Qwen2.5-7B-Instruct", "Qwen-Qwen3-0.6B", "meta-llama-Llama-3.1-8B-Instruct"]


def assistant_masks(templates: dict[str, str]):
    """Ids and assistant masks from apply_chat_template(return_assistant_tokens_mask=True)
    with the Qwen-style fixture tokenizer; and plain ids for real templates."""
    tokenizer = PreTrainedTokenizerFast(tokenizer_file=str(ROOT / "tests/data/tokenizers/qwen-nfc-digits/tokenizer.json"),
                                        eos_token="<|im_end|>", pad_token="<|endoftext|>")
    cases = []
    for name in MASK_CONVERSATIONS:
        messages = CONVERSATIONS[name]["messages"]
        out = tokenizer.apply_chat_template(messages, chat_template=CHATML_GENERATION, tokenize=True, return_dict=True,
                                            return_assistant_tokens_mask=True)
        cases.append({"template": "chatml-generation", "conversation": name, "ids": list(out["input_ids"]),
                      "assistant_masks": list(out["assistant_masks"])})
        for template in ID_TEMPLATES:
            out = tokenizer.apply_chat_template(messages, chat_template=templates[template], tokenize=True,
                                                return_dict=True, date_string="02 Dec 2026")
            cases.append({"template": template, "conversation": name, "ids": list(out["input_ids"])})
    return {"tokenizer": "tests/data/tokenizers/qwen-nfc-digits/tokenizer.json", "chatml_generation": CHATML_GENERATION,
            "cases": cases}


def render_snippet(template: str, variables: dict):
    from transformers.utils.chat_template_utils import _compile_jinja_template
    try:
        return {"text": _compile_jinja_template(template).render(**variables)}
    except jinja2.exceptions.TemplateError as error:
        raised = type(error) is jinja2.exceptions.TemplateError
        return {"raised" if raised else "error": str(error)}
    except Exception as error:
        return {"error": f"{type(error).__name__}: {error}"}


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


def render(template: str, special_tokens: dict, conversation: dict, add_generation_prompt: bool,
           default_date_string: bool = True):
    tokenizer = PreTrainedTokenizerFast(tokenizer_file=str(ROOT / "tests/data/tokenizers/qwen-nfc-digits/tokenizer.json"),
                                        **special_tokens)
    extra = {key: value for key, value in conversation.items() if key != "messages"}
    if default_date_string:
        extra.setdefault("date_string", "02 Dec 2026")  # Llama 3.x reads it instead of the clock
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
    def rendered_cases(names, clock, default_date_string):
        cases = []
        with fixed_clock(clock):
            for name in names:
                for conversation_name, conversation in CONVERSATIONS.items():
                    for add_generation_prompt in (False, True):
                        case = {"template": name, "conversation": conversation_name,
                                "add_generation_prompt": add_generation_prompt, "special_tokens": TEMPLATES[name]}
                        case.update(render(templates[name], TEMPLATES[name], conversation, add_generation_prompt,
                                           default_date_string))
                        cases.append(case)
        return cases

    for name in TEMPLATES:
        (out_dir / f"{name}.jinja").write_text(templates[name], encoding="utf-8")
    cases = rendered_cases(TEMPLATES, CLOCK, True)
    dated = [name for name in TEMPLATES if "strftime_now" in templates[name]]
    golden = {"generator": "tests/data/chat_templates/generate.py", "transformers": transformers.__version__,
              "jinja2": jinja2.__version__, "templates_from": SDIST, "clock": CLOCK, "conversations": CONVERSATIONS,
              "cases": cases,
              # The templates that call strftime_now(), without a date_string: the date is the clock's.
              "other_date": {"clock": OTHER_CLOCK, "cases": rendered_cases(dated, OTHER_CLOCK, False)}}
    # Each conversation as a file, for `finch chat render --messages` (key order kept).
    (HERE / "conversations").mkdir(exist_ok=True)
    for name, conversation in CONVERSATIONS.items():
        (HERE / "conversations" / f"{name}.json").write_text(json.dumps(conversation, ensure_ascii=False, indent=1) + "\n",
                                                             encoding="utf-8")
    (HERE / "expected.json").write_text(json.dumps(golden, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    with fixed_clock(CLOCK):
        snippets = [{"name": name, "template": template, "variables": variables, **render_snippet(template, variables)}
                    for name, template, variables in SNIPPETS]
    (HERE / "snippets.json").write_text(json.dumps(snippets, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    with fixed_clock(CLOCK):
        masks = assistant_masks(templates)
    (HERE / "assistant_masks.json").write_text(json.dumps(masks, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    rendered = sum("text" in case for case in cases)
    print(f"{len(cases)} cases ({rendered} rendered, {len(cases) - rendered} refused by the template); "
          f"{len(golden['other_date']['cases'])} of {len(dated)} dated templates at {OTHER_CLOCK}")


if __name__ == "__main__":
    main()
