#pragma once
// The data side of a run: read and check the files, split when asked, format rows into
// prompt + completion and tokenize them. Plain C++ (no torch).
#include "core/data/Batches.h"
#include "core/data/Dataset.h"
#include "core/data/PromptFormatter.h"
#include "core/text/Tokenizer.h"
#include "core/train/RunConfig.h"

#include <memory>
#include <string>
#include <vector>

namespace finch::train {

using data::EncodedExample;

struct TrainingData {
    data::Schema schema;
    data::Dataset train, validation, test;
    data::Dataset heldOut; // cross-validation: the training rows of the held-out fold
    std::vector<std::string> labels; // classification: the label set, in a fixed order
    std::string trainFingerprint;    // FNV-1a of the training file's bytes, for run.json

    // Reads the run's files; refuses data with errors, listing them (file, line, problem).
    static TrainingData prepare(const RunConfig& config);

    data::PromptFormatter formatter(const RunConfig& config) const;
};

// Reads a dataset with the run's field mapping and label set; throws finch::Error listing
// the problems (file, line, field) when it has errors.
data::Dataset loadCheckedDataset(const std::string& path, const RunConfig& config, data::Schema* schemaOut);

// The run's prompt and completion templates (or the kind's defaults) for rows of `schema`.
data::PromptFormatter formatterFor(const data::Schema& schema, const RunConfig& config);

// Tokenizes rows; the prompt is cut from its start when the example is too long, so the
// cue before the completion survives. Rows whose completion is empty are skipped.
std::vector<EncodedExample> encodeExamples(const data::Dataset& dataset, const data::PromptFormatter& formatter,
                                           const text::Tokenizer& tokenizer, int maxLength, bool trainOnPrompt);

// Every text of the training rows, for training a tokenizer.
std::vector<std::string> trainingTexts(const data::Dataset& dataset, const data::PromptFormatter& formatter);

std::string fingerprint(std::string_view bytes);

} // namespace finch::train
