// Finch against the real transformers and PEFT, live (tests/interop/reference.py in the
// pinned .venv-reference): folders and adapters Finch writes load there with the same
// logits, adapters PEFT writes load in Finch with the same logits, and Finch's merged
// export equals PEFT's base + adapter. One Python process answers every question.
#include "core/common/FileIO.h"
#include "core/engine/model/LlamaModel.h"
#include "core/engine/model/TorchLanguageModel.h"
#include "core/engine/train/Optimizer.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

using namespace finch;

namespace {

const std::string kFixtures = FINCH_TEST_DATA "/hf_golden/";
constexpr double kTolerance = 1e-4;

at::Tensor goldenIds(const std::string& fixture)
{
    const auto golden = nlohmann::json::parse(readWholeFile(kFixtures + fixture + "/golden.json"));
    std::vector<int64_t> flat;
    for (const auto& row : golden["input_ids"])
        for (const auto& id : row)
            flat.push_back(id.get<int64_t>());
    return at::tensor(flat).reshape({int64_t(golden["input_ids"].size()), -1});
}

nlohmann::json idsJson(const at::Tensor& ids)
{
    nlohmann::json rows = nlohmann::json::array();
    for (int64_t b = 0; b < ids.size(0); ++b) {
        nlohmann::json row = nlohmann::json::array();
        for (int64_t t = 0; t < ids.size(1); ++t)
            row.push_back(ids[b][t].item<int64_t>());
        rows.push_back(row);
    }
    return rows;
}

at::Tensor finchLogits(model::TorchLanguageModel& loaded, const at::Tensor& ids)
{
    at::NoGradGuard noGrad;
    loaded.network()->eval();
    return loaded.network()->forward(ids).to(at::kFloat).contiguous();
}

double largestDifference(const at::Tensor& finch, const nlohmann::json& reference)
{
    std::vector<int64_t> shape = reference["shape"].get<std::vector<int64_t>>();
    std::vector<float> values = reference["logits"].get<std::vector<float>>();
    if (finch.sizes().vec() != shape)
        return INFINITY;
    return (finch - at::from_blob(values.data(), shape, at::kFloat)).abs().max().item<double>();
}

// Two AdamW steps on the fixture's batch, so that the weights Finch writes are its own.
void trainBriefly(model::TorchLanguageModel& loaded, const at::Tensor& ids)
{
    auto network = loaded.network();
    network->train();
    std::vector<std::pair<std::string, at::Tensor>> parameters;
    for (const auto& item : network->named_parameters())
        if (item.value().requires_grad())
            parameters.emplace_back(item.key(), item.value());
    train::Optimizer optimizer(parameters, {});
    for (int step = 0; step < 2; ++step) {
        model::causalLmLoss(network->forward(ids), ids).backward();
        optimizer.step(1e-2);
        optimizer.zeroGrad();
    }
}

} // namespace

class InteropTest : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    const std::vector<std::string> fixtures_{"llama_tiny", "qwen2_tiny", "qwen3_tiny", "phi3_tiny", "gemma3_tiny"};
    std::map<std::string, at::Tensor> ids_;
    // Finch's side, computed before the Python process runs.
    std::map<std::string, at::Tensor> baseLogits_, fullLogits_, adapterLogits_, mergedLogits_;
    nlohmann::json results_;

    std::string path(const std::string& name) const { return dir_.path().toStdString() + "/" + name; }

private Q_SLOTS:
    void initTestCase()
    {
        at::set_num_threads(1);
        nlohmann::json jobs = nlohmann::json::array();
        for (const std::string& fixture : fixtures_) {
            const at::Tensor ids = goldenIds(fixture);
            ids_[fixture] = ids;
            // A fully fine-tuned folder.
            auto full = model::TorchLanguageModel::load(kFixtures + fixture);
            trainBriefly(*full, ids);
            full->save(path(fixture + "-full"));
            fullLogits_[fixture] = finchLogits(*full, ids);
            jobs.push_back({{"logits", path(fixture + "-full")}, {"adapter", nullptr}, {"ids", idsJson(ids)}});

            // A trained LoRA adapter on every linear layer, and its merged export.
            auto adapted = model::TorchLanguageModel::load(kFixtures + fixture);
            baseLogits_[fixture] = finchLogits(*adapted, ids);
            model::LoraSettings lora;
            lora.rank = 4;
            lora.alpha = 12;
            lora.dropout = 0;
            lora.targetModules = {"all-linear"};
            adapted->addLora(lora, 5);
            trainBriefly(*adapted, ids);
            adapted->saveAdapter(path(fixture + "-adapter"), kFixtures + fixture);
            adapterLogits_[fixture] = finchLogits(*adapted, ids);
            adapted->mergeLora();
            adapted->save(path(fixture + "-merged"));
            mergedLogits_[fixture] = finchLogits(*adapted, ids);
            jobs.push_back({{"logits", kFixtures + fixture}, {"adapter", path(fixture + "-adapter")}, {"ids", idsJson(ids)}});
            jobs.push_back({{"logits", path(fixture + "-merged")}, {"adapter", nullptr}, {"ids", idsJson(ids)}});

            // An adapter PEFT writes, for Finch to read.
            jobs.push_back({{"write_adapter", path(fixture + "-peft")},
                            {"base", kFixtures + fixture},
                            {"lora", {{"r", 6}, {"lora_alpha", 9}, {"target_modules", "all-linear"}, {"use_rslora", true}}},
                            {"seed", 17},
                            {"ids", idsJson(ids)}});
        }
        writeFileAtomically(path("jobs.json"), jobs.dump());
        QProcess python;
        python.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        python.start(FINCH_REFERENCE_PYTHON, {FINCH_INTEROP_SCRIPT, QString::fromStdString(path("jobs.json")),
                                              QString::fromStdString(path("results.json"))});
        QVERIFY2(python.waitForFinished(300000), "the reference process did not finish");
        QCOMPARE(python.exitCode(), 0);
        results_ = nlohmann::json::parse(readWholeFile(path("results.json")));
        QCOMPARE(results_.size(), jobs.size());
    }

    void finchFoldersLoadInTransformers_data() { fixtureRows(); }
    void finchFoldersLoadInTransformers()
    {
        QFETCH(int, index);
        const std::string fixture = fixtures_[size_t(index)];
        const double difference = largestDifference(fullLogits_[fixture], results_[size_t(4 * index)]);
        qInfo("%s: largest logit difference %.2g", fixture.c_str(), difference);
        QVERIFY2(difference < kTolerance, qPrintable(QString::number(difference)));
    }

    void finchAdaptersLoadInPeft_data() { fixtureRows(); }
    void finchAdaptersLoadInPeft()
    {
        QFETCH(int, index);
        const std::string fixture = fixtures_[size_t(index)];
        const double difference = largestDifference(adapterLogits_[fixture], results_[size_t(4 * index + 1)]);
        qInfo("%s: largest logit difference %.2g", fixture.c_str(), difference);
        QVERIFY2(difference < kTolerance, qPrintable(QString::number(difference)));
        // The adapter moved the logits: a no-op adapter would pass the comparison above too.
        QVERIFY((adapterLogits_[fixture] - baseLogits_[fixture]).abs().max().item<double>() > 1e-2);
    }

    void finchMergedExportEqualsBasePlusAdapter_data() { fixtureRows(); }
    void finchMergedExportEqualsBasePlusAdapter()
    {
        QFETCH(int, index);
        const std::string fixture = fixtures_[size_t(index)];
        // transformers reading Finch's merged folder against PEFT's base + Finch's adapter.
        const nlohmann::json& merged = results_[size_t(4 * index + 2)];
        const nlohmann::json& peftAdapted = results_[size_t(4 * index + 1)];
        std::vector<float> values = peftAdapted["logits"].get<std::vector<float>>();
        const at::Tensor reference = at::from_blob(values.data(), peftAdapted["shape"].get<std::vector<int64_t>>(), at::kFloat).clone();
        const double difference = largestDifference(reference, merged);
        qInfo("%s: merged against base + adapter %.2g", fixture.c_str(), difference);
        QVERIFY2(difference < kTolerance, qPrintable(QString::number(difference)));
        QVERIFY(largestDifference(mergedLogits_[fixture], merged) < kTolerance);
    }

    void peftAdaptersLoadInFinch_data() { fixtureRows(); }
    void peftAdaptersLoadInFinch()
    {
        QFETCH(int, index);
        const std::string fixture = fixtures_[size_t(index)];
        const nlohmann::json& written = results_[size_t(4 * index + 3)];
        auto loaded = model::TorchLanguageModel::load(kFixtures + fixture);
        loaded->loadAdapter(path(fixture + "-peft"));
        const double adapted = largestDifference(finchLogits(*loaded, ids_[fixture]), written["adapted"]);
        loaded->mergeLora();
        const double merged = largestDifference(finchLogits(*loaded, ids_[fixture]), written["merged"]);
        qInfo("%s: adapter %.2g, merged %.2g", fixture.c_str(), adapted, merged);
        QVERIFY2(adapted < kTolerance, qPrintable(QString::number(adapted)));
        QVERIFY2(merged < kTolerance, qPrintable(QString::number(merged)));
    }

private:
    void fixtureRows()
    {
        QTest::addColumn<int>("index");
        for (size_t i = 0; i < fixtures_.size(); ++i)
            QTest::newRow(fixtures_[i].c_str()) << int(i);
    }
};

QTEST_GUILESS_MAIN(InteropTest)
#include "InteropTest.moc"
