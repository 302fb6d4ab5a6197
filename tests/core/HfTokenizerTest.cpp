// tokenizer.json against the real `tokenizers` library: for each family's pipeline
// (tests/data/tokenizers, made by generate.py with the pinned library), the ids of every
// probe text with and without special tokens, and the decoded texts, must be the
// library's exactly.
#include "core/common/Error.h"
#include "core/common/JsonFile.h"
#include "core/text/HfTokenizer.h"

#include <QtTest>

using namespace finch;
using Json = nlohmann::ordered_json;

namespace {

const std::string kData = FINCH_TEST_DATA "/tokenizers/";

QString show(const std::vector<int>& ids)
{
    QStringList parts;
    for (const int id : ids)
        parts << QString::number(id);
    return parts.join(',');
}

} // namespace

class HfTokenizerTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void idsAndTextsMatchTheLibrary_data()
    {
        QTest::addColumn<QString>("family");
        const Json expected = readJsonFile(kData + "expected.json");
        for (const auto& [family, cases] : expected["families"].items())
            QTest::newRow(family.c_str()) << QString::fromStdString(family);
    }

    void idsAndTextsMatchTheLibrary()
    {
        QFETCH(QString, family);
        const Json expected = readJsonFile(kData + "expected.json");
        const auto tokenizer = text::HfTokenizer::load(kData + family.toStdString() + "/tokenizer.json");
        const Json& probes = expected["probes"];
        const Json& cases = expected["families"][family.toStdString()];
        QCOMPARE(cases.size(), probes.size());
        for (size_t i = 0; i < probes.size(); ++i) {
            const std::string probe = probes[i].get<std::string>();
            const Json& want = cases[i];
            const QString where = QStringLiteral("probe %1: %2").arg(i).arg(QString::fromStdString(probe).left(50));
            const std::vector<int> plain = tokenizer->encode(probe, false);
            QVERIFY2(plain == want["ids"].get<std::vector<int>>(),
                     qPrintable(where + "\n  finch   " + show(plain) + "\n  library " + show(want["ids"])));
            const std::vector<int> special = tokenizer->encode(probe, true);
            QVERIFY2(special == want["ids_with_special_tokens"].get<std::vector<int>>(),
                     qPrintable(where + "\n  finch   " + show(special) + "\n  library " + show(want["ids_with_special_tokens"])));
            QCOMPARE(QString::fromStdString(tokenizer->decode(special, false)),
                     QString::fromStdString(want["decoded"].get<std::string>()));
            QCOMPARE(QString::fromStdString(tokenizer->decode(special, true)),
                     QString::fromStdString(want["decoded_skipping_special_tokens"].get<std::string>()));
        }
    }

    // Ids the tokenizer does not have (a model's spare embedding rows) decode to nothing.
    void idsBeyondTheVocabularyDecodeToNothing()
    {
        const Json expected = readJsonFile(kData + "expected.json");
        for (const auto& [family, want] : expected["beyond_vocabulary"].items()) {
            const auto tokenizer = text::HfTokenizer::load(kData + family + "/tokenizer.json");
            QCOMPARE(QString::fromStdString(tokenizer->decode(want["ids"].get<std::vector<int>>(), false)),
                     QString::fromStdString(want["decoded"].get<std::string>()));
        }
    }

    void unsupportedComponentsAreNamed()
    {
        Json json = readJsonFile(kData + "gpt2-bytelevel/tokenizer.json");
        json["normalizer"] = {{"type", "BertNormalizer"}};
        try {
            text::HfTokenizer::fromJson(json, "tokenizer.json");
            QFAIL("a normalizer Finch lacks was accepted");
        } catch (const Error& error) {
            QVERIFY2(std::string(error.what()).find("tokenizer.json: 'normalizer': the normalizer \"BertNormalizer\" is not one Finch implements") !=
                         std::string::npos,
                     error.what());
        }
        json = readJsonFile(kData + "gpt2-bytelevel/tokenizer.json");
        json["model"]["type"] = "Unigram";
        QVERIFY_THROWS_EXCEPTION(Error, text::HfTokenizer::fromJson(json, "tokenizer.json"));
        json = readJsonFile(kData + "gpt2-bytelevel/tokenizer.json");
        json["pre_tokenizer"] = {{"type", "Split"}, {"pattern", {{"Regex", "(unclosed"}}}, {"behavior", "Isolated"}};
        QVERIFY_THROWS_EXCEPTION(Error, text::HfTokenizer::fromJson(json, "tokenizer.json"));
    }
};

QTEST_GUILESS_MAIN(HfTokenizerTest)
#include "HfTokenizerTest.moc"
