// Malformed input: every case must produce a message that names the file, the line
// (and column where it is known) and the problem, and must never crash or lose rows.
#include "core/common/Error.h"
#include "core/data/DatasetFile.h"

#include <QtTest>

using namespace finch;
using namespace finch::data;

Q_DECLARE_METATYPE(finch::data::FileFormat)

class MalformedInputTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void reportsLineAndProblem_data()
    {
        QTest::addColumn<FileFormat>("format");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("location"); // "file:line" or "file:line:column"
        QTest::addColumn<QString>("problem");

        const auto jsonl = FileFormat::Jsonl;
        const auto json = FileFormat::JsonArray;
        const auto csv = FileFormat::Csv;
        const auto tsv = FileFormat::Tsv;
        QTest::newRow("jsonl unterminated object") << jsonl << QByteArray("{\"text\":\"a\"}\n{\"text\":\"b\"\n")
                                                   << "in:2:12" << "malformed JSON";
        QTest::newRow("jsonl trailing comma") << jsonl << QByteArray("{\"text\":\"a\",}\n") << "in:1:13"
                                              << "malformed JSON";
        QTest::newRow("jsonl single quotes") << jsonl << QByteArray("\n\n{'text':'a'}\n") << "in:3:2"
                                             << "malformed JSON";
        QTest::newRow("jsonl array line") << jsonl << QByteArray("{\"a\":1}\n[1,2]\n") << "in:2"
                                          << "expected a JSON object, found an array";
        QTest::newRow("jsonl number line") << jsonl << QByteArray("42\n") << "in:1"
                                           << "expected a JSON object, found a number";
        QTest::newRow("jsonl string line") << jsonl << QByteArray("\"just text\"\n") << "in:1"
                                           << "expected a JSON object, found a string";
        QTest::newRow("jsonl invalid utf-8") << jsonl << QByteArray("{}\n{}\n{\"text\":\"caf\xE9\"}\n") << "in:3:13"
                                             << "expected UTF-8 text, found an invalid byte sequence";
        QTest::newRow("jsonl overlong utf-8") << jsonl << QByteArray("{\"text\":\"\xC0\xAF\"}\n") << "in:1:10"
                                              << "invalid byte sequence";
        QTest::newRow("jsonl utf-8 cut at the end") << jsonl << QByteArray("{\"text\":\"\xE2\x82") << "in:1:10"
                                                    << "invalid byte sequence";
        QTest::newRow("jsonl two objects on a line") << jsonl << QByteArray("{\"a\":1}{\"b\":2}\n") << "in:1:8"
                                                     << "malformed JSON";
        QTest::newRow("json not an array") << json << QByteArray("{\"text\":\"a\"}") << "in:1:1"
                                           << "expected an array of objects";
        QTest::newRow("json array not closed") << json << QByteArray("[\n{\"text\":\"a\"},\n") << "in:3:1"
                                               << "the array is not closed";
        QTest::newRow("json element not an object") << json << QByteArray("[\n {\"text\":\"a\"},\n 5\n]") << "in:3"
                                                    << "expected a JSON object, found a number";
        QTest::newRow("json malformed element") << json << QByteArray("[\n {\"text\":\"a\"},\n {\"text\": }\n]")
                                                << "in:3:11" << "malformed JSON";
        QTest::newRow("json text after the array") << json << QByteArray("[]\nx") << "in:2:1"
                                                   << "unexpected text after the closing ']'";
        QTest::newRow("json empty file") << json << QByteArray("  \n") << "in:2:1" << "the file is empty";
        QTest::newRow("json string not closed") << json << QByteArray("[{\"text\":\"abc}]\n]") << "in:1"
                                                << "a string is not closed";
        QTest::newRow("csv quote never closed") << csv << QByteArray("text,label\na,b\n\"open,x\nmore\n") << "in:3:1"
                                                << "never closed";
        QTest::newRow("csv too many fields") << csv << QByteArray("text,label\na,b\nc,d,e\n") << "in:3"
                                             << "expected 2 fields (as in the header), found 3 fields";
        QTest::newRow("csv too few fields") << csv << QByteArray("text,label\nonly\n") << "in:2"
                                            << "expected 2 fields (as in the header), found 1 fields";
        QTest::newRow("csv text after closing quote") << csv << QByteArray("text,label\n\"abc\"x,1\n") << "in:2:6"
                                                      << "text after a closing quote";
        QTest::newRow("csv duplicate column") << csv << QByteArray("text,label,text\n") << "in:1"
                                              << "duplicate column name 'text'";
        QTest::newRow("csv empty file") << csv << QByteArray("") << "in" << "expected a header row";
        QTest::newRow("csv invalid utf-8") << csv << QByteArray("text,label\nna\xFFve,x\n") << "in:2:3"
                                           << "invalid UTF-8";
        QTest::newRow("tsv field count") << tsv << QByteArray("text\tlabel\na\tb\tc\n") << "in:2"
                                         << "expected 2 fields";
    }

    void reportsLineAndProblem()
    {
        QFETCH(FileFormat, format);
        QFETCH(QByteArray, content);
        QFETCH(QString, location);
        QFETCH(QString, problem);

        std::string message;
        try {
            const LoadResult loaded = DatasetFile::parse(content.toStdString(), "in", format);
            QVERIFY2(!loaded.problems.empty(), "expected a problem, the input was accepted");
            message = loaded.problems.front().message();
            // The row that could not be read is kept, so a save loses nothing.
            const long long row = loaded.problems.front().row;
            QVERIFY(row >= 0 && size_t(row) < loaded.dataset.rows.size());
            QVERIFY(!loaded.dataset.rows[size_t(row)].readable);
            QVERIFY(!DatasetFile::serialize(loaded.dataset, format).empty());
        } catch (const Error& error) {
            message = error.what();
        }
        const QString text = QString::fromStdString(message);
        QVERIFY2(text.startsWith(location + ":"), qPrintable("location not at the start: " + text));
        QVERIFY2(text.contains(problem), qPrintable("problem not named: " + text));
    }

    void everyBadLineIsReportedNotOnlyTheFirst()
    {
        const std::string content = "{\"text\":1}\nbad\n{\"ok\":true}\n[]\n{\n";
        const LoadResult loaded = DatasetFile::parse(content, "in.jsonl", FileFormat::Jsonl);
        QCOMPARE(loaded.problems.size(), size_t(3));
        QCOMPARE(loaded.problems[0].line, 2L);
        QCOMPARE(loaded.problems[1].line, 4L);
        QCOMPARE(loaded.problems[2].line, 5L);
        QCOMPARE(loaded.dataset.rows.size(), size_t(5));
        QCOMPARE(DatasetFile::serialize(loaded.dataset, FileFormat::Jsonl), content);
    }

    void unreadableCsvRecordIsWrittenBackVerbatim()
    {
        const std::string content = "text,label\na,b\nc,d,e\n\"q\"x,y\n";
        const LoadResult loaded = DatasetFile::parse(content, "in.csv", FileFormat::Csv);
        QCOMPARE(loaded.problems.size(), size_t(2));
        QCOMPARE(DatasetFile::serialize(loaded.dataset, FileFormat::Csv), content);
    }
};

QTEST_GUILESS_MAIN(MalformedInputTest)
#include "MalformedInputTest.moc"
