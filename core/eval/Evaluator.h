#pragma once
// Test-set evaluation of a language model on a dataset, as eval.json records it.
// Classification scores every label's log-likelihood after the prompt and predicts the
// best, so the answer is always a valid label; a softmax over the scores gives the
// probabilities. Other kinds generate greedily and compare with the reference (exact
// match, BLEU, ROUGE-L) and report the perplexity of the reference.
#include "core/data/Dataset.h"
#include "core/data/PromptFormatter.h"
#include "core/model/LanguageModel.h"

#include <nlohmann/json.hpp>

#include <functional>
#include <string>
#include <vector>

namespace finch::eval {

struct EvaluationOptions {
    int maxSequenceLength = 256;
    int batchSize = 16;      // sequences scored together
    int maxNewTokens = 64;   // generation
    // Data parallelism: this evaluation takes every shardCount-th row from shardIndex; the
    // shards' rows are put together by combineShards.
    size_t shardIndex = 0, shardCount = 1;
};

struct EvaluationReport {
    std::string task;              // "classification" or "generation"
    nlohmann::ordered_json metrics; // accuracy, macro_f1, ... or exact_match, bleu, rouge_l, perplexity
    // Per row: index, input, reference, prediction, score (the prediction's probability
    // or its ROUGE-L), correct; for classification the probability of every label, for
    // generation the reference's token count and log-likelihood (its perplexity).
    nlohmann::ordered_json rows = nlohmann::ordered_json::array();

    nlohmann::ordered_json toJson() const;
    // Checks the whole shape (metric types, a square confusion matrix over the labels, the
    // fields of every row); throws finch::Error naming `source` and the field.
    static EvaluationReport fromJson(const nlohmann::ordered_json& json, const std::string& source);
};

// An eval.json (or eval-<name>.json) file, checked as fromJson checks it.
EvaluationReport readEvaluationReport(const std::string& path);

// Called after each batch of rows; return false to cancel (throws finch::Error "cancelled").
using EvaluationProgress = std::function<bool(size_t done, size_t total)>;

// `labels` non-empty selects classification. Throws finch::Error when the model has no tokenizer.
EvaluationReport evaluate(const model::LanguageModel& model, const data::Dataset& dataset,
                          const data::PromptFormatter& formatter, const std::vector<std::string>& labels,
                          const EvaluationOptions& options = {}, const EvaluationProgress& progress = {});

// One report from the rows of every shard (`rows` of the shards' reports): the rows in
// dataset order and the metrics over all of them, the same as one evaluation of every row.
EvaluationReport combineShards(const std::string& task, const std::vector<nlohmann::ordered_json>& shardRows,
                               const std::vector<std::string>& labels);

// The probability of each label for each row, `options.batchSize` sequences at a time:
// what classification evaluation, pre-labelling and the playground's classifier share.
std::vector<std::vector<double>> labelProbabilitiesOfRows(const model::LanguageModel& model,
                                                          const data::PromptFormatter& formatter,
                                                          const std::vector<std::string>& labels,
                                                          const std::vector<const data::Json*>& rows,
                                                          const EvaluationOptions& options = {},
                                                          const EvaluationProgress& progress = {});

// The probability of each label for one row (the playground's classifier view).
std::vector<double> labelProbabilities(const model::LanguageModel& model, const data::PromptFormatter& formatter,
                                       const std::vector<std::string>& labels, const data::Json& row,
                                       int maxSequenceLength = 256);

} // namespace finch::eval
