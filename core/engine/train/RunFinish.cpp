// The recipe's last part: the final model, the test evaluation, the baseline and the
// record of the result (TrainingRecipe.h).
#include "core/engine/train/TrainingRecipe.h"

#include "core/common/Error.h"
#include "core/common/FileIO.h"
#include "core/engine/train/Checkpoint.h"
#include "core/train/RunArtifacts.h"

#include <cmath>
#include <filesystem>
#include <iomanip>
#include <sstream>

namespace finch::train {
namespace {

namespace fs = std::filesystem;
using runs::EventKind;
using runs::RunEvent;
using runs::RunStatus;

// Every rank evaluates its shard of the test split on the final model; rank 0 gathers the
// rows and writes eval.json.
void evaluateTestSplit(PreparedRun& run, engine::Engine& engine, int64_t step)
{
    RunEvaluationRequest request;
    request.device = run.config.device;
    if (run.parallel) {
        run.parallel->shareFromRankZero("final", {}); // rank 0 has written final/
        request.shardIndex = size_t(run.rank());
        request.shardCount = size_t(run.ranks());
        request.gatherShards = [&run](const std::string& rows) { return run.parallel->gatherOnRankZero("test rows", rows); };
    }
    // A stop during the test evaluation ends it at the next batch: the model is saved, the
    // run is complete, and `finch eval` evaluates it later.
    const auto keepGoing = [&run](size_t, size_t) { return !(run.control && run.control->stopRequested()); };
    try {
        const RunEvaluation evaluation = evaluateRun(engine, *run.folder, request, keepGoing);
        if (run.writes())
            run.events.writeTestMetrics(step, run.layout.epochAt(step), evaluation.record.results.metrics.json);
    } catch (const Error&) {
        if (keepGoing(0, 0))
            throw;
        run.events.log("test evaluation stopped; evaluate later with: finch eval --run " + run.folder->path(), step,
                       run.layout.totalSteps);
    }
}

// Cross-validation: the rows of the held-out fold, predicted by the model that did not
// train on them, with their file line (to find them again in the dataset).
void predictHeldOutFold(PreparedRun& run, int64_t step)
{
    const TrainingData& data = run.data;
    std::vector<const data::Json*> rows;
    std::vector<const data::Row*> source;
    for (const data::Row& row : data.heldOut.rows)
        if (row.readable) {
            rows.push_back(&row.value);
            source.push_back(&row);
        }
    eval::EvaluationOptions options;
    options.maxSequenceLength = run.config.maxSequenceLength;
    const auto probabilities = eval::labelProbabilitiesOfRows(*run.model, *run.formatter, data.labels, rows, options);
    runs::HeldOutRecord record;
    record.folds = run.config.crossValidationFolds;
    record.fold = run.config.crossValidationFold;
    record.labels = data.labels;
    for (size_t i = 0; i < source.size(); ++i)
        record.rows.push_back({source[i]->line, data.schema.inputKey(source[i]->value),
                               data.schema.labelOf(source[i]->value).value_or(""), probabilities[i]});
    writeFileAtomically(run.folder->heldOutPath(), record.toJson().dump(1) + "\n");
    run.events.log("predicted the " + std::to_string(source.size()) + " rows of held-out fold " +
                       std::to_string(run.config.crossValidationFold + 1) + " of " +
                       std::to_string(run.config.crossValidationFolds),
                   step, run.layout.totalSteps);
}

// The bar fine-tuning has to clear, on the same split.
void recordBaseline(PreparedRun& run, int64_t step)
{
    try {
        if (const auto baseline = evaluateBaseline(run.data)) {
            writeFileAtomically(run.folder->baselinePath(), baseline->toJson().dump(1) + "\n");
            run.events.log("baseline (" + baseline->method + "): accuracy " +
                               std::to_string(baseline->results.metrics.value("accuracy").value_or(0.0)),
                           step, run.layout.totalSteps);
        }
    } catch (const Error& error) {
        run.events.log(std::string("no baseline: ") + error.what(), step, run.layout.totalSteps);
    }
}

std::string trafficSummary(const DataParallel& parallel, int64_t sessionSteps)
{
    const DataParallel::Traffic& traffic = parallel.traffic();
    const double steps = double(std::max<int64_t>(1, sessionSteps));
    std::ostringstream text;
    text << std::fixed << std::setprecision(1) << "all-reduce over " << parallel.worldSize() << " ranks: "
         << double(traffic.bytes) / steps / 1e6 << " MB and " << traffic.seconds / steps * 1e3
         << " ms a step (rank 0's wait after its backward pass, " << traffic.seconds << " s in all); "
         << traffic.bucketsDuringBackward << " of " << traffic.buckets
         << " gradient buckets went during the backward pass";
    return text.str();
}

} // namespace

TrainingOutcome finishRun(PreparedRun& run, TrainingLoop& loop, const LoopEnd& end, engine::Engine& engine)
{
    const int64_t step = loop.step();
    const int64_t totalSteps = run.layout.totalSteps;
    if (end.status == RunStatus::Failed) // the loop recorded it
        return {run.folder->path(), end.status, step, end.message};
    const bool testEvaluation = end.status == RunStatus::Completed && !run.data.test.rows.empty();
    if (!run.writes()) { // rank 0 saves and records; every rank evaluates
        if (testEvaluation)
            evaluateTestSplit(run, engine, step);
        return {run.folder->path(), end.status, step, end.message};
    }
    if (end.status == RunStatus::Completed) {
        if (run.config.loadBestModelAtEnd && fs::exists(run.folder->bestPath())) {
            readCheckpoint(run.folder->bestPath(), run.trainable, nullptr);
            run.events.log("loaded the best checkpoint (step " + std::to_string(loop.bestStep()) +
                               ", validation loss " + std::to_string(loop.bestValidationLoss()) + ")",
                           step, totalSteps);
        }
        run.network->eval();
        replaceFolderAtomically(run.folder->finalPath(), [&run](const std::string& temporary) {
            run.strategy->saveFinal(*run.model, temporary);
        });
        if (testEvaluation) {
            run.events.log("evaluating on " + std::to_string(run.data.test.rows.size()) + " test rows" +
                               (run.parallel ? ", a share in each of " + std::to_string(run.ranks()) + " processes"
                                             : std::string()),
                           step, totalSteps);
            evaluateTestSplit(run, engine, step);
            recordBaseline(run, step);
        }
        if (!run.data.heldOut.rows.empty() && run.data.schema.kind == data::TaskKind::Classification)
            predictHeldOutFold(run, step);
    }
    runs::RunRecord record = run.folder->readRecord();
    record.status = end.status;
    record.message = end.message;
    record.updated = isoTime();
    const double best = loop.bestValidationLoss();
    record.result = runs::ResultRecord{.steps = step,
                                       .trainLoss = loop.lastTrainLoss(),
                                       .bestValidationLoss = std::isfinite(best) ? best : NAN,
                                       .bestStep = loop.bestStep(),
                                       .trainSeconds = loop.elapsedSeconds(),
                                       .peakMemoryBytes = peakMemoryBytes(run.device)};
    run.folder->writeRecord(record);
    if (record.result->peakMemoryBytes > 0)
        run.events.log("peak memory on " + run.device.str() + ": " +
                           std::to_string(record.result->peakMemoryBytes >> 20) + " MiB",
                       step, totalSteps);
    if (run.parallel && run.parallel->traffic().calls > 0)
        run.events.log(trafficSummary(*run.parallel, loop.sessionSteps()), step, totalSteps);

    RunEvent event = RunEvent::of(EventKind::Finished, step, totalSteps);
    event.path = run.folder->path();
    event.status = std::string(runs::kRunStatuses.name(end.status));
    event.message = end.message;
    event.elapsedSeconds = loop.elapsedSeconds();
    run.events.write(event);
    return {run.folder->path(), end.status, step, end.message};
}

} // namespace finch::train
