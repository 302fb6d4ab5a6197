#include "core/text/ChatTemplate.h"

#include "core/common/Error.h"
#include "core/common/FileIO.h"
#include "core/common/JsonFile.h"
#include "core/text/Tokenizer.h"

#include <algorithm>
#include <filesystem>

namespace finch::text {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

// The names a message's reasoning may come under; the first is what templates read.
const char* const kReasoningFields[] = {"reasoning_content", "thinking", "reasoning"};

// transformers fills `reasoning_content` from the older names, and `thinking` for the
// templates that read that one, keeping the message's own key order otherwise.
Json aliasReasoning(const Json& message)
{
    if (!message.is_object())
        return message;
    const Json* reasoning = nullptr;
    for (const char* field : kReasoningFields) {
        const auto it = message.find(field);
        if (it != message.end() && !it->is_null()) {
            reasoning = &*it;
            break;
        }
    }
    if (!reasoning)
        return message;
    Json aliased = Json::object();
    aliased["thinking"] = *reasoning;
    for (const auto& [key, value] : message.items())
        aliased[key] = value;
    aliased["reasoning_content"] = *reasoning;
    return aliased;
}

std::map<std::string, std::string> templatesIn(const Json& value, const std::string& where)
{
    if (value.is_string())
        return {{"default", value.get<std::string>()}};
    if (value.is_array()) {
        std::map<std::string, std::string> named;
        for (const Json& entry : value) {
            if (!entry.is_object() || !entry.value("name", Json()).is_string() ||
                !entry.value("template", Json()).is_string())
                throw Error(where + ": 'chat_template': expected {\"name\": …, \"template\": …} entries, found " +
                            entry.dump());
            named[entry["name"].get<std::string>()] = entry["template"].get<std::string>();
        }
        if (!named.empty())
            return named;
    }
    throw Error(where + ": 'chat_template': expected a template's text or a list of named templates, found " +
                value.dump());
}

Json tokenizerConfigOf(const fs::path& folder)
{
    const fs::path config = folder / "tokenizer_config.json";
    if (!fs::exists(config))
        return Json::object();
    Json json = readJsonFile(config.string());
    if (!json.is_object())
        throw Error(config.string() + ": expected a JSON object");
    return json;
}

} // namespace

Json specialTokensMap(const Json& tokenizerConfig, const std::string& where)
{
    Json map = Json::object();
    for (const char* key : {"bos_token", "eos_token", "unk_token", "sep_token", "pad_token", "cls_token", "mask_token"}) {
        const auto it = tokenizerConfig.find(key);
        if (it == tokenizerConfig.end() || it->is_null())
            continue;
        if (it->is_string())
            map[key] = *it;
        else if (it->is_object() && it->value("content", Json()).is_string())
            map[key] = (*it)["content"];
        else
            throw Error(where + ": '" + key + "': expected a token's text, found " + it->dump());
    }
    return map;
}

ChatTemplate::ChatTemplate(std::map<std::string, std::string> namedSources, std::string origin, Json specialTokens)
    : sources_(std::move(namedSources)), origin_(std::move(origin)), specialTokens_(std::move(specialTokens))
{
    for (const auto& [name, source] : sources_)
        templates_.emplace(name, JinjaTemplate(source, sources_.size() == 1 ? origin_ : origin_ + " (" + name + ")"));
}

std::optional<ChatTemplate> ChatTemplate::fromFolder(const std::string& folder, const Tokenizer* tokenizer)
{
    const fs::path dir(folder);
    const Json config = tokenizerConfigOf(dir);
    const std::string configPath = (dir / "tokenizer_config.json").string();
    Json special = specialTokensMap(config, configPath);
    if (tokenizer) {
        const std::pair<const char*, int> known[] = {{"bos_token", tokenizer->bosId()}, {"eos_token", tokenizer->eosId()},
                                                     {"unk_token", tokenizer->unkId()}, {"pad_token", tokenizer->padId()}};
        for (const auto& [key, id] : known)
            if (id >= 0 && !special.contains(key))
                special[key] = tokenizer->idToPiece(id);
    }
    const fs::path jinja = dir / "chat_template.jinja";
    if (fs::exists(jinja))
        return ChatTemplate({{"default", readWholeFile(jinja.string())}}, jinja.string(), std::move(special));
    const fs::path json = dir / "chat_template.json";
    if (fs::exists(json)) {
        const Json file = readJsonFile(json.string());
        if (!file.is_object() || !file.contains("chat_template"))
            throw Error(json.string() + ": expected an object with a 'chat_template'");
        return ChatTemplate(templatesIn(file["chat_template"], json.string()), json.string(), std::move(special));
    }
    const auto it = config.find("chat_template");
    if (it == config.end() || it->is_null())
        return std::nullopt;
    return ChatTemplate(templatesIn(*it, configPath), configPath, std::move(special));
}

ChatTemplate ChatTemplate::fromFile(const std::string& path, const std::string& folder)
{
    const fs::path dir(folder);
    Json special = specialTokensMap(tokenizerConfigOf(dir), (dir / "tokenizer_config.json").string());
    return ChatTemplate({{"default", readWholeFile(path)}}, path, std::move(special));
}

JinjaTemplate::Rendered ChatTemplate::render(const Json& messages, bool addGenerationPrompt, const Json& variables) const
{
    if (!messages.is_array())
        throw Error("chat messages: expected a JSON array of messages, found " + std::string(messages.type_name()));
    if (!variables.is_object())
        throw Error("chat template variables: expected a JSON object");
    Json names = specialTokens_;
    for (const auto& [key, value] : variables.items())
        names[key] = value;
    Json chat = Json::array();
    for (size_t i = 0; i < messages.size(); ++i) {
        if (!messages[i].is_object())
            throw Error("chat messages: message " + std::to_string(i + 1) + ": expected an object with 'role' and "
                        "'content', found " + messages[i].dump());
        chat.push_back(aliasReasoning(messages[i]));
    }
    names["messages"] = std::move(chat);
    const bool hasTools = variables.contains("tools") && !variables["tools"].is_null();
    if (!names.contains("tools"))
        names["tools"] = nullptr;
    if (!names.contains("documents"))
        names["documents"] = nullptr;
    names["add_generation_prompt"] = addGenerationPrompt;

    auto chosen = templates_.end();
    if (hasTools)
        chosen = templates_.find("tool_use");
    if (chosen == templates_.end())
        chosen = templates_.size() == 1 ? templates_.begin() : templates_.find("default");
    if (chosen == templates_.end())
        throw Error(origin_ + ": several chat templates and none named 'default'");
    return chosen->second.render(names, clock_);
}

bool ChatTemplate::hasGenerationTags() const
{
    return std::all_of(templates_.begin(), templates_.end(), [](const auto& entry) { return entry.second.hasGenerationTags(); });
}

namespace {

bool isAsciiSpace(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

// Assistant spans found by rendering prefixes of the conversation (templates without
// {% generation %}): turn i spans what messages[0..i] adds to messages[0..i-1] with the
// generation prompt, when both are prefixes of the whole conversation's text.
std::vector<std::pair<size_t, size_t>> spansFromPrefixes(const ChatTemplate& chat, const Json& messages,
                                                         const Json& variables, const std::string& whole,
                                                         int& contextOnly)
{
    std::vector<std::pair<size_t, size_t>> spans;
    for (size_t i = 0; i < messages.size(); ++i) {
        if (messages[i].value("role", "") != "assistant")
            continue;
        const Json before(messages.begin(), messages.begin() + std::ptrdiff_t(i));
        const Json through(messages.begin(), messages.begin() + std::ptrdiff_t(i) + 1);
        const std::string prompt = chat.render(before, true, variables).text;
        const std::string turn = chat.render(through, false, variables).text;
        if (!turn.starts_with(prompt) || !whole.starts_with(turn) || turn.size() == prompt.size()) {
            ++contextOnly;
            continue;
        }
        size_t end = turn.size();
        while (end > prompt.size() && isAsciiSpace(turn[end - 1]))
            --end;
        spans.emplace_back(prompt.size(), end);
    }
    return spans;
}

} // namespace

EncodedConversation encodeConversation(const ChatTemplate& chat, const Tokenizer& tokenizer, const Json& messages,
                                       const Json& variables)
{
    EncodedConversation encoded;
    JinjaTemplate::Rendered rendered = chat.render(messages, false, variables);
    std::vector<std::pair<size_t, size_t>> spans = std::move(rendered.generationSpans);
    if (!chat.hasGenerationTags())
        spans = spansFromPrefixes(chat, messages, variables, rendered.text, encoded.contextOnlyTurns);
    encoded.text = std::move(rendered.text);
    size_t at = 0;
    auto append = [&](size_t end, bool assistant) {
        if (end <= at)
            return;
        const std::vector<int> ids = tokenizer.encode(std::string_view(encoded.text).substr(at, end - at));
        encoded.ids.insert(encoded.ids.end(), ids.begin(), ids.end());
        encoded.assistant.insert(encoded.assistant.end(), ids.size(), assistant);
        at = end;
    };
    for (const auto& [begin, end] : spans) {
        if (begin < at)
            continue; // nested or overlapping blocks: the first one counts
        append(begin, false);
        append(end, true);
    }
    append(encoded.text.size(), false);
    return encoded;
}

} // namespace finch::text
