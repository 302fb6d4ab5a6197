// The run-folder contract (docs/RUN_FOLDER.md) through its types: events and run.json to
// JSON and back, the encoding of non-finite numbers, unknown event names, malformed lines,
// range-checked integers, and atomic folder replacement; TensorBoard's record framing and
// the report_to settings (TensorBoardTest reads the files with tensorboard itself).
#include "core/common/Error.h"
#include "core/common/FileIO.h"
#include "core/common/JsonBinder.h"
#include "core/runs/RunFolder.h"
#include "core/runs/TensorBoardSink.h"
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
