#include "core/data/Schema.h"

#include "core/common/Error.h"

#include <algorithm>
#include <array>

namespace finch::data {
namespace {

struct RoleInfo {
    Role role;
    std::string_view name;
    // Field names recognised without a mapping, most common first.
    std::vector<std::string_view> aliases;
};

const std::array<RoleInfo, 8>& roleTable()
{
    static const std::array<RoleInfo, 8> table{{
        {Role::Text, "text", {"text", "sentence", "review", "content"}},
        {Role::Label, "label", {"label", "sentiment", "class", "category"}},
        {Role::Instruction, "instruction", {"instruction", "prompt"}},
        {Role::Input, "input", {"input", "context"}},
        {Role::Output, "output", {"output", "response", "completion"}},
        {Role::Question, "question", {"question", "query"}},
        {Role::Answer, "answer", {"answer"}},
        {Role::Messages, "messages", {"messages", "conversation"}},
    }};
    return table;
}

std::string textOf(const Json& row, const std::string& field)
{
    if (field.empty())
        return {};
    const auto it = row.find(field);
    if (it == row.end() || it->is_null())
        return {};
    return it->is_string() ? it->get<std::string>() : it->dump();
}

uint64_t mix(uint64_t seed, uint64_t value)
{
    // boost::hash_combine's recipe, widened to 64 bits.
    return seed ^ (value + 0x9E3779B97F4A7C15ULL + (seed << 12) + (seed >> 4));
}

// Hash of textOf(row, field) without copying the text.
uint64_t fieldHash(const Json& row, const std::string& field)
{
    if (field.empty())
        return std::hash<std::string_view>()({});
    const auto it = row.find(field);
    if (it == row.end() || it->is_null())
        return std::hash<std::string_view>()({});
    if (it->is_string())
        return std::hash<std::string_view>()(it->get_ref<const std::string&>());
    return std::hash<std::string>()(it->dump());
}

} // namespace

std::string_view taskKindName(TaskKind kind)
{
    switch (kind) {
    case TaskKind::Classification: return "classification";
    case TaskKind::Instruction: return "instruction";
    case TaskKind::QuestionAnswer: return "question-answer";
    case TaskKind::Completion: return "completion";
    case TaskKind::Chat: return "chat";
    case TaskKind::Unknown: return "unknown";
    }
    return "unknown";
}

std::optional<TaskKind> taskKindFromName(std::string_view name)
{
    for (const TaskKind kind : {TaskKind::Classification, TaskKind::Instruction, TaskKind::QuestionAnswer,
                                TaskKind::Completion, TaskKind::Chat})
        if (taskKindName(kind) == name)
            return kind;
    if (name == "qa")
        return TaskKind::QuestionAnswer;
    return std::nullopt;
}

std::string_view roleName(Role role)
{
    for (const RoleInfo& info : roleTable())
        if (info.role == role)
            return info.name;
    return "";
}

std::optional<Role> roleFromName(std::string_view name)
{
    for (const RoleInfo& info : roleTable())
        if (info.name == name)
            return info.role;
    return std::nullopt;
}

Schema Schema::detect(const Dataset& dataset, const RoleMapping& overrides, std::optional<TaskKind> forcedKind)
{
    Schema schema;
    auto hasColumn = [&](std::string_view name) {
        return std::find(dataset.columns.begin(), dataset.columns.end(), name) != dataset.columns.end();
    };
    for (const RoleInfo& info : roleTable()) {
        if (const auto it = overrides.find(info.role); it != overrides.end()) {
            if (!hasColumn(it->second))
                throw Error("cannot map the role '" + std::string(info.name) + "' onto the field '" + it->second +
                            "': " + (dataset.path.empty() ? std::string("the dataset") : dataset.path) +
                            " has no such field");
            schema.fields[info.role] = it->second;
            continue;
        }
        for (const std::string_view alias : info.aliases)
            if (hasColumn(alias)) {
                schema.fields[info.role] = std::string(alias);
                break;
            }
    }
    auto has = [&](Role role) { return schema.fields.count(role) > 0; };
    if (forcedKind)
        schema.kind = *forcedKind;
    else if (has(Role::Messages))
        schema.kind = TaskKind::Chat;
    else if (has(Role::Instruction) && has(Role::Output))
        schema.kind = TaskKind::Instruction;
    else if (has(Role::Question) && has(Role::Answer))
        schema.kind = TaskKind::QuestionAnswer;
    else if (has(Role::Text) && has(Role::Label))
        schema.kind = TaskKind::Classification;
    else if (has(Role::Text))
        schema.kind = TaskKind::Completion;
    else
        schema.kind = TaskKind::Unknown;

    // Keep only the roles the kind uses, so that e.g. a stray "label" column in an
    // instruction set is treated as an ordinary field.
    const std::vector<Role> used = [&]() -> std::vector<Role> {
        switch (schema.kind) {
        case TaskKind::Classification: return {Role::Text, Role::Label};
        case TaskKind::Instruction: return {Role::Instruction, Role::Input, Role::Output};
        case TaskKind::QuestionAnswer: return {Role::Question, Role::Answer};
        case TaskKind::Completion: return {Role::Text};
        case TaskKind::Chat: return {Role::Messages};
        case TaskKind::Unknown: return {};
        }
        return {};
    }();
    for (auto it = schema.fields.begin(); it != schema.fields.end();)
        it = std::find(used.begin(), used.end(), it->first) == used.end() ? schema.fields.erase(it) : std::next(it);
    // A forced kind whose fields are absent still validates against the usual names, so
    // the report says which field is missing.
    for (const Role role : schema.requiredRoles())
        if (!schema.fields.count(role))
            schema.fields[role] = std::string(roleName(role));
    return schema;
}

std::string Schema::fieldFor(Role role) const
{
    const auto it = fields.find(role);
    return it == fields.end() ? std::string() : it->second;
}

std::vector<Role> Schema::requiredRoles() const
{
    switch (kind) {
    case TaskKind::Classification: return {Role::Text, Role::Label};
    case TaskKind::Instruction: return {Role::Instruction, Role::Output};
    case TaskKind::QuestionAnswer: return {Role::Question, Role::Answer};
    case TaskKind::Completion: return {Role::Text};
    case TaskKind::Chat: return {Role::Messages};
    case TaskKind::Unknown: return {};
    }
    return {};
}

std::optional<std::string> Schema::labelOf(const Json& row) const
{
    const auto it = row.find(fieldFor(Role::Label));
    if (it == row.end())
        return std::nullopt;
    if (it->is_string())
        return it->get<std::string>();
    if (it->is_number_integer())
        return it->dump();
    return std::nullopt;
}

std::string Schema::inputKey(const Json& row) const
{
    switch (kind) {
    case TaskKind::Classification:
    case TaskKind::Completion:
        return textOf(row, fieldFor(Role::Text));
    case TaskKind::Instruction:
        return textOf(row, fieldFor(Role::Instruction)) + '\x1f' + textOf(row, fieldFor(Role::Input));
    case TaskKind::QuestionAnswer:
        return textOf(row, fieldFor(Role::Question));
    case TaskKind::Chat: {
        // Every message but a final assistant turn, which is the target.
        const auto it = row.find(fieldFor(Role::Messages));
        if (it == row.end() || !it->is_array())
            return {};
        Json prompt = *it;
        if (!prompt.empty() && prompt.back().is_object() && prompt.back().value("role", "") == "assistant")
            prompt.erase(prompt.size() - 1);
        return prompt.dump();
    }
    case TaskKind::Unknown:
        return row.dump();
    }
    return {};
}

std::string Schema::targetKey(const Json& row) const
{
    switch (kind) {
    case TaskKind::Classification: return inputKey(row) + '\x1f' + labelOf(row).value_or("");
    case TaskKind::Instruction: return inputKey(row) + '\x1f' + textOf(row, fieldFor(Role::Output));
    case TaskKind::QuestionAnswer: return inputKey(row) + '\x1f' + textOf(row, fieldFor(Role::Answer));
    case TaskKind::Chat: return textOf(row, fieldFor(Role::Messages));
    case TaskKind::Completion:
    case TaskKind::Unknown: return inputKey(row);
    }
    return {};
}

uint64_t Schema::inputHash(const Json& row) const
{
    switch (kind) {
    case TaskKind::Classification:
    case TaskKind::Completion: return fieldHash(row, fieldFor(Role::Text));
    case TaskKind::Instruction:
        return mix(fieldHash(row, fieldFor(Role::Instruction)), fieldHash(row, fieldFor(Role::Input)));
    case TaskKind::QuestionAnswer: return fieldHash(row, fieldFor(Role::Question));
    case TaskKind::Chat:
    case TaskKind::Unknown: return std::hash<std::string>()(inputKey(row));
    }
    return 0;
}

uint64_t Schema::targetHash(const Json& row) const
{
    switch (kind) {
    case TaskKind::Classification:
        return mix(inputHash(row), std::hash<std::string>()(labelOf(row).value_or("")));
    case TaskKind::Instruction: return mix(inputHash(row), fieldHash(row, fieldFor(Role::Output)));
    case TaskKind::QuestionAnswer: return mix(inputHash(row), fieldHash(row, fieldFor(Role::Answer)));
    case TaskKind::Chat: return fieldHash(row, fieldFor(Role::Messages));
    case TaskKind::Completion:
    case TaskKind::Unknown: return inputHash(row);
    }
    return 0;
}

std::vector<std::string> Schema::textsOf(const Json& row) const
{
    std::vector<std::string> texts;
    for (const auto& [role, field] : fields) {
        const auto it = row.find(field);
        if (it == row.end() || it->is_null())
            continue;
        if (role == Role::Messages && it->is_array()) {
            for (const Json& message : *it)
                if (message.is_object() && message.contains("content") && message["content"].is_string())
                    texts.push_back(message["content"].get<std::string>());
            continue;
        }
        texts.push_back(it->is_string() ? it->get<std::string>() : it->dump());
    }
    return texts;
}

} // namespace finch::data
