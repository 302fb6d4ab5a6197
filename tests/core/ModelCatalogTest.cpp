// The Hugging Face cache as huggingface_hub lays it out (models--org--name, refs/,
// snapshots/ of links into blobs/), resolved and described without loading weights.
#include "core/common/FileIO.h"
#include "core/model/ModelCatalog.h"
#include "core/model/Safetensors.h"

#include <nlohmann/json.hpp>

#include <QTemporaryDir>
#include <QtTest>

#include <cstdlib>
#include <filesystem>

using namespace finch;
namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

namespace {

const char* const kCommit = "0123456789abcdef0123456789abcdef01234567";
const char* const kOlderCommit = "fedcba9876543210fedcba9876543210fedcba98";

Json qwenConfig(const char* architecture = "Qwen2ForCausalLM")
{
    return {{"architectures", {architecture}}, {"vocab_size", 640}, {"hidden_size", 32}, {"intermediate_size", 64},
            {"num_hidden_layers", 1}, {"num_attention_heads", 4}, {"num_key_value_heads", 2},
            {"tie_word_embeddings", true}};
}

// A file of a snapshot, stored as huggingface_hub stores it: a blob, linked from the snapshot.
void addFile(const fs::path& repo, const std::string& commit, const std::string& name, const std::string& content)
{
    const fs::path blob = repo / "blobs" / (std::to_string(std::hash<std::string>{}(content)) + "-" + name);
    fs::create_directories(blob.parent_path());
    writeFileAtomically(blob.string(), content);
    const fs::path link = repo / "snapshots" / commit / name;
    fs::create_directories(link.parent_path());
    fs::create_symlink(fs::relative(blob, link.parent_path()), link);
}

void writeRef(const fs::path& repo, const std::string& name, const std::string& commit)
{
    fs::create_directories(repo / "refs");
    writeFileAtomically((repo / "refs" / name).string(), commit);
}

std::string weights(int64_t rows, int64_t columns)
{
    const std::string zeros(size_t(rows * columns) * sizeof(float), '\0');
    const std::string path = QDir::temp().filePath("finch-catalog-weights.safetensors").toStdString();
    model::writeSafetensors(path, {{"model.embed_tokens.weight", model::DType::F32, {rows, columns}, zeros}},
                            {{"format", "pt"}});
    return readWholeFile(path);
}

} // namespace

class ModelCatalogTest : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    fs::path cache_;

private Q_SLOTS:
    void initTestCase()
    {
        try {
            makeCache();
        } catch (const std::exception& error) {
            QFAIL(error.what());
        }
    }

private:
    void makeCache()
    {
        cache_ = fs::path(dir_.path().toStdString()) / "hub";
        const std::string tokenizer = readWholeFile(FINCH_TEST_DATA "/tokenizers/qwen-nfc-digits/tokenizer.json");
        // A supported model with two snapshots: refs/main names the newer, refs/v1 the older.
        const fs::path tiny = cache_ / "models--finch-test--tiny-qwen";
        for (const char* commit : {kCommit, kOlderCommit}) {
            addFile(tiny, commit, "config.json", qwenConfig().dump());
            addFile(tiny, commit, "model.safetensors", weights(640, 32));
            addFile(tiny, commit, "tokenizer.json", tokenizer);
        }
        addFile(tiny, kCommit, "tokenizer_config.json", Json{{"chat_template", "{{ messages }}"}}.dump());
        writeRef(tiny, "main", std::string(kCommit) + "\n");
        writeRef(tiny, "v1", kOlderCommit);
        // An architecture Finch does not implement yet.
        const fs::path other = cache_ / "models--someone--new-arch";
        addFile(other, kCommit, "config.json", qwenConfig("FancyNewForCausalLM").dump());
        addFile(other, kCommit, "model.safetensors", weights(8, 4));
        writeRef(other, "main", kCommit);
        // Pickled weights only, downloaded by commit (no refs/main).
        const fs::path pickled = cache_ / "models--someone--pickled";
        addFile(pickled, kCommit, "config.json", qwenConfig().dump());
        addFile(pickled, kCommit, "pytorch_model.bin", "not unpickled");
        // Not causal language models: skipped.
        const fs::path encoder = cache_ / "models--someone--encoder";
        addFile(encoder, kCommit, "config.json", Json{{"architectures", {"BertModel"}}}.dump());
        writeRef(encoder, "main", kCommit);
        fs::create_directories(cache_ / "datasets--someone--reviews" / "snapshots" / kCommit);
    }

private Q_SLOTS:

    void snapshotsResolveAsHuggingfaceHub()
    {
        const std::string cache = cache_.string();
        const auto main = model::resolveSnapshot(cache, "finch-test/tiny-qwen");
        QVERIFY(main && main->ends_with(kCommit));
        QVERIFY(model::resolveSnapshot(cache, "finch-test/tiny-qwen", "v1")->ends_with(kOlderCommit));
        QVERIFY(model::resolveSnapshot(cache, "finch-test/tiny-qwen", kOlderCommit)->ends_with(kOlderCommit));
        QVERIFY(!model::resolveSnapshot(cache, "finch-test/tiny-qwen", "v2"));
        QVERIFY(!model::resolveSnapshot(cache, "finch-test/absent"));
        QVERIFY(!model::resolveSnapshot(cache, "finch-test/tiny-qwen", "../../models--someone--pickled"));
    }

    void theCacheListsCausalModelsWithWhatFinchMakesOfThem()
    {
        const auto models = model::listCachedModels(cache_.string());
        QCOMPARE(models.size(), size_t(3));
        const model::ModelEntry& tiny = models[0];
        QCOMPARE(tiny.name, std::string("finch-test/tiny-qwen"));
        QCOMPARE(tiny.source, std::string("cache"));
        QCOMPARE(tiny.revision, std::string(kCommit));
        QCOMPARE(tiny.architecture, std::string("Qwen2ForCausalLM"));
        QCOMPARE(tiny.parameters, int64_t(640 * 32));
        QVERIFY(tiny.bytesOnDisk > 640 * 32 * 4); // through the links, into the blobs
        QCOMPARE(tiny.tokenizer, std::string("tokenizer.json (BPE)"));
        QVERIFY(tiny.chatTemplate);
        QVERIFY2(tiny.supported, tiny.reason.c_str());

        const model::ModelEntry& newArch = models[1];
        QCOMPARE(newArch.name, std::string("someone/new-arch"));
        QVERIFY(!newArch.supported);
        QVERIFY2(QString::fromStdString(newArch.reason).contains("FancyNewForCausalLM"), newArch.reason.c_str());
        QCOMPARE(newArch.parameters, int64_t(32));

        const model::ModelEntry& pickled = models[2];
        QCOMPARE(pickled.name, std::string("someone/pickled"));
        QCOMPARE(pickled.revision, std::string(kCommit)); // the newest snapshot, without refs/main
        QVERIFY(!pickled.supported);
        QVERIFY2(QString::fromStdString(pickled.reason).contains("pickle"), pickled.reason.c_str());

        QVERIFY(model::listCachedModels((cache_ / "absent").string()).empty());
    }

    void theCacheIsFoundWhereHuggingfaceHubLooks()
    {
        qputenv("HF_HUB_CACHE", "/tmp/hub-cache");
        QCOMPARE(model::hubCacheDir(), std::string("/tmp/hub-cache"));
        qunsetenv("HF_HUB_CACHE");
        qputenv("HF_HOME", "/tmp/hf-home");
        QCOMPARE(model::hubCacheDir(), std::string("/tmp/hf-home/hub"));
        qunsetenv("HF_HOME");
        qputenv("XDG_CACHE_HOME", "/tmp/xdg");
        QCOMPARE(model::hubCacheDir(), std::string("/tmp/xdg/huggingface/hub"));
        qunsetenv("XDG_CACHE_HOME");
        qputenv("HOME", "/home/someone");
        QCOMPARE(model::hubCacheDir(), std::string("/home/someone/.cache/huggingface/hub"));
    }

    void presetsAreListedFirst()
    {
        const auto presets = model::presetEntries();
        QCOMPARE(presets.size(), size_t(3));
        QCOMPARE(presets[0].name, std::string("finch-tiny"));
        QVERIFY(presets[0].parameters > 500'000 && presets[0].parameters < 2'000'000);
        QVERIFY(presets[2].parameters > presets[1].parameters);
    }

    void namesModelsAsPeopleDo()
    {
        QCOMPARE(model::modelDisplayName("/home/me/.cache/huggingface/hub/models--Qwen--Qwen3-0.6B/snapshots/"
                                  "0123456789abcdef0123456789abcdef01234567"),
                 std::string("Qwen/Qwen3-0.6B"));
        QCOMPARE(model::modelDisplayName("/hub/models--gpt2/snapshots/0123456789abcdef0123456789abcdef01234567/"), std::string("gpt2"));
        QCOMPARE(model::modelDisplayName("/models/my-llama"), std::string("my-llama"));
        QCOMPARE(model::modelDisplayName("finch-tiny"), std::string("finch-tiny"));
    }

    void remembersRecentFolders()
    {
        QTemporaryDir dir;
        const std::string file = dir.filePath("config/finch/recent-models.json").toStdString();
        QVERIFY(model::readRecentFolders(file).empty()); // no file yet
        for (int i = 0; i < 10; ++i)
            model::rememberRecentFolder(file, "/models/m" + std::to_string(i));
        model::rememberRecentFolder(file, "/models/m3"); // again: moves to the front
        const auto folders = model::readRecentFolders(file);
        QCOMPARE(folders.size(), size_t(8));
        QCOMPARE(folders[0], std::string("/models/m3"));
        QCOMPARE(folders[1], std::string("/models/m9"));
        QCOMPARE(std::count(folders.begin(), folders.end(), "/models/m3"), 1);
        writeFileAtomically(file, "{not json");
        QVERIFY(model::readRecentFolders(file).empty()); // a broken file is no list, not an error
        model::rememberRecentFolder(file, "/models/again");
        QCOMPARE(model::readRecentFolders(file), std::vector<std::string>{"/models/again"});
    }
};

QTEST_GUILESS_MAIN(ModelCatalogTest)
#include "ModelCatalogTest.moc"
