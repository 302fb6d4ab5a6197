#include "core/train/TrainingData.h"

#include "core/common/Error.h"
#include "core/common/FileIO.h"
#include "core/common/Parallel.h"
#include "core/data/DatasetFile.h"
#include "core/data/Splitter.h"
#include "core/data/Validator.h"

#include <algorithm>
#include <cstdio>
#include <optional>
#include <random>
#include <set>

namespace finch::train {

data::Dataset loadCheckedDataset(const std::string& path, const RunConfig& config, data::Schema* schemaOut)
{
    data::LoadResult loaded = data::DatasetFile::load(path);
    data::RoleMapping mapping;
    for (const auto& [roleName, field] : config.fields) {
        const auto role = data::roleFromName(roleName);
        if (!role)
            throw Error("run configuration: 'fields': unknown role '" + roleName + "'");
        mapping[*role] = field;
    }
    const data::Schema schema = data::Schema::detect(loaded.dataset, mapping);
    data::ValidationOptions options;
    options.labels = config.labels;
    options.checkDuplicates = false; // duplicates are allowed in training data
    std::vector<Problem> problems = loaded.problems;
    for (Problem& problem : data::validateDataset(loaded.dataset, schema, options))
        problems.push_back(std::move(problem));
    std::vector<const Problem*> errors;
    for (const Problem& problem : problems)
        if (problem.severity == Severity::Error)
            errors.push_back(&problem);
    if (!errors.empty()) {
        std::string message = path + " has " + std::to_string(errors.size()) + " problems to fix before training:";
        for (size_t i = 0; i < errors.size() && i < 5; ++i)
            message += "\n  " + errors[i]->message();
        if (errors.size() > 5)
            message += "\n  ... (run 'finch data validate " + path + "' for all of them)";
        throw Error(message);
    }
    if (loaded.dataset.rows.empty())
        throw Error(path + ": no rows to train on");
    if (schemaOut)
        *schemaOut = schema;
    return std::move(loaded.dataset);
}

std::string fingerprint(std::string_view bytes)
{
    uint64_t hash = 0xcbf29ce484222325ULL;
    for (const char c : bytes) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 0x100000001b3ULL;
    }
    char text[32];
    std::snprintf(text, sizeof text, "fnv1a64:%016llx", static_cast<unsigned long long>(hash));
    return text;
}

TrainingData TrainingData::prepare(const RunConfig& config)
{
    TrainingData data;
    data::Dataset all = loadCheckedDataset(config.trainFile, config, &data.schema);
    const MappedFile trainFile(config.trainFile);
    data.trainFingerprint = fingerprint(trainFile.content());
    trainFile.checkIntact();

    const double validation = config.validationFile.empty() ? config.validationSplit : 0.0;
    const double test = config.testFile.empty() ? config.testSplit : 0.0;
    const data::SplitResult split =
        data::splitDataset(all, data.schema, {1.0 - validation - test, validation, test, config.seed, true});
    std::vector<size_t> trainRows = split.train;
    if (config.crossValidationFolds > 0) {
        // Dealt in a seeded order, so the k runs of one cross-validation hold out disjoint folds.
        std::vector<size_t> order = trainRows;
        std::shuffle(order.begin(), order.end(), std::mt19937_64(config.seed ^ 0x9e3779b97f4a7c15ULL));
        std::vector<size_t> kept, held;
        for (size_t k = 0; k < order.size(); ++k)
            (int(k % size_t(config.crossValidationFolds)) == config.crossValidationFold ? held : kept).push_back(order[k]);
        std::sort(kept.begin(), kept.end());
        std::sort(held.begin(), held.end());
        trainRows = kept;
        data.heldOut = all.subset(held);
    }
    data.train = all.subset(trainRows);
    data.validation = config.validationFile.empty() ? all.subset(split.validation)
                                                    : loadCheckedDataset(config.validationFile, config, nullptr);
    data.test = config.testFile.empty() ? all.subset(split.test) : loadCheckedDataset(config.testFile, config, nullptr);
    if (data.train.rows.empty())
        throw Error(config.trainFile + ": no rows are left for training after the validation and test splits");

    if (data.schema.kind == data::TaskKind::Classification) {
        if (!config.labels.empty()) {
            data.labels = config.labels;
        } else {
            std::set<std::string> seen;
            for (const data::Dataset* part : {&data.train, &data.validation, &data.test})
                for (const data::Row& row : part->rows)
                    if (auto label = data.schema.labelOf(row.value))
                        seen.insert(*label);
            data.labels.assign(seen.begin(), seen.end());
        }
        if (data.labels.size() < 2)
            throw Error(config.trainFile + ": a classification dataset needs at least two labels, found " +
                        std::to_string(data.labels.size()));
    }
    return data;
}

data::PromptFormatter TrainingData::formatter(const RunConfig& config) const
{
    return formatterFor(schema, config);
}

data::PromptFormatter formatterFor(const data::Schema& schema, const RunConfig& config)
{
    data::PromptTemplate promptTemplate = data::PromptTemplate::defaultFor(schema.kind);
    if (!config.promptTemplate.empty())
        promptTemplate.prompt = config.promptTemplate;
    if (!config.completionTemplate.empty())
        promptTemplate.completion = config.completionTemplate;
    return data::PromptFormatter(schema, promptTemplate);
}

namespace {

// A row through the model's chat template: the loss on every assistant turn (all tokens
// with trainOnPrompt). A conversation too long keeps its end, where the answers are.
std::optional<EncodedExample> encodeConversationRow(const data::Row& row, const data::PromptFormatter& formatter,
                                                    const text::Tokenizer& tokenizer, int maxLength, bool trainOnPrompt)
{
    const text::EncodedConversation conversation =
        text::encodeConversation(*formatter.chatTemplate(), tokenizer, formatter.messages(row.value));
    EncodedExample example;
    const size_t keep = std::min(conversation.ids.size(), static_cast<size_t>(maxLength));
    const size_t from = conversation.ids.size() - keep;
    bool anyAnswer = false;
    for (size_t i = from; i < conversation.ids.size(); ++i) {
        const int id = conversation.ids[i];
        example.ids.push_back(id);
        example.labels.push_back(trainOnPrompt || conversation.assistant[i] ? id : data::kIgnoredLabel);
        anyAnswer |= conversation.assistant[i];
    }
    if (!anyAnswer)
        return std::nullopt;
    return example;
}

// One row as an example, or nothing when it cannot train (unreadable, empty completion).
std::optional<EncodedExample> encodeRow(const data::Row& row, const data::PromptFormatter& formatter,
                                        const text::Tokenizer& tokenizer, int maxLength, bool trainOnPrompt)
{
    if (!row.readable)
        return std::nullopt;
    if (formatter.chatTemplate())
        return encodeConversationRow(row, formatter, tokenizer, maxLength, trainOnPrompt);
    const data::FormattedExample text = formatter.format(row.value);
    if (text.completion.empty())
        return std::nullopt;
    std::vector<int> prompt = tokenizer.encode(text.prompt);
    std::vector<int> completion = tokenizer.encode(text.completion);
    if (tokenizer.eosId() >= 0)
        completion.push_back(tokenizer.eosId());
    const bool bos = tokenizer.bosId() >= 0;
    const size_t room = static_cast<size_t>(maxLength) - (bos ? 1 : 0);
    if (completion.size() > room)
        completion.resize(room);
    if (prompt.size() + completion.size() > room)
        prompt.erase(prompt.begin(), prompt.begin() + static_cast<long>(prompt.size() + completion.size() - room));

    EncodedExample example;
    if (bos)
        example.ids.push_back(tokenizer.bosId());
    example.ids.insert(example.ids.end(), prompt.begin(), prompt.end());
    example.labels.assign(example.ids.size(), data::kIgnoredLabel);
    if (trainOnPrompt)
        std::copy(example.ids.begin() + (bos ? 1 : 0), example.ids.end(), example.labels.begin() + (bos ? 1 : 0));
    example.ids.insert(example.ids.end(), completion.begin(), completion.end());
    example.labels.insert(example.labels.end(), completion.begin(), completion.end());
    return example;
}

} // namespace

std::vector<EncodedExample> encodeExamples(const data::Dataset& dataset, const data::PromptFormatter& formatter,
                                           const text::Tokenizer& tokenizer, int maxLength, bool trainOnPrompt)
{
    // Rows are tokenized on every core (tokenizers are thread-safe), then kept in order.
    std::vector<std::optional<EncodedExample>> encoded(dataset.rows.size());
    parallelFor(dataset.rows.size(), [&](size_t begin, size_t end) {
        for (size_t r = begin; r < end; ++r)
            encoded[r] = encodeRow(dataset.rows[r], formatter, tokenizer, maxLength, trainOnPrompt);
    });
    std::vector<EncodedExample> examples;
    examples.reserve(encoded.size());
    for (auto& example : encoded)
        if (example)
            examples.push_back(std::move(*example));
    return examples;
}

std::vector<std::string> trainingTexts(const data::Dataset& dataset, const data::PromptFormatter& formatter)
{
    std::vector<std::string> texts;
    for (const data::Row& row : dataset.rows)
        if (row.readable) {
            // Prompt and completion are encoded apart, so the tokenizer learns them apart.
            data::FormattedExample example = formatter.format(row.value);
            if (!example.prompt.empty())
                texts.push_back(std::move(example.prompt));
            texts.push_back(std::move(example.completion));
        }
    return texts;
}

} // namespace finch::train
