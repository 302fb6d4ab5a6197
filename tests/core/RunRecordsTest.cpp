// The run-folder contract (docs/RUN_FOLDER.md) through its types: events, run.json and the
// evaluations (eval.json, baseline.json, heldout.json) to JSON and back, the encoding of
// non-finite numbers, unknown event names, malformed lines, range-checked integers, atomic
// folder replacement; the label predictions the Data page shows, without a model; and
// TensorBoard's record framing and the report_to settings (TensorBoardTest reads the files
// with tensorboard itself).
#include "core/common/Error.h"
#include "core/common/FileIO.h"
#include "core/common/JsonBinder.h"
#include "core/runs/RunFolder.h"
#include "core/runs/TensorBoardSink.h"
#include "core/train/LabelPredictions.h"
#include "core/train/RunArtifacts.h"
#include "core/train/RunConfig.h"
#include "core/train/TrainerState.h"

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sys/stat.h>

using namespace finch;
namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

namespace {

runs::RunFolder makeRun(const QTemporaryDir& dir)
{
    return runs::RunFolder::create(dir.filePath("runs").toStdString(), "test");
}

void appendLine(const std::string& path, const std::string& line)
{
    std::ofstream(path, std::ios::app) << line;
}

// eval.json as evaluateRun writes a classification: the row fields in their order, the
// probabilities after them, the metrics with counts, tables and calibration bins.
Json classificationEval()
{
    return Json::parse(R"json({"run": "20260101-000000-x", "split": "test", "data_file": "a.jsonl (test split)",
        "task": "classification",
        "metrics": {"accuracy": 0.5, "macro_f1": 0.25, "weighted_f1": 0.5,
                    "per_class": [{"label": "bad", "precision": 0.5, "recall": 1.0, "f1": 0.6667, "support": 1},
                                  {"label": "good", "precision": 0.0, "recall": 0.0, "f1": 0.0, "support": 1}],
                    "labels": ["bad", "good"], "confusion_matrix": [[1, 0], [1, 0]], "rows": 2,
                    "expected_calibration_error": null,
                    "calibration": [{"lower": 0.5, "upper": 0.6, "count": 2, "accuracy": 0.5, "confidence": 0.55}]},
        "rows": [{"index": 0, "input": "Broke at once", "reference": "bad", "prediction": "bad", "score": 0.6,
                  "correct": true, "probabilities": {"bad": 0.6, "good": 0.4}},
                 {"index": 3, "input": "Superb", "reference": "good", "prediction": "bad", "score": 0.5,
                  "correct": false, "probabilities": {"bad": 0.5, "good": 0.5}}],
        "from_the_future": [1]})json");
}

bool throwsMentioning(const std::function<void()>& action, const std::string& text)
{
    try {
        action();
    } catch (const Error& error) {
        if (std::string(error.what()).find(text) != std::string::npos)
            return true;
        qWarning("error without '%s': %s", text.c_str(), error.what());
        return false;
    }
    qWarning("no error");
    return false;
}

} // namespace

class RunRecordsTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void everyEventKindRoundTrips()
    {
        for (const auto kind : {runs::EventKind::Started, runs::EventKind::Step, runs::EventKind::Evaluation,
                                runs::EventKind::Checkpoint, runs::EventKind::Paused, runs::EventKind::Resumed,
                                runs::EventKind::Log, runs::EventKind::Finished, runs::EventKind::Failed}) {
            runs::RunEvent event = runs::RunEvent::of(kind, 7, 20);
            event.epoch = 1.5;
            event.trainLoss = 2.25;
            event.learningRate = 1e-3;
            event.gradNorm = 0.5;
            event.tokensPerSecond = 1000;
            event.elapsedSeconds = 3;
            event.etaSeconds = 4;
            event.validationLoss = 1.75;
            event.path = "/runs/x";
            event.status = "completed";
            event.message = "note";
            const Json json = runs::toJson(event);
            QCOMPARE(json["event"].get<std::string>(), std::string(runs::kEventKinds.name(kind)));
            const runs::RunEvent back = runs::eventFromJson(Json::parse(json.dump()), "test");
            QCOMPARE(back.kind, kind);
            QCOMPARE(back.step, int64_t(7));
            QCOMPARE(back.totalSteps, int64_t(20));
            QCOMPARE(runs::toJson(back), json); // the fields of each kind survive, and only those
        }
    }

    void nonFiniteNumbersAreNullAndReadBackAsNaN()
    {
        runs::RunEvent event = runs::RunEvent::of(runs::EventKind::Evaluation, 4, 8);
        event.validationLoss = NAN;
        const Json json = runs::toJson(event);
        QVERIFY(json["validation_loss"].is_null());
        QVERIFY(std::isnan(runs::eventFromJson(json, "test").validationLoss));

        event = runs::RunEvent::of(runs::EventKind::Step, 1, 8);
        event.trainLoss = INFINITY;
        QVERIFY(runs::toJson(event)["loss"].is_null());
        QVERIFY(std::isnan(runs::eventFromJson(runs::toJson(event), "test").trainLoss));

        runs::RunRecord record;
        record.result = runs::ResultRecord{};
        const Json written = record.toJson();
        QVERIFY(written["result"]["best_validation_loss"].is_null());
        QVERIFY(std::isnan(runs::RunRecord::fromJson(written, "run.json").result->bestValidationLoss));
    }

    void unknownEventNamesAreErrorsWithTheLine()
    {
        QTemporaryDir dir;
        const runs::RunFolder run = makeRun(dir);
        run.appendEvent(runs::RunEvent::of(runs::EventKind::Step, 1, 2));
        appendLine(run.metricsPath(), "{\"event\": \"teleported\", \"step\": 2}\n");
        run.appendEvent(runs::RunEvent::of(runs::EventKind::Step, 2, 2));
        QVERIFY(throwsMentioning([&] { run.readEvents(); }, "metrics.jsonl:2"));
        QVERIFY(throwsMentioning([&] { run.readEvents(); }, "unknown event \"teleported\""));
    }

    void roundOneEventNamesAreStillRead()
    {
        QTemporaryDir dir;
        const runs::RunFolder run = makeRun(dir);
        appendLine(run.metricsPath(), "{\"event\":\"train\",\"step\":1,\"loss\":2.5,\"learning_rate\":0.001}\n"
                                      "{\"event\":\"eval\",\"step\":1,\"validation_loss\":null}\n");
        const auto events = run.readEvents();
        QCOMPARE(events.size(), size_t(2));
        QCOMPARE(events[0].kind, runs::EventKind::Step);
        QCOMPARE(events[0].trainLoss, 2.5);
        QCOMPARE(events[1].kind, runs::EventKind::Evaluation);
        QVERIFY(std::isnan(events[1].validationLoss));
    }

    void aLineCutShortAtTheEndIsLeftOut()
    {
        QTemporaryDir dir;
        const runs::RunFolder run = makeRun(dir);
        run.appendEvent(runs::RunEvent::of(runs::EventKind::Step, 1, 2));
        appendLine(run.metricsPath(), "{\"event\":\"step\",\"st");
        QCOMPARE(run.readEvents().size(), size_t(1));
        // In the middle, the same damage is an error naming the line.
        appendLine(run.metricsPath(), "\n{\"event\":\"step\",\"step\":2}\n");
        QVERIFY(throwsMentioning([&] { run.readEvents(); }, "metrics.jsonl:2"));
        // A field of the wrong type names the field.
        const runs::RunFolder other = makeRun(dir);
        appendLine(other.metricsPath(), "{\"event\":\"step\",\"step\":\"three\"}\n");
        QVERIFY(throwsMentioning([&] { other.readEvents(); }, "'step': expected a step number, found \"three\""));
    }

    void truncatingKeepsEarlierStepsAndDropsEndings()
    {
        QTemporaryDir dir;
        const runs::RunFolder run = makeRun(dir);
        for (int64_t step = 1; step <= 4; ++step)
            run.appendEvent(runs::RunEvent::of(runs::EventKind::Step, step, 4));
        run.appendEvent(runs::RunEvent::of(runs::EventKind::Finished, 2, 4));
        run.truncateEventsAfter(2);
        const auto events = run.readEvents();
        QCOMPARE(events.size(), size_t(2));
        QCOMPARE(events.back().step, int64_t(2));
    }

    void runRecordRoundTripsAndKeepsWhatANewerFinchWrote()
    {
        QTemporaryDir dir;
        const runs::RunFolder run = makeRun(dir);
        runs::RunRecord record = run.readRecord();
        QCOMPARE(record.status, runs::RunStatus::Preparing);
        QVERIFY(!record.prepared());
        record.status = runs::RunStatus::Running;
        record.config = train::RunConfig{}.toJson();
        record.model.emplace();
        record.model->source = "finch-tiny";
        record.model->preset = true;
        record.model->parameters = 1000;
        record.data.emplace();
        record.data->kind = "classification";
        record.data->fields = {{"text", "review"}};
        record.data->rows = {{"train", 8}};
        record.data->labels = {"a", "b"};
        record.extra["from_the_future"] = {{"x", 1}};
        run.writeRecord(record);
        const runs::RunRecord back = run.readRecord();
        QCOMPARE(back.toJson(), record.toJson());
        QVERIFY(back.prepared());
        QCOMPARE(back.methodName(), std::string("full"));
        QCOMPARE(back.data->fields.at("text"), std::string("review"));
        QCOMPARE(back.extra["from_the_future"]["x"].get<int>(), 1);
        run.setStatus(runs::RunStatus::Failed, "disk full");
        QCOMPARE(run.readRecord().status, runs::RunStatus::Failed);
        QCOMPARE(run.readRecord().message, std::string("disk full"));
        QCOMPARE(run.readRecord().extra["from_the_future"]["x"].get<int>(), 1);
    }

    void badRunJsonNamesTheFieldAndTheRunStillLists()
    {
        QTemporaryDir dir;
        const runs::RunFolder good = makeRun(dir);
        const runs::RunFolder bad = makeRun(dir);
        writeFileAtomically(bad.runJsonPath(), R"({"id": "x", "status": "exploded", "config": {}})");
        QVERIFY(throwsMentioning([&] { bad.readRecord(); }, "'status': expected preparing, running, completed, stopped or failed"));
        writeFileAtomically(bad.runJsonPath(), R"({"id": "x", "status": "running", "result": {"steps": "many"}})");
        QVERIFY(throwsMentioning([&] { bad.readRecord(); }, "'result': 'steps': expected a step count"));
        const auto listed = runs::listRuns(dir.filePath("runs").toStdString());
        QCOMPARE(listed.size(), size_t(2));
        int problems = 0;
        for (const auto& summary : listed)
            problems += !summary.problem.empty();
        QCOMPARE(problems, 1);
    }

    // Read and written back, an evaluation is the file it was: the fields of a row in their
    // order, a task's own fields after them, keys a newer Finch wrote; the tables read typed.
    void evaluationRecordsRoundTripAndReadTyped()
    {
        const Json written = classificationEval();
        const runs::EvalRecord record = runs::EvalRecord::fromJson(written, "eval.json");
        QCOMPARE(record.toJson(), written);
        QCOMPARE(record.run, std::string("20260101-000000-x"));
        QCOMPARE(record.dataFile, std::string("a.jsonl (test split)"));
        const runs::EvalResults& results = record.results;
        QVERIFY(results.classifies());
        QCOMPARE(results.rows.size(), size_t(2));
        QCOMPARE(results.rows[1].index, size_t(3));
        QCOMPARE(results.rows[1].input, std::string("Superb"));
        QVERIFY(!results.rows[1].correct);
        QCOMPARE(results.rows[1].more["probabilities"]["good"].get<double>(), 0.5);
        std::vector<std::string> names;
        for (const runs::MetricValue& metric : results.metrics.numbers())
            names.push_back(metric.name + (metric.count ? "#" : ""));
        // The file's order; the count stays a count, the null is left out but is there.
        QCOMPARE(names, (std::vector<std::string>{"accuracy", "macro_f1", "weighted_f1", "rows#"}));
        QVERIFY(results.metrics.has("expected_calibration_error"));
        QVERIFY(!results.metrics.value("expected_calibration_error"));
        QCOMPARE(results.metrics.value("accuracy"), std::optional(0.5));
        QCOMPARE(results.metrics.labels(), (std::vector<std::string>{"bad", "good"}));
        QCOMPARE(results.metrics.confusionMatrix(), (std::vector<std::vector<double>>{{1, 0}, {1, 0}}));
        QCOMPARE(results.metrics.perClass().at(0).label, std::string("bad"));
        QCOMPARE(results.metrics.perClass().at(0).support, size_t(1));
        QCOMPARE(results.metrics.calibration().at(0).count, size_t(2));
        QCOMPARE(results.metrics.calibration().at(0).accuracy, 0.5);
        // The bootstrap compares the results alone.
        QCOMPARE(results.toJson()["rows"], written["rows"]);
        QVERIFY(!results.toJson().contains("run"));

        // A generation: no tables, and the reference's tokens and log-likelihood kept.
        const Json generation = Json::parse(R"({"run": "r", "split": "file", "data_file": "q.jsonl", "task": "generation",
            "metrics": {"exact_match": 0.0, "bleu": 0.0, "rouge_l": 0.5, "perplexity": 12.5, "rows": 1},
            "rows": [{"index": 0, "input": "Q", "reference": "A", "prediction": "B", "score": 0.5, "correct": false,
                      "reference_tokens": 2, "reference_log_likelihood": -3.5}]})");
        const runs::EvalRecord answers = runs::EvalRecord::fromJson(generation, "eval-q.json");
        QCOMPARE(answers.toJson(), generation);
        QVERIFY(answers.results.metrics.labels().empty() && answers.results.metrics.perClass().empty());
        QCOMPARE(answers.results.rows[0].more["reference_log_likelihood"].get<double>(), -3.5);
    }

    void evaluationRecordsNameWhatIsWrong()
    {
        Json wrong = classificationEval();
        wrong["run"] = 5;
        QVERIFY(throwsMentioning([&] { runs::EvalRecord::fromJson(wrong, "eval.json"); }, "eval.json: 'run': expected a run id"));
        wrong = classificationEval();
        wrong["rows"][1]["index"] = 1.5;
        QVERIFY(throwsMentioning([&] { runs::EvalRecord::fromJson(wrong, "eval.json"); }, "row 2: 'index'"));
        wrong = classificationEval();
        wrong["metrics"]["confusion_matrix"] = Json::array({Json::array({1, 0})});
        QVERIFY(throwsMentioning([&] { runs::EvalRecord::fromJson(wrong, "eval.json"); }, "'metrics.confusion_matrix'"));
        QVERIFY(throwsMentioning([] { runs::BaselineRecord::fromJson(Json::array(), "baseline.json"); }, "baseline.json"));
        const Json heldOut = Json::parse(R"({"folds": 2, "fold": 0, "labels": ["a", "b"],
                                             "rows": [{"line": 3, "input": "x", "label": "a", "probabilities": [1.0]}]})");
        QVERIFY(throwsMentioning([&] { runs::HeldOutRecord::fromJson(heldOut, "heldout.json"); },
                                 "heldout.json: row 1: 'probabilities': expected one for each of the 2 labels, found 1"));
    }

    // The folder names its files; the pages and commands ask it.
    void theRunFolderNamesAndReadsItsEvaluations()
    {
        QTemporaryDir dir;
        const runs::RunFolder run = makeRun(dir);
        QCOMPARE(run.evalPath(), run.path() + "/eval.json");
        QCOMPARE(run.evalPath("validation"), run.path() + "/eval-validation.json");
        QCOMPARE(run.evalPathForFile("/data/more-reviews.jsonl"), run.path() + "/eval-more-reviews.json");
        QVERIFY(!run.isEvaluated() && !run.hasBaseline() && !run.hasFinalModel());
        QVERIFY(throwsMentioning([&] { run.readEvaluation(); }, run.evalPath()));

        writeFileAtomically(run.evalPath(), classificationEval().dump(1));
        runs::BaselineRecord baseline;
        baseline.method = "bag of words";
        baseline.vocabulary = 12;
        baseline.results = runs::EvalResults::fromJson(classificationEval(), "eval.json");
        writeFileAtomically(run.baselinePath(), baseline.toJson().dump(1));
        fs::create_directories(run.finalPath());
        QVERIFY(run.isEvaluated() && run.hasBaseline() && run.hasFinalModel());
        QCOMPARE(run.readEvaluation().toJson(), classificationEval());
        QCOMPARE(run.readBaseline().toJson(), baseline.toJson());
        QCOMPARE(run.readBaseline().toJson().begin().key(), std::string("task")); // as evaluateBaseline writes it
        QCOMPARE(run.readBaseline().vocabulary, int64_t(12));

        const auto listed = runs::listRuns(dir.filePath("runs").toStdString());
        QCOMPARE(listed.size(), size_t(1));
        QVERIFY(listed[0].hasFinalModel);
        QCOMPARE(listed[0].metrics->value("macro_f1"), std::optional(0.25));
        writeFileAtomically(run.evalPath(), "[]");
        const auto unreadable = runs::listRuns(dir.filePath("runs").toStdString());
        QVERIFY(!unreadable[0].metrics && unreadable[0].hasFinalModel);
        QVERIFY(unreadable[0].problem.find("eval.json") != std::string::npos);
    }

    // A run of zero epochs evaluates a model as it is: LoRA with no adapter leaves it
    // unchanged, or the adapter given; the run's name says which.
    void aModelAsItIsIsARunOfZeroEpochs()
    {
        train::RunConfig config;
        config.runName = "sentiment-qwen";
        config.epochs = 3;
        config.maxSteps = 40;
        const train::RunConfig base = train::asItIs(config);
        QCOMPARE(base.epochs, 0);
        QCOMPARE(base.maxSteps, int64_t(-1));
        QVERIFY(base.method == model::TrainingMethod::Lora);
        QVERIFY(base.adapterPath.empty());
        QCOMPARE(base.runName, std::string("sentiment-qwen-base-as-is"));
        const train::RunConfig adapted = train::asItIs(config, "/adapters/reviews");
        QCOMPARE(adapted.adapterPath, std::string("/adapters/reviews"));
        QCOMPARE(adapted.runName, std::string("sentiment-qwen-reviews-as-is"));
    }

    // Likely label errors with no model but a bag of words: every readable row predicted by
    // a baseline that never saw it, progress after each of the six baselines, and a cancel.
    void crossValidatedLabelsPredictEveryReadableRow()
    {
        std::vector<std::optional<std::string>> texts;
        std::vector<std::string> given;
        for (int i = 0; i < 40; ++i) {
            const bool good = i % 2 == 0;
            texts.push_back(std::string(good ? "lovely great superb" : "awful broken dull") + " item " + std::to_string(i));
            given.push_back(i == 38 ? "bad" : i % 7 == 0 ? "" : good ? "good" : "bad"); // row 38: a wrong label
        }
        texts[5].reset(); // unreadable
        std::vector<size_t> reports;
        const train::LabelPredictions predictions =
            train::crossValidatedLabels(texts, given, {"bad", "good"}, [&](size_t done, size_t total) {
                reports.push_back(done);
                return total == 6;
            });
        QCOMPARE(reports, (std::vector<size_t>{1, 2, 3, 4, 5, 6}));
        QCOMPARE(predictions.rows.size(), texts.size());
        QCOMPARE(predictions.predicted, texts.size() - 1);
        QVERIFY(!predictions.rows[5]);
        QCOMPARE(predictions.rows[38]->label, std::string("good")); // the label error shows
        QCOMPARE(predictions.rows[14]->label, std::string("good")); // an unlabelled row is predicted too
        QVERIFY(predictions.rows[38]->confidence > 0.5 && predictions.rows[38]->margin > 0);
        QVERIFY(throwsMentioning([&] { train::crossValidatedLabels(texts, given, {"bad", "good"}, [](size_t, size_t) { return false; }); },
                                 "cancelled"));

        const train::PredictedLabel likeliest = train::likeliestLabel({0.2, 0.5, 0.3}, {"a", "b", "c"});
        QCOMPARE(likeliest.label, std::string("b"));
        QCOMPARE(likeliest.confidence, 0.5);
        QVERIFY(std::abs(likeliest.margin - 0.2) < 1e-12);
    }

    // The held-out predictions of a cross-validation's runs find their rows by file line.
    void heldOutPredictionsFindTheirRowsByLine()
    {
        QTemporaryDir dir;
        std::vector<runs::RunFolder> folds;
        for (int fold = 0; fold < 2; ++fold) {
            folds.push_back(makeRun(dir));
            runs::HeldOutRecord heldOut;
            heldOut.folds = 2;
            heldOut.fold = fold;
            heldOut.labels = {"neg", "pos"};
            heldOut.rows.push_back({fold == 0 ? 2 : 4, "text", "pos", {0.9, 0.1}});
            heldOut.rows.push_back({fold == 0 ? 7 : 9, "text", "neg", {0.3, 0.7}}); // lines 7 and 9: no such row
            writeFileAtomically(folds.back().heldOutPath(), heldOut.toJson().dump(1));
            QCOMPARE(folds.back().readHeldOut().toJson(), heldOut.toJson());
        }
        const train::LabelPredictions predictions = train::heldOutPredictions(folds, {2, 0, 4, 5});
        QCOMPARE(predictions.predicted, size_t(2));
        QCOMPARE(predictions.rows[0]->label, std::string("neg"));
        QCOMPARE(predictions.rows[2]->label, std::string("neg"));
        QVERIFY(!predictions.rows[1] && !predictions.rows[3]);
        fs::remove(folds[1].heldOutPath());
        QVERIFY(throwsMentioning([&] { train::heldOutPredictions(folds, {2}); }, "heldout.json"));
    }

    void integersAreRangeChecked()
    {
        QVERIFY(throwsMentioning([] { train::RunConfig::fromJson({{"train_file", "a.jsonl"}, {"seed", -1}}, "run.json"); },
                                 "'seed': expected a non-negative integer, found -1"));
        QVERIFY(throwsMentioning(
            [] { train::RunConfig::fromJson({{"train_file", "a.jsonl"}, {"num_train_epochs", 10000000000LL}}, "run.json"); },
            "'num_train_epochs': expected an integer, found 10000000000"));
        QVERIFY(throwsMentioning([] { train::TrainerState::fromJson({{"global_step", -5}}, "trainer_state.json"); },
                                 "trainer_state.json"));
    }

    void vocabulariesSpellEachWordOnce()
    {
        QCOMPARE(model::kTrainingMethods.alternatives(), std::string("full, lora or frozen_body"));
        QCOMPARE(model::kTrainingMethods.find("frozen_body"), std::optional(model::TrainingMethod::FrozenBody));
        QVERIFY(!model::kTrainingMethods.find("qlora"));
        QCOMPARE(train::methodName(model::TrainingMethod::Lora), std::string("lora"));
        QVERIFY(throwsMentioning([] { train::RunConfig::fromJson({{"train_file", "a.jsonl"}, {"method", "qlora"}}, "run.json"); },
                                 "expected full, lora or frozen_body"));
    }

    void leftoversOfAKilledReplacementAreRemoved()
    {
        QTemporaryDir dir;
        const runs::RunFolder run = makeRun(dir);
        for (const std::string& leftover : {run.checkpointsPath() + "/.tmp-step-3-4242-0", run.path() + "/.tmp-final-4242-0"}) {
            fs::create_directories(leftover);
            writeFileAtomically(leftover + "/trainable.safetensors", "half");
        }
        fs::create_directories(run.checkpointPath(2));
        writeFileAtomically(run.checkpointPath(2) + "/trainer_state.json", "{}");
        run.removeLeftovers();
        QVERIFY(!fs::exists(run.checkpointsPath() + "/.tmp-step-3-4242-0"));
        QVERIFY(!fs::exists(run.path() + "/.tmp-final-4242-0"));
        QVERIFY(fs::exists(run.checkpointPath(2) + "/trainer_state.json"));
        QVERIFY(fs::exists(run.runJsonPath()));
    }

    void folderReplacementIsAtomic()
    {
        QTemporaryDir dir;
        const std::string target = dir.filePath("final").toStdString();
        replaceFolderAtomically(target, [](const std::string& temporary) { writeFileAtomically(temporary + "/a", "one"); });
        QCOMPARE(readWholeFile(target + "/a"), std::string("one"));
        // A second replacement swaps the whole folder: no file of the old one survives.
        replaceFolderAtomically(target, [](const std::string& temporary) { writeFileAtomically(temporary + "/b", "two"); });
        QVERIFY(!fs::exists(target + "/a"));
        QCOMPARE(readWholeFile(target + "/b"), std::string("two"));
        // A failure while filling leaves the old folder whole and no temporary behind.
        QVERIFY_THROWS_EXCEPTION(Error, replaceFolderAtomically(target, [](const std::string& temporary) {
                                     writeFileAtomically(temporary + "/c", "half");
                                     throw Error("disk full");
                                 }));
        QCOMPARE(readWholeFile(target + "/b"), std::string("two"));
        QCOMPARE(std::distance(fs::directory_iterator(dir.path().toStdString()), fs::directory_iterator()), 1L);
        // The new folder follows the umask, as any new folder does.
        const mode_t old = ::umask(027);
        replaceFolderAtomically(target, [](const std::string&) {});
        ::umask(old);
        struct stat info {};
        QCOMPARE(::stat(target.c_str(), &info), 0);
        QCOMPARE(info.st_mode & 0777, mode_t(0750));
    }

    void crc32cMatchesKnownVectors()
    {
        QCOMPARE(runs::crc32c(""), 0u);
        QCOMPARE(runs::crc32c("123456789"), 0xE3069283u);
        QCOMPARE(runs::crc32c(std::string(32, '\0')), 0x8A9136AAu); // RFC 3720, B.4
        QCOMPARE(runs::crc32c(std::string(32, '\xFF')), 0x62A8AB43u);
        // As tensorboard's masked_crc32c computes them.
        QCOMPARE(runs::maskedCrc32c("123456789"), 0xC78AB0E5u);
        QCOMPARE(runs::maskedCrc32c(std::string(8, '\0')), 0x07980329u);
    }

    void eventFilesAreNamedAsTensorBoardNamesThem()
    {
        const QString first = QString::fromStdString(runs::eventFileName());
        const QString second = QString::fromStdString(runs::eventFileName());
        const QRegularExpression name(QStringLiteral(R"(^events\.out\.tfevents\.\d{10}\.[^/]+\.%1\.(\d+)$)")
                                          .arg(QCoreApplication::applicationPid()));
        const auto a = name.match(first), b = name.match(second);
        QVERIFY2(a.hasMatch(), qPrintable(first));
        QVERIFY2(b.hasMatch(), qPrintable(second));
        QCOMPARE(b.captured(1).toInt(), a.captured(1).toInt() + 1); // the process's file counter
    }

    void eventFilesAreNeverWrittenThroughLinks()
    {
        QTemporaryDir dir;
        const std::string folder = dir.filePath("tb").toStdString();
        const std::string mine = dir.filePath("mine.txt").toStdString();
        const std::string absent = dir.filePath("absent.txt").toStdString();
        writeFileAtomically(mine, "a person's file");
        fs::create_directories(folder);
        fs::create_symlink(mine, folder + "/events.out.tfevents.planted");
        fs::create_symlink(absent, folder + "/events.out.tfevents.dangling");
        QVERIFY(throwsMentioning([&] { runs::TensorBoardWriter(folder, "events.out.tfevents.planted"); },
                                 "events.out.tfevents.planted: it is a symbolic link, which Finch never writes through"));
        QVERIFY(throwsMentioning([&] { runs::TensorBoardWriter(folder, "events.out.tfevents.dangling"); },
                                 "symbolic link"));
        QCOMPARE(readWholeFile(mine), std::string("a person's file"));
        QVERIFY(!fs::exists(absent));

        // Nor through a run's tensorboard folder made a link to another one.
        const runs::RunFolder run = makeRun(dir);
        const std::string elsewhere = dir.filePath("elsewhere").toStdString();
        fs::create_directories(elsewhere);
        fs::create_directory_symlink(elsewhere, run.path() + "/tensorboard");
        train::RunConfig config;
        config.reportTo = {"tensorboard"};
        QVERIFY(throwsMentioning([&] { runs::makeReportSink(config, run); }, "symbolic link"));
        QVERIFY(fs::is_empty(elsewhere));
    }

    void reportToReadsTransformersForms()
    {
        const auto reportTo = [](const Json& value) {
            return train::RunConfig::fromJson({{"train_file", "a.jsonl"}, {"report_to", value}}, "run.json").reportTo;
        };
        const std::vector<std::string> tensorboard{"tensorboard"};
        QVERIFY(train::RunConfig{}.reportTo.empty());
        QCOMPARE(train::RunConfig{}.toJson()["report_to"], Json("none"));
        QCOMPARE(train::RunConfig{}.toJson()["logging_dir"], Json(""));
        QCOMPARE(reportTo("tensorboard"), tensorboard);
        QCOMPARE(reportTo(Json::array({"tensorboard"})), tensorboard);
        QCOMPARE(reportTo("all"), tensorboard); // every integration Finch has
        QCOMPARE(reportTo(Json::array({"all"})), tensorboard);
        QVERIFY(reportTo("none").empty());
        QVERIFY(reportTo(Json::array({"none"})).empty());
        QVERIFY(reportTo(Json::array()).empty());

        QVERIFY(throwsMentioning([&] { reportTo("wandb"); },
                                 "run.json: run configuration: 'report_to': Finch writes TensorBoard logs only "
                                 "(\"tensorboard\", or \"all\"; \"none\" for no logs), found \"wandb\""));
        QVERIFY(throwsMentioning([&] { reportTo(Json::array({"tensorboard", "mlflow"})); }, "found \"mlflow\""));
        QVERIFY(throwsMentioning([&] { reportTo(Json::array({"none", "tensorboard"})); },
                                 "'report_to': \"none\" goes alone, not in a list with other names, found [\"none\",\"tensorboard\"]"));
        QVERIFY(throwsMentioning([&] { reportTo(5); },
                                 "'report_to': expected \"none\", \"all\", \"tensorboard\" or a list of them, found 5"));
        QVERIFY(throwsMentioning([&] { reportTo(Json::array({true})); },
                                 "'report_to': expected integration names, found [true]"));
        QVERIFY(throwsMentioning(
            [] { train::RunConfig::fromJson({{"train_file", "a.jsonl"}, {"logging_dir", 3}}, "run.json"); },
            "'logging_dir': expected a folder, or \"\" for RUN/tensorboard, found 3"));

        // run.json keeps the list, and a configuration file's folder anchors a relative logging_dir.
        QTemporaryDir dir;
        const std::string file = dir.filePath("configs/run.json").toStdString();
        fs::create_directories(fs::path(file).parent_path());
        writeFileAtomically(file, R"({"train_file": "a.jsonl", "report_to": "all", "logging_dir": "logs/tb"})");
        const train::RunConfig loaded = train::RunConfig::load(file);
        QCOMPARE(loaded.loggingDir, dir.filePath("configs/logs/tb").toStdString());
        QCOMPARE(loaded.toJson()["report_to"], Json::array({"tensorboard"}));
        const train::RunConfig again = train::RunConfig::fromJson(loaded.toJson(), "run.json");
        QCOMPARE(again.reportTo, tensorboard);
        QCOMPARE(again.loggingDir, loaded.loggingDir);
    }

    void reportSinksGoWhereTheSettingsSay()
    {
        QTemporaryDir dir;
        const runs::RunFolder run = makeRun(dir);
        train::RunConfig config;
        QVERIFY(!runs::makeReportSink(config, run));
        QVERIFY(!fs::exists(run.path() + "/tensorboard"));

        config.reportTo = {"tensorboard"};
        const auto inRun = runs::makeReportSink(config, run);
        QVERIFY(inRun);
        QCOMPARE(fs::path(inRun->filePath()).parent_path().string(), run.path() + "/tensorboard");

        config.loggingDir = dir.filePath("shared/logs").toStdString();
        const auto elsewhere = runs::makeReportSink(config, run);
        QCOMPARE(fs::path(elsewhere->filePath()).parent_path().string(), config.loggingDir);
        // The first record, the file_version event, is on disk at once.
        QVERIFY(fs::file_size(elsewhere->filePath()) > 16);
        QVERIFY(throwsMentioning([&] { elsewhere->writeTestMetrics(3, 1.0, Json::array()); },
                                 "test metrics: expected an object of metrics, found []"));
    }
};

QTEST_GUILESS_MAIN(RunRecordsTest)
#include "RunRecordsTest.moc"
