// The training engine: the AdamW trace against PyTorch's (tests/data/hf_golden), the
// learning-rate schedules against transformers' formulas, LoRA adapters in PEFT's layout,
// and whole runs through the Trainer (events, pause, stop and exact resume).
#include "core/common/Error.h"
#include "core/common/FileIO.h"
#include "core/data/DatasetFile.h"
#include "core/model/LanguageModel.h"
#include "core/model/AdapterConfig.h"
#include "core/model/ModelConfig.h"
#include "core/engine/model/TorchLanguageModel.h"
#include "core/model/Safetensors.h"
#include "core/runs/RunFolder.h"
#include "core/engine/train/Optimizer.h"
#include "core/train/Schedule.h"
#include "core/api/Engine.h"
#include "core/train/LabelPredictions.h"
#include "core/train/RunArtifacts.h"
#include "core/train/Trainer.h"
#include "core/engine/train/TrainStep.h"
#include "core/train/TrainingData.h"

#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>
#include <map>
#include <set>
#include <fstream>
#include <thread>

using namespace finch;
namespace fs = std::filesystem;

namespace {

const std::string kFixtures = FINCH_TEST_DATA "/hf_golden/";
const std::string kSentiment = FINCH_SAMPLES "/sentiment.jsonl";

train::RunConfig tinyRun(const std::string& outputDir)
{
    train::RunConfig config;
    config.outputDir = outputDir;
    config.trainFile = kSentiment;
    config.model = "finch-tiny";
    config.tokenizerVocabSize = 600;
    config.maxSteps = 8;
    config.batchSize = 8;
    config.maxSequenceLength = 48;
    config.learningRate = 3e-3;
    config.warmupSteps = 2;
    config.loggingSteps = 1;
    config.evalSteps = 4;
    config.saveSteps = 3;
    config.threads = 1;
    return config;
}

// The fixed batch of a golden.json, (B, T).
at::Tensor goldenIds(const nlohmann::json& golden)
{
    std::vector<int64_t> flat;
    for (const auto& row : golden["input_ids"])
        for (const auto& id : row)
            flat.push_back(id.get<int64_t>());
    return at::tensor(flat).reshape({int64_t(golden["input_ids"].size()), -1});
}

train::Trainer& trainer()
{
    return engine::load().trainer();
}

// A tiny Qwen2-architecture folder with random weights and the Qwen-style tokenizer.json
// fixture, as a Hugging Face folder of a pretrained model looks.
void writeQwenFolder(const std::string& folder)
{
    const model::ModelConfig config = model::ModelConfig::fromJson(
        {{"architectures", {"Qwen2ForCausalLM"}}, {"vocab_size", 640}, {"hidden_size", 32}, {"intermediate_size", 64},
         {"num_hidden_layers", 2}, {"num_attention_heads", 4}, {"num_key_value_heads", 2}, {"tie_word_embeddings", true}},
        "config.json");
    engine::load().createModel(config, 3)->save(folder);
    fs::copy_file(FINCH_TEST_DATA "/tokenizers/qwen-nfc-digits/tokenizer.json", folder + "/tokenizer.json");
}

std::vector<double> trainLosses(const std::string& runPath)
{
    std::vector<double> losses;
    for (const runs::RunEvent& event : runs::RunFolder::open(runPath).readEvents())
        if (event.kind == runs::EventKind::Step)
            losses.push_back(event.trainLoss);
    return losses;
}

} // namespace

class TrainerTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { at::set_num_threads(1); }

    void adamWMatchesPyTorch_data()
    {
        QTest::addColumn<QString>("fixture");
        QTest::addColumn<bool>("fused");
        for (const char* fixture : {"llama_tiny", "qwen2_tiny", "llama_tied", "qwen3_tiny", "smollm3_tiny", "phi3_tiny", "gemma3_tiny"})
            QTest::newRow(fixture) << fixture << false;
        // The fused kernel (libtorch 2.4 and later) against the same trace.
        QTest::newRow("llama_tiny fused") << "llama_tiny" << true;
        QTest::newRow("gemma3_tiny fused") << "gemma3_tiny" << true;
    }

    void adamWMatchesPyTorch()
    {
        QFETCH(QString, fixture);
        QFETCH(bool, fused);
        if (fused && !train::fusedAdamWAvailable())
            QSKIP("this libtorch has no fused AdamW (the PyPI build tests it)");
        const auto golden = nlohmann::json::parse(readWholeFile(kFixtures + fixture.toStdString() + "/golden.json"));
        const auto& trace = golden["train"];
        const auto loaded = model::TorchLanguageModel::load(kFixtures + fixture.toStdString());
        auto network = loaded->network();
        network->train();
        std::vector<std::pair<std::string, at::Tensor>> parameters;
        for (const auto& item : network->named_parameters())
            parameters.emplace_back(item.key(), item.value());
        train::OptimizerSettings settings;
        settings.beta1 = trace["betas"][0].get<double>();
        settings.beta2 = trace["betas"][1].get<double>();
        settings.epsilon = trace["eps"].get<double>();
        settings.weightDecay = trace["weight_decay"].get<double>();
        settings.fused = fused;
        train::Optimizer optimizer(parameters, settings);

        const at::Tensor ids = goldenIds(golden);
        const int steps = trace["steps"].get<int>();
        for (int step = 0; step < steps; ++step) {
            const at::Tensor loss = model::causalLmLoss(network->forward(ids), ids);
            QVERIFY2(std::abs(loss.item<double>() - trace["loss_before_step"][step].get<double>()) < 1e-4,
                     qPrintable(QString("step %1: loss %2").arg(step).arg(loss.item<double>())));
            loss.backward();
            if (step == 0) {
                std::vector<at::Tensor> tensors;
                for (const auto& [name, tensor] : parameters)
                    tensors.push_back(tensor);
                // max norm 0: measure only, as the reference did not clip.
                QVERIFY(std::abs(train::clipGradientNorm(tensors, 0).item<double>() - trace["grad_global_l2_norm_step1"].get<double>()) < 1e-4);
                for (const auto& entry : trace["grad_l2_norm_step1_per_param"].items()) {
                    const auto it = std::find_if(parameters.begin(), parameters.end(),
                                                 [&](const auto& p) { return p.first == entry.key(); });
                    QVERIFY2(it != parameters.end(), entry.key().c_str());
                    QVERIFY2(std::abs(it->second.grad().norm().item<double>() - entry.value().get<double>()) < 1e-4,
                             entry.key().c_str());
                }
            }
            optimizer.step(trace["lr"].get<double>());
            optimizer.zeroGrad();
        }
        at::NoGradGuard noGrad;
        const double after = model::causalLmLoss(network->forward(ids), ids).item<double>();
        QVERIFY2(std::abs(after - trace["loss_after_last_step"].get<double>()) < 1e-4, qPrintable(QString::number(after)));
    }

    void decayGroupsSkipNormsAndBiases()
    {
        at::Tensor weight = at::ones({2, 2}).requires_grad_(), bias = at::ones({2}).requires_grad_(),
                   norm = at::ones({2}).requires_grad_();
        train::OptimizerSettings settings;
        settings.weightDecay = 0.5;
        train::Optimizer optimizer({{"layer.weight", weight}, {"layer.bias", bias}, {"model.norm.weight", norm}}, settings);
        for (at::Tensor* t : {&weight, &bias, &norm})
            t->mutable_grad() = at::zeros_like(*t);
        optimizer.step(0.1);
        // With zero gradients only decoupled decay moves a weight: w *= 1 - lr * wd.
        QCOMPARE(weight[0][0].item<float>(), 0.95f);
        QCOMPARE(bias[0].item<float>(), 1.0f);
        QCOMPARE(norm[0].item<float>(), 1.0f);
    }

    void sgdWithMomentum()
    {
        at::Tensor weight = at::zeros({1}).requires_grad_();
        train::OptimizerSettings settings;
        settings.kind = train::OptimizerKind::Sgd;
        settings.momentum = 0.9;
        train::Optimizer optimizer({{"w", weight}}, settings);
        weight.mutable_grad() = at::ones({1});
        optimizer.step(0.1); // buffer 1 -> w = -0.1
        optimizer.step(0.1); // buffer 0.9 + 1 = 1.9 -> w = -0.29
        QVERIFY(std::abs(weight.item<double>() + 0.29) < 1e-6);
    }

    void schedulesFollowTransformers()
    {
        using train::learningRateFactor;
        // Warm-up: step / warmup, from 0.
        QCOMPARE(learningRateFactor("linear", 0, 4, 20), 0.0);
        QCOMPARE(learningRateFactor("linear", 2, 4, 20), 0.5);
        QCOMPARE(learningRateFactor("linear", 4, 4, 20), 1.0);
        QCOMPARE(learningRateFactor("linear", 12, 4, 20), 0.5);
        QCOMPARE(learningRateFactor("linear", 20, 4, 20), 0.0);
        QVERIFY(std::abs(learningRateFactor("cosine", 12, 4, 20) - 0.5) < 1e-12);
        QVERIFY(std::abs(learningRateFactor("cosine", 8, 4, 20) - 0.5 * (1 + std::cos(M_PI * 0.25))) < 1e-12);
        QCOMPARE(learningRateFactor("constant", 0, 4, 20), 1.0);
        QCOMPARE(learningRateFactor("constant_with_warmup", 1, 4, 20), 0.25);
        QCOMPARE(learningRateFactor("constant_with_warmup", 19, 4, 20), 1.0);
    }

    void fusedAdamWIsWithinRoundingOfTheStepByStepUpdate()
    {
        if (!train::fusedAdamWAvailable())
            QSKIP("this libtorch has no fused AdamW (the PyPI build tests it)");
        at::manual_seed(3);
        const std::vector<std::pair<std::string, at::Tensor>> shapes{
            {"a.weight", at::randn({16, 8})}, {"a.bias", at::randn({16})}, {"norm.weight", at::randn({8})}};
        auto copy = [&] {
            std::vector<std::pair<std::string, at::Tensor>> parameters;
            for (const auto& [name, tensor] : shapes)
                parameters.emplace_back(name, tensor.clone().requires_grad_());
            return parameters;
        };
        auto plain = copy(), fused = copy();
        train::OptimizerSettings settings;
        settings.weightDecay = 0.1;
        train::Optimizer plainOptimizer(plain, settings);
        settings.fused = true;
        train::Optimizer fusedOptimizer(fused, settings);
        for (int step = 0; step < 20; ++step) {
            for (size_t i = 0; i < shapes.size(); ++i) {
                const at::Tensor grad = at::randn(shapes[i].second.sizes());
                plain[i].second.mutable_grad() = grad.clone();
                fused[i].second.mutable_grad() = grad.clone();
            }
            plainOptimizer.step(5e-2);
            fusedOptimizer.step(5e-2);
        }
        for (size_t i = 0; i < shapes.size(); ++i) {
            const double difference = (plain[i].second - fused[i].second).abs().max().item<double>();
            QVERIFY2(difference < 1e-6, qPrintable(QString("%1: %2").arg(plain[i].first.c_str()).arg(difference)));
            QVERIFY((plain[i].second - shapes[i].second).abs().max().item<double>() > 0.1); // it did move
        }
        // The state it saves is the step-by-step optimizer's, so either can resume the other.
        for (size_t i = 0; i < plainOptimizer.state().size(); ++i)
            QVERIFY((plainOptimizer.state()[i].second - fusedOptimizer.state()[i].second).abs().max().item<double>() < 1e-6);
    }

    void activationCheckpointingKeepsTheGradients_data()
    {
        QTest::addColumn<bool>("lora");
        QTest::newRow("full") << false;
        QTest::newRow("lora with dropout") << true; // the recomputation draws the same dropout masks
    }

    void activationCheckpointingKeepsTheGradients()
    {
        QFETCH(bool, lora);
        const at::Tensor ids = goldenIds(nlohmann::json::parse(readWholeFile(kFixtures + "gemma3_tiny/golden.json")));
        auto gradients = [&](bool checkpointing) {
            at::manual_seed(11); // lora_B's values below and the dropout masks
            auto loaded = model::TorchLanguageModel::load(kFixtures + "gemma3_tiny"); // sliding-window layers too
            if (lora) {
                model::LoraSettings settings;
                settings.rank = 4;
                settings.dropout = 0.2;
                settings.targetModules = {"q_proj", "v_proj", "down_proj"};
                loaded->addLora(settings, 7);
                at::NoGradGuard noGrad;
                for (auto& item : loaded->network()->named_parameters())
                    if (item.key().find("lora_B") != std::string::npos)
                        item.value().uniform_(-0.2, 0.2);
            }
            auto network = loaded->network();
            network->train();
            network->setActivationCheckpointing(checkpointing);
            model::causalLmLoss(network->forward(ids), ids).backward();
            std::map<std::string, at::Tensor> grads;
            for (const auto& item : network->named_parameters())
                if (item.value().grad().defined())
                    grads[item.key()] = item.value().grad().clone();
            return grads;
        };
        const auto plain = gradients(false), checkpointed = gradients(true);
        QCOMPARE(checkpointed.size(), plain.size());
        QVERIFY(!plain.empty());
        for (const auto& [name, grad] : plain) {
            QVERIFY2(checkpointed.count(name), name.c_str());
            const double difference = (checkpointed.at(name) - grad).abs().max().item<double>();
            QVERIFY2(difference < 1e-6, qPrintable(QString("%1: %2").arg(name.c_str()).arg(difference)));
        }
    }

    void bf16AutocastMatchesTransformers_data()
    {
        QTest::addColumn<QString>("fixture");
        for (const char* fixture : {"llama_tiny", "qwen3_tiny", "gemma3_tiny"})
            QTest::newRow(fixture) << fixture;
    }

    // tests/data/hf_golden/generate_bf16.py: transformers under torch.autocast("cpu", bfloat16).
    void bf16AutocastMatchesTransformers()
    {
        QFETCH(QString, fixture);
        if (const auto reason = train::PrecisionScope::unsupported(torch::kCPU, "bf16"))
            QSKIP(reason->c_str());
        const std::string folder = kFixtures + fixture.toStdString();
        const auto golden = nlohmann::json::parse(readWholeFile(folder + "/golden.json"));
        const auto reference = nlohmann::json::parse(readWholeFile(folder + "/bf16.json"));
        const at::Tensor ids = goldenIds(golden);
        std::vector<float> expected;
        for (const auto& batch : reference["logits"])
            for (const auto& row : batch)
                for (const auto& value : row)
                    expected.push_back(value.get<float>());

        const auto loaded = model::TorchLanguageModel::load(folder);
        auto network = loaded->network();
        const train::PrecisionScope precision(torch::kCPU, "bf16");
        {
            at::NoGradGuard noGrad;
            network->eval();
            const at::Tensor logits = network->forward(ids).to(at::kFloat).contiguous();
            QCOMPARE(logits.scalar_type(), at::kFloat);
            const at::Tensor want = at::from_blob(expected.data(), logits.sizes(), at::kFloat);
            const double difference = (logits - want).abs().max().item<double>();
            qInfo("bf16 logits within %.3g of transformers' under torch.autocast", difference);
            QVERIFY2(difference < 2e-2, qPrintable(QString("bf16 logits differ by %1").arg(difference)));
            std::vector<float> fp32;
            for (const auto& batch : golden["logits"])
                for (const auto& row : batch)
                    for (const auto& value : row)
                        fp32.push_back(value.get<float>());
            const double fromFp32 = (logits - at::from_blob(fp32.data(), logits.sizes(), at::kFloat)).abs().max().item<double>();
            QVERIFY2(fromFp32 > 1e-3, "the forward pass ran in bf16"); // autocast was on
            QVERIFY2(std::abs(model::causalLmLoss(network->forward(ids), ids).item<double>() - reference["loss"].get<double>()) < 1e-2,
                     "bf16 loss");
        }
        // Training: float32 weights, forward and backward under autocast.
        network->train();
        std::vector<std::pair<std::string, at::Tensor>> parameters;
        for (const auto& item : network->named_parameters())
            parameters.emplace_back(item.key(), item.value());
        train::OptimizerSettings settings;
        const auto& trace = golden["train"];
        settings.beta1 = trace["betas"][0].get<double>();
        settings.beta2 = trace["betas"][1].get<double>();
        settings.epsilon = trace["eps"].get<double>();
        settings.weightDecay = trace["weight_decay"].get<double>();
        train::Optimizer optimizer(parameters, settings);
        train::TrainStep trainStep(network, optimizer, "bf16", /*maxGradNorm=*/0);
        const train::DeviceBatch batch{ids, ids, {}, ids.size(0) * (ids.size(1) - 1), ids.numel()};
        const auto& losses = reference["train"]["loss_before_step"];
        for (size_t step = 0; step < losses.size(); ++step) {
            trainStep.accumulate(batch, batch.counted);
            QVERIFY(trainStep.apply(trace["lr"].get<double>()));
            const double loss = trainStep.read().meanLoss;
            QVERIFY2(std::abs(loss - losses[step].get<double>()) < 2e-2,
                     qPrintable(QString("step %1: %2, transformers %3").arg(step).arg(loss).arg(losses[step].get<double>())));
        }
        for (const auto& [name, tensor] : parameters)
            QCOMPARE(tensor.scalar_type(), at::kFloat); // the weights stay float32
    }

    void clippingScalesToTheLimit()
    {
        at::Tensor a = at::zeros({2}).requires_grad_(), b = at::zeros({1}).requires_grad_();
        a.mutable_grad() = at::tensor({3.0f, 0.0f});
        b.mutable_grad() = at::tensor({4.0f});
        QCOMPARE(train::clipGradientNorm({a, b}, 1.0).item<double>(), 5.0);
        QVERIFY(std::abs(a.grad()[0].item<double>() - 0.6) < 1e-5);
        QVERIFY(std::abs(b.grad()[0].item<double>() - 0.8) < 1e-5);
    }

    void loraAdapterRoundTripAndMerge()
    {
        QTemporaryDir dir;
        const std::string fixture = kFixtures + "llama_tiny";
        auto base = model::TorchLanguageModel::load(fixture);
        const std::vector<int> ids{1, 5, 9, 13, 17, 21};
        const std::vector<float> before = base->logits(ids);

        model::LoraSettings settings;
        settings.rank = 4;
        settings.alpha = 8;
        settings.dropout = 0;
        settings.targetModules = {"q_proj", "v_proj", "down_proj"};
        base->addLora(settings, 7);
        QVERIFY(base->hasLora());
        QCOMPARE(base->logits(ids), before); // B starts at zero

        int loraTensors = 0;
        {
            at::NoGradGuard noGrad;
            for (auto& item : base->network()->named_parameters()) {
                if (item.key().find(".lora_") != std::string::npos) {
                    QVERIFY(item.value().requires_grad());
                    item.value().uniform_(-0.2, 0.2);
                    ++loraTensors;
                } else {
                    QVERIFY2(!item.value().requires_grad(), item.key().c_str()); // the rest is frozen
                }
            }
        }
        const auto layers = base->config().numLayers;
        QCOMPARE(loraTensors, int(2 * 3 * layers));
        const std::vector<float> adapted = base->logits(ids);
        QVERIFY(adapted != before);

        const std::string adapterDir = dir.filePath("adapter").toStdString();
        base->saveAdapter(adapterDir, fixture);
        const auto config = nlohmann::json::parse(readWholeFile(adapterDir + "/adapter_config.json"));
        QCOMPARE(config["peft_type"].get<std::string>(), std::string("LORA"));
        QCOMPARE(config["task_type"].get<std::string>(), std::string("CAUSAL_LM"));
        QCOMPARE(config["r"].get<int>(), 4);
        QCOMPARE(config["lora_alpha"].get<double>(), 8.0);
        QCOMPARE(config["bias"].get<std::string>(), std::string("none"));
        QCOMPARE(config["use_rslora"].get<bool>(), false);
        QCOMPARE(config["base_model_name_or_path"].get<std::string>(), fixture);
        const auto file = model::SafetensorsFile::open(adapterDir + "/adapter_model.safetensors");
        const auto* a = file.find("base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight");
        const auto* b = file.find("base_model.model.model.layers.0.self_attn.q_proj.lora_B.weight");
        QVERIFY(a && b);
        const int64_t hidden = base->config().hiddenSize, heads = base->config().numHeads, headDim = base->config().headDim;
        QCOMPARE(a->shape, (std::vector<int64_t>{4, hidden}));
        QCOMPARE(b->shape, (std::vector<int64_t>{heads * headDim, 4}));
        QCOMPARE(file.metadata().at("format"), std::string("pt"));

        auto reloaded = model::TorchLanguageModel::load(fixture);
        reloaded->loadAdapter(adapterDir);
        QCOMPARE(reloaded->logits(ids), adapted);

        reloaded->mergeLora();
        QVERIFY(!reloaded->hasLora());
        const std::vector<float> merged = reloaded->logits(ids);
        float worst = 0;
        for (size_t i = 0; i < merged.size(); ++i)
            worst = std::max(worst, std::abs(merged[i] - adapted[i]));
        QVERIFY2(worst < 1e-4f, qPrintable(QString::number(worst)));
        const std::string mergedDir = dir.filePath("merged").toStdString();
        reloaded->save(mergedDir);
        QCOMPARE(model::TorchLanguageModel::load(mergedDir)->logits(ids), merged);
    }

    void adapterErrorsAreClear()
    {
        QTemporaryDir dir;
        auto base = model::TorchLanguageModel::load(kFixtures + "llama_tiny");
        const std::string folder = dir.path().toStdString();
        QVERIFY_THROWS_EXCEPTION(Error, base->loadAdapter(folder));
        writeFileAtomically(folder + "/adapter_config.json", "{\"peft_type\": \"PREFIX_TUNING\"}");
        writeFileAtomically(folder + "/adapter_model.safetensors", "");
        try {
            base->loadAdapter(folder);
            QFAIL("expected an error");
        } catch (const Error& error) {
            QVERIFY2(std::string(error.what()).find("peft_type") != std::string::npos, error.what());
        }
    }

    void adapterConfigFieldsAreChecked()
    {
        using model::parseAdapterConfig;
        const nlohmann::ordered_json good{{"peft_type", "LORA"}, {"r", 4}, {"lora_alpha", 8}, {"target_modules", "q_proj"}};
        const auto settings = parseAdapterConfig(good, "a.json");
        QCOMPARE(settings.rank, 4);
        QCOMPARE(settings.targetModules, std::vector<std::string>{"q_proj"});
        auto message = [](nlohmann::ordered_json json) {
            try {
                parseAdapterConfig(json, "a.json");
            } catch (const Error& error) {
                return std::string(error.what());
            }
            return std::string("no error");
        };
        auto with = [&](const char* key, nlohmann::ordered_json value) {
            auto json = good;
            json[key] = value;
            return message(json);
        };
        QVERIFY(with("r", "8").find("'r': expected an integer, found \"8\"") != std::string::npos);
        QVERIFY(with("r", 0).find("'r' must be between 1") != std::string::npos);
        QVERIFY(with("lora_dropout", 1.5).find("lora_dropout") != std::string::npos);
        QVERIFY(with("target_modules", 3).find("target_modules") != std::string::npos);
        QVERIFY(with("use_rslora", "yes").find("use_rslora") != std::string::npos);
        QVERIFY(message(nlohmann::ordered_json::array()).find("expected a JSON object") != std::string::npos);
    }

    void runEmitsEventsAndWritesTheFolder()
    {
        QTemporaryDir dir;
        std::vector<runs::RunEvent> events;
        runs::CallbackSink sink([&](const runs::RunEvent& e) { events.push_back(e); });
        const auto outcome = trainer().start(tinyRun(dir.path().toStdString()), &sink);
        QCOMPARE(outcome.status, runs::RunStatus::Completed);
        QCOMPARE(outcome.steps, int64_t(8));
        using Kind = runs::EventKind;
        auto count = [&](Kind kind) { return std::count_if(events.begin(), events.end(), [&](auto& e) { return e.kind == kind; }); };
        QCOMPARE(count(Kind::Started), 1L);
        QCOMPARE(count(Kind::Step), 8L);
        QCOMPARE(count(Kind::Evaluation), 2L);   // steps 4 and 8
        QCOMPARE(count(Kind::Checkpoint), 3L); // steps 3 and 6, and the last one (8)
        QCOMPARE(events.back().kind, Kind::Finished);
        for (const auto& e : events)
            if (e.kind == Kind::Step) {
                QVERIFY(std::isfinite(e.trainLoss) && e.trainLoss > 0);
                QVERIFY(e.tokensPerSecond > 0);
            }

        const auto run = runs::RunFolder::open(outcome.runPath);
        QVERIFY(run.readRecord().result->peakMemoryBytes > 0);
        QCOMPARE(run.checkpointSteps(), (std::vector<int64_t>{6, 8})); // save_total_limit 2
        for (const char* file : {"trainable.safetensors", "optimizer.safetensors", "trainer_state.json"})
            QVERIFY(fs::exists(run.checkpointPath(6) + "/" + file));
        QVERIFY(fs::exists(run.finalPath() + "/model.safetensors"));
        QVERIFY(fs::exists(run.finalPath() + "/tokenizer.model"));
        QVERIFY(fs::exists(run.evalPath()));
        const runs::RunRecord record = run.readRecord();
        QCOMPARE(record.status, runs::RunStatus::Completed);
        QCOMPARE(record.config["max_steps"].get<int>(), 8);
        QVERIFY(record.data->fingerprint.rfind("fnv1a64:", 0) == 0);
        QCOMPARE(record.data->labels, (std::vector<std::string>{"negative", "neutral", "positive"}));
        // The final model loads on its own, tokenizer included.
        const auto final = engine::load().loadModel(run.finalPath());
        QVERIFY(final->tokenizer());
    }

    void theRunFolderReadsBackThroughItsTypes()
    {
        QTemporaryDir dir;
        std::vector<runs::RunEvent> watched;
        runs::CallbackSink sink([&](const runs::RunEvent& e) { watched.push_back(e); });
        const auto outcome = trainer().start(tinyRun(dir.path().toStdString()), &sink);
        const auto run = runs::RunFolder::open(outcome.runPath);
        // Every line of metrics.jsonl is a known event; an unknown name would throw here.
        const std::vector<runs::RunEvent> logged = run.readEvents();
        std::vector<runs::RunEvent> recorded;
        for (const runs::RunEvent& event : watched)
            if (runs::isRecorded(event.kind))
                recorded.push_back(event);
        QCOMPARE(logged.size(), recorded.size());
        for (size_t i = 0; i < logged.size(); ++i) // the file holds what the sink saw, field for field
            QCOMPARE(runs::toJson(logged[i]).dump(), runs::toJson(recorded[i]).dump());
        QCOMPARE(logged.back().kind, runs::EventKind::Finished);
        QCOMPARE(logged.back().status, std::string("completed"));

        const runs::RunRecord record = run.readRecord();
        QVERIFY(record.prepared());
        QCOMPARE(record.schedule->totalSteps, int64_t(8));
        QCOMPARE(record.result->steps, int64_t(8));
        QCOMPARE(record.model->source, std::string("finch-tiny"));
        QCOMPARE(train::runConfig(run).maxSteps, int64_t(8));

        std::ofstream(run.metricsPath(), std::ios::app) << "{\"event\":\"epoch_end\",\"step\":8}\n"
                                                        << runs::toJson(logged.back()).dump() << "\n";
        try {
            run.readEvents();
            QFAIL("an unknown event name was read");
        } catch (const Error& error) {
            QVERIFY2(std::string(error.what()).find("unknown event \"epoch_end\"") != std::string::npos, error.what());
        }
    }

    void preparationHoldsNothingAndAStopEndsTheTestEvaluation()
    {
        QTemporaryDir dir;
        train::TrainingControl control;
        bool heldNothingWhilePreparing = false, heldNothingWhileTraining = true;
        runs::CallbackSink sink([&](const runs::RunEvent& e) {
            if (e.kind == runs::EventKind::Log && e.message.find("tokenizer") != std::string::npos)
                heldNothingWhilePreparing = control.holdsNothing();
            if (e.kind == runs::EventKind::Step)
                heldNothingWhileTraining = control.holdsNothing();
            // Closing the window while the test rows are evaluated.
            if (e.kind == runs::EventKind::Log && e.message.find("evaluating on") != std::string::npos)
                control.requestStop();
        });
        const auto outcome = trainer().start(tinyRun(dir.path().toStdString()), &sink, &control);
        QVERIFY(heldNothingWhilePreparing);
        QVERIFY(!heldNothingWhileTraining);
        QCOMPARE(outcome.status, runs::RunStatus::Completed); // the model was saved before the evaluation
        const auto run = runs::RunFolder::open(outcome.runPath);
        QVERIFY(fs::exists(run.finalPath() + "/model.safetensors"));
        QVERIFY(!fs::exists(run.evalPath()));
        bool told = false;
        for (const auto& event : run.readEvents())
            told |= event.kind == runs::EventKind::Finished;
        QVERIFY(told);
    }

    void aSecondTrainerOnTheSameRunIsRefused()
    {
        QTemporaryDir dir;
        auto config = tinyRun(dir.path().toStdString());
        train::TrainingControl control;
        control.stopAfterStep(2);
        const auto stopped = trainer().start(config, nullptr, &control);
        const auto run = runs::RunFolder::open(stopped.runPath);
        {
            const runs::RunLock other(run); // another process training this run
            try {
                trainer().resume(stopped.runPath);
                QFAIL("a second trainer was let in");
            } catch (const Error& error) {
                QVERIFY2(std::string(error.what()).find("another trainer is working on this run") != std::string::npos,
                         error.what());
            }
            QCOMPARE(run.readRecord().status, runs::RunStatus::Stopped); // untouched
        }
        QCOMPARE(trainer().resume(stopped.runPath).status, runs::RunStatus::Completed);
    }

    void unreadableDataOrModelLeavesNoRunFolder()
    {
        QTemporaryDir dir;
        auto config = tinyRun(dir.filePath("runs").toStdString());
        config.trainFile = dir.filePath("sentimnet.jsonl").toStdString();
        QVERIFY_THROWS_EXCEPTION(Error, trainer().start(config));
        config = tinyRun(dir.filePath("runs").toStdString());
        config.model = dir.path().toStdString(); // no config.json
        QVERIFY_THROWS_EXCEPTION(Error, trainer().start(config));
        QVERIFY(!fs::exists(dir.filePath("runs").toStdString()) || fs::is_empty(dir.filePath("runs").toStdString()));
    }

    void aModelWithTokenizerJsonTrains()
    {
        // A Qwen2-architecture folder whose tokenizer is a tokenizer.json (as Qwen2.5 and
        // SmolLM2 ship it): it loads, trains with LoRA, and its tokenizer travels with the run.
        QTemporaryDir dir;
        const std::string folder = dir.filePath("model").toStdString();
        writeQwenFolder(folder);
        const auto loaded = engine::load().loadModel(folder);
        QCOMPARE(loaded->tokenizer()->kind(), std::string("tokenizer.json (BPE)"));

        auto run = tinyRun(dir.filePath("runs").toStdString());
        run.model = folder;
        run.method = model::TrainingMethod::Lora;
        run.maxSteps = 4;
        const auto outcome = trainer().start(run);
        QCOMPARE(outcome.status, runs::RunStatus::Completed);
        QVERIFY(fs::exists(outcome.runPath + "/tokenizer.json"));
        QVERIFY(fs::exists(outcome.runPath + "/final/tokenizer.json"));
        QVERIFY(fs::exists(outcome.runPath + "/eval.json"));
        const auto adapted = train::loadRunModel(engine::load(), runs::RunFolder::open(outcome.runPath));
        QVERIFY(adapted->hasLora());
        QCOMPARE(adapted->tokenizer()->encode("The film was great"), loaded->tokenizer()->encode("The film was great"));
    }

    void aChatTemplateFormatsRowsAndTheLossFallsOnAnswers()
    {
        // A Qwen2.5-style folder: tokenizer.json, and tokenizer_config.json with Qwen2.5's
        // real chat template. Chat rows go through the template and only the assistant's
        // turns carry labels; classification rows become a user and an assistant turn.
        QTemporaryDir dir;
        const std::string folder = dir.filePath("model").toStdString();
        writeQwenFolder(folder);
        const std::string qwen = readWholeFile(FINCH_TEST_DATA "/chat_templates/templates/Qwen-Qwen2.5-7B-Instruct.jinja");
        const nlohmann::ordered_json tokenizerConfig = {
            {"eos_token", "<|im_end|>"}, {"pad_token", "<|endoftext|>"}, {"chat_template", qwen}};
        writeFileAtomically(folder + "/tokenizer_config.json", tokenizerConfig.dump());
        const auto loaded = engine::load().loadModel(folder);
        QVERIFY(loaded->chatTemplate());

        const std::string chatFile = dir.filePath("chat.jsonl").toStdString();
        writeFileAtomically(chatFile,
                            R"({"messages": [{"role": "user", "content": "Hi there"}, {"role": "assistant", "content": "Hello!"}, {"role": "user", "content": "Rate it"}, {"role": "assistant", "content": "positive"}]})"
                            "\n");
        train::RunConfig run = tinyRun(dir.filePath("runs").toStdString());
        run.trainFile = chatFile;
        data::Schema schema;
        const data::Dataset chat = train::loadCheckedDataset(chatFile, run, &schema);
        data::PromptFormatter formatter = train::formatterFor(schema, run);
        formatter.useChatTemplate(loaded->chatTemplate());
        const auto examples = train::encodeExamples(chat, formatter, *loaded->tokenizer(), 512, false);
        QCOMPARE(examples.size(), size_t(1));
        std::vector<int> learned;
        for (const int label : examples[0].labels)
            if (label != data::kIgnoredLabel)
                learned.push_back(label);
        QCOMPARE(loaded->tokenizer()->decodeWithSpecialTokens(learned), std::string("Hello!<|im_end|>positive<|im_end|>"));
        QCOMPARE(loaded->tokenizer()->decodeWithSpecialTokens(examples[0].ids).substr(0, 22), std::string("<|im_start|>system\nYou"));

        // Classification rows: the prompt is the user's turn; each label's answer ends the turn.
        run.trainFile = kSentiment;
        run.model = folder;
        run.method = model::TrainingMethod::Lora;
        run.maxSteps = 3;
        run.maxSequenceLength = 96;
        const auto outcome = trainer().start(run);
        QCOMPARE(outcome.status, runs::RunStatus::Completed);
        QVERIFY(fs::exists(outcome.runPath + "/eval.json"));
        const auto adapted = train::loadRunModel(engine::load(), runs::RunFolder::open(outcome.runPath));
        QVERIFY2(adapted->chatTemplate(), "the template travels with the run");

        // A template Finch cannot render is refused when the model loads, naming the file.
        writeFileAtomically(folder + "/chat_template.jinja", "{{ messages|wordwrap }}");
        try {
            engine::load().loadModel(folder);
            QFAIL("the model should have been refused");
        } catch (const Error& error) {
            QVERIFY2(QString(error.what()).contains("chat_template.jinja, line 1: the filter 'wordwrap'"), error.what());
        }
    }

    // A run can continue a LoRA adapter made before: it starts where that one ended, and
    // run.json names the adapter it came from.
    void aRunContinuesAnAdapter()
    {
        QTemporaryDir dir;
        const std::string folder = dir.filePath("model").toStdString();
        writeQwenFolder(folder);
        auto run = tinyRun(dir.filePath("runs").toStdString());
        run.model = folder;
        run.method = model::TrainingMethod::Lora;
        run.lora.rank = 4;
        run.lora.dropout = 0;
        run.learningRate = 1e-2;
        run.maxSteps = 12;
        const auto first = trainer().start(run);
        QCOMPARE(first.status, runs::RunStatus::Completed);

        run.maxSteps = 2;
        const auto fresh = trainer().start(run);
        run.adapterPath = first.runPath + "/final";
        run.lora.rank = 8; // the adapter's own r (4) wins
        const auto continued = trainer().start(run);
        QCOMPARE(continued.status, runs::RunStatus::Completed);
        const double freshStart = trainLosses(fresh.runPath).front();
        const double continuedStart = trainLosses(continued.runPath).front();
        const double firstEnd = trainLosses(first.runPath).back();
        qInfo("first loss of a fresh adapter %.4f, of the continued one %.4f; the first run ended at %.4f", freshStart,
              continuedStart, firstEnd);
        QVERIFY2(continuedStart < freshStart - 0.05 && std::abs(continuedStart - firstEnd) < std::abs(freshStart - firstEnd),
                 qPrintable(QString("fresh %1, continued %2, first run ended at %3").arg(freshStart).arg(continuedStart).arg(firstEnd)));
        const auto adapter = nlohmann::json::parse(readWholeFile(continued.runPath + "/final/adapter_config.json"));
        QCOMPARE(adapter["r"].get<int>(), 4);
        const auto record = nlohmann::json::parse(readWholeFile(continued.runPath + "/run.json"));
        QVERIFY2(record.dump().find(first.runPath + "/final") != std::string::npos, "run.json names the adapter");

        // Zero epochs trains nothing: the adapter is evaluated as it is, a run like any other.
        run.maxSteps = -1;
        run.epochs = 0;
        run.adapterPath = first.runPath + "/final";
        const auto asItIs = trainer().start(run);
        QCOMPARE(asItIs.status, runs::RunStatus::Completed);
        QCOMPARE(readWholeFile(asItIs.runPath + "/final/adapter_model.safetensors"),
                 readWholeFile(first.runPath + "/final/adapter_model.safetensors"));
        const auto firstEval = nlohmann::json::parse(readWholeFile(first.runPath + "/eval.json"));
        const auto asItIsEval = nlohmann::json::parse(readWholeFile(asItIs.runPath + "/eval.json"));
        QCOMPARE(asItIsEval["metrics"].dump(), firstEval["metrics"].dump());
        QVERIFY(trainLosses(asItIs.runPath).empty());

        run.epochs = 1;
        run.method = model::TrainingMethod::Full;
        QVERIFY_THROWS_EXCEPTION(Error, trainer().start(run));
    }

    // An export is loaded back and checked: logits on the probe set, the tokenizer, and for
    // a chat model its template and end-of-turn token, merged and as an adapter.
    void exportsAreVerified()
    {
        QTemporaryDir dir;
        const std::string folder = dir.filePath("model").toStdString();
        writeQwenFolder(folder);
        writeFileAtomically(folder + "/tokenizer_config.json",
                            R"({"eos_token": "<|im_end|>", "chat_template": "{% for m in messages %}<|im_start|>{{ m.role }}\n{{ m.content }}<|im_end|>\n{% endfor %}{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}"})");
        auto config = tinyRun(dir.filePath("runs").toStdString());
        config.model = folder;
        config.method = model::TrainingMethod::Lora;
        config.lora.rank = 4;
        config.learningRate = 1e-2;
        config.maxSteps = 3;
        const auto outcome = trainer().start(config);
        QCOMPARE(outcome.status, runs::RunStatus::Completed);
        const runs::RunFolder run = runs::RunFolder::open(outcome.runPath);
        for (const bool merged : {false, true}) {
            const std::string out = dir.filePath(merged ? "merged" : "adapter").toStdString();
            const train::ExportReport report = train::exportRun(engine::load(), run, out, merged);
            QVERIFY2(report.verified(), report.problems.empty() ? "" : report.problems.front().c_str());
            QVERIFY(report.chatModel);
            QCOMPARE(report.probeSequences, size_t(4)); // three texts and a chat
            QVERIFY2(report.maxLogitDifference < 1e-4, qPrintable(QString::number(report.maxLogitDifference)));
            qInfo("%s export: max |logit difference| %.2g over %zu probe tokens", report.kind.c_str(),
                  report.maxLogitDifference, report.probeTokens);
        }
        QVERIFY(fs::exists(dir.filePath("merged/tokenizer_config.json").toStdString()));
        QVERIFY(fs::exists(dir.filePath("adapter/adapter_config.json").toStdString()));

        // The checks fail where the export is not the run's model: other weights, another
        // end-of-turn token, no chat template.
        const auto original = engine::load().loadModel(dir.filePath("merged").toStdString());
        const train::ExportProbe probe = train::probeModel(*original);
        const std::string other = dir.filePath("other").toStdString();
        writeQwenFolder(other); // the same shapes, other weights (seed 3 again, untrained)
        writeFileAtomically(other + "/tokenizer_config.json", R"({"eos_token": "<|endoftext|>", "chat_template": "{{ messages[0].content }}"})");
        train::ExportReport report;
        try {
            train::checkExport(probe, *engine::load().loadModel(other), report);
        } catch (const std::exception& error) {
            QFAIL(error.what());
        }
        QString problems;
        for (const std::string& problem : report.problems)
            problems += QString::fromStdString(problem) + "\n";
        QVERIFY2(problems.contains("logits differ") && problems.contains("renders a conversation differently") &&
                     problems.contains("end-of-turn token is \"<|endoftext|>\""),
                 qPrintable(problems));
        fs::remove(other + "/tokenizer_config.json");
        report = {};
        train::checkExport(probe, *engine::load().loadModel(other), report);
        QVERIFY(std::find(report.problems.begin(), report.problems.end(), "the export has no chat template") != report.problems.end());
    }

    // Cross-validation: each run holds out one fold of the training rows, never trains on it,
    // and predicts it at the end; the folds of k runs cover the training rows once.
    void crossValidationHoldsOutAFold()
    {
        QTemporaryDir dir;
        auto config = tinyRun(dir.path().toStdString());
        config.maxSteps = 2;
        config.crossValidationFolds = 3;
        std::set<long> heldLines;
        size_t held = 0;
        int64_t trainRows = 0;
        for (int fold = 0; fold < 3; ++fold) {
            config.crossValidationFold = fold;
            const auto outcome = trainer().start(config);
            QCOMPARE(outcome.status, runs::RunStatus::Completed);
            const auto file = nlohmann::json::parse(readWholeFile(outcome.runPath + "/heldout.json"));
            QCOMPARE(file["fold"].get<int>(), fold);
            for (const auto& row : file["rows"]) {
                heldLines.insert(row["line"].get<long>());
                QCOMPARE(row["probabilities"].size(), file["labels"].size());
                ++held;
            }
            trainRows += runs::RunFolder::open(outcome.runPath).readRecord().data->rows.at("train");
        }
        QCOMPARE(heldLines.size(), held); // disjoint folds
        QCOMPARE(int64_t(held), trainRows / 2); // each row trained in two runs, held out in one
        config.crossValidationFold = 3;
        QVERIFY_THROWS_EXCEPTION(Error, config.validate());
    }

    // What the studio's pages show, done here without them: a run's evaluations read back
    // through their records are the files as written; its model pre-labels rows in groups of
    // 256, and a stop keeps the groups done; a model evaluated as it is is a run of zero
    // epochs; a held-out fold finds its rows again by their line.
    void theStudiosWorkIsCoreFunctions()
    {
        QTemporaryDir dir;
        auto config = tinyRun(dir.filePath("runs").toStdString());
        config.maxSteps = 4;
        const auto outcome = trainer().start(config);
        QCOMPARE(outcome.status, runs::RunStatus::Completed);
        const runs::RunFolder run = runs::RunFolder::open(outcome.runPath);
        const auto evalFile = nlohmann::ordered_json::parse(readWholeFile(run.evalPath()));
        QCOMPARE(runs::EvalRecord::fromJson(evalFile, run.evalPath()).toJson(), evalFile);
        const auto baselineFile = nlohmann::ordered_json::parse(readWholeFile(run.baselinePath()));
        QCOMPARE(runs::BaselineRecord::fromJson(baselineFile, run.baselinePath()).toJson(), baselineFile);
        train::RunEvaluationRequest request;
        request.split = "validation";
        const train::RunEvaluation validation = train::evaluateRun(engine::load(), run, request);
        QCOMPARE(validation.path, run.evalPath("validation"));
        QCOMPARE(run.readEvaluation("validation").toJson(), validation.record.toJson());

        std::vector<std::optional<std::string>> texts;
        for (int i = 0; i < 600; ++i)
            texts.push_back("Review " + std::to_string(i) + (i % 2 ? ": it works well" : ": it broke at once"));
        texts[3].reset(); // a row that cannot be read
        train::LabelPredictions predictions;
        std::vector<size_t> reports;
        train::predictLabels(engine::load(), run, texts, predictions, [&](size_t done, size_t total) {
            reports.push_back(done);
            return total == 600;
        });
        QCOMPARE(reports, (std::vector<size_t>{0, 256, 512, 600}));
        QCOMPARE(predictions.predicted, size_t(599));
        QVERIFY(!predictions.rows[3]);
        const std::vector<std::string> labels = run.readRecord().data->labels;
        QVERIFY(std::find(labels.begin(), labels.end(), predictions.rows[0]->label) != labels.end());
        QVERIFY(predictions.rows[0]->confidence >= 1.0 / 3 && predictions.rows[0]->margin >= 0);
        train::LabelPredictions stopped;
        train::predictLabels(engine::load(), run, texts, stopped, [](size_t done, size_t) { return done == 0; });
        QCOMPARE(stopped.predicted, size_t(255));
        QVERIFY(stopped.rows[255] && !stopped.rows[256]);
        QCOMPARE(stopped.rows[10]->label, predictions.rows[10]->label);

        const auto asItIs = trainer().start(train::asItIs(config));
        QCOMPARE(asItIs.status, runs::RunStatus::Completed);
        QVERIFY(asItIs.runPath.find("-base-as-is") != std::string::npos);
        QVERIFY(trainLosses(asItIs.runPath).empty());
        QVERIFY(runs::RunFolder::open(asItIs.runPath).isEvaluated());

        auto fold = tinyRun(dir.filePath("folds").toStdString());
        fold.maxSteps = 2;
        fold.crossValidationFolds = 2;
        fold.crossValidationFold = 1;
        const runs::RunFolder heldOutRun = runs::RunFolder::open(trainer().start(fold).runPath);
        const auto heldOutFile = nlohmann::ordered_json::parse(readWholeFile(heldOutRun.heldOutPath()));
        const runs::HeldOutRecord heldOut = heldOutRun.readHeldOut();
        QCOMPARE(heldOut.toJson(), heldOutFile);
        std::vector<long> lines;
        for (const data::Row& row : data::DatasetFile::load(kSentiment).dataset.rows)
            lines.push_back(row.line);
        const train::LabelPredictions heldOutPredictions = train::heldOutPredictions({heldOutRun}, lines);
        QVERIFY(!heldOut.rows.empty());
        QCOMPARE(heldOutPredictions.predicted, heldOut.rows.size());
    }

    void saveTotalLimitKeepsTheNewest()
    {
        QTemporaryDir dir;
        auto config = tinyRun(dir.path().toStdString());
        config.saveSteps = 1;
        config.saveTotalLimit = 2;
        config.testSplit = 0;
        const auto outcome = trainer().start(config);
        // The last step keeps one too: a finished run can train on.
        QCOMPARE(runs::RunFolder::open(outcome.runPath).checkpointSteps(), (std::vector<int64_t>{7, 8}));
    }

    // One epoch, then one more, gives what two epochs give at once: with a constant learning
    // rate the longer schedule is the same schedule, so the weights are equal bit for bit.
    void aFinishedRunTrainsMoreEpochs()
    {
        QTemporaryDir dir;
        auto config = tinyRun(dir.path().toStdString());
        config.maxSteps = -1;
        config.epochs = 2;
        config.scheduler = "constant";
        config.warmupSteps = 0;
        config.testSplit = 0;
        config.saveSteps = 0;
        const auto atOnce = trainer().start(config);
        config.epochs = 1;
        const auto first = trainer().start(config);
        QCOMPARE(first.status, runs::RunStatus::Completed);
        QVERIFY_THROWS_EXCEPTION(Error, trainer().resume(first.runPath)); // completed: nothing to resume
        const auto more = trainer().resume(first.runPath, nullptr, nullptr, 1);
        QCOMPARE(more.status, runs::RunStatus::Completed);
        QCOMPARE(more.steps, atOnce.steps);
        QCOMPARE(readWholeFile(more.runPath + "/final/model.safetensors"), readWholeFile(atOnce.runPath + "/final/model.safetensors"));
        const auto record = runs::RunFolder::open(more.runPath).readRecord();
        QCOMPARE(record.config["num_train_epochs"].get<int>(), 2);
        QCOMPARE(record.schedule->totalSteps, atOnce.steps);
        QCOMPARE(trainLosses(more.runPath).size(), trainLosses(atOnce.runPath).size());

        config.maxSteps = 4; // bounded by steps, not epochs
        const auto bounded = trainer().start(config);
        try {
            trainer().resume(bounded.runPath, nullptr, nullptr, 1);
            QFAIL("a run bounded by max_steps should not take more epochs");
        } catch (const Error& error) {
            QVERIFY2(QString(error.what()).contains("max_steps"), error.what());
        }
    }

    void stopAndResumeAreBitExact_data()
    {
        QTest::addColumn<QString>("method");
        QTest::addColumn<int>("accumulation");
        QTest::newRow("full") << "full" << 1;
        QTest::newRow("lora with dropout, accumulation") << "lora" << 2;
    }

    void stopAndResumeAreBitExact()
    {
        QFETCH(QString, method);
        QFETCH(int, accumulation);
        QTemporaryDir dir;
        auto config = tinyRun(dir.path().toStdString());
        config.testSplit = 0;
        config.gradientAccumulation = accumulation;
        if (method == "lora") {
            config.method = model::TrainingMethod::Lora;
            config.lora.dropout = 0.1;
            config.lora.targetModules = {"q_proj", "v_proj", "up_proj"};
        }
        config.runName = "whole";
        const auto whole = trainer().start(config);

        config.runName = "split";
        train::TrainingControl control;
        control.stopAfterStep(5);
        const auto stopped = trainer().start(config, nullptr, &control);
        QCOMPARE(stopped.status, runs::RunStatus::Stopped);
        QCOMPARE(stopped.steps, int64_t(5));
        QCOMPARE(runs::RunFolder::open(stopped.runPath).readRecord().status, runs::RunStatus::Stopped);
        const auto resumed = trainer().resume(stopped.runPath);
        QCOMPARE(resumed.status, runs::RunStatus::Completed);
        QCOMPARE(resumed.steps, int64_t(8));

        QCOMPARE(trainLosses(resumed.runPath), trainLosses(whole.runPath));
        const std::string weights = method == "lora" ? "/final/adapter_model.safetensors" : "/final/model.safetensors";
        QVERIFY(readWholeFile(resumed.runPath + weights) == readWholeFile(whole.runPath + weights));
    }

    void pauseHoldsTheThread()
    {
        QTemporaryDir dir;
        auto config = tinyRun(dir.path().toStdString());
        config.testSplit = 0;
        train::TrainingControl control;
        std::atomic<int> paused{0}, resumedEvents{0};
        std::atomic<int64_t> lastStep{0};
        control.setPaused(true);
        std::thread worker([&] {
            runs::CallbackSink sink([&](const runs::RunEvent& e) {
                if (e.kind == runs::EventKind::Paused)
                    ++paused;
                if (e.kind == runs::EventKind::Resumed)
                    ++resumedEvents;
                if (e.kind == runs::EventKind::Step)
                    lastStep = e.step;
            });
            trainer().start(config, &sink, &control);
        });
        QTRY_COMPARE_WITH_TIMEOUT(paused.load(), 1, 60000);
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        QCOMPARE(lastStep.load(), int64_t(0));
        control.setPaused(false);
        worker.join();
        QCOMPARE(resumedEvents.load(), 1);
        QCOMPARE(lastStep.load(), int64_t(8));
    }

    void aCheckpointedRunTrainsLikeThePlainOne()
    {
        QTemporaryDir dir;
        auto stepLosses = [&](bool checkpointing, const std::string& precision) {
            auto config = tinyRun(dir.path().toStdString());
            config.maxSteps = 4;
            config.evalSteps = 0;
            config.saveSteps = 0;
            config.gradientCheckpointing = checkpointing;
            config.precision = precision;
            std::vector<double> losses;
            runs::CallbackSink sink([&](const runs::RunEvent& e) {
                if (e.kind == runs::EventKind::Step)
                    losses.push_back(e.trainLoss);
            });
            const auto outcome = trainer().start(config, &sink);
            if (outcome.status != runs::RunStatus::Completed)
                qWarning() << outcome.message.c_str();
            return losses;
        };
        const auto plain = stepLosses(false, "fp32"), checkpointed = stepLosses(true, "fp32");
        QCOMPARE(plain.size(), size_t(4));
        QCOMPARE(checkpointed.size(), plain.size());
        for (size_t i = 0; i < plain.size(); ++i)
            QVERIFY2(std::abs(plain[i] - checkpointed[i]) < 1e-5, qPrintable(QString("step %1: %2 against %3").arg(i + 1).arg(checkpointed[i]).arg(plain[i])));
        if (train::PrecisionScope::unsupported(torch::kCPU, "bf16"))
            return;
        const auto bf16 = stepLosses(true, "bf16");
        QCOMPARE(bf16.size(), plain.size());
        for (size_t i = 0; i < plain.size(); ++i)
            QVERIFY2(std::abs(plain[i] - bf16[i]) < 0.05, qPrintable(QString("bf16 step %1: %2 against %3").arg(i + 1).arg(bf16[i]).arg(plain[i])));
    }

    void divergenceStopsWithAClearMessage()
    {
        QTemporaryDir dir;
        auto config = tinyRun(dir.path().toStdString());
        config.learningRate = 1e30;
        config.warmupSteps = 0;
        config.maxGradNorm = 0;
        std::string failure;
        runs::CallbackSink sink([&](const runs::RunEvent& e) {
            if (e.kind == runs::EventKind::Failed)
                failure = e.message;
        });
        const auto outcome = trainer().start(config, &sink);
        QCOMPARE(outcome.status, runs::RunStatus::Failed);
        QVERIFY2(failure.find("NaN") != std::string::npos || failure.find("infinite") != std::string::npos, failure.c_str());
        QVERIFY2(failure.find("step") != std::string::npos, failure.c_str());
        QCOMPARE(runs::RunFolder::open(outcome.runPath).readRecord().status, runs::RunStatus::Failed);
    }

    void badSettingsAreRefusedBeforeARunExists()
    {
        QTemporaryDir dir;
        auto config = tinyRun(dir.filePath("runs").toStdString());
        config.trainFile = dir.filePath("missing.jsonl").toStdString();
        QVERIFY_THROWS_EXCEPTION(Error, trainer().start(config));
        // A precision this libtorch cannot autocast on the CPU.
        auto precision = tinyRun(dir.filePath("runs").toStdString());
        precision.precision = "fp16";
        QVERIFY_THROWS_EXCEPTION(Error, trainer().start(precision));
        if (train::PrecisionScope::unsupported(torch::kCPU, "bf16")) { // Debian's libtorch 1.13
            precision.precision = "bf16";
            QVERIFY_THROWS_EXCEPTION(Error, trainer().start(precision));
        }
        QVERIFY(!fs::exists(dir.filePath("runs").toStdString()));
        try {
            train::RunConfig::fromJson({{"train_file", "a.jsonl"}, {"learning_rat", 0.1}}, "run.json");
            QFAIL("expected an error");
        } catch (const Error& error) {
            QVERIFY2(std::string(error.what()).find("did you mean 'learning_rate'") != std::string::npos, error.what());
        }
        try {
            train::RunConfig::fromJson({{"train_file", "a.jsonl"}, {"per_device_train_batch_size", "8"}}, "run.json");
            QFAIL("expected an error");
        } catch (const Error& error) {
            QVERIFY2(std::string(error.what()).find("expected an integer, found \"8\"") != std::string::npos, error.what());
        }
    }
};

QTEST_GUILESS_MAIN(TrainerTest)
#include "TrainerTest.moc"
