// finch model list | info | score | create and finch generate, run as a process.
#include "CliRunner.h"
#include "../support/FakeHub.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QDir>
#include <QFile>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QTemporaryDir>

namespace {

const QString kFixtures = QStringLiteral(FINCH_TEST_DATA "/hf_golden/");

QJsonObject golden(const QString& fixture)
{
    return QJsonDocument::fromJson(readText(kFixtures + fixture + "/golden.json")).object();
}

QString idsOf(const QJsonArray& ids)
{
    QStringList items;
    for (const auto& id : ids)
        items << QString::number(id.toInt());
    return items.join(',');
}

} // namespace

class CliModelTest : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;

private Q_SLOTS:
    void infoDescribesTheModel()
    {
        const CliResult result = runFinch({"model", "info", kFixtures + "qwen2_tiny", "--json"});
        QCOMPARE(result.exitCode, 0);
        const QJsonObject info = QJsonDocument::fromJson(result.out.toUtf8()).object();
        QCOMPARE(info["architecture"].toString(), QString("Qwen2ForCausalLM"));
        QCOMPARE(info["key_value_heads"].toInt(), 2);
        QCOMPARE(info["parameters"].toInt(), 125504); // llama_tiny plus q, k, v biases
        QVERIFY(info["memory"].toObject()["full"].toObject()["total_bytes"].toDouble() >
                info["memory"].toObject()["lora_r8_qv"].toObject()["total_bytes"].toDouble());
        const CliResult text = runFinch({"model", "info", kFixtures + "llama_tied"});
        QVERIFY2(text.out.contains("(tied embeddings)"), qPrintable(text.out));
    }

    void scoreGivesTransformersLoss()
    {
        const QJsonArray ids = golden("llama_tiny")["input_ids"].toArray();
        const CliResult result = runFinch({"model", "score", kFixtures + "llama_tiny", "--ids", idsOf(ids[0].toArray()),
                                           "--ids", idsOf(ids[1].toArray()), "--json"});
        QCOMPARE(result.exitCode, 0);
        const double loss = QJsonDocument::fromJson(result.out.toUtf8()).object()["loss"].toDouble();
        QVERIFY2(std::abs(loss - golden("llama_tiny")["loss"].toDouble()) < 1e-5, qPrintable(result.out));
    }

    void generateIsGreedyByDefault()
    {
        const QJsonObject fixture = golden("llama_tiny");
        const QJsonArray row = fixture["input_ids"].toArray()[0].toArray();
        const QJsonArray lastLogits = fixture["logits"].toArray()[0].toArray()[15].toArray();
        int best = 0;
        for (int v = 1; v < lastLogits.size(); ++v)
            if (lastLogits[v].toDouble() > lastLogits[best].toDouble())
                best = v;
        const CliResult result = runFinch({"generate", "--model", kFixtures + "llama_tiny", "--ids", idsOf(row),
                                           "--max-new-tokens", "3", "--json"});
        QCOMPARE(result.exitCode, 0);
        const QJsonObject out = QJsonDocument::fromJson(result.out.toUtf8()).object();
        QCOMPARE(out["tokens"].toArray().size(), 3);
        QCOMPARE(out["tokens"].toArray()[0].toInt(), best);
        QCOMPARE(out["stop_reason"].toString(), QString("max-tokens"));

        // generation_config.json's eos ids end the reply too (as Llama 3's <|eot_id|> does).
        QDir().mkpath(dir_.filePath("eot"));
        for (const char* file : {"config.json", "model.safetensors"})
            QFile::copy(kFixtures + "llama_tiny/" + file, dir_.filePath(QStringLiteral("eot/") + file));
        writeText(dir_.filePath("eot/generation_config.json"), "{\"eos_token_id\": [250, " + QByteArray::number(best) + "]}");
        const CliResult stopped = runFinch({"generate", "--model", dir_.filePath("eot"), "--ids", idsOf(row),
                                            "--max-new-tokens", "3", "--json"});
        QCOMPARE(stopped.exitCode, 0);
        const QJsonObject ended = QJsonDocument::fromJson(stopped.out.toUtf8()).object();
        QCOMPARE(ended["tokens"].toArray().size(), 0); // the reply ends before its first token
        QCOMPARE(ended["stop_reason"].toString(), QString("eos"));
    }

    void createsAPresetAndGeneratesText()
    {
        QByteArray rows;
        const QStringList words{"film", "phone", "great", "awful", "battery", "story", "screen", "actor", "price"};
        for (int i = 0; i < 300; ++i)
            rows += "{\"text\":\"the " + words[i % words.size()].toUtf8() + " was " +
                    words[(i / 3) % words.size()].toUtf8() + " " + QByteArray::number(i) + "\"}\n";
        writeText(dir_.filePath("texts.jsonl"), rows);
        QCOMPARE(runFinch({"tokenizer", "train", "--data", dir_.filePath("texts.jsonl"), "--vocab-size", "290", "--out",
                           dir_.filePath("t.model")})
                     .exitCode,
                 0);
        const CliResult created = runFinch({"model", "create", "--preset", "finch-tiny", "--tokenizer",
                                            dir_.filePath("t.model"), "--out", dir_.filePath("tiny"), "--json"});
        QCOMPARE(created.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(created.out.toUtf8()).object()["vocab_size"].toInt(), 290);
        QVERIFY(QFile::exists(dir_.filePath("tiny/tokenizer.model")));
        QVERIFY(QFile::exists(dir_.filePath("tiny/model.safetensors")));
        const CliResult generated = runFinch({"generate", "--model", dir_.filePath("tiny"), "--prompt", "the film",
                                              "--sample", "--seed", "3", "--max-new-tokens", "5", "--json"});
        QCOMPARE(generated.exitCode, 0);
        const QJsonObject out = QJsonDocument::fromJson(generated.out.toUtf8()).object();
        QCOMPARE(out["prompt_ids"].toArray()[0].toInt(), 1); // BOS first
        QVERIFY(!out["stop_reason"].toString().isEmpty());
    }

    void badInputGetsAClearError()
    {
        QDir().mkpath(dir_.filePath("pickled"));
        QFile::copy(kFixtures + "llama_tiny/config.json", dir_.filePath("pickled/config.json"));
        writeText(dir_.filePath("pickled/pytorch_model.bin"), "pickle");
        const CliResult pickled = runFinch({"model", "info", dir_.filePath("pickled")});
        QCOMPARE(pickled.exitCode, 1);
        QVERIFY2(pickled.err.contains("unpickling can run any code"), qPrintable(pickled.err));
        const CliResult badIds = runFinch({"model", "score", kFixtures + "llama_tiny", "--ids", "1,2,999"});
        QCOMPARE(badIds.exitCode, 1);
        QVERIFY2(badIds.err.contains("token id 999 is outside the vocabulary (0..255)"), qPrintable(badIds.err));
        const CliResult noTokenizer = runFinch({"generate", "--model", kFixtures + "llama_tiny", "--prompt", "hi"});
        QCOMPARE(noTokenizer.exitCode, 1);
        QVERIFY(noTokenizer.err.contains("give the prompt as --ids"));
        const CliResult device = runFinch({"model", "score", kFixtures + "llama_tiny", "--ids", "1,2", "--device", "tpu"});
        QCOMPARE(device.exitCode, 1);
        QVERIFY(device.err.contains("unknown device 'tpu'"));

        // A tokenizer.model that is /dev/zero: reading it never ended.
        QDir().mkpath(dir_.filePath("zero"));
        for (const char* file : {"config.json", "model.safetensors"})
            QFile::copy(kFixtures + "llama_tiny/" + file, dir_.filePath(QStringLiteral("zero/") + file));
        QFile::link("/dev/zero", dir_.filePath("zero/tokenizer.model"));
        const CliResult zero = runFinch({"model", "info", dir_.filePath("zero")});
        QCOMPARE(zero.exitCode, 1);
        QVERIFY2(zero.err.contains("tokenizer.model: not a regular file (a device)"), qPrintable(zero.err));

        // Sizes whose weights need more memory than any machine has: refused before allocating.
        QDir().mkpath(dir_.filePath("huge"));
        writeText(dir_.filePath("huge/config.json"),
                  "{\"architectures\": [\"LlamaForCausalLM\"], \"vocab_size\": 16000000, \"hidden_size\": 16384, "
                  "\"intermediate_size\": 65536, \"num_hidden_layers\": 4000, \"num_attention_heads\": 128}");
        const CliResult huge = runFinch({"model", "info", dir_.filePath("huge")});
        QCOMPARE(huge.exitCode, 1);
        QVERIFY2(huge.err.contains("the model's float32 weights needs") && huge.err.contains("GiB available"),
                 qPrintable(huge.err));
    }

    // The presets, then the cache's causal LMs, found through HF_HUB_CACHE as huggingface_hub finds it.
    void listShowsPresetsAndTheCache()
    {
        const QString snapshot = dir_.filePath("hub/models--finch-test--qwen2-tiny/snapshots/"
                                               "0123456789abcdef0123456789abcdef01234567");
        QVERIFY(QDir().mkpath(snapshot) && QDir().mkpath(dir_.filePath("hub/models--finch-test--qwen2-tiny/refs")));
        for (const char* file : {"config.json", "model.safetensors"})
            QVERIFY(QFile::copy(kFixtures + "qwen2_tiny/" + file, snapshot + "/" + file));
        writeText(dir_.filePath("hub/models--finch-test--qwen2-tiny/refs/main"), "0123456789abcdef0123456789abcdef01234567");
        // The folders the studio opened recently (one of them since deleted).
        QDir().mkpath(dir_.filePath("config/finch"));
        writeText(dir_.filePath("config/finch/recent-models.json"),
                  QJsonDocument(QJsonObject{{"folders", QJsonArray{kFixtures + "llama_tied", dir_.filePath("gone")}}}).toJson());
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert("HF_HUB_CACHE", dir_.filePath("hub"));
        environment.insert("XDG_CONFIG_HOME", dir_.filePath("config"));
        const CliResult result = runProgram(QStringLiteral(FINCH_CLI_PATH), {"model", "list", "--json"}, {}, {}, environment);
        QCOMPARE(result.exitCode, 0);
        const QJsonObject list = QJsonDocument::fromJson(result.out.toUtf8()).object();
        QCOMPARE(list["cache"].toString(), dir_.filePath("hub"));
        const QJsonArray models = list["models"].toArray();
        QCOMPARE(models.size(), 5);
        QCOMPARE(models[4].toObject()["source"].toString(), QString("recent"));
        QCOMPARE(models[4].toObject()["path"].toString(), kFixtures + "llama_tied");
        QCOMPARE(models[0].toObject()["name"].toString(), QString("finch-tiny"));
        const QJsonObject cached = models[3].toObject();
        QCOMPARE(cached["name"].toString(), QString("finch-test/qwen2-tiny"));
        QCOMPARE(cached["path"].toString(), snapshot);
        QCOMPARE(cached["architecture"].toString(), QString("Qwen2ForCausalLM"));
        QCOMPARE(cached["parameters"].toInt(), 125504);
        for (const char* key : {"supported", "reason", "bytes_on_disk", "tokenizer", "revision"})
            QVERIFY2(cached.contains(key), key);
        QCOMPARE(cached["supported"].toBool(), false); // no tokenizer in the folder
        QVERIFY2(cached["reason"].toString().contains("tokenizer"), qPrintable(cached["reason"].toString()));
    }

    // finch model download against a loopback Hub: into the cache, then listed by finch model
    // list; the token saved by finch model login opens a gated repository.
    void downloadsFromTheHubIntoTheCache()
    {
        FakeHub hub;
        QMap<QString, QByteArray> files; // the model createsAPresetAndGeneratesText made
        for (const QString& file : QDir(dir_.filePath("tiny")).entryList(QDir::Files))
            files[file] = readText(dir_.filePath("tiny/" + file));
        QVERIFY(files.contains("model.safetensors") && files.contains("tokenizer.model"));
        hub.addRepo("finch-test/open-model", files);
        hub.addRepo("finch-test/gated-model", files, "hf_cli_token");

        QTemporaryDir home;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert("HF_HOME", home.path());
        environment.insert("HF_ENDPOINT", hub.endpoint());
        environment.remove("HF_HUB_CACHE");
        environment.remove("HF_TOKEN");
        const QString finch = QStringLiteral(FINCH_CLI_PATH);

        CliResult result = runProgram(finch, {"model", "download", "finch-test/open-model", "--json"}, {}, {}, environment);
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        const QString snapshot = home.filePath("hub/models--finch-test--open-model/snapshots/" + hub.commitOf("finch-test/open-model"));
        QCOMPARE(QJsonDocument::fromJson(result.out.toUtf8()).object()["path"].toString(), snapshot);
        QCOMPARE(readText(snapshot + "/model.safetensors"), files["model.safetensors"]);
        result = runProgram(finch, {"model", "list", "--json"}, {}, {}, environment);
        QVERIFY2(result.out.contains("finch-test/open-model"), qPrintable(result.out));

        result = runProgram(finch, {"model", "download", "finch-test/gated-model"}, {}, {}, environment);
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains("gated") && result.err.contains("finch model login"), qPrintable(result.err));
        result = runProgram(finch, {"model", "login"}, {}, "hf_cli_token\n", environment);
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        QVERIFY(!result.out.contains("hf_cli_token"));
        QCOMPARE(QFile(home.filePath("token")).permissions() & (QFile::ReadGroup | QFile::ReadOther), QFile::Permissions());
        result = runProgram(finch, {"model", "download", "finch-test/gated-model"}, {}, {}, environment);
        QVERIFY2(result.exitCode == 0 && result.out.contains("Finch can fine-tune it"), qPrintable(result.err + result.out));

        result = runProgram(finch, {"model", "download", "finch-test/missing"}, {}, {}, environment);
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains("no repository finch-test/missing"), qPrintable(result.err));
    }

    void everyCommandHasHelp()
    {
        for (const QStringList& command : {QStringList{"model", "list"}, QStringList{"model", "info"}, QStringList{"model", "score"},
                                           QStringList{"model", "create"}, QStringList{"model", "download"},
                                           QStringList{"generate"}}) {
            const CliResult result = runFinch(command + QStringList{"--help"});
            QCOMPARE(result.exitCode, 0);
            QVERIFY(result.out.contains("--json"));
        }
    }
};

QTEST_GUILESS_MAIN(CliModelTest)
#include "CliModelTest.moc"
