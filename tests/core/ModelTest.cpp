// The Llama-family engine against Hugging Face transformers' own numbers (the fixtures in
// tests/data/hf_golden), plus generation, saving, loading and bad model folders.
#include "core/common/Error.h"
#include "core/common/FileIO.h"
#include "core/model/LanguageModel.h"
#include "core/engine/model/TorchLanguageModel.h"
#include "core/model/MemoryEstimate.h"
#include "core/model/Safetensors.h"
#include "core/api/Engine.h"
#include "core/text/SentencePiece.h"

#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>
#include <fstream>

using namespace finch;
using namespace finch::model;
namespace fs = std::filesystem;

namespace {

const std::string kFixtures = FINCH_TEST_DATA "/hf_golden/";

struct Golden {
    std::vector<std::vector<int>> inputIds;
    std::vector<std::vector<std::vector<float>>> logits; // [row][position][vocab]
    double loss = 0;
};

Golden readGolden(const std::string& fixture)
{
    const auto json = nlohmann::json::parse(readWholeFile(kFixtures + fixture + "/golden.json"));
    return {json["input_ids"].get<std::vector<std::vector<int>>>(),
            json["logits"].get<std::vector<std::vector<std::vector<float>>>>(), json["loss"].get<double>()};
}

int argmax(const std::vector<float>& values, size_t begin, size_t count)
{
    return static_cast<int>(std::max_element(values.begin() + long(begin), values.begin() + long(begin + count)) -
                            (values.begin() + long(begin)));
}

void copyFolder(const std::string& from, const std::string& to)
{
    fs::create_directories(to);
    for (const auto& entry : fs::directory_iterator(from))
        fs::copy(entry.path(), fs::path(to) / entry.path().filename(), fs::copy_options::overwrite_existing);
}

void editConfig(const std::string& folder, const std::function<void(nlohmann::json&)>& edit)
{
    auto json = nlohmann::json::parse(readWholeFile(folder + "/config.json"));
    edit(json);
    std::ofstream(folder + "/config.json") << json.dump();
}

QString loadError(const std::string& folder)
{
    try {
        engine::load().loadModel(folder);
    } catch (const Error& error) {
        return QString::fromStdString(error.what());
    }
    return {};
}

} // namespace

class ModelTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { engine::load().configureCompute(1); }

    void matchesTransformers_data()
    {
        QTest::addColumn<QString>("fixture");
        QTest::newRow("llama, grouped-query attention") << "llama_tiny";
        QTest::newRow("qwen2, q/k/v bias") << "qwen2_tiny";
        QTest::newRow("llama, tied embeddings") << "llama_tied";
        QTest::newRow("qwen3, q/k norms, transformers 5 config") << "qwen3_tiny";
        QTest::newRow("smollm3, layers without rope, tied") << "smollm3_tiny";
        QTest::newRow("phi3, fused projections, partial rotary") << "phi3_tiny";
        QTest::newRow("gemma3, sandwich norms, local and global layers") << "gemma3_tiny";
    }

    void matchesTransformers()
    {
        QFETCH(QString, fixture);
        const Golden golden = readGolden(fixture.toStdString());
        const auto model = TorchLanguageModel::load(kFixtures + fixture.toStdString());
        const int64_t vocab = model->config().vocabSize;
        double worst = 0;
        for (size_t row = 0; row < golden.inputIds.size(); ++row) {
            const std::vector<float> logits = model->logits(golden.inputIds[row]);
            QCOMPARE(logits.size(), golden.inputIds[row].size() * size_t(vocab));
            for (size_t t = 0; t < golden.inputIds[row].size(); ++t)
                for (int64_t v = 0; v < vocab; ++v)
                    worst = std::max(worst, double(std::abs(logits[t * size_t(vocab) + size_t(v)] - golden.logits[row][t][size_t(v)])));
        }
        QVERIFY2(worst < 1e-4, qPrintable(QString("max |logit difference| %1").arg(worst)));
        // Both rows have 15 predictions, so the mean over rows is transformers' batch loss.
        const double loss = model->score(golden.inputIds);
        QVERIFY2(std::abs(loss - golden.loss) < 1e-5, qPrintable(QString("loss %1 vs %2").arg(loss, 0, 'g', 9).arg(golden.loss, 0, 'g', 9)));
    }

    void greedyDecodingFollowsTransformersLogits_data() { matchesTransformers_data(); }

    void greedyDecodingFollowsTransformersLogits()
    {
        QFETCH(QString, fixture);
        const Golden golden = readGolden(fixture.toStdString());
        const auto model = TorchLanguageModel::load(kFixtures + fixture.toStdString());
        const size_t vocab = size_t(model->config().vocabSize);
        GenerationOptions greedy;
        greedy.maxNewTokens = 1;
        greedy.stopAtEos = false;
        // Transformers' greedy step after any prefix is the argmax of its logits at the
        // prefix's last position: causal attention makes them independent of what follows.
        for (size_t row = 0; row < golden.inputIds.size(); ++row)
            for (size_t length = 1; length <= golden.inputIds[row].size(); ++length) {
                const std::vector<int> prefix(golden.inputIds[row].begin(), golden.inputIds[row].begin() + long(length));
                const GenerationResult result = model->generate(prefix, greedy);
                QCOMPARE(result.tokens.size(), size_t(1));
                const auto& expected = golden.logits[row][length - 1];
                QCOMPARE(result.tokens[0], int(std::max_element(expected.begin(), expected.end()) - expected.begin()));
            }
        // Many steps with the key/value cache equal recomputing the whole sequence each step.
        greedy.maxNewTokens = 12;
        std::vector<int> sequence = golden.inputIds[0];
        const GenerationResult cached = model->generate(sequence, greedy);
        for (int step = 0; step < 12; ++step) {
            const std::vector<float> logits = model->logits(sequence);
            sequence.push_back(argmax(logits, (sequence.size() - 1) * vocab, vocab));
        }
        QCOMPARE(cached.tokens, std::vector<int>(sequence.end() - 12, sequence.end()));
        QCOMPARE(cached.stopReason, std::string("max-tokens"));
    }

    // Phi-3's fused projections are not LoRA targets yet: asking for q_proj says so, and the
    // layers it has (o_proj, down_proj) take adapters that start as the identity.
    void fusedProjectionsNameWhatLoraCanAdapt()
    {
        const auto model = TorchLanguageModel::load(kFixtures + "phi3_tiny");
        const Golden golden = readGolden("phi3_tiny");
        const std::vector<float> before = model->logits(golden.inputIds[0]);
        LoraSettings lora;
        lora.rank = 4;
        lora.alpha = 8;
        try {
            model->addLora(lora, 1); // q_proj, v_proj by default
            QFAIL("q_proj should have been refused");
        } catch (const Error& error) {
            QVERIFY2(QString(error.what()).contains("no q_proj layers") && QString(error.what()).contains("qkv_proj") &&
                         QString(error.what()).contains("down_proj, gate_up_proj, o_proj, qkv_proj"),
                     error.what());
        }
        lora.targetModules = {"qkv_proj", "gate_up_proj"};
        model->addLora(lora, 1);
        QVERIFY(model->hasLora());
        QCOMPARE(model->logits(golden.inputIds[0]), before);
    }

    // Adapters PEFT itself wrote (tests/data/peft_adapters/generate.py, random lora_A and
    // lora_B): applied with PEFT's names and scale, and merged, they compute what PEFT does.
    void appliesAdaptersThatPeftWrote_data()
    {
        QTest::addColumn<QString>("adapter");
        QTest::newRow("llama q, v") << "llama_qv";
        QTest::newRow("llama all seven, rsLoRA") << "llama_all_rslora";
        QTest::newRow("phi-3 fused qkv_proj and gate_up_proj") << "phi3_fused";
        QTest::newRow("qwen3 attention") << "qwen3_attention";
        QTest::newRow("gemma3 mlp") << "gemma3_mlp";
        QTest::newRow("qwen2 all-linear, saved as module paths") << "qwen2_all_linear";
    }

    void appliesAdaptersThatPeftWrote()
    {
        QFETCH(QString, adapter);
        const std::string folder = FINCH_TEST_DATA "/peft_adapters/" + adapter.toStdString();
        const auto expected = nlohmann::json::parse(readWholeFile(folder + "/expected.json"));
        const auto ids = expected["input_ids"].get<std::vector<std::vector<int>>>();
        const auto logits = expected["logits"].get<std::vector<float>>();
        const auto model = TorchLanguageModel::load(kFixtures + expected["base"].get<std::string>());
        const double baseLoss = model->score(ids);
        model->loadAdapter(folder);

        const auto largestDifference = [&]() -> float {
            float largest = 0;
            size_t offset = 0;
            for (const auto& row : ids) {
                const std::vector<float> ours = model->logits(row);
                for (size_t i = 0; i < ours.size(); ++i)
                    largest = std::max(largest, std::abs(ours[i] - logits[offset + i]));
                offset += ours.size();
            }
            return offset == logits.size() ? largest : std::numeric_limits<float>::infinity();
        };
        const double loss = model->score(ids);
        QVERIFY2(std::abs(loss - expected["loss"].get<double>()) < 1e-5,
                 qPrintable(QString("loss %1, PEFT %2").arg(loss, 0, 'g', 9).arg(expected["loss"].get<double>(), 0, 'g', 9)));
        QVERIFY2(std::abs(loss - baseLoss) > 1e-3, "the adapter changed nothing");
        float difference = largestDifference();
        QVERIFY2(difference < 1e-4, qPrintable(QString("max |logit difference| %1 with the adapter").arg(difference)));

        // Saved again by Finch, it holds the same tensors under the same names.
        QTemporaryDir saved;
        model->saveAdapter(saved.path().toStdString(), "base");
        const SafetensorsFile theirs = SafetensorsFile::open(folder + "/adapter_model.safetensors");
        const SafetensorsFile ours = SafetensorsFile::open(saved.path().toStdString() + "/adapter_model.safetensors");
        QCOMPARE(ours.tensors().size(), theirs.tensors().size());
        for (const TensorInfo& tensor : theirs.tensors()) {
            const TensorInfo* mine = ours.find(tensor.name);
            QVERIFY2(mine, tensor.name.c_str());
            QVERIFY(mine->shape == tensor.shape);
            QVERIFY(ours.data(*mine) == theirs.data(tensor));
        }

        model->mergeLora();
        const float adapted = difference;
        difference = largestDifference();
        QVERIFY2(difference < 1e-4, qPrintable(QString("max |logit difference| %1 merged").arg(difference)));
        qInfo("%s: |loss - PEFT| %.2g, max |logit - PEFT| %.2g with the adapter, %.2g merged", qPrintable(adapter),
              std::abs(loss - expected["loss"].get<double>()), double(adapted), double(difference));
    }

    void savesAndLoadsBitExactly()
    {
        QTemporaryDir dir;
        const std::string out = (dir.path() + "/saved").toStdString();
        for (const char* fixture : {"llama_tiny", "qwen2_tiny", "llama_tied", "qwen3_tiny", "smollm3_tiny", "phi3_tiny", "gemma3_tiny"}) {
            const auto model = TorchLanguageModel::load(kFixtures + fixture);
            model->save(out);
            const auto again = TorchLanguageModel::load(out);
            const Golden golden = readGolden(fixture);
            QCOMPARE(again->logits(golden.inputIds[0]), model->logits(golden.inputIds[0]));
            // Same tensor names, shapes and dtypes as the file transformers wrote.
            const SafetensorsFile original = SafetensorsFile::open(kFixtures + fixture + "/model.safetensors");
            const SafetensorsFile saved = SafetensorsFile::open(out + "/model.safetensors");
            QCOMPARE(saved.tensors().size(), original.tensors().size());
            for (const TensorInfo& tensor : original.tensors()) {
                const TensorInfo* mine = saved.find(tensor.name);
                QVERIFY2(mine, tensor.name.c_str());
                QCOMPARE(mine->shape, tensor.shape);
                QCOMPARE(mine->dtype, tensor.dtype);
                QCOMPARE(saved.data(*mine), original.data(tensor)); // bit for bit
            }
            QCOMPARE(saved.metadata().at("format"), std::string("pt"));
            const auto config = nlohmann::json::parse(readWholeFile(out + "/config.json"));
            QCOMPARE(config["architectures"][0], nlohmann::json(TorchLanguageModel::load(kFixtures + fixture)->config().architecture));
            fs::remove_all(out);
        }
    }

    void savesShardsWithAnIndex()
    {
        QTemporaryDir dir;
        const std::string out = (dir.path() + "/sharded").toStdString();
        const auto model = TorchLanguageModel::load(kFixtures + "llama_tiny");
        model->save(out, {150'000});
        QVERIFY(!fs::exists(out + "/model.safetensors"));
        const auto index = nlohmann::json::parse(readWholeFile(out + "/model.safetensors.index.json"));
        QCOMPARE(index["weight_map"].size(), size_t(21));
        QVERIFY(fs::exists(out + "/model-00001-of-00004.safetensors"));
        QVERIFY(fs::exists(out + "/model-00004-of-00004.safetensors"));
        const std::vector<int> ids{1, 2, 3, 4, 5};
        QCOMPARE(TorchLanguageModel::load(out)->logits(ids), model->logits(ids));
        fs::remove(out + "/model-00003-of-00004.safetensors");
        const QString error = loadError(out);
        QVERIFY2(error.contains("names the shard model-00003-of-00004.safetensors, which is missing"), qPrintable(error));
    }

    void refusesBadFolders()
    {
        QTemporaryDir dir;
        const std::string base = dir.path().toStdString();

        const std::string pickled = base + "/pickled";
        fs::create_directories(pickled);
        fs::copy(kFixtures + "llama_tiny/config.json", pickled + "/config.json");
        std::ofstream(pickled + "/pytorch_model.bin") << "pickle";
        QVERIFY(loadError(pickled).contains("Finch does not load pickles: unpickling can run any code"));

        const std::string shape = base + "/shape";
        copyFolder(kFixtures + "llama_tiny", shape);
        editConfig(shape, [](auto& c) { c["intermediate_size"] = 180; });
        QString error = loadError(shape);
        QVERIFY2(error.contains("tensor 'model.layers.0.mlp.gate_proj.weight' has shape [176, 64], but config.json implies [180, 64]"),
                 qPrintable(error));

        const std::string layers = base + "/layers";
        copyFolder(kFixtures + "llama_tiny", layers);
        editConfig(layers, [](auto& c) { c["num_hidden_layers"] = 3; });
        error = loadError(layers);
        QVERIFY2(error.contains("lack 9 tensors that config.json implies (model.layers.2."), qPrintable(error));

        const std::string arch = base + "/arch";
        copyFolder(kFixtures + "llama_tiny", arch);
        editConfig(arch, [](auto& c) { c["architectures"] = {"GPT2LMHeadModel"}; });
        error = loadError(arch);
        QVERIFY2(error.contains("unsupported architecture [\"GPT2LMHeadModel\"]: Finch supports LlamaForCausalLM, "
                                "MistralForCausalLM, Qwen2ForCausalLM"),
                 qPrintable(error));

        const std::string heads = base + "/heads";
        copyFolder(kFixtures + "llama_tiny", heads);
        editConfig(heads, [](auto& c) { c["num_key_value_heads"] = 3; });
        QVERIFY(loadError(heads).contains("not a multiple of 'num_key_value_heads' 3"));

        const std::string nan = base + "/nan";
        copyFolder(kFixtures + "llama_tiny", nan);
        // Overwrite model->norm.weight's first value with NaN in place.
        {
            const SafetensorsFile file = SafetensorsFile::open(nan + "/model.safetensors");
            const TensorInfo* norm = file.find("model.norm.weight");
            std::ifstream in(nan + "/model.safetensors", std::ios::binary);
            uint64_t headerLength = 0;
            in.read(reinterpret_cast<char*>(&headerLength), 8);
            in.close();
            std::fstream out(nan + "/model.safetensors", std::ios::binary | std::ios::in | std::ios::out);
            out.seekp(long(8 + headerLength + norm->begin));
            const float notANumber = std::numeric_limits<float>::quiet_NaN();
            out.write(reinterpret_cast<const char*>(&notANumber), 4);
        }
        QVERIFY(loadError(nan).contains("tensor 'model.norm.weight' contains NaN or infinite values"));

        // A tokenizer from another model: more pieces than the embedding has rows.
        const std::string tokenizer = base + "/tokenizer";
        copyFolder(kFixtures + "llama_tiny", tokenizer);
        fs::copy(FINCH_TEST_DATA "/sentiment-400.model", tokenizer + "/tokenizer.model");
        error = loadError(tokenizer);
        QVERIFY2(error.contains("the tokenizer has 400 pieces but config.json's vocab_size is"), qPrintable(error));

        QVERIFY(loadError(base + "/nowhere").contains("not a folder"));
        fs::create_directories(base + "/empty");
        QVERIFY(loadError(base + "/empty").contains("no config.json"));
    }

    void llama3RopeScalingSlowsOnlyLongWavelengths()
    {
        ModelConfig config = ModelConfig::preset("finch-tiny", 64);
        const auto plain = RotaryEmbedding(config).cosSin(at::full({1, 1}, 1000, at::kLong));
        config.ropeScaling = RopeScaling{"llama3", 8.0, 1.0, 4.0, 64};
        const auto scaled = RotaryEmbedding(config).cosSin(at::full({1, 1}, 1000, at::kLong));
        const int64_t half = config.headDim / 2;
        // The fastest frequency (wavelength 2*pi, far below 64/4) is untouched...
        QVERIFY(at::allclose(scaled.first[0][0][0][0], plain.first[0][0][0][0]));
        // ...the slowest (wavelength ~ 2*pi*10000^(15/16) > 64) is divided by the factor.
        const double slowest = 1000.0 / std::pow(10000.0, double(2 * (half - 1)) / double(config.headDim));
        QVERIFY(std::abs(scaled.first[0][0][0][half - 1].item<double>() - std::cos(slowest / 8.0)) < 1e-4);
    }

    void samplingIsSeededAndStopsWhereAsked()
    {
        std::vector<std::string> texts;
        const std::vector<std::string> words{"film", "phone", "great", "awful", "battery", "story", "screen",
                                             "actor", "price", "music", "boring", "lovely", "broken", "quick"};
        for (size_t i = 0; i < 400; ++i)
            texts.push_back("the " + words[i % words.size()] + " was " + words[(i / 3) % words.size()] + " and " +
                            words[(i / 7) % words.size()] + " " + std::to_string(i));
        text::SentencePieceTrainOptions train;
        train.vocabSize = 300;
        train.threads = 1;
        const std::string tokenizer = text::SentencePiece::train(texts, train);
        ModelConfig config = ModelConfig::preset("finch-tiny", 300);
        const auto model = TorchLanguageModel::create(config, 5);
        model->setTokenizer(tokenizer);
        const std::vector<int> prompt = model->tokenizer()->encode("the film");

        GenerationOptions sampled;
        sampled.greedy = false;
        sampled.maxNewTokens = 10;
        sampled.stopAtEos = false;
        sampled.temperature = 1.5;
        sampled.topP = 0.9;
        sampled.seed = 11;
        const auto first = model->generate(prompt, sampled);
        QCOMPARE(model->generate(prompt, sampled).tokens, first.tokens);
        sampled.seed = 12;
        QVERIFY(model->generate(prompt, sampled).tokens != first.tokens);

        GenerationOptions topOne = sampled;
        topOne.topK = 1;
        GenerationOptions greedy;
        greedy.maxNewTokens = 10;
        greedy.stopAtEos = false;
        QCOMPARE(model->generate(prompt, topOne).tokens, model->generate(prompt, greedy).tokens);

        // Streaming: the deltas add up to the text; a callback can cancel.
        std::string streamed;
        int calls = 0;
        const auto cancelled = model->generate(prompt, greedy, [&](int, std::string_view delta) {
            streamed += delta;
            return ++calls < 4;
        });
        QCOMPARE(cancelled.stopReason, std::string("cancelled"));
        QCOMPARE(cancelled.tokens.size(), size_t(4));
        QCOMPARE(streamed, cancelled.text);

        const auto full = model->generate(prompt, greedy);
        QVERIFY(full.text.size() > 2);
        GenerationOptions stopping = greedy;
        stopping.stopStrings = {full.text.substr(1, 2)};
        const auto stopped = model->generate(prompt, stopping);
        QCOMPARE(stopped.stopReason, std::string("stop-string"));
        QCOMPARE(stopped.text, full.text.substr(0, full.text.find(stopping.stopStrings[0])));

        GenerationOptions bad = sampled;
        bad.temperature = 0;
        QVERIFY_THROWS_EXCEPTION(Error, model->generate(prompt, bad));
        QVERIFY_THROWS_EXCEPTION(Error, model->generate({}, greedy));
        QVERIFY_THROWS_EXCEPTION(Error, model->generate({300}, greedy));
    }

    void presetsAndEstimatesCountParametersExactly()
    {
        for (const std::string& name : ModelConfig::presetNames()) {
            const int64_t vocab = name == "finch-tiny" ? 2000 : name == "finch-small" ? 8000 : 16000;
            const ModelConfig config = ModelConfig::preset(name, vocab);
            int64_t counted = 0;
            for (const auto& parameter : CausalLm(config)->parameters())
                counted += parameter.numel();
            QCOMPARE(config.parameterCount(), counted);
            qInfo("%s: %lld parameters", name.c_str(), static_cast<long long>(counted));
        }
        QCOMPARE(ModelConfig::preset("finch-tiny", 2000).parameterCount(), 994'432LL);
        for (const char* fixture : {"llama_tiny", "qwen2_tiny", "llama_tied", "qwen3_tiny", "smollm3_tiny", "phi3_tiny", "gemma3_tiny"}) {
            const auto model = TorchLanguageModel::load(kFixtures + fixture);
            int64_t counted = 0;
            for (const auto& parameter : model->network()->parameters())
                counted += parameter.numel();
            QCOMPARE(model->config().parameterCount(), counted);
        }
        const ModelConfig config = TorchLanguageModel::load(kFixtures + "llama_tiny")->config();
        MemoryEstimateRequest request;
        request.method = TrainingMethod::Lora;
        request.loraRank = 4;
        request.loraTargets = {"q_proj", "v_proj"};
        const MemoryEstimate lora = MemoryEstimate::compute(config, request);
        // q: 4*(64+64), v: 4*(64+32), per layer, 2 layers.
        QCOMPARE(lora.trainableParameters, int64_t(2 * (4 * 128 + 4 * 96)));
        QCOMPARE(lora.optimizer, uint64_t(lora.trainableParameters) * 8);
        request.method = TrainingMethod::Full;
        const MemoryEstimate full = MemoryEstimate::compute(config, request);
        QCOMPARE(full.weights, uint64_t(config.parameterCount()) * 4);
        QVERIFY(full.total() > lora.total());
        request.loraTargets = {"wq"};
        request.method = TrainingMethod::Lora;
        QVERIFY_THROWS_EXCEPTION(Error, MemoryEstimate::compute(config, request));
    }
};

QTEST_GUILESS_MAIN(ModelTest)
#include "ModelTest.moc"
