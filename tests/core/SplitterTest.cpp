// Seeded, stratified splits.
#include "core/common/Error.h"
#include "core/data/DatasetFile.h"
#include "core/data/Splitter.h"

#include <QtTest>

#include <map>
#include <set>

using namespace finch;
using namespace finch::data;

namespace {

// 600 rows: 300 "pos", 200 "neg", 100 "neu", every text distinct.
Dataset labelled()
{
    std::string content;
    for (int i = 0; i < 600; ++i) {
        const char* label = i % 6 < 3 ? "pos" : i % 6 < 5 ? "neg" : "neu";
        content += "{\"text\":\"row " + std::to_string(i) + "\",\"label\":\"" + label + "\"}\n";
    }
    return DatasetFile::parse(content, "d.jsonl", FileFormat::Jsonl).dataset;
}

std::map<std::string, size_t> labelCounts(const Dataset& dataset, const Schema& schema, const std::vector<size_t>& rows)
{
    std::map<std::string, size_t> counts;
    for (const size_t row : rows)
        ++counts[schema.labelOf(dataset.rows[row].value).value_or("")];
    return counts;
}

} // namespace

class SplitterTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void partsFollowTheFractionsPerLabel()
    {
        const Dataset dataset = labelled();
        const Schema schema = Schema::detect(dataset);
        const SplitResult split = splitDataset(dataset, schema, {0.8, 0.1, 0.1, 7, true});
        QCOMPARE(split.train.size(), size_t(480));
        QCOMPARE(split.validation.size(), size_t(60));
        QCOMPARE(split.test.size(), size_t(60));
        const auto test = labelCounts(dataset, schema, split.test);
        QCOMPARE(test.at("pos"), size_t(30));
        QCOMPARE(test.at("neg"), size_t(20));
        QCOMPARE(test.at("neu"), size_t(10));
        // Every row lands in exactly one part.
        std::set<size_t> all(split.train.begin(), split.train.end());
        all.insert(split.validation.begin(), split.validation.end());
        all.insert(split.test.begin(), split.test.end());
        QCOMPARE(all.size(), size_t(600));
        QVERIFY(std::is_sorted(split.test.begin(), split.test.end()));
    }

    void sameSeedSameSplitOtherSeedOtherSplit()
    {
        const Dataset dataset = labelled();
        const Schema schema = Schema::detect(dataset);
        const SplitResult a = splitDataset(dataset, schema, {0.8, 0.1, 0.1, 42, true});
        const SplitResult b = splitDataset(dataset, schema, {0.8, 0.1, 0.1, 42, true});
        const SplitResult c = splitDataset(dataset, schema, {0.8, 0.1, 0.1, 43, true});
        QCOMPARE(a.test, b.test);
        QCOMPARE(a.validation, b.validation);
        QVERIFY(a.test != c.test);
        // Fixed by the generator's definition, so it is the same on every machine.
        const std::vector<size_t> firstTestRows(a.test.begin(), a.test.begin() + 3);
        QCOMPARE(firstTestRows, (std::vector<size_t>{9, 11, 24}));
    }

    void unstratifiedSplitStillCoversAllRows()
    {
        const Dataset dataset = labelled();
        const SplitResult split = splitDataset(dataset, Schema::detect(dataset), {0.5, 0.0, 0.5, 1, false});
        QCOMPARE(split.train.size(), size_t(300));
        QCOMPARE(split.validation.size(), size_t(0));
        QCOMPARE(split.test.size(), size_t(300));
    }

    void duplicatesStayOnOneSide()
    {
        std::string content;
        for (int i = 0; i < 200; ++i)
            content += "{\"text\":\"text " + std::to_string(i % 50) + "\",\"label\":\"x\"}\n";
        const Dataset dataset = DatasetFile::parse(content, "d.jsonl", FileFormat::Jsonl).dataset;
        const Schema schema = Schema::detect(dataset);
        const SplitResult split = splitDataset(dataset, schema, {0.6, 0.2, 0.2, 3, true});
        std::set<std::string> trainTexts;
        for (const size_t row : split.train)
            trainTexts.insert(schema.inputKey(dataset.rows[row].value));
        for (const size_t row : split.test)
            QVERIFY(!trainTexts.count(schema.inputKey(dataset.rows[row].value)));
        QCOMPARE(split.train.size() + split.validation.size() + split.test.size(), size_t(200));
    }

    void rejectsBadFractions()
    {
        const Dataset dataset = labelled();
        const Schema schema = Schema::detect(dataset);
        QVERIFY_THROWS_EXCEPTION(Error, splitDataset(dataset, schema, {0.8, 0.1, 0.2, 1, true}));
        QVERIFY_THROWS_EXCEPTION(Error, splitDataset(dataset, schema, {1.2, -0.1, -0.1, 1, true}));
    }
};

QTEST_GUILESS_MAIN(SplitterTest)
#include "SplitterTest.moc"
