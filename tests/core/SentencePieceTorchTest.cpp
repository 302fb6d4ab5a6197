// SentencePiece and libtorch in one process. Debian's libsentencepiece embeds a
// protobuf that clashes with libtorch's; linked naively, this executable would crash
// at start-up (DESIGN.md, "Known traps"). Here both are used together for real.
#include "core/common/Error.h"
#include "core/api/Engine.h"
#include "core/text/SentencePiece.h"

#include <ATen/ATen.h>

#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

using namespace finch;
using namespace finch::text;

namespace {

std::vector<std::string> corpus()
{
    const std::vector<std::string> subjects{"The phone", "This film", "My new laptop", "The hotel room", "Their support team",
                                            "The soundtrack", "This blender", "The second season"};
    const std::vector<std::string> verbs{"was", "felt", "seemed", "turned out", "is honestly"};
    const std::vector<std::string> judgements{"wonderful", "a waste of money", "fine, nothing special", "brilliant",
                                              "disappointing", "worth every penny", "too loud", "surprisingly good"};
    std::vector<std::string> texts;
    for (size_t i = 0; i < 400; ++i)
        texts.push_back(subjects[i % subjects.size()] + " " + verbs[(i / 3) % verbs.size()] + " " +
                        judgements[(i / 7) % judgements.size()] + ", " + std::to_string(i * 37 % 1000) +
                        " stars from café-goers.");
    return texts;
}

} // namespace

class SentencePieceTorchTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void trainsEncodesAndFeedsTorch()
    {
        // Torch first, so its protobuf and BLAS are initialised before SentencePiece runs.
        engine::load().configureCompute(1);
        const at::Tensor warm = at::mm(at::ones({4, 4}), at::ones({4, 4}));
        QCOMPARE(warm.sum().item<float>(), 64.0f);

        SentencePieceTrainOptions options;
        options.vocabSize = 320;
        options.threads = 1;
        const std::string model = SentencePiece::train(corpus(), options);
        const auto tokenizer = SentencePiece::fromBytes(model);
        QCOMPARE(tokenizer->vocabSize(), 320);
        QCOMPARE(tokenizer->unkId(), 0);
        QCOMPARE(tokenizer->bosId(), 1);
        QCOMPARE(tokenizer->eosId(), 2);
        QCOMPARE(tokenizer->padId(), 3);

        const std::string text = "The phone was brilliant, 1234 stars! 日本";
        const std::vector<int> ids = tokenizer->encode(text);
        QVERIFY(ids.size() > 5);
        QCOMPARE(tokenizer->decode(ids), text); // identity normalisation and byte fallback
        for (const int id : ids)
            QVERIFY(id != tokenizer->unkId());
        QCOMPARE(tokenizer->pieceToId(tokenizer->idToPiece(ids[0])), ids[0]);

        // Ids into an embedding table: the tokenizer's output drives a torch computation.
        const at::Tensor idTensor = at::tensor(std::vector<int64_t>(ids.begin(), ids.end()), at::kLong);
        const at::Tensor table = at::randn({tokenizer->vocabSize(), 8});
        const at::Tensor embedded = at::embedding(table, idTensor);
        QCOMPARE(embedded.size(0), int64_t(ids.size()));
        QVERIFY(at::allclose(embedded[0], table[ids[0]]));
    }

    void bpeModelsRoundTripToo()
    {
        SentencePieceTrainOptions options;
        options.vocabSize = 300;
        options.modelType = SentencePieceTrainOptions::ModelType::Bpe;
        options.threads = 1;
        const auto tokenizer = SentencePiece::fromBytes(SentencePiece::train(corpus(), options));
        const std::string text = "This blender turned out too loud.";
        QCOMPARE(tokenizer->decode(tokenizer->encode(text)), text);
    }

    void loadsAModelFile()
    {
        QTemporaryDir dir;
        const std::string path = (dir.path() + "/t.model").toStdString();
        SentencePieceTrainOptions options;
        options.vocabSize = 300;
        options.threads = 1;
        const std::string model = SentencePiece::train(corpus(), options);
        std::ofstream(path, std::ios::binary) << model;
        const auto fromFile = SentencePiece::load(path);
        const auto fromBytes = SentencePiece::fromBytes(model);
        QCOMPARE(fromFile->encode("worth every penny"), fromBytes->encode("worth every penny"));
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, fromFile->idToPiece(300));
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, fromFile->decode({5, -1}));
    }

    void errorsAreClear()
    {
        SentencePieceTrainOptions options;
        options.vocabSize = 100000;
        options.threads = 1;
        try {
            SentencePiece::train(corpus(), options);
            QFAIL("a vocabulary larger than the text supports should fail");
        } catch (const Error& error) {
            const QString message = QString::fromUtf8(error.what());
            QVERIFY2(message.contains("Vocabulary size too high (100000)"), error.what());
            QVERIFY2(!message.contains("./src/"), error.what());
        }
        QVERIFY_THROWS_EXCEPTION(Error, SentencePiece::train({}, options));
        QTemporaryDir dir;
        const std::string garbage = (dir.path() + "/bad.model").toStdString();
        std::ofstream(garbage) << "this is not a model";
        try {
            SentencePiece::load(garbage);
            QFAIL("a file that is not a model should fail");
        } catch (const Error& error) {
            QVERIFY2(std::string(error.what()).find(garbage) != std::string::npos, error.what());
        }
        QVERIFY_THROWS_EXCEPTION(Error, SentencePiece::load(dir.path().toStdString() + "/missing.model"));
    }
};

QTEST_GUILESS_MAIN(SentencePieceTorchTest)
#include "SentencePieceTorchTest.moc"
