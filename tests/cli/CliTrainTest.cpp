// finch train | eval | export | runs, end to end on the bundled sentiment sample.
#include "CliRunner.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QTemporaryDir>

namespace {

const QString kSentiment = QStringLiteral(FINCH_SAMPLES "/sentiment.jsonl");

QJsonObject parseObject(const QString& text)
{
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

QList<QJsonObject> jsonLines(const QString& text)
{
    QList<QJsonObject> lines;
    for (const QString& line : text.split('\n', Qt::SkipEmptyParts))
        lines.append(parseObject(line));
    return lines;
}

QString writeConfig(const QTemporaryDir& dir, const QString& name, QJsonObject settings)
{
    QJsonObject config{{"output_dir", dir.filePath("workspace/runs")},
                       {"run_name", name},
                       {"train_file", kSentiment},
                       {"model", "finch-tiny"},
                       {"max_seq_length", 96},
                       {"per_device_train_batch_size", 16},
                       {"learning_rate", 0.003},
                       {"warmup_ratio", 0.05},
                       {"logging_steps", 1}};
    for (auto it = settings.begin(); it != settings.end(); ++it)
        config[it.key()] = it.value();
    const QString path = dir.filePath(name + ".json");
    writeText(path, QJsonDocument(config).toJson());
    return path;
}

QString runPathOf(const CliResult& result)
{
    return jsonLines(result.out).last()["run"].toString();
}

} // namespace

class CliTrainTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void trainLearnsTheSentimentSample()
    {
        QTemporaryDir dir;
        const CliResult result = runFinch({"train", "--config", writeConfig(dir, "learn", {{"num_train_epochs", 8}}), "--json"});
        QVERIFY2(result.exitCode == 0, qPrintable(result.err + result.out));
        const QList<QJsonObject> events = jsonLines(result.out);
        QList<double> losses;
        int evaluations = 0;
        for (const QJsonObject& event : events) {
            if (event["event"] == "step")
                losses.append(event["loss"].toDouble());
            evaluations += event["event"] == "evaluation";
        }
        QVERIFY(losses.size() > 100);
        QVERIFY2(losses.last() < 0.2 * losses.first(), qPrintable(QString("%1 -> %2").arg(losses.first()).arg(losses.last())));
        QCOMPARE(evaluations, 8); // once per epoch

        const QJsonObject outcome = events.last();
        QCOMPARE(outcome["status"].toString(), QString("completed"));
        const QString run = outcome["run"].toString();
        const QJsonObject metrics = outcome["test_metrics"].toObject();
        for (const char* key : {"accuracy", "macro_f1", "weighted_f1", "per_class", "confusion_matrix", "labels"})
            QVERIFY2(metrics.contains(key), key);

        const QJsonObject report = parseObject(readText(run + "/eval.json"));
        const QJsonArray rows = report["rows"].toArray();
        QCOMPARE(rows.size(), 31); // 10 % of 310
        for (const auto& value : rows) {
            const QJsonObject row = value.toObject();
            double total = 0;
            for (const auto& p : row["probabilities"].toObject())
                total += p.toDouble();
            QVERIFY(qAbs(total - 1.0) < 1e-6);
            QVERIFY(!row["input"].toString().isEmpty());
            QCOMPARE(row["correct"].toBool(), row["reference"] == row["prediction"]);
        }

        // It learned the data it saw.
        const CliResult onTrain = runFinch({"eval", "--run", run, "--split", "train", "--json"});
        QVERIFY2(onTrain.exitCode == 0, qPrintable(onTrain.err));
        const double trainAccuracy = parseObject(onTrain.out)["metrics"].toObject()["accuracy"].toDouble();
        QVERIFY2(trainAccuracy >= 0.9, qPrintable(QString::number(trainAccuracy)));
        QVERIFY(QFile::exists(run + "/eval-train.json"));

        const CliResult listed = runFinch({"runs", "list", dir.filePath("workspace"), "--json"});
        QCOMPARE(listed.exitCode, 0);
        const QJsonArray runs = QJsonDocument::fromJson(listed.out.toUtf8()).array();
        QCOMPARE(runs.size(), 1);
        QCOMPARE(runs[0].toObject()["status"].toString(), QString("completed"));
        const CliResult shown = runFinch({"runs", "show", run});
        QCOMPARE(shown.exitCode, 0);
        QVERIFY(shown.out.contains("learning_rate = 0.003"));
        QVERIFY(shown.out.contains("accuracy"));
    }

    void stopAndResumeMatchAnUninterruptedRun()
    {
        QTemporaryDir dir;
        const QJsonObject settings{{"max_steps", 10}, {"save_steps", 3}, {"tokenizer_vocab_size", 800}};
        const CliResult whole = runFinch({"train", "--config", writeConfig(dir, "whole", settings), "--json"});
        QVERIFY2(whole.exitCode == 0, qPrintable(whole.err));

        const CliResult stopped = runFinch({"train", "--config", writeConfig(dir, "split", settings), "--stop-at", "4"});
        QVERIFY2(stopped.exitCode == 0, qPrintable(stopped.err));
        QVERIFY2(stopped.out.contains("stopped after 4 steps"), qPrintable(stopped.out));
        const QString splitRun = stopped.out.section("continue with: finch train --resume ", 1).trimmed();
        QVERIFY(QFile::exists(splitRun + "/checkpoints/step-4/trainer_state.json"));
        const CliResult resumed = runFinch({"train", "--resume", splitRun, "--json"});
        QVERIFY2(resumed.exitCode == 0, qPrintable(resumed.err));
        QCOMPARE(jsonLines(resumed.out).last()["steps"].toInt(), 10);

        const QString wholeRun = runPathOf(whole);
        QCOMPARE(readText(splitRun + "/final/model.safetensors"), readText(wholeRun + "/final/model.safetensors"));
        auto losses = [](const QString& run) {
            QList<double> values;
            for (const QJsonObject& event : jsonLines(readText(run + "/metrics.jsonl")))
                if (event["event"] == "step")
                    values.append(event["loss"].toDouble());
            return values;
        };
        QCOMPARE(losses(splitRun).size(), 10);
        QCOMPARE(losses(splitRun), losses(wholeRun));

        // Same rows, same predictions: the bootstrap difference is exactly 0.
        const CliResult compared = runFinch({"runs", "compare", dir.filePath("workspace"), "--json"});
        QVERIFY2(compared.exitCode == 0, qPrintable(compared.err));
        const QJsonArray runs = parseObject(compared.out)["runs"].toArray();
        QCOMPARE(runs.size(), 2);
        const QJsonObject bootstrap = runs[1].toObject()["bootstrap"].toObject();
        QCOMPARE(bootstrap["difference"].toDouble(), 0.0);
        QCOMPARE(bootstrap["resamples"].toInt(), 1000);
        QVERIFY(runFinch({"runs", "compare", dir.filePath("workspace")}).out.contains("95% CI"));
    }

    // Links planted in a run folder (the lock, metrics.jsonl, run.json) must not
    // make a resume write through them: the files they point to stay as they were.
    void aResumeNeverWritesThroughPlantedLinks()
    {
        QTemporaryDir dir;
        const QJsonObject settings{{"max_steps", 6}, {"save_steps", 2}, {"tokenizer_vocab_size", 600}, {"test_split", 0.0}};
        const CliResult stopped = runFinch({"train", "--config", writeConfig(dir, "planted", settings), "--stop-at", "2"});
        QVERIFY2(stopped.exitCode == 0, qPrintable(stopped.err));
        const QString run = stopped.out.section("continue with: finch train --resume ", 1).trimmed();
        QVERIFY(QFile::exists(run + "/run.json"));
        // A link at the lock: the resume refuses, naming it.
        const QString lockVictim = dir.filePath("outside-lock");
        writeText(lockVictim, "keep me\n");
        QFile::remove(run + "/.lock"); // the lock file stays after a run; the flock goes with its process
        QVERIFY(QFile::link(lockVictim, run + "/.lock"));
        const CliResult refused = runFinch({"train", "--resume", run});
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains(run + "/.lock") && refused.err.contains("symbolic link"), qPrintable(refused.err));
        QCOMPARE(readText(lockVictim), QByteArray("keep me\n"));
        QVERIFY(QFile::remove(run + "/.lock"));

        // Links at the run's records: replaced by the run's own files, never written through.
        QStringList victims;
        for (const QString& name : {QStringLiteral("metrics.jsonl"), QStringLiteral("run.json")}) {
            const QString victim = dir.filePath("outside-" + name);
            writeText(victim, readText(run + "/" + name));
            QVERIFY(QFile::remove(run + "/" + name));
            QVERIFY(QFile::link(victim, run + "/" + name));
            victims << victim;
        }
        QMap<QString, QByteArray> before;
        for (const QString& victim : victims)
            before[victim] = readText(victim);
        const CliResult resumed = runFinch({"train", "--resume", run, "--json"});
        QVERIFY2(resumed.exitCode == 0, qPrintable(resumed.err));
        QCOMPARE(jsonLines(resumed.out).last()["steps"].toInt(), 6);
        for (const QString& victim : victims)
            QVERIFY2(readText(victim) == before[victim], qPrintable(victim + " was written through a link"));
        // run.json and metrics.jsonl are the run's own files again, not links.
        QVERIFY(!QFileInfo(run + "/run.json").isSymLink());
        QVERIFY(!QFileInfo(run + "/metrics.jsonl").isSymLink());
    }

    void loraRunExportsAdapterAndMergedModel()
    {
        QTemporaryDir dir;
        const QJsonObject settings{{"max_steps", 4}, {"method", "lora"}, {"tokenizer_vocab_size", 800},
                                   {"lora", QJsonObject{{"r", 4}, {"alpha", 8}, {"target_modules", QJsonArray{"q_proj", "v_proj"}}}}};
        const CliResult trained = runFinch({"train", "--config", writeConfig(dir, "lora", settings), "--json"});
        QVERIFY2(trained.exitCode == 0, qPrintable(trained.err));
        const QString run = runPathOf(trained);
        QVERIFY(QFile::exists(run + "/final/adapter_model.safetensors"));
        const QJsonObject adapter = parseObject(readText(run + "/final/adapter_config.json"));
        QCOMPARE(adapter["peft_type"].toString(), QString("LORA"));
        QCOMPARE(adapter["r"].toInt(), 4);
        QVERIFY(QFile::exists(adapter["base_model_name_or_path"].toString() + "/config.json"));

        // Each export is loaded back and checked against the run's model.
        for (const QString kind : {"adapter", "merged"}) {
            const CliResult exported = runFinch({"export", "--run", run, "--" + kind, "--out", dir.filePath(kind), "--json"});
            QVERIFY2(exported.exitCode == 0, qPrintable(exported.err));
            const QJsonObject report = parseObject(exported.out);
            QVERIFY(report["verified"].toBool());
            QVERIFY(report["probe_tokens"].toInt() > 10);
            QVERIFY2(report["max_logit_difference"].toDouble() < 1e-4, qPrintable(exported.out));
        }
        QVERIFY(QFile::exists(dir.filePath("adapter/adapter_model.safetensors")));
        QVERIFY(runFinch({"export", "--run", run, "--merged", "--out", dir.filePath("merged")}).out.contains("verified"));
        const CliResult info = runFinch({"model", "info", dir.filePath("merged"), "--json"});
        QVERIFY2(info.exitCode == 0, qPrintable(info.err));
        QVERIFY(parseObject(info.out)["tokenizer"].toInt() > 0);
        // A folder with a person's files is never replaced; an earlier export is (above).
        QVERIFY(QDir().mkpath(dir.filePath("mine")));
        writeText(dir.filePath("mine/notes.txt"), "my notes\n");
        const CliResult kept = runFinch({"export", "--run", run, "--merged", "--out", dir.filePath("mine")});
        QCOMPARE(kept.exitCode, 1);
        QVERIFY2(kept.err.contains(dir.filePath("mine")) && kept.err.contains("notes.txt"), qPrintable(kept.err));
        QCOMPARE(readText(dir.filePath("mine/notes.txt")), QByteArray("my notes\n"));
        QVERIFY(!QFile::exists(dir.filePath("mine/config.json")));

        // The base model with --adapter scores and generates as the merged model does.
        const QString base = adapter["base_model_name_or_path"].toString();
        const QStringList ids{"--ids", "1,40,41,42,43,44,45", "--json"};
        const double withAdapter = parseObject(runFinch(QStringList{"model", "score", base, "--adapter",
                                                                    dir.filePath("adapter")} + ids).out)["loss"].toDouble();
        const double mergedLoss = parseObject(runFinch(QStringList{"model", "score", dir.filePath("merged")} + ids).out)["loss"].toDouble();
        const double baseLoss = parseObject(runFinch(QStringList{"model", "score", base} + ids).out)["loss"].toDouble();
        QVERIFY2(qAbs(withAdapter - mergedLoss) < 1e-5, qPrintable(QString("%1 vs %2").arg(withAdapter).arg(mergedLoss)));
        QVERIFY(withAdapter != baseLoss);
        const QStringList prompt{"--prompt", "great film", "--max-new-tokens", "8", "--json"};
        const CliResult adapted = runFinch(QStringList{"generate", "--model", base, "--adapter", dir.filePath("adapter")} + prompt);
        QVERIFY2(adapted.exitCode == 0, qPrintable(adapted.err));
        QCOMPARE(parseObject(adapted.out)["tokens"],
                 parseObject(runFinch(QStringList{"generate", "--model", dir.filePath("merged")} + prompt).out)["tokens"]);

        const CliResult full = runFinch({"train", "--config", writeConfig(dir, "full", {{"max_steps", 2}, {"test_split", 0.0}}), "--json"});
        QVERIFY2(full.exitCode == 0, qPrintable(full.err));
        const CliResult refused = runFinch({"export", "--run", runPathOf(full), "--adapter", "--out", dir.filePath("x")});
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains("export it merged"), qPrintable(refused.err));
    }

    void badConfigurationsGetClearErrors()
    {
        QTemporaryDir dir;
        const CliResult typo = runFinch({"train", "--config", writeConfig(dir, "typo", {{"learning_rat", 0.1}})});
        QCOMPARE(typo.exitCode, 1);
        QVERIFY2(typo.err.contains("unknown setting 'learning_rat' (did you mean 'learning_rate'?)"), qPrintable(typo.err));

        const CliResult badMethod = runFinch({"train", "--config", writeConfig(dir, "method", {{"method", "qlora"}})});
        QCOMPARE(badMethod.exitCode, 1);
        QVERIFY2(badMethod.err.contains("'method'") && badMethod.err.contains("qlora"), qPrintable(badMethod.err));

        writeText(dir.filePath("broken.jsonl"), "{\"text\": \"fine\", \"label\": \"a\"}\n{\"text\": 5, \"label\": \"b\"}\n");
        const CliResult badData = runFinch({"train", "--config", writeConfig(dir, "data", {{"train_file", dir.filePath("broken.jsonl")}})});
        QCOMPARE(badData.exitCode, 1);
        QVERIFY2(badData.err.contains("broken.jsonl:2"), qPrintable(badData.err));

        // Data or a model that cannot be read fails before a run folder exists, with the error once.
        const CliResult misspelled = runFinch({"train", "--config", writeConfig(dir, "missing", {{"train_file", dir.filePath("sentimnet.jsonl")}})});
        QCOMPARE(misspelled.exitCode, 1);
        QCOMPARE(misspelled.err.count("sentimnet.jsonl"), 1);
        QDir().mkpath(dir.filePath("model"));
        writeText(dir.filePath("model/config.json"), "{\"architectures\": [\"LlamaForCausalLM\"]}");
        const CliResult badModel = runFinch({"train", "--config", writeConfig(dir, "model", {{"model", dir.filePath("model")}})});
        QCOMPARE(badModel.exitCode, 1);
        QVERIFY2(badModel.err.contains("missing 'vocab_size'"), qPrintable(badModel.err));
        QCOMPARE(badModel.err.count("missing 'vocab_size'"), 1);
        // Only the typo and method runs above were refused by validation; none of these left a folder.
        QVERIFY(QDir(dir.filePath("workspace/runs")).entryList(QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden).isEmpty());

        QCOMPARE(runFinch({"train"}).exitCode, 1);
        QVERIFY(runFinch({"train", "--help"}).out.contains("--resume"));
        QCOMPARE(runFinch({"eval", "--run", dir.path()}).exitCode, 1); // not a run folder
    }
};

QTEST_GUILESS_MAIN(CliTrainTest)
#include "CliTrainTest.moc"
