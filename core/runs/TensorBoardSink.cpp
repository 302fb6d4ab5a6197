#include "core/runs/TensorBoardSink.h"

#include "core/common/Error.h"
#include "core/runs/RunFolder.h"
#include "core/train/RunConfig.h"

#include <algorithm>
#include <cmath>
#include <filesystem>

namespace finch::runs {

void TensorBoardSink::addIfKnown(const char* tag, double value, int64_t step)
{
    if (std::isfinite(value))
        writer_.addScalar(tag, float(value), step);
}

void TensorBoardSink::write(const RunEvent& event)
{
    // In the order the Trainer's logs dict has them.
    switch (event.kind) {
    case EventKind::Started: writer_.addSessionStart(event.step + 1); break;
    case EventKind::Step:
        addIfKnown("train/loss", event.trainLoss, event.step);
        addIfKnown("train/grad_norm", event.gradNorm, event.step);
        addIfKnown("train/learning_rate", event.learningRate, event.step);
        addIfKnown("train/epoch", event.epoch, event.step);
        break;
    case EventKind::Evaluation:
        addIfKnown("eval/loss", event.validationLoss, event.step);
        addIfKnown("train/epoch", event.epoch, event.step);
        break;
    case EventKind::Checkpoint:
    case EventKind::Paused:
    case EventKind::Resumed:
    case EventKind::Log:
    case EventKind::Finished:
    case EventKind::Failed: return; // no scalars: the Trainer logs none for them
    }
    writer_.flush();
}

void TensorBoardSink::writeTestMetrics(int64_t step, double epoch, const Json& metrics)
{
    if (!metrics.is_object())
        throw Error(writer_.path() + ": test metrics: expected an object of metrics, found " + metrics.dump());
    for (const auto& [name, value] : metrics.items())
        if (value.is_number()) // per_class, confusion_matrix and the like are no scalars
            addIfKnown(("test/" + name).c_str(), value.get<double>(), step);
    addIfKnown("train/epoch", epoch, step);
    writer_.flush();
}

std::string tensorBoardFolder(const train::RunConfig& config, const RunFolder& run)
{
    return config.loggingDir.empty() ? run.path() + "/tensorboard" : config.loggingDir;
}

std::unique_ptr<TensorBoardSink> makeReportSink(const train::RunConfig& config, const RunFolder& run)
{
    if (std::find(config.reportTo.begin(), config.reportTo.end(), "tensorboard") == config.reportTo.end())
        return nullptr;
    const std::string folder = tensorBoardFolder(config, run);
    std::error_code error;
    if (config.loggingDir.empty() && std::filesystem::is_symlink(folder, error))
        throw Error("cannot write TensorBoard logs to " + folder +
                    ": it is a symbolic link, which Finch never writes through in a run folder; remove it");
    return std::make_unique<TensorBoardSink>(folder);
}

} // namespace finch::runs
