#pragma once
// A model's chat template, rendered as transformers' apply_chat_template renders it: the
// same names (messages, tools, documents, add_generation_prompt, the special tokens of
// tokenizer_config.json, and any other template variables), reasoning passed under the
// names templates read, and a tokenizer_config.json list of named templates resolved the
// same way ("tool_use" when tools are given, else "default").
#include "core/text/Jinja.h"

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace finch::text {

class ChatTemplate {
public:
    // The folder's template: chat_template.jinja, else chat_template.json, else
    // tokenizer_config.json's chat_template; nothing when the folder has none. Throws
    // finch::Error naming the file when the template uses what Finch does not implement.
    static std::optional<ChatTemplate> fromFolder(const std::string& folder);
    // A template file given on its own, with the special tokens of `folder`'s
    // tokenizer_config.json (if it has one).
    static ChatTemplate fromFile(const std::string& path, const std::string& folder);

    // `messages`: a JSON array of message objects. `variables`: an object of the other names
    // the template may read (tools, documents, enable_thinking, date_string, …).
    JinjaTemplate::Rendered render(const nlohmann::ordered_json& messages, bool addGenerationPrompt,
                                   const nlohmann::ordered_json& variables = nlohmann::ordered_json::object()) const;

    // The tokens tokenizer_config.json names (bos_token, eos_token, …), as templates see them.
    const nlohmann::ordered_json& specialTokens() const { return specialTokens_; }
    const std::string& source() const { return sources_.begin()->second; }
    const std::string& origin() const { return origin_; }

    ChatTemplate(std::map<std::string, std::string> namedSources, std::string origin,
                 nlohmann::ordered_json specialTokens);

private:
    std::map<std::string, std::string> sources_;
    std::map<std::string, JinjaTemplate> templates_;
    std::string origin_;
    nlohmann::ordered_json specialTokens_;
};

// The special tokens of a tokenizer_config.json object, as transformers' special_tokens_map.
nlohmann::ordered_json specialTokensMap(const nlohmann::ordered_json& tokenizerConfig, const std::string& where);

} // namespace finch::text
