#include "core/data/PromptFormatter.h"

#include "core/common/Error.h"

#include <cctype>

namespace finch::data {
namespace {

std::string fieldText(const Json& row, const std::string& field)
{
    const auto it = row.find(field);
    if (it == row.end() || it->is_null())
        return {};
    return it->is_string() ? it->get<std::string>() : it->dump();
}

// Chat rows: every turn before the last assistant message, then the assistant cue.
std::pair<std::string, std::string> renderChat(const Json& messages)
{
    if (!messages.is_array())
        return {};
    size_t last = messages.size();
    for (size_t i = messages.size(); i > 0; --i)
        if (messages[i - 1].is_object() && messages[i - 1].value("role", "") == "assistant") {
            last = i - 1;
            break;
        }
    std::string prompt;
    for (size_t i = 0; i < last && i < messages.size(); ++i)
        if (messages[i].is_object())
            prompt += "<|" + messages[i].value("role", "user") + "|>\n" + messages[i].value("content", "") + "\n";
    prompt += "<|assistant|>\n";
    const std::string completion = last < messages.size() ? messages[last].value("content", "") : std::string();
    return {prompt, completion};
}

} // namespace

PromptTemplate PromptTemplate::defaultFor(TaskKind kind)
{
    switch (kind) {
    // Completions have no leading space: prompt and completion are encoded apart, and
    // SentencePiece already marks the start of the completion as a word start.
    case TaskKind::Classification: return {"{text}\nLabel:", "{label}"};
    case TaskKind::Instruction:
        return {"### Instruction:\n{instruction}\n\n[[### Input:\n{input}\n\n]]### Response:\n", "{output}"};
    case TaskKind::QuestionAnswer: return {"Question: {question}\nAnswer:", "{answer}"};
    case TaskKind::Completion: return {"", "{text}"};
    case TaskKind::Chat:
    case TaskKind::Unknown: return {"", ""};
    }
    return {};
}

PromptFormatter::PromptFormatter(Schema schema, PromptTemplate promptTemplate)
    : schema_(std::move(schema)), template_(std::move(promptTemplate))
{
    for (const std::string* text : {&template_.prompt, &template_.completion}) {
        size_t open = text->find('{');
        while (open != std::string::npos) {
            const size_t close = text->find('}', open);
            if (close == std::string::npos)
                throw Error("prompt template: '{' at position " + std::to_string(open) + " is never closed");
            const std::string name = text->substr(open + 1, close - open - 1);
            const auto role = roleFromName(name);
            if (!role || schema_.fieldFor(*role).empty())
                throw Error("prompt template: {" + name + "} is not a field of a " +
                            std::string(taskKindName(schema_.kind)) + " dataset");
            open = text->find('{', close);
        }
    }
}

std::string PromptFormatter::render(const std::string& text, const Json& row, const std::string* labelOverride) const
{
    std::string out;
    std::string section;
    bool inSection = false, sectionHasValue = false;
    for (size_t i = 0; i < text.size();) {
        if (text.compare(i, 2, "[[") == 0) {
            inSection = true;
            sectionHasValue = false;
            section.clear();
            i += 2;
            continue;
        }
        if (inSection && text.compare(i, 2, "]]") == 0) {
            if (sectionHasValue)
                out += section;
            inSection = false;
            i += 2;
            continue;
        }
        std::string piece;
        if (text[i] == '{') {
            const size_t close = text.find('}', i);
            const Role role = *roleFromName(text.substr(i + 1, close - i - 1));
            piece = role == Role::Label && labelOverride ? *labelOverride : fieldText(row, schema_.fieldFor(role));
            if (role == Role::Label && !labelOverride)
                piece = schema_.labelOf(row).value_or(piece);
            sectionHasValue |= !piece.empty();
            i = close + 1;
        } else {
            piece = text[i++];
        }
        (inSection ? section : out) += piece;
    }
    return out;
}

Json PromptFormatter::messages(const Json& row) const
{
    if (schema_.kind == TaskKind::Chat) {
        const auto it = row.find(schema_.fieldFor(Role::Messages));
        return it != row.end() && it->is_array() ? *it : Json::array();
    }
    std::string prompt = render(template_.prompt, row, nullptr);
    while (!prompt.empty() && std::isspace(static_cast<unsigned char>(prompt.back())))
        prompt.pop_back();
    return Json::array({{{"role", "user"}, {"content", prompt}},
                        {{"role", "assistant"}, {"content", render(template_.completion, row, nullptr)}}});
}

// The conversation up to its last assistant turn with the generation prompt, and what that
// turn adds; whitespace after its end-of-turn token is formatting, not learned.
FormattedExample PromptFormatter::renderTurn(const Json& conversation) const
{
    size_t last = conversation.size();
    for (size_t i = conversation.size(); i > 0; --i)
        if (conversation[i - 1].is_object() && conversation[i - 1].value("role", "") == "assistant") {
            last = i - 1;
            break;
        }
    if (last == conversation.size()) // no answer yet: the prompt alone
        return {chat_->render(conversation, true).text, {}, {}};
    const Json before(conversation.begin(), conversation.begin() + std::ptrdiff_t(last));
    const Json through(conversation.begin(), conversation.begin() + std::ptrdiff_t(last) + 1);
    const Json& content = conversation[last].contains("content") ? conversation[last]["content"] : Json();
    FormattedExample example{chat_->render(before, true).text, chat_->render(through, false).text,
                             content.is_string() ? content.get<std::string>() : std::string()};
    if (!example.completion.starts_with(example.prompt))
        throw Error(chat_->origin() + ": the template renders a conversation's start differently once an answer "
                                      "follows, so Finch cannot tell the answer's text");
    example.completion.erase(0, example.prompt.size());
    while (!example.completion.empty() && std::isspace(static_cast<unsigned char>(example.completion.back())))
        example.completion.pop_back();
    return example;
}

FormattedExample PromptFormatter::format(const Json& row) const
{
    if (chat_)
        return renderTurn(messages(row));
    if (schema_.kind == TaskKind::Chat) {
        const auto it = row.find(schema_.fieldFor(Role::Messages));
        auto [prompt, completion] = renderChat(it == row.end() ? Json() : *it);
        return {prompt, completion, completion};
    }
    std::string completion = render(template_.completion, row, nullptr);
    return {render(template_.prompt, row, nullptr), completion, completion};
}

std::string PromptFormatter::prompt(const Json& row) const
{
    return format(row).prompt;
}

std::string PromptFormatter::completionForLabel(const std::string& label) const
{
    const std::string completion = render(template_.completion, Json::object(), &label);
    if (!chat_)
        return completion;
    // What the template writes for this answer after a (placeholder) question.
    return renderTurn(Json::array({{{"role", "user"}, {"content", "?"}}, {{"role", "assistant"}, {"content", completion}}}))
        .completion;
}

} // namespace finch::data
