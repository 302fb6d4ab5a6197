#pragma once
// A run's events as TensorBoard scalars, under the tags transformers' Trainer gives them with
// report_to="tensorboard" (its TensorBoardCallback logs each on_log dict at the global step,
// keys renamed by rewrite_logs: eval_* -> eval/*, test_* -> test/*, the rest train/*). One
// point per event that metrics.jsonl keeps, at the same step:
//
//   step event         train/loss, train/grad_norm, train/learning_rate, train/epoch
//   evaluation event   eval/loss, train/epoch
//   writeTestMetrics   test/<name> for each number of eval.json's "metrics", train/epoch
//
// NaN stands for a value the event does not have, and is left out. Each session's started
// event marks a SessionLog START at the step after the one it starts from: TensorBoard then
// drops what earlier sessions logged past the checkpoint a run resumes from, as
// metrics.jsonl is truncated there (RunFolder::truncateEventsAfter).
#include "core/runs/RunEvent.h"
#include "core/runs/TensorBoardWriter.h"

#include <memory>
#include <string>

namespace finch::train {
struct RunConfig;
}

namespace finch::runs {

class RunFolder;

class TensorBoardSink : public MetricSink {
public:
    // Opens a new event file in `folder`, creating it (TensorBoardWriter's rules).
    explicit TensorBoardSink(const std::string& folder) : writer_(folder) {}

    // Flushes each event's points to the file as it comes.
    void write(const RunEvent& event) override;
    // The test evaluation's metrics (eval.json's "metrics" object): its finite numbers as
    // test/<name>, then train/epoch, as the Trainer's evaluate(metric_key_prefix="test")
    // logs them. Throws finch::Error when `metrics` is not an object.
    void writeTestMetrics(int64_t step, double epoch, const Json& metrics);

    const std::string& filePath() const { return writer_.path(); }

private:
    void addIfKnown(const char* tag, double value, int64_t step);

    TensorBoardWriter writer_;
};

// Where a run's event files go: its logging_dir, or RUN/tensorboard.
std::string tensorBoardFolder(const train::RunConfig& config, const RunFolder& run);
// The sink 'report_to' asks for: a TensorBoardSink in tensorBoardFolder(), or null for
// "none". Throws finch::Error when the folder or file cannot be created, or when the default
// RUN/tensorboard is a symbolic link (the run folder is Finch's: never written through a
// planted link).
std::unique_ptr<TensorBoardSink> makeReportSink(const train::RunConfig& config, const RunFolder& run);

} // namespace finch::runs
