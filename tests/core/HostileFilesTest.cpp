// Hostile files and folders, through the readers that meet them: numbers out of range,
// nesting hundreds of thousands of levels deep, FIFOs and devices where files are expected,
// oversized files, sizes that overflow, eval.json of the wrong shape, a second trainer on
// one run, saves through symbolic links, and the umask. Each case must end in a clear
// error or a reported problem: never a crash, a hang or a lost file.
#include "core/common/Error.h"
#include "core/common/FileIO.h"
#include "core/common/JsonFile.h"
#include "core/data/DatasetFile.h"
#include "core/data/JsonFormat.h"
#include "core/eval/Evaluator.h"
#include "core/model/AdapterConfig.h"
#include "core/model/ModelConfig.h"
#include "core/model/Safetensors.h"
#include "core/runs/RunFolder.h"

#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>
#include <fstream>
#include <sys/stat.h>
#include <unistd.h>

using namespace finch;
namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

namespace {

std::string errorOf(const std::function<void()>& action)
{
    try {
        action();
    } catch (const Error& error) {
        return error.what();
    }
    return "no error";
}

bool mentions(const std::string& text, const std::string& part)
{
    if (text.find(part) != std::string::npos)
        return true;
    qWarning("'%s' does not mention '%s'", text.c_str(), part.c_str());
    return false;
}

std::string write(const QTemporaryDir& dir, const char* name, const std::string& content)
{
    const std::string path = dir.filePath(name).toStdString();
    std::ofstream(path, std::ios::binary) << content;
    return path;
}

std::string deeplyNested(size_t levels)
{
    return "{\"text\": " + std::string(levels, '[') + std::string(levels, ']') + "}";
}

Json classificationReport()
{
    return {{"task", "classification"},
            {"metrics", {{"accuracy", 0.5},
                         {"labels", {"a", "b"}},
                         {"confusion_matrix", {{1, 0}, {1, 0}}},
                         {"per_class", {{{"label", "a"}, {"precision", 0.5}, {"recall", 1.0}, {"f1", 0.6}, {"support", 1}}}}}},
            {"rows", {{{"index", 0}, {"input", "x"}, {"reference", "a"}, {"prediction", "a"}, {"score", 0.9}, {"correct", true}}}}};
}

} // namespace

class HostileFilesTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void numbersOutOfRangeAreProblemsEvenOnTheParallelReader()
    {
        // Many rows and small chunks, so that several worker threads read; one row has a
        // number no double holds. It used to end the process ("terminate called").
        std::string content;
        for (int i = 0; i < 400; ++i)
            content += i == 250 ? "{\"text\": \"x\", \"weight\": 1e999}\n" : "{\"text\": \"row\", \"label\": \"a\"}\n";
        data::Dataset dataset;
        dataset.path = "big.jsonl";
        std::vector<Problem> problems;
        data::JsonFormat::readJsonl(content, dataset, problems, /*chunkBytes=*/512);
        QCOMPARE(dataset.rows.size(), size_t(400)); // the bad row is kept verbatim
        QCOMPARE(problems.size(), size_t(1));
        QCOMPARE(problems[0].line, 251L);
        QVERIFY(mentions(problems[0].message(), "big.jsonl:251"));
        QVERIFY(mentions(problems[0].message(), "number overflow"));
        QVERIFY(mentions(errorOf([] { parseJson("{\"a\": -1e999}", "x.json"); }), "x.json: not valid JSON"));
    }

    void deepNestingIsRefusedWithoutRecursion()
    {
        QTemporaryDir dir;
        const std::string deep = deeplyNested(300000);
        // A dataset row: a problem with the place, the row kept.
        const auto loaded = data::DatasetFile::parse(deep + "\n{\"text\": \"fine\"}\n", "deep.jsonl", data::FileFormat::Jsonl);
        QCOMPARE(loaded.dataset.rows.size(), size_t(2));
        QCOMPARE(loaded.problems.size(), size_t(1));
        QVERIFY(mentions(loaded.problems[0].message(), "deep.jsonl:1:"));
        QVERIFY(mentions(loaded.problems[0].message(), "nested more than 256 levels"));
        const auto array = data::DatasetFile::parse("[" + deep + "]", "deep.json", data::FileFormat::JsonArray);
        QCOMPARE(array.problems.size(), size_t(1));
        // Every JSON file Finch reads: configuration, run files.
        const std::string config = write(dir, "config.json", deep);
        QVERIFY(mentions(errorOf([&] { model::ModelConfig::load(config); }), "config.json:1:265: JSON nested more than 256"));
        QVERIFY(mentions(errorOf([&] { eval::readEvaluationReport(config); }), "nested more than"));
        // Brackets inside strings do not count.
        QCOMPARE(findExcessiveNesting("{\"text\": \"" + std::string(1000, '[') + "\"}"), std::string_view::npos);
    }

    void specialFilesAreRefusedAndNeverHang()
    {
        QTemporaryDir dir;
        const std::string fifo = dir.filePath("tokenizer.model").toStdString();
        QCOMPARE(::mkfifo(fifo.c_str(), 0600), 0);
        // Opening a FIFO for reading would block until a writer came; it must not.
        QVERIFY(mentions(errorOf([&] { readWholeFile(fifo); }), "not a regular file (a named pipe)"));
        QVERIFY(mentions(errorOf([&] { MappedFile mapped(fifo); }), "a named pipe"));
        const std::string zero = dir.filePath("config.json").toStdString();
        fs::create_symlink("/dev/zero", zero);
        QVERIFY(mentions(errorOf([&] { model::ModelConfig::load(zero); }), "not a regular file (a device)"));
        QVERIFY(mentions(errorOf([&] { data::DatasetFile::load(zero, data::FileFormat::Jsonl); }), "a device"));
        QVERIFY(mentions(errorOf([&] { readWholeFile(dir.path().toStdString()); }), "it is a folder"));
        const std::string big = write(dir, "big.json", std::string(2048, ' '));
        QVERIFY(mentions(errorOf([&] { readWholeFile(big, 1024); }), "it is 2048 bytes, more than the 1024 bytes"));
    }

    void modelSizesAreBoundedAndCountsCannotOverflow()
    {
        Json config = {{"architectures", {"LlamaForCausalLM"}}, {"vocab_size", 1000000000000LL}, {"hidden_size", 64},
                       {"intermediate_size", 128}, {"num_hidden_layers", 2}, {"num_attention_heads", 4}};
        QVERIFY(mentions(errorOf([&] { model::ModelConfig::fromJson(config, "config.json"); }),
                         "'vocab_size': expected an integer from 1 to 16777216, found 1000000000000"));
        config["vocab_size"] = 32000;
        config["eos_token_id"] = 4294967296LL; // would wrap to 0 as an int
        QVERIFY(mentions(errorOf([&] { model::ModelConfig::fromJson(config, "config.json"); }), "'eos_token_id'"));
        config["eos_token_id"] = 2;
        QVERIFY(mentions(errorOf([] {
                             model::parseAdapterConfig({{"peft_type", "LORA"}, {"r", 4294967297LL}, {"target_modules", {"q_proj"}}},
                                                       "adapter_config.json");
                         }),
                         "'r': expected an integer, found 4294967297"));
        // Every size at its bound multiplies past 64 bits: counted exactly, and refused.
        for (const char* key : {"vocab_size", "hidden_size", "intermediate_size", "num_hidden_layers"})
            config[key] = 1 << 24;
        config["num_attention_heads"] = 1 << 12;
        QVERIFY(mentions(errorOf([&] { model::ModelConfig::fromJson(config, "config.json"); }),
                         "these sizes make more than 1125899906842624 parameters"));
        config["num_hidden_layers"] = 1; // still huge, but countable: the memory check refuses it later
        config["intermediate_size"] = 1;
        config["vocab_size"] = 1;
        config["hidden_size"] = 1 << 12;
        config["num_attention_heads"] = 1 << 6;
        QVERIFY(model::ModelConfig::fromJson(config, "config.json").parameterCount() > 0);
    }

    void evalJsonOfTheWrongShapeIsRefusedByField()
    {
        QVERIFY(mentions(errorOf([] { eval::EvaluationReport::fromJson(classificationReport(), "eval.json"); }), "no error"));
        Json smaller = classificationReport();
        smaller["metrics"]["confusion_matrix"] = {{1}};
        QVERIFY(mentions(errorOf([&] { eval::EvaluationReport::fromJson(smaller, "eval.json"); }),
                         "'metrics.confusion_matrix': expected 2 rows of 2 counts"));
        Json wrongType = classificationReport();
        wrongType["metrics"]["accuracy"] = "high";
        QVERIFY(mentions(errorOf([&] { eval::EvaluationReport::fromJson(wrongType, "eval.json"); }), "'metrics.accuracy'"));
        Json badRow = classificationReport();
        badRow["rows"][0]["prediction"] = 7;
        QVERIFY(mentions(errorOf([&] { eval::EvaluationReport::fromJson(badRow, "eval.json"); }), "'rows.prediction'"));
        Json badClass = classificationReport();
        badClass["metrics"]["per_class"][0]["support"] = -3;
        QVERIFY(mentions(errorOf([&] { eval::EvaluationReport::fromJson(badClass, "eval.json"); }), "per_class.support"));
    }

    void oneTrainerPerRun()
    {
        QTemporaryDir dir;
        const auto run = runs::RunFolder::create(dir.path().toStdString(), "locked");
        {
            const runs::RunLock first(run);
            QVERIFY(mentions(errorOf([&] { runs::RunLock second(run); }),
                             "another trainer is working on this run (process " + std::to_string(::getpid()) + ")"));
        }
        const runs::RunLock again(run); // released with the first
    }

    void savesGoThroughSymlinksAndFollowTheUmask()
    {
        QTemporaryDir dir;
        const std::string real = write(dir, "real.jsonl", "{\"text\": \"old\"}\n");
        const std::string link = dir.filePath("link.jsonl").toStdString();
        fs::create_symlink(real, link);
        auto loaded = data::DatasetFile::load(link);
        loaded.dataset.rows[0].value["text"] = "new";
        data::DatasetFile::save(loaded.dataset, link);
        QVERIFY(fs::is_symlink(link)); // the link stays a link...
        QVERIFY(readWholeFile(real).find("new") != std::string::npos); // ...and its file has the save

        const mode_t old = ::umask(027);
        const std::string fresh = dir.filePath("fresh.jsonl").toStdString();
        data::DatasetFile::save(loaded.dataset, fresh);
        ::umask(old);
        struct stat info {};
        QCOMPARE(::stat(fresh.c_str(), &info), 0);
        QCOMPARE(info.st_mode & 0777, mode_t(0640));
    }

    // A weights file truncated by another program while Finch reads it: the reads past its
    // new end see zeros instead of ending the program with SIGBUS, and the reader says so.
    void aFileTruncatedWhileMappedIsAnErrorNotSigbus()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("model.safetensors").toStdString();
        const std::vector<float> values(1 << 16, 1.0f); // 256 KiB: many pages
        model::writeSafetensors(path,
                                {{"weight", model::DType::F32, {int64_t(values.size())},
                                  std::string_view(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(float))}},
                                {{"format", "pt"}});
        const model::SafetensorsFile file = model::SafetensorsFile::open(path);
        file.checkIntact(); // whole so far
        fs::resize_file(path, 4096);
        const std::string_view bytes = file.data(*file.find("weight"));
        size_t nonZero = 0;
        for (const char byte : bytes) // reads every page, past the new end too
            nonZero += byte != 0;
        QVERIFY(nonZero < bytes.size());
        const std::string error = errorOf([&] { file.checkIntact(); });
        QVERIFY2(mentions(error, path) && mentions(error, "shrank while Finch was reading it"), error.c_str());

        // A mapping of another file is unaffected, and a fresh read of the truncated one is refused.
        const std::string other = dir.filePath("other.jsonl").toStdString();
        writeFileAtomically(other, "{\"text\": \"a\", \"label\": \"b\"}\n");
        QCOMPARE(data::DatasetFile::load(other).dataset.rows.size(), size_t(1));
        QVERIFY(mentions(errorOf([&] { model::SafetensorsFile::open(path); }), "truncated"));
    }

    void saveAsAnotherFormatRefusesUnreadableRows()
    {
        QTemporaryDir dir;
        const std::string path = write(dir, "mixed.jsonl", "{\"text\": \"a\"}\nnot json\n");
        const auto loaded = data::DatasetFile::load(path);
        const std::string csv = dir.filePath("mixed.csv").toStdString();
        QVERIFY(mentions(errorOf([&] { data::DatasetFile::save(loaded.dataset, csv); }),
                         "1 rows of " + path + " could not be read, so they cannot be written as csv"));
        QVERIFY(!fs::exists(csv));
        data::DatasetFile::save(loaded.dataset, dir.filePath("copy.jsonl").toStdString()); // the same format keeps them
        QVERIFY(readWholeFile(dir.filePath("copy.jsonl").toStdString()).find("not json") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(HostileFilesTest)
#include "HostileFilesTest.moc"
