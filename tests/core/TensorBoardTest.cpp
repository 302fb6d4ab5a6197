// TensorBoard's own loader (EventAccumulator, tensorboard in the pinned reference
// environment) reads what TensorBoardSink wrote for a run stopped by a crash and resumed
// from its checkpoint: the tags transformers' Trainer uses, at the steps metrics.jsonl
// keeps, every value the float32 of Finch's, every record's checksums right and its bytes
// those protobuf itself writes.
#include "core/api/Engine.h"
#include "core/common/FileIO.h"
#include "core/runs/RunFolder.h"
#include "core/runs/TensorBoardSink.h"
#include "core/train/RunConfig.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <map>
#include <vector>

using namespace finch;
namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;
using runs::EventKind;
using runs::RunEvent;

namespace {

constexpr int64_t kStepsPerEpoch = 5, kTotalSteps = 10, kLoggingSteps = 2;

struct Point {
    int64_t step;
    double value;
};

// What a trainer sends every sink: metrics.jsonl and TensorBoard alike.
class BothSinks : public runs::MetricSink {
public:
    BothSinks(const runs::RunFolder& run, runs::TensorBoardSink& tensorBoard) : file_(run), tensorBoard_(tensorBoard) {}
    void write(const RunEvent& event) override
    {
        file_.write(event);
        tensorBoard_.write(event);
    }

private:
    runs::MetricsFile file_;
    runs::TensorBoardSink& tensorBoard_;
};

// Steps `first` to `last` of a run logging every kLoggingSteps steps and evaluating at each
// epoch's end; `session` shifts the losses, so a point of the wrong session shows.
void trainSteps(runs::MetricSink& sink, int64_t first, int64_t last, double session)
{
    sink.write(RunEvent::of(EventKind::Started, first - 1, kTotalSteps));
    for (int64_t step = first; step <= last; ++step) {
        const double epoch = double(step) / double(kStepsPerEpoch);
        if (step % kLoggingSteps == 0 || step == kTotalSteps) {
            RunEvent event = RunEvent::of(EventKind::Step, step, kTotalSteps);
            event.epoch = epoch;
            event.trainLoss = 2.0 / (1.0 + 0.37 * double(step)) + session;
            event.learningRate = 5e-4 * (1.0 - double(step) / double(kTotalSteps));
            event.gradNorm = step == 6 ? NAN : 0.731 + double(step) / 7.0; // NaN: not known
            event.tokensPerSecond = 1234.5;
            sink.write(event);
        }
        if (step % kStepsPerEpoch == 0) {
            RunEvent evaluation = RunEvent::of(EventKind::Evaluation, step, kTotalSteps);
            evaluation.epoch = epoch;
            evaluation.validationLoss = 1.9 / (1.0 + 0.29 * double(step)) + session;
            sink.write(evaluation);
            RunEvent checkpoint = RunEvent::of(EventKind::Checkpoint, step, kTotalSteps);
            checkpoint.path = "checkpoints/step-" + std::to_string(step);
            sink.write(checkpoint);
        }
    }
}

// The points the Trainer would log for metrics.jsonl's events, tag by tag.
std::map<std::string, std::vector<Point>> expectedPoints(const std::vector<RunEvent>& events)
{
    std::map<std::string, std::vector<Point>> points;
    const auto add = [&](const std::string& tag, int64_t step, double value) {
        if (std::isfinite(value))
            points[tag].push_back({step, value});
    };
    for (const RunEvent& event : events) {
        if (event.kind == EventKind::Step) {
            add("train/loss", event.step, event.trainLoss);
            add("train/grad_norm", event.step, event.gradNorm);
            add("train/learning_rate", event.step, event.learningRate);
            add("train/epoch", event.step, event.epoch);
        } else if (event.kind == EventKind::Evaluation) {
            add("eval/loss", event.step, event.validationLoss);
            add("train/epoch", event.step, event.epoch);
        }
    }
    return points;
}

// What tensorboard's reader makes of a folder (tensorboard_scalars.py's output).
Json readWithTensorBoard(const QTemporaryDir& dir, const std::string& runsFolder, const std::string& events)
{
    const std::string output = dir.filePath("scalars.json").toStdString();
    QProcess python;
    python.setProcessChannelMode(QProcess::ForwardedChannels);
    python.start(FINCH_REFERENCE_PYTHON, {FINCH_TENSORBOARD_SCRIPT, QString::fromStdString(runsFolder),
                                          QString::fromStdString(events), QString::fromStdString(output)});
    if (!python.waitForFinished(120000) || python.exitCode() != 0)
        return nullptr;
    return Json::parse(readWholeFile(output));
}

double now()
{
    return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

} // namespace

class TensorBoardTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void tensorBoardReadsTheTrainersScalars()
    {
        QTemporaryDir dir;
        const double started = now();
        const std::string runsFolder = dir.filePath("runs").toStdString();
        const runs::RunFolder run = runs::RunFolder::create(runsFolder, "tb");
        train::RunConfig config;
        config.reportTo = {"tensorboard"};

        // The first session dies at step 7, after its checkpoint at step 5.
        {
            auto tensorBoard = runs::makeReportSink(config, run);
            BothSinks sinks(run, *tensorBoard);
            trainSteps(sinks, 1, 7, 0.5);
        }
        // The second resumes from step 5 and finishes, with a test evaluation.
        run.truncateEventsAfter(5);
        const Json testMetrics{{"accuracy", 0.8125},
                               {"macro_f1", 0.7901234567},
                               {"weighted_f1", 0.8049382716},
                               {"per_class", Json::array({{{"label", "pos"}, {"f1", 0.8}}})},
                               {"labels", {"neg", "pos"}},
                               {"confusion_matrix", {{6, 2}, {1, 7}}},
                               {"rows", 16},
                               {"expected_calibration_error", 0.123456789}};
        {
            auto tensorBoard = runs::makeReportSink(config, run);
            BothSinks sinks(run, *tensorBoard);
            trainSteps(sinks, 6, kTotalSteps, 0.0);
            tensorBoard->writeTestMetrics(kTotalSteps, 2.0, testMetrics);
            RunEvent finished = RunEvent::of(EventKind::Finished, kTotalSteps, kTotalSteps);
            finished.status = "completed";
            sinks.write(finished);
        }
        const double ended = now();

        std::map<std::string, std::vector<Point>> expected = expectedPoints(run.readEvents());
        for (const char* name : {"accuracy", "macro_f1", "weighted_f1", "rows", "expected_calibration_error"})
            expected[std::string("test/") + name].push_back({kTotalSteps, testMetrics[name].get<double>()});
        expected["train/epoch"].push_back({kTotalSteps, 2.0});
        QCOMPARE(expected["train/loss"].size(), size_t(5)); // steps 2, 4 (first session), 6, 8, 10
        QCOMPARE(expected["train/grad_norm"].size(), size_t(4));

        const Json read = readWithTensorBoard(dir, runsFolder, run.path() + "/tensorboard");
        QVERIFY2(!read.is_null(), "tensorboard's reader failed");

        // `tensorboard --logdir runs/` lists the run under its id.
        QCOMPARE(read["runs"], Json::array({run.id() + "/tensorboard"}));

        // One file per session, named as TensorBoard names them, each opening with the version.
        const QRegularExpression name(QStringLiteral(R"(^events\.out\.tfevents\.\d{10}\..+\.%1\.\d+$)")
                                          .arg(QCoreApplication::applicationPid()));
        QCOMPARE(read["files"].size(), size_t(2));
        std::vector<int> records;
        for (const auto& [file, facts] : read["files"].items()) {
            QVERIFY2(name.match(QString::fromStdString(file)).hasMatch(), file.c_str());
            QCOMPARE(facts["file_version"], Json("brain.Event:2"));
            QCOMPARE(facts["as_protobuf_writes"], Json(true));
            records.push_back(facts["records"].get<int>());
        }
        // The version, the session's start, then its points: 3 step events of 4 (step 6's
        // grad norm unknown) and an evaluation of 2; the second session adds 6 test points.
        QCOMPARE(records, (std::vector<int>{1 + 1 + 11 + 2, 1 + 1 + 11 + 2 + 6}));

        // Every tag, every point: the first session's steps past 5 dropped, as metrics.jsonl drops them.
        QCOMPARE(read["scalars"].size(), expected.size());
        for (const auto& [tag, points] : expected) {
            QVERIFY2(read["scalars"].contains(tag), tag.c_str());
            const Json& got = read["scalars"][tag];
            QCOMPARE(got.size(), points.size());
            for (size_t i = 0; i < points.size(); ++i) {
                const std::string where = tag + " point " + std::to_string(i);
                QVERIFY2(got[i][0].get<int64_t>() == points[i].step, where.c_str());
                QVERIFY2(got[i][1].get<double>() == double(float(points[i].value)), where.c_str());
                const double wallTime = got[i][2].get<double>();
                QVERIFY2(wallTime >= std::floor(started) && wallTime <= ended + 1, where.c_str());
            }
        }
    }

    // A real run with report_to: the trainer's own step, evaluation and test metrics, at
    // metrics.jsonl's steps, read back by tensorboard.
    void aTrainedRunReportsToTensorBoard()
    {
        QTemporaryDir dir;
        train::RunConfig config;
        config.outputDir = dir.filePath("runs").toStdString();
        config.trainFile = FINCH_SAMPLES "/sentiment.jsonl";
        config.model = "finch-tiny";
        config.tokenizerVocabSize = 600;
        config.maxSteps = 6;
        config.batchSize = 8;
        config.maxSequenceLength = 48;
        config.loggingSteps = 2;
        config.evalSteps = 3;
        config.threads = 1;
        config.reportTo = {"tensorboard"};
        const train::TrainingOutcome outcome = engine::load().trainer().start(config);
        QCOMPARE(outcome.status, runs::RunStatus::Completed);
        const runs::RunFolder run = runs::RunFolder::open(outcome.runPath);

        const Json read = readWithTensorBoard(dir, config.outputDir, run.path() + "/tensorboard");
        QVERIFY2(!read.is_null(), "tensorboard's reader failed");
        const std::map<std::string, std::vector<Point>> expected = expectedPoints(run.readEvents());
        for (const char* tag : {"train/loss", "train/learning_rate", "eval/loss"}) {
            const Json& got = read["scalars"][tag];
            QCOMPARE(got.size(), expected.at(tag).size());
            for (size_t i = 0; i < got.size(); ++i) {
                QCOMPARE(got[i][0].get<int64_t>(), expected.at(tag)[i].step);
                QCOMPARE(got[i][1].get<double>(), double(float(expected.at(tag)[i].value)));
            }
        }
        QCOMPARE(read["scalars"]["train/loss"].size(), size_t(3)); // steps 2, 4, 6
        const Json evaluation = Json::parse(readWholeFile(run.evalPath()));
        const Json& accuracy = read["scalars"]["test/accuracy"];
        QCOMPARE(accuracy.size(), size_t(1));
        QCOMPARE(accuracy[0][0].get<int64_t>(), int64_t(6));
        QCOMPARE(accuracy[0][1].get<double>(), double(float(evaluation["metrics"]["accuracy"].get<double>())));
    }
};

QTEST_GUILESS_MAIN(TensorBoardTest)
#include "TensorBoardTest.moc"
