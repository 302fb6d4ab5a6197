// libFuzzer target: a chat template (downloaded with a model, so hostile input) parsed and
// rendered over a small conversation. Any error must be a finch::Error; a crash, undefined
// behaviour, a hang or a huge allocation is a finding.
#include "core/common/Error.h"
#include "core/text/Jinja.h"

#include <cstdint>
#include <string>

namespace {

const nlohmann::ordered_json& variables()
{
    static const auto json = nlohmann::ordered_json::parse(R"({
        "messages": [
            {"role": "system", "content": "You are terse."},
            {"role": "user", "content": "What is 2 + 2? héllo 日本"},
            {"role": "assistant", "content": "<think>add</think>4", "reasoning_content": "add",
             "tool_calls": [{"type": "function", "function": {"name": "add", "arguments": {"a": 2, "b": 2}}}]},
            {"role": "tool", "name": "add", "content": "4"},
            {"role": "user", "content": [{"type": "text", "text": "Thanks"}, {"type": "image"}]}
        ],
        "tools": [{"type": "function", "function": {"name": "add", "description": "Adds.",
                   "parameters": {"type": "object", "properties": {"a": {"type": "integer"}, "b": {"type": "number"}},
                                  "required": ["a", "b"]}}}],
        "add_generation_prompt": true,
        "enable_thinking": false,
        "bos_token": "<s>",
        "eos_token": "</s>",
        "date_string": "02 Dec 2026"
    })");
    return json;
}

std::tm fixedClock() { return std::tm{}; }

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    try {
        const finch::text::JinjaTemplate chatTemplate({reinterpret_cast<const char*>(data), size}, "chat_template.jinja");
        (void)chatTemplate.render(variables(), fixedClock);
    } catch (const finch::Error&) {
    }
    return 0;
}
