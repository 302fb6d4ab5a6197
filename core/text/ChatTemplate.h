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
#include <utility>
#include <vector>

namespace finch::text {

class Tokenizer;

class ChatTemplate {
public:
    // The folder's template: chat_template.jinja, else chat_template.json, else
    // tokenizer_config.json's chat_template; nothing when the folder has none. Throws
    // finch::Error naming the file when the template uses what Finch does not implement.
    // Special tokens tokenizer_config.json leaves out come from `tokenizer` when given (a
    // SentencePiece model's <s> and </s>, as transformers' tokenizer classes supply them).
    static std::optional<ChatTemplate> fromFolder(const std::string& folder, const Tokenizer* tokenizer = nullptr);
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
    bool hasGenerationTags() const;
    // The clock strftime_now() reads (the machine's local time unless set).
    void setClock(Clock clock) { clock_ = std::move(clock); }

    ChatTemplate(std::map<std::string, std::string> namedSources, std::string origin,
                 nlohmann::ordered_json specialTokens);

private:
    std::map<std::string, std::string> sources_;
    std::map<std::string, JinjaTemplate> templates_;
    std::string origin_;
    nlohmann::ordered_json specialTokens_;
    Clock clock_ = localTimeNow;
};

// A conversation as the model sees it in training: the rendered text's ids, and which of
// them are the assistant's (where the loss falls, as TRL's assistant-only loss has it).
struct EncodedConversation {
    std::string text;
    std::vector<int> ids;
    std::vector<bool> assistant;
    // Assistant turns the template renders differently once later turns follow (Qwen3
    // drops earlier turns' reasoning): they stay in the text as context but carry no loss.
    int contextOnlyTurns = 0;
};

// Renders and tokenizes a conversation. The assistant's text is what the template's
// {% generation %} blocks write; for templates without them (most), each assistant turn is
// the text that rendering the conversation up to that turn adds after the generation prompt,
// up to its end-of-turn token (whitespace after it is formatting, not learned). The pieces
// between boundaries are tokenized apart, so the mask is exact to the token.
EncodedConversation encodeConversation(const ChatTemplate& chat, const Tokenizer& tokenizer,
                                       const nlohmann::ordered_json& messages,
                                       const nlohmann::ordered_json& variables = nlohmann::ordered_json::object());

// The special tokens of a tokenizer_config.json object, as transformers' special_tokens_map.
nlohmann::ordered_json specialTokensMap(const nlohmann::ordered_json& tokenizerConfig, const std::string& where);

} // namespace finch::text
