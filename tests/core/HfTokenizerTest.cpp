// tokenizer.json against the real `tokenizers` library: for each family's pipeline
// (tests/data/tokenizers, made by generate.py with the pinned library), the ids of every
// probe text with and without special tokens, and the decoded texts, must be the
// library's exactly.
#include "core/common/Error.h"
#include "core/common/FileIO.h"
#include "core/common/JsonFile.h"
#include "core/text/HfTokenizer.h"

#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

using namespace finch;
using Json = nlohmann::ordered_json;

namespace {

const std::string kData = FINCH_TEST_DATA "/tokenizers/";

// The message of the finch::Error that `run` throws, or "no error".
template <typename Run>
std::string errorOf(Run&& run)
{
    try {
        run();
    } catch (const Error& error) {
        return error.what();
    }
    return "no error";
}

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

    QTemporaryDir dir_;

    std::string write(const std::string& name, const std::string& text) const
    {
        const std::string path = dir_.filePath(QString::fromStdString(name)).toStdString();
        std::ofstream(path, std::ios::binary) << text;
        return path;
    }
    std::string write(const std::string& name, const Json& json) const { return write(name, json.dump(1)); }

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

    // load() reads the file in one pass with the vocab and merges streamed to the model;
    // fromJson() reads an already parsed document: the same tokenizer either way.
    void loadAndFromJsonAgree()
    {
        const Json expected = readJsonFile(kData + "expected.json");
        for (const auto& [family, cases] : expected["families"].items()) {
            const std::string path = kData + family + "/tokenizer.json";
            const auto loaded = text::HfTokenizer::load(path);
            const auto parsed = text::HfTokenizer::fromJson(readJsonFile(path), path);
            QCOMPARE(loaded->vocabSize(), parsed->vocabSize());
            for (const Json& probe : expected["probes"])
                QCOMPARE(loaded->encode(probe.get<std::string>(), true), parsed->encode(probe.get<std::string>(), true));
        }
    }

    void malformedFilesAreNamedErrors()
    {
        const std::string text = readWholeFile(kData + "gpt2-bytelevel/tokenizer.json");
        const Json good = parseJson(text, "fixture");
        auto errorLoading = [&](const std::string& name, const Json& json) {
            const std::string path = write(name, json);
            return QString::fromStdString(errorOf([&] { text::HfTokenizer::load(path); }));
        };
        Json json = good;
        json["model"]["vocab"]["Ġthe"] = "seven";
        QString error = errorLoading("vocab-text-id.json", json);
        QVERIFY2(error.contains("vocab-text-id.json: 'model': 'vocab': the id of \"Ġthe\" is not an id"), qPrintable(error));
        json = good;
        json["model"]["vocab"]["Ġthe"] = Json::array({1});
        error = errorLoading("vocab-list-id.json", json);
        QVERIFY2(error.contains("'vocab': the id of \"Ġthe\" is not an id: found a list"), qPrintable(error));
        json = good;
        json["model"]["merges"][3] = Json::array({"a", "b", "c"});
        error = errorLoading("merge-triple.json", json);
        QVERIFY2(error.contains("merge-triple.json: 'model': 'merges'[3]: expected \"a b\" or a pair of tokens"), qPrintable(error));
        json = good;
        json["model"]["merges"][2] = 7;
        error = errorLoading("merge-number.json", json);
        QVERIFY2(error.contains("'merges'[2]: expected \"a b\" or a pair of tokens, found 7"), qPrintable(error));
        json = good;
        json["model"]["merges"][0] = "nospace";
        error = errorLoading("merge-unspaced.json", json);
        QVERIFY2(error.contains("'merges'[0]: expected \"a b\", found \"nospace\""), qPrintable(error));
        json = good;
        json["model"]["merges"][1] = Json::array({"Ġ", "not-a-token"});
        error = errorLoading("merge-unknown.json", json);
        QVERIFY2(error.contains("'merges'[1]: \"Ġ\" + \"not-a-token\" names a token missing from the vocabulary"),
                 qPrintable(error));

        // A key given twice, and JSON that ends early.
        std::string twice = text;
        twice.replace(twice.find("\"normalizer\""), 12, "\"decoder\"");
        error = QString::fromStdString(errorOf([&] { text::HfTokenizer::load(write("twice.json", twice)); }));
        QVERIFY2(error.contains("twice.json: the key \"decoder\" appears twice in one object"), qPrintable(error));
        error = QString::fromStdString(
            errorOf([&] { text::HfTokenizer::load(write("truncated.json", text.substr(0, text.size() / 2))); }));
        QVERIFY2(error.contains("truncated.json:") && error.contains(": not valid JSON: "), qPrintable(error));
    }

    // A token or a pair listed twice takes its last id or rank, as the library reads them
    // (checked with tokenizers 0.23.3: "abc" gives a, bc).
    void repeatedTokensAndMergesTakeTheLastOne()
    {
        const std::string text = R"({"added_tokens": [], "normalizer": null, "pre_tokenizer": null,
            "post_processor": null, "decoder": null, "model": {"type": "BPE",
            "vocab": {"a": 9, "b": 1, "c": 2, "ab": 3, "bc": 4, "a": 0},
            "merges": [["a", "b"], ["b", "c"], ["a", "b"]]}})";
        const auto tokenizer = text::HfTokenizer::load(write("repeated.json", text));
        QCOMPARE(tokenizer->encode("abc"), (std::vector<int>{0, 4}));
        QCOMPARE(tokenizer->pieceToId("a"), 0);
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, tokenizer->idToPiece(9));
        const auto parsed = text::HfTokenizer::fromJson(parseJson(text, "repeated.json"), "repeated.json");
        QCOMPARE(parsed->encode("abc"), (std::vector<int>{0, 4}));
    }

    // An added token that normalizes to nothing would match everywhere without consuming
    // anything, so finding it would never end.
    void anAddedTokenThatNormalizesToNothingIsRefused()
    {
        Json json = readJsonFile(kData + "gpt2-bytelevel/tokenizer.json");
        json["normalizer"] = {{"type", "Replace"}, {"pattern", {{"String", "\u200b"}}}, {"content", ""}};
        json["added_tokens"].push_back({{"id", 5000}, {"content", "\u200b"}, {"single_word", false}, {"lstrip", false},
                                        {"rstrip", false}, {"normalized", true}, {"special", false}});
        const std::string path = write("empty-added.json", json);
        const QString error = QString::fromStdString(errorOf([&] { text::HfTokenizer::load(path)->encode("a\u200bb"); }));
        QVERIFY2(error.contains("empty-added.json: 'added_tokens'[" + QString::number(json["added_tokens"].size() - 1) +
                                "]: \"\u200b\" normalizes to nothing"),
                 qPrintable(error));
    }

    // Replace stages that lengthen the text, chained, would grow it exponentially.
    void normalizersThatGrowTheTextAreBounded()
    {
        Json json = readJsonFile(kData + "gpt2-bytelevel/tokenizer.json");
        Json doubling = Json::array();
        for (int i = 0; i < 40; ++i)
            doubling.push_back({{"type", "Replace"}, {"pattern", {{"String", "a"}}}, {"content", "aa"}});
        json["normalizer"] = {{"type", "Sequence"}, {"normalizers", doubling}};
        const auto chained = text::HfTokenizer::load(write("doubling.json", json));
        QVERIFY(!chained->encode("bee").empty()); // no 'a' to grow
        QString error = QString::fromStdString(errorOf([&] { chained->encode("a cat"); }));
        QVERIFY2(error.contains("doubling.json: 'normalizer'[") && error.contains("longer than 4416 bytes"), qPrintable(error));

        json["normalizer"] = {{"type", "Replace"}, {"pattern", {{"String", " "}}}, {"content", std::string(100000, '_')}};
        const auto widening = text::HfTokenizer::load(write("widening.json", json));
        error = QString::fromStdString(errorOf([&] { widening->encode(std::string(1000, ' ')); }));
        QVERIFY2(error.contains("widening.json: 'normalizer': normalizing makes the text longer than"), qPrintable(error));
    }

    // PCRE2 stopping a search (its match limit here) is an error naming the pattern, not
    // the end of the matches (which would tokenize the rest of the text unsplit).
    void regexSearchesThatGiveUpAreErrors()
    {
        Json json = readJsonFile(kData + "gpt2-bytelevel/tokenizer.json");
        json["pre_tokenizer"] = {{"type", "Sequence"},
                                 {"pretokenizers",
                                  {{{"type", "Split"}, {"pattern", {{"Regex", "(a+)+$"}}}, {"behavior", "Isolated"}, {"invert", false}},
                                   {{"type", "ByteLevel"}, {"add_prefix_space", false}, {"trim_offsets", true}, {"use_regex", false}}}}};
        const auto tokenizer = text::HfTokenizer::load(write("backtracking.json", json));
        QVERIFY(!tokenizer->encode("aaab").empty());
        const QString error = QString::fromStdString(errorOf([&] { tokenizer->encode(std::string(40, 'a') + "b"); }));
        QVERIFY2(error.contains("backtracking.json: 'pre_tokenizer'[0]: the regular expression (a+)+$ gave up") &&
                     error.contains("match limit"),
                 qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(HfTokenizerTest)
#include "HfTokenizerTest.moc"
