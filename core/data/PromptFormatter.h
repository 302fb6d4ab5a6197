#pragma once
// Turns a dataset row into the text a causal language model trains on: a prompt (shown,
// not learned by default) and a completion (learned). Templates name roles in braces,
// {text}, {label}, {instruction}, {input}, {output}, {question}, {answer}; a section in
// [[...]] is left out when every role inside it is empty.
#include "core/data/Schema.h"
#include "core/text/ChatTemplate.h"

#include <memory>

#include <string>

namespace finch::data {

struct PromptTemplate {
    std::string prompt;
    std::string completion;

    // Classification "{text}\nLabel:" + "{label}"; instruction in the Alpaca layout;
    // question-answer "Question: ...\nAnswer:" + "{answer}"; completion "" + "{text}";
    // chat: "<|role|>\ncontent\n" per message, the last assistant turn as the completion.
    static PromptTemplate defaultFor(TaskKind kind);
};

struct FormattedExample {
    std::string prompt;
    std::string completion;
    std::string answer; // the completion as the data has it, without a chat template's tokens
};

class PromptFormatter {
public:
    // Throws finch::Error when a template names a role the kind does not have.
    PromptFormatter(Schema schema, PromptTemplate promptTemplate);

    FormattedExample format(const Json& row) const;
    // The prompt alone, and the completion a given label would have (label scoring).
    std::string prompt(const Json& row) const;
    std::string completionForLabel(const std::string& label) const;

    const Schema& schema() const { return schema_; }
    const PromptTemplate& promptTemplate() const { return template_; }

    // With a model's chat template, rows become conversations: chat rows as they are, other
    // rows a user turn (the prompt) and an assistant turn (the completion). format() then
    // gives the rendered conversation up to the generation prompt, and the last assistant
    // turn as the template writes it (end-of-turn token included): BOS and EOS come from
    // the template, so the caller adds neither.
    void useChatTemplate(std::shared_ptr<const text::ChatTemplate> chat) { chat_ = std::move(chat); }
    const text::ChatTemplate* chatTemplate() const { return chat_.get(); }
    // The row as a conversation (a JSON array of {role, content}).
    Json messages(const Json& row) const;

private:
    FormattedExample renderTurn(const Json& messages) const;
    std::string render(const std::string& text, const Json& row, const std::string* labelOverride) const;

    Schema schema_;
    PromptTemplate template_;
    std::shared_ptr<const text::ChatTemplate> chat_;
};

} // namespace finch::data
