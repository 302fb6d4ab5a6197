// Reading and writing every dataset format: quoting, byte order marks, line endings, and
// fields Finch does not know surviving load -> save.
#include "core/common/Error.h"
#include "core/data/DatasetFile.h"

#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>
#include <fstream>

using namespace finch;
using namespace finch::data;

namespace {

std::string readFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void writeFile(const std::string& path, const std::string& content)
{
    std::ofstream(path, std::ios::binary) << content;
}

} // namespace

class DatasetFormatsTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void jsonlKeepsUnknownFieldsNestedValuesNullsAndOrder()
    {
        const std::string content =
            R"({"zeta":1,"text":"café ok","label":"positive","meta":{"a":[1,null,{"b":true}]},"note":null})" "\n"
            R"({"label":"negative","text":"two","extra":[]})" "\n";
        const LoadResult loaded = DatasetFile::parse(content, "in.jsonl", FileFormat::Jsonl);
        QVERIFY(loaded.problems.empty());
        QCOMPARE(loaded.dataset.rows.size(), size_t(2));
        const Json& first = loaded.dataset.rows[0].value;
        QCOMPARE(first.begin().key(), std::string("zeta")); // field order kept
        QVERIFY(first["note"].is_null());
        QCOMPARE(first["meta"]["a"][2]["b"].get<bool>(), true);
        QCOMPARE(first["text"].get<std::string>(), std::string("café ok"));
        QCOMPARE(loaded.dataset.rows[1].line, 2L);
        const std::vector<std::string> columns{"zeta", "text", "label", "meta", "note", "extra"};
        QCOMPARE(loaded.dataset.columns, columns);

        const std::string saved = DatasetFile::serialize(loaded.dataset, FileFormat::Jsonl);
        const LoadResult again = DatasetFile::parse(saved, "out.jsonl", FileFormat::Jsonl);
        QCOMPARE(again.dataset.rows.size(), size_t(2));
        for (size_t i = 0; i < 2; ++i)
            QCOMPARE(again.dataset.rows[i].value.dump(), loaded.dataset.rows[i].value.dump());
        // A second save of the re-read file is byte-identical: the format is a fixed point.
        QCOMPARE(DatasetFile::serialize(again.dataset, FileFormat::Jsonl), saved);
    }

    void jsonlKeepsUnreadableLinesVerbatim()
    {
        const std::string content = "{\"text\":\"a\",\"label\":\"x\"}\n{broken\n\n{\"text\":\"b\",\"label\":\"y\"}\n";
        const LoadResult loaded = DatasetFile::parse(content, "in.jsonl", FileFormat::Jsonl);
        QCOMPARE(loaded.dataset.rows.size(), size_t(3));
        QVERIFY(!loaded.dataset.rows[1].readable);
        QCOMPARE(loaded.problems.size(), size_t(1));
        QCOMPARE(loaded.problems[0].row, 1LL);
        QCOMPARE(loaded.dataset.rows[2].line, 4L); // the blank line still counts
        QCOMPARE(DatasetFile::serialize(loaded.dataset, FileFormat::Jsonl),
                 std::string("{\"text\":\"a\",\"label\":\"x\"}\n{broken\n{\"text\":\"b\",\"label\":\"y\"}\n"));
    }

    void jsonlWithBomAndCrlfIsWrittenBackTheSameWay()
    {
        const std::string content = "\xEF\xBB\xBF{\"text\":\"a\"}\r\n{\"text\":\"b\"}\r\n";
        const LoadResult loaded = DatasetFile::parse(content, "in.jsonl", FileFormat::Jsonl);
        QVERIFY(loaded.problems.empty());
        QVERIFY(loaded.dataset.layout.byteOrderMark);
        QVERIFY(loaded.dataset.layout.crlf);
        QCOMPARE(loaded.dataset.rows[1].value["text"].get<std::string>(), std::string("b"));
        QCOMPARE(DatasetFile::serialize(loaded.dataset, FileFormat::Jsonl), content);
    }

    void largeJsonlIsReadInParallelWithExactLineNumbers()
    {
        // Over 4 MiB, so the reader splits it into chunks; a bad line sits in the second half.
        std::string content;
        const int rows = 120000;
        for (int i = 1; i <= rows; ++i)
            content += i == 100000 ? std::string("not json\n")
                                   : "{\"text\":\"row number " + std::to_string(i) +
                                         " with some padding text\",\"label\":\"x\"}\n";
        const LoadResult loaded = DatasetFile::parse(content, "big.jsonl", FileFormat::Jsonl);
        QCOMPARE(loaded.dataset.rows.size(), size_t(rows));
        QCOMPARE(loaded.problems.size(), size_t(1));
        QCOMPARE(loaded.problems[0].line, 100000L);
        QCOMPARE(loaded.problems[0].row, 99999LL);
        for (const int i : {0, 59999, 60000, 119999})
            QCOMPARE(loaded.dataset.rows[size_t(i)].line, long(i + 1));
        QCOMPARE(loaded.dataset.rows[119999].value["text"].get<std::string>(),
                 std::string("row number 120000 with some padding text"));
    }

    void jsonArrayReadsMultiLineObjectsWithTheirLines()
    {
        const std::string content = "[\n  {\n    \"text\": \"one\",\n    \"label\": \"a\"\n  },\n"
                                    "  {\"text\": \"two, [with] {brackets} \\\"quoted\\\"\", \"label\": \"b\"}\n]\n";
        const LoadResult loaded = DatasetFile::parse(content, "in.json", FileFormat::JsonArray);
        QVERIFY(loaded.problems.empty());
        QCOMPARE(loaded.dataset.rows.size(), size_t(2));
        QCOMPARE(loaded.dataset.rows[0].line, 2L);
        QCOMPARE(loaded.dataset.rows[1].line, 6L);
        QCOMPARE(loaded.dataset.rows[1].value["text"].get<std::string>(),
                 std::string("two, [with] {brackets} \"quoted\""));
        const std::string saved = DatasetFile::serialize(loaded.dataset, FileFormat::JsonArray);
        const LoadResult again = DatasetFile::parse(saved, "out.json", FileFormat::JsonArray);
        QCOMPARE(again.dataset.rows[1].value.dump(), loaded.dataset.rows[1].value.dump());
        QCOMPARE(DatasetFile::parse("[]", "empty.json", FileFormat::JsonArray).dataset.rows.size(), size_t(0));
    }

    void csvFollowsRfc4180()
    {
        const std::string content = "\xEF\xBB\xBFtext,label,notes\r\n"
                                    "\"Hello, world\",positive,\"said \"\"hi\"\"\"\r\n"
                                    "\"line one\r\nline two\",negative,\r\n"
                                    "plain,neutral,\"\"\r\n";
        const LoadResult loaded = DatasetFile::parse(content, "in.csv", FileFormat::Csv);
        QVERIFY2(loaded.problems.empty(), loaded.problems.empty() ? "" : loaded.problems[0].message().c_str());
        QVERIFY(loaded.dataset.layout.byteOrderMark);
        QVERIFY(loaded.dataset.layout.crlf);
        const std::vector<std::string> columns{"text", "label", "notes"};
        QCOMPARE(loaded.dataset.columns, columns);
        QCOMPARE(loaded.dataset.rows.size(), size_t(3));
        QCOMPARE(loaded.dataset.rows[0].value["text"].get<std::string>(), std::string("Hello, world"));
        QCOMPARE(loaded.dataset.rows[0].value["notes"].get<std::string>(), std::string("said \"hi\""));
        QCOMPARE(loaded.dataset.rows[1].value["text"].get<std::string>(), std::string("line one\r\nline two"));
        QCOMPARE(loaded.dataset.rows[1].value["notes"].get<std::string>(), std::string());
        QCOMPARE(loaded.dataset.rows[2].line, 5L); // the quoted line break moved it down
        QCOMPARE(DatasetFile::serialize(loaded.dataset, FileFormat::Csv),
                 std::string("\xEF\xBB\xBFtext,label,notes\r\n"
                             "\"Hello, world\",positive,\"said \"\"hi\"\"\"\r\n"
                             "\"line one\r\nline two\",negative,\r\n"
                             "plain,neutral,\r\n"));
    }

    void csvWithoutTrailingNewlineAndLfEndings()
    {
        const LoadResult loaded = DatasetFile::parse("a,b\n1,2\n3,4", "in.csv", FileFormat::Csv);
        QVERIFY(loaded.problems.empty());
        QVERIFY(!loaded.dataset.layout.crlf);
        QCOMPARE(loaded.dataset.rows.size(), size_t(2));
        QCOMPARE(loaded.dataset.rows[1].value["b"].get<std::string>(), std::string("4"));
    }

    void tsvUsesTabsAndQuotesOnlyWhenNeeded()
    {
        const std::string content = "text\tlabel\nhas, a comma\tpositive\n\"tab\there\"\tnegative\n";
        const LoadResult loaded = DatasetFile::parse(content, "in.tsv", FileFormat::Tsv);
        QVERIFY(loaded.problems.empty());
        QCOMPARE(loaded.dataset.rows[0].value["text"].get<std::string>(), std::string("has, a comma"));
        QCOMPARE(loaded.dataset.rows[1].value["text"].get<std::string>(), std::string("tab\there"));
        QCOMPARE(DatasetFile::serialize(loaded.dataset, FileFormat::Tsv), content);
    }

    void convertsBetweenFormatsKeepingEveryField()
    {
        const std::string jsonl =
            "{\"text\":\"a, \\\"b\\\"\",\"label\":\"x\",\"score\":0.5,\"tags\":[\"p\",\"q\"],\"gone\":null}\n";
        const LoadResult loaded = DatasetFile::parse(jsonl, "in.jsonl", FileFormat::Jsonl);
        const std::string csv = DatasetFile::serialize(loaded.dataset, FileFormat::Csv);
        QCOMPARE(csv, std::string("text,label,score,tags,gone\n\"a, \"\"b\"\"\",x,0.5,\"[\"\"p\"\",\"\"q\"\"]\",\n"));
        const LoadResult back = DatasetFile::parse(csv, "back.csv", FileFormat::Csv);
        QCOMPARE(back.dataset.rows[0].value["text"].get<std::string>(), std::string("a, \"b\""));
        QCOMPARE(back.dataset.rows[0].value["tags"].get<std::string>(), std::string(R"(["p","q"])"));
        const std::string json = DatasetFile::serialize(loaded.dataset, FileFormat::JsonArray);
        QCOMPARE(DatasetFile::parse(json, "x.json", FileFormat::JsonArray).dataset.rows[0].value.dump(),
                 loaded.dataset.rows[0].value.dump());
    }

    void formatComesFromTheExtension()
    {
        QCOMPARE(formatFromPath("a/b.JSONL"), FileFormat::Jsonl);
        QCOMPARE(formatFromPath("b.ndjson"), FileFormat::Jsonl);
        QCOMPARE(formatFromPath("b.json"), FileFormat::JsonArray);
        QCOMPARE(formatFromPath("b.csv"), FileFormat::Csv);
        QCOMPARE(formatFromPath("b.tsv"), FileFormat::Tsv);
        QVERIFY_THROWS_EXCEPTION(Error, formatFromPath("b.parquet"));
    }

    void saveIsAtomicAndKeepsPermissions()
    {
        QTemporaryDir dir;
        const std::string path = (dir.path() + "/data.jsonl").toStdString();
        writeFile(path, "{\"text\":\"old\"}\n");
        std::filesystem::permissions(path, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
        LoadResult loaded = DatasetFile::load(path);
        loaded.dataset.rows[0].value["text"] = "new";
        DatasetFile::save(loaded.dataset, path);
        QCOMPARE(readFile(path), std::string("{\"text\":\"new\"}\n"));
        QCOMPARE(std::filesystem::status(path).permissions() & std::filesystem::perms::all,
                 std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
        // No temporary files are left behind.
        QCOMPARE(std::distance(std::filesystem::directory_iterator(dir.path().toStdString()),
                               std::filesystem::directory_iterator()),
                 1L);
    }

    void failedSaveLeavesTheOldFileWhole()
    {
        QTemporaryDir dir;
        const std::string path = (dir.path() + "/data.jsonl").toStdString();
        writeFile(path, "{\"text\":\"old\"}\n");
        Dataset dataset = DatasetFile::load(path).dataset;
        // Saving into a folder that does not exist fails before anything is written.
        QVERIFY_THROWS_EXCEPTION(Error, DatasetFile::save(dataset, dir.path().toStdString() + "/missing/x.jsonl"));
        // A target that is a folder cannot be replaced: the rename fails, the temp file goes.
        std::filesystem::create_directory(dir.path().toStdString() + "/folder.jsonl");
        try {
            DatasetFile::save(dataset, dir.path().toStdString() + "/folder.jsonl");
            QFAIL("saving over a folder should fail");
        } catch (const Error& error) {
            QVERIFY2(std::string(error.what()).find("folder.jsonl") != std::string::npos, error.what());
        }
        QCOMPARE(readFile(path), std::string("{\"text\":\"old\"}\n"));
        QCOMPARE(std::distance(std::filesystem::directory_iterator(dir.path().toStdString()),
                               std::filesystem::directory_iterator()),
                 2L);
    }

    void loadNamesMissingFiles()
    {
        try {
            DatasetFile::load("/nonexistent/reviews.jsonl");
            QFAIL("expected an error");
        } catch (const Error& error) {
            QVERIFY(std::string(error.what()).find("/nonexistent/reviews.jsonl") != std::string::npos);
            QVERIFY(std::string(error.what()).find("No such file") != std::string::npos);
        }
    }
};

QTEST_GUILESS_MAIN(DatasetFormatsTest)
#include "DatasetFormatsTest.moc"
