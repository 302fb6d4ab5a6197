#include "core/data/Validator.h"

#include "core/text/Tokenizer.h"

#include <algorithm>
#include <cctype>

namespace finch::data {
namespace {

std::string quoted(const std::string& text)
{
    constexpr size_t shown = 60;
    if (text.size() <= shown)
        return "\"" + text + "\"";
    size_t cut = shown;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
        --cut; // do not split a UTF-8 sequence
    return "\"" + text.substr(0, cut) + "...\"";
}

std::string describe(const Json& value)
{
    if (value.is_null())
        return "null";
    if (value.is_string())
        return "the string " + quoted(value.get<std::string>());
    if (value.is_boolean())
        return std::string("the boolean ") + (value.get<bool>() ? "true" : "false");
    if (value.is_number())
        return "the number " + value.dump();
    if (value.is_array())
        return "an array";
    return "an object";
}

bool isBlank(const std::string& text)
{
    return std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isspace(c) != 0; });
}

size_t editDistance(const std::string& a, const std::string& b)
{
    std::vector<size_t> previous(b.size() + 1), current(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j)
        previous[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        current[0] = i;
        for (size_t j = 1; j <= b.size(); ++j)
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1,
                                   previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
        std::swap(previous, current);
    }
    return previous[b.size()];
}

std::string joined(const std::vector<std::string>& items)
{
    std::string text;
    for (size_t i = 0; i < items.size(); ++i)
        text += (i ? ", " : "") + items[i];
    return text;
}

class RowChecker {
public:
    RowChecker(const Dataset& dataset, const Schema& schema, const ValidationOptions& options,
               std::vector<Problem>& problems)
        : dataset_(dataset), schema_(schema), options_(options), problems_(problems) {}

    void check(size_t index)
    {
        const Row& row = dataset_.rows[index];
        index_ = index;
        for (const Role role : schema_.requiredRoles())
            checkRequired(row.value, role);
        if (schema_.kind == TaskKind::Instruction)
            checkOptionalText(row.value, schema_.fieldFor(Role::Input));
        if (schema_.kind == TaskKind::Classification && !options_.labels.empty())
            checkLabelKnown(row.value);
        if (options_.tokenizer && options_.maxTokens > 0)
            checkTokenCount(row.value);
    }

private:
    void add(Severity severity, ProblemCode code, const std::string& field, std::string expected,
             std::string found, std::string detail = {})
    {
        const Row& row = dataset_.rows[index_];
        problems_.push_back({severity, code, dataset_.path, row.line, 0, static_cast<long long>(index_), field,
                             std::move(expected), std::move(found), std::move(detail)});
    }

    void checkRequired(const Json& row, Role role)
    {
        const std::string field = schema_.fieldFor(role);
        const auto it = row.find(field);
        if (role == Role::Messages) {
            if (it == row.end())
                add(Severity::Error, ProblemCode::MissingField, field, "a list of messages", "no such field");
            else
                checkMessages(*it, field);
            return;
        }
        const bool label = role == Role::Label;
        const std::string expected = label ? "a label (a string or an integer)" : "a string";
        if (it == row.end()) {
            add(Severity::Error, ProblemCode::MissingField, field, expected, "no such field");
            return;
        }
        if (it->is_string()) {
            if (isBlank(it->get<std::string>()))
                add(Severity::Error, ProblemCode::EmptyField, field, "a non-empty " + std::string(label ? "label" : "text"),
                    "an empty string");
            return;
        }
        if (label && it->is_number_integer())
            return;
        add(Severity::Error, ProblemCode::WrongType, field, expected, describe(*it));
    }

    void checkOptionalText(const Json& row, const std::string& field)
    {
        const auto it = row.find(field);
        if (it != row.end() && !it->is_string() && !it->is_null())
            add(Severity::Error, ProblemCode::WrongType, field, "a string (or no value)", describe(*it));
    }

    void checkMessages(const Json& messages, const std::string& field)
    {
        if (!messages.is_array()) {
            add(Severity::Error, ProblemCode::WrongType, field, "a list of messages", describe(messages));
            return;
        }
        if (messages.empty()) {
            add(Severity::Error, ProblemCode::EmptyField, field, "at least one message", "an empty list");
            return;
        }
        bool hasAssistant = false;
        for (size_t i = 0; i < messages.size(); ++i) {
            const Json& message = messages[i];
            const std::string where = field + "[" + std::to_string(i) + "]";
            if (!message.is_object()) {
                add(Severity::Error, ProblemCode::WrongType, where, "an object with 'role' and 'content'",
                    describe(message));
                continue;
            }
            const auto role = message.find("role");
            if (role == message.end()) {
                add(Severity::Error, ProblemCode::MissingField, where + ".role", "one of system, user, assistant, tool",
                    "no such field");
            } else if (!role->is_string() ||
                       !(*role == "system" || *role == "user" || *role == "assistant" || *role == "tool")) {
                add(Severity::Error, ProblemCode::WrongType, where + ".role", "one of system, user, assistant, tool",
                    describe(*role));
            } else if (*role == "assistant") {
                hasAssistant = true;
            }
            const auto content = message.find("content");
            if (content == message.end())
                add(Severity::Error, ProblemCode::MissingField, where + ".content", "a string", "no such field");
            else if (!content->is_string())
                add(Severity::Error, ProblemCode::WrongType, where + ".content", "a string", describe(*content));
        }
        if (!hasAssistant)
            add(Severity::Error, ProblemCode::MissingField, field,
                "at least one message with role 'assistant' (the text to learn)", "none");
    }

    void checkLabelKnown(const Json& row)
    {
        const std::optional<std::string> label = schema_.labelOf(row);
        if (!label || isBlank(*label))
            return; // already reported as missing, empty or mistyped
        const auto& allowed = options_.labels;
        if (std::find(allowed.begin(), allowed.end(), *label) != allowed.end())
            return;
        std::string hint;
        size_t best = 3;
        for (const std::string& candidate : allowed) {
            const size_t distance = editDistance(*label, candidate);
            if (distance < best) {
                best = distance;
                hint = "did you mean '" + candidate + "'?";
            }
        }
        add(Severity::Error, ProblemCode::UnknownLabel, schema_.fieldFor(Role::Label), "one of: " + joined(allowed),
            quoted(*label), hint);
    }

    void checkTokenCount(const Json& row)
    {
        size_t count = 0;
        for (const std::string& text : schema_.textsOf(row))
            count += options_.tokenizer->encode(text).size();
        if (count > options_.maxTokens)
            add(Severity::Warning, ProblemCode::TooManyTokens, "", "at most " + std::to_string(options_.maxTokens) + " tokens",
                std::to_string(count) + " tokens", "the row will be truncated in training");
    }

    const Dataset& dataset_;
    const Schema& schema_;
    const ValidationOptions& options_;
    std::vector<Problem>& problems_;
    size_t index_ = 0;
};

// For each readable row, the first earlier row with an equal key, or -1. Sorting
// (hash, index) pairs keeps a million rows cache-friendly and free of per-row
// allocations; rows with equal hashes are confirmed by comparing their keys.
template <typename HashOf, typename KeyOf>
std::vector<long long> firstOccurrences(const Dataset& dataset, HashOf hashOf, KeyOf keyOf)
{
    std::vector<std::pair<uint64_t, size_t>> entries;
    entries.reserve(dataset.rows.size());
    for (size_t i = 0; i < dataset.rows.size(); ++i)
        if (dataset.rows[i].readable)
            entries.emplace_back(hashOf(dataset.rows[i].value), i);
    std::sort(entries.begin(), entries.end());
    std::vector<long long> first(dataset.rows.size(), -1);
    for (size_t begin = 0; begin < entries.size();) {
        size_t end = begin + 1;
        while (end < entries.size() && entries[end].first == entries[begin].first)
            ++end;
        if (end - begin > 1) {
            std::vector<std::string> keys;
            for (size_t k = begin; k < end; ++k)
                keys.push_back(keyOf(dataset.rows[entries[k].second].value));
            for (size_t k = begin + 1; k < end; ++k)
                for (size_t earlier = begin; earlier < k; ++earlier)
                    if (keys[earlier - begin] == keys[k - begin]) {
                        first[entries[k].second] = static_cast<long long>(entries[earlier].second);
                        break;
                    }
        }
        begin = end;
    }
    return first;
}

} // namespace

std::vector<Problem> validateDataset(const Dataset& dataset, const Schema& schema, const ValidationOptions& options)
{
    std::vector<Problem> problems;
    if (schema.kind == TaskKind::Unknown) {
        problems.push_back({Severity::Error, ProblemCode::UnknownKind, dataset.path, 0, 0, -1, "",
                            "the fields of one kind of dataset: text + label (classification), instruction + output, "
                            "question + answer, text (completion) or messages (chat); map other names onto these roles",
                            dataset.columns.empty() ? std::string("no fields") : "the fields " + joined(dataset.columns),
                            ""});
        return problems;
    }

    RowChecker checker(dataset, schema, options, problems);
    for (size_t i = 0; i < dataset.rows.size(); ++i)
        if (dataset.rows[i].readable)
            checker.check(i);

    auto rowProblem = [&](Severity severity, ProblemCode code, size_t index, std::string detail) {
        problems.push_back({severity, code, dataset.path, dataset.rows[index].line, 0, static_cast<long long>(index),
                            "", "", "", std::move(detail)});
    };

    if (options.checkDuplicates) {
        const auto sameRow = firstOccurrences(
            dataset, [&](const Json& row) { return schema.targetHash(row); },
            [&](const Json& row) { return schema.targetKey(row); });
        std::vector<long long> sameInput;
        if (schema.kind == TaskKind::Classification)
            sameInput = firstOccurrences(
                dataset, [&](const Json& row) { return schema.inputHash(row); },
                [&](const Json& row) { return schema.inputKey(row); });
        for (size_t i = 0; i < dataset.rows.size(); ++i) {
            if (sameRow[i] >= 0) {
                rowProblem(Severity::Warning, ProblemCode::DuplicateRow, i,
                           "duplicate row: the same as line " + std::to_string(dataset.rows[sameRow[i]].line));
            } else if (!sameInput.empty() && sameInput[i] >= 0) {
                const Json& other = dataset.rows[sameInput[i]].value;
                rowProblem(Severity::Warning, ProblemCode::ConflictingLabels, i,
                           "the same text has the label " + quoted(schema.labelOf(dataset.rows[i].value).value_or("")) +
                               " here and " + quoted(schema.labelOf(other).value_or("")) + " on line " +
                               std::to_string(dataset.rows[sameInput[i]].line));
            }
        }
    }

    if (options.heldOut) {
        const Dataset& heldOut = *options.heldOut;
        const Schema& heldOutSchema = options.heldOutSchema ? *options.heldOutSchema : schema;
        std::vector<std::pair<uint64_t, size_t>> heldOutInputs;
        for (size_t i = 0; i < heldOut.rows.size(); ++i)
            if (heldOut.rows[i].readable)
                heldOutInputs.emplace_back(heldOutSchema.inputHash(heldOut.rows[i].value), i);
        std::sort(heldOutInputs.begin(), heldOutInputs.end());
        for (size_t i = 0; i < dataset.rows.size(); ++i) {
            if (!dataset.rows[i].readable)
                continue;
            const uint64_t hash = schema.inputHash(dataset.rows[i].value);
            auto it = std::lower_bound(heldOutInputs.begin(), heldOutInputs.end(), std::make_pair(hash, size_t(0)));
            for (; it != heldOutInputs.end() && it->first == hash; ++it) {
                if (heldOutSchema.inputKey(heldOut.rows[it->second].value) != schema.inputKey(dataset.rows[i].value))
                    continue;
                rowProblem(Severity::Error, ProblemCode::Leakage, i,
                           "leakage: the same input is in " + heldOut.path + " line " +
                               std::to_string(heldOut.rows[it->second].line));
                break;
            }
        }
    }
    return problems;
}

} // namespace finch::data
