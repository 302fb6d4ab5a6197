#pragma once
// What a dataset is for, and which of its fields play which role.
#include "core/data/Dataset.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace finch::data {

enum class TaskKind { Classification, Instruction, QuestionAnswer, Completion, Chat, Unknown };
enum class Role { Text, Label, Instruction, Input, Output, Question, Answer, Messages };

std::string_view taskKindName(TaskKind kind);
std::optional<TaskKind> taskKindFromName(std::string_view name);
std::string_view roleName(Role role);
std::optional<Role> roleFromName(std::string_view name);

using RoleMapping = std::map<Role, std::string>;

struct Schema {
    TaskKind kind = TaskKind::Unknown;
    RoleMapping fields; // role -> field name in the rows

    // Detects the kind from the fields the rows have. `overrides` maps roles onto other
    // field names (e.g. text -> "review"); `forcedKind` skips the guess.
    static Schema detect(const Dataset& dataset, const RoleMapping& overrides = {},
                         std::optional<TaskKind> forcedKind = std::nullopt);

    std::string fieldFor(Role role) const;
    std::vector<Role> requiredRoles() const;

    // The label of a classification row as text (strings as they are, integers printed);
    // nullopt when absent or of another type.
    std::optional<std::string> labelOf(const Json& row) const;

    // A row's input (what the model is shown), used to find duplicates and leakage.
    std::string inputKey(const Json& row) const;
    // A row's input and target, to tell exact duplicates from conflicting ones.
    std::string targetKey(const Json& row) const;

    // Hashes that agree with inputKey/targetKey (equal keys, equal hashes) but are
    // computed without building the keys, so a million rows allocate nothing here.
    uint64_t inputHash(const Json& row) const;
    uint64_t targetHash(const Json& row) const;

    // Every piece of text a row contributes to training (inputs, targets, labels, chat
    // message contents), in field order: what a tokenizer is trained on and measured by.
    std::vector<std::string> textsOf(const Json& row) const;
};

} // namespace finch::data
