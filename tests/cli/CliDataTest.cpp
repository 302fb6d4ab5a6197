// finch data validate | stats | split | convert, run as a process.
#include "CliRunner.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

class CliDataTest : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    QString path(const QString& name) const { return dir_.filePath(name); }

    static QByteArray reviews()
    {
        QByteArray content;
        const char* labels[] = {"positive", "negative", "neutral"};
        for (int i = 0; i < 90; ++i)
            content += "{\"text\":\"review number " + QByteArray::number(i) + "\",\"label\":\"" + labels[i % 3] +
                       "\",\"id\":" + QByteArray::number(i) + "}\n";
        return content;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(dir_.isValid());
        writeText(path("good.jsonl"), reviews());
        writeText(path("bad.jsonl"), "{\"text\":\"fine\",\"label\":\"positive\"}\n"
                                     "{\"text\":\"oops\",\"label\":\n"
                                     "{\"text\":\"typo\",\"label\":\"postive\"}\n"
                                     "{\"label\":\"negative\"}\n");
    }

    void validateAcceptsAGoodFile()
    {
        const CliResult result = runFinch({"data", "validate", path("good.jsonl"), "--labels", "positive,negative,neutral"});
        QCOMPARE(result.exitCode, 0);
        QVERIFY2(result.out.contains("90 rows, classification; 0 errors, 0 warnings"), qPrintable(result.out));
    }

    void validateNamesFileLineAndProblem()
    {
        const CliResult result = runFinch({"data", "validate", path("bad.jsonl"), "--labels", "positive,negative"});
        QCOMPARE(result.exitCode, 1);
        const QString file = path("bad.jsonl");
        QVERIFY2(result.err.contains(file + ":2:"), qPrintable(result.err));
        QVERIFY(result.err.contains("malformed JSON"));
        QVERIFY(result.err.contains(file + ":3: error: field 'label': expected one of: positive, negative, found "
                                           "\"postive\" (did you mean 'positive'?)"));
        QVERIFY(result.err.contains(file + ":4: error: field 'text': expected a string, found no such field"));
        QVERIFY(result.out.contains("3 errors"));
    }

    void validateJsonListsEveryProblem()
    {
        const CliResult result = runFinch({"data", "validate", path("bad.jsonl"), "--labels", "positive,negative", "--json"});
        QCOMPARE(result.exitCode, 1);
        const QJsonObject report = QJsonDocument::fromJson(result.out.toUtf8()).object();
        QCOMPARE(report["rows"].toInt(), 4);
        QCOMPARE(report["errors"].toInt(), 3);
        QCOMPARE(report["schema"].toObject()["kind"].toString(), QString("classification"));
        const QJsonArray problems = report["problems"].toArray();
        QCOMPARE(problems.size(), 3);
        QCOMPARE(problems[0].toObject()["code"].toString(), QString("malformed-json"));
        QCOMPARE(problems[0].toObject()["line"].toInt(), 2);
        QCOMPARE(problems[1].toObject()["code"].toString(), QString("unknown-label"));
        QCOMPARE(problems[1].toObject()["row"].toInt(), 2);
        QCOMPARE(problems[2].toObject()["field"].toString(), QString("text"));
    }

    void validateFindsLeakage()
    {
        writeText(path("test.jsonl"), "{\"text\":\"review number 5\",\"label\":\"neutral\"}\n");
        const CliResult result = runFinch({"data", "validate", path("good.jsonl"), "--test", path("test.jsonl")});
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains(path("good.jsonl") + ":6: error: leakage: the same input is in " +
                                     path("test.jsonl") + " line 1"),
                 qPrintable(result.err));
    }

    void badArgumentsAndMissingFilesFail()
    {
        const CliResult missing = runFinch({"data", "validate", path("nope.jsonl")});
        QCOMPARE(missing.exitCode, 2);
        QVERIFY(missing.err.contains("nope.jsonl"));
        writeText(path("notes.txt"), "hello");
        const CliResult unknownFormat = runFinch({"data", "stats", path("notes.txt")});
        QCOMPARE(unknownFormat.exitCode, 1);
        QVERIFY2(unknownFormat.err.contains("cannot tell the format of " + path("notes.txt")), qPrintable(unknownFormat.err));
        const CliResult badMap = runFinch({"data", "stats", path("good.jsonl"), "--map", "colour=text"});
        QCOMPARE(badMap.exitCode, 1);
        QVERIFY(badMap.err.contains("expected ROLE=FIELD"));
        writeText(path("broken.csv"), "text,label\na,b\nc,d,e\n");
        const CliResult csv = runFinch({"data", "validate", path("broken.csv")});
        QCOMPARE(csv.exitCode, 1);
        QVERIFY2(csv.err.contains(path("broken.csv") + ":3: error: expected 2 fields (as in the header), found 3 fields"),
                 qPrintable(csv.err));
    }

    void statsCountsLabels()
    {
        const CliResult result = runFinch({"data", "stats", path("good.jsonl"), "--json"});
        QCOMPARE(result.exitCode, 0);
        const QJsonObject stats = QJsonDocument::fromJson(result.out.toUtf8()).object();
        QCOMPARE(stats["rows"].toInt(), 90);
        QCOMPARE(stats["labels"].toObject()["positive"].toInt(), 30);
        const CliResult text = runFinch({"data", "stats", path("good.jsonl")});
        QVERIFY2(text.out.contains("positive") && text.out.contains("33.3 %"), qPrintable(text.out));
    }

    void splitWritesThreeStratifiedParts()
    {
        QDir().mkpath(path("parts"));
        const QStringList arguments{"data", "split", path("good.jsonl"), "--train", "0.6", "--validation", "0.2",
                                    "--test", "0.2", "--seed", "9", "--out", path("parts"), "--json"};
        const CliResult result = runFinch(arguments);
        QCOMPARE(result.exitCode, 0);
        const QJsonObject parts = QJsonDocument::fromJson(result.out.toUtf8()).object()["parts"].toObject();
        QCOMPARE(parts["train"].toObject()["rows"].toInt(), 54);
        QCOMPARE(parts["test"].toObject()["rows"].toInt(), 18);
        QCOMPARE(parts["test"].toObject()["labels"].toObject()["neutral"].toInt(), 6);
        const QByteArray test = readText(path("parts/good.test.jsonl"));
        QCOMPARE(test.count('\n'), 18);
        QVERIFY(test.contains("\"id\":")); // other fields travel with the rows

        const CliResult again = runFinch(arguments);
        QCOMPARE(again.exitCode, 1);
        QVERIFY(again.err.contains("already exists"));
        QCOMPARE(runFinch(arguments + QStringList{"--force"}).exitCode, 0);
        QCOMPARE(readText(path("parts/good.test.jsonl")), test); // same seed, same split
    }

    void convertRoundTripsThroughCsv()
    {
        writeText(path("rich.jsonl"), "{\"text\":\"a, \\\"quoted\\\"\\nline\",\"label\":\"x\",\"n\":3}\n");
        QCOMPARE(runFinch({"data", "convert", path("rich.jsonl"), path("rich.csv")}).exitCode, 0);
        QCOMPARE(readText(path("rich.csv")), QByteArray("text,label,n\n\"a, \"\"quoted\"\"\nline\",x,3\n"));
        QCOMPARE(runFinch({"data", "convert", path("rich.csv"), path("back.tsv")}).exitCode, 0);
        QCOMPARE(runFinch({"data", "convert", path("back.tsv"), path("back.jsonl")}).exitCode, 0);
        QCOMPARE(readText(path("back.jsonl")), QByteArray("{\"text\":\"a, \\\"quoted\\\"\\nline\",\"label\":\"x\",\"n\":\"3\"}\n"));

        const CliResult refused = runFinch({"data", "convert", path("bad.jsonl"), path("bad.csv")});
        QCOMPARE(refused.exitCode, 1);
        QVERIFY(refused.err.contains("1 rows cannot be read"));
        QVERIFY(!QFile::exists(path("bad.csv")));
    }

    void hostileDatasetsEndWithAClearError()
    {
        // Big enough to be read in parallel (two 4 MiB chunks or more), with one number no
        // double holds: it used to end `finch data validate` with "terminate called".
        QByteArray big;
        const QByteArray row = "{\"text\":\"" + QByteArray(200, 'x') + "\",\"label\":\"positive\"}\n";
        while (big.size() < (9 << 20))
            big += row;
        const int rows = int(big.size() / row.size());
        big += "{\"text\":\"far away\",\"label\":\"positive\",\"weight\":1e999}\n";
        writeText(path("huge.jsonl"), big);
        const CliResult overflow = runFinch({"data", "validate", path("huge.jsonl")});
        QCOMPARE(overflow.exitCode, 1);
        QVERIFY2(overflow.err.contains(QStringLiteral("huge.jsonl:%1").arg(rows + 1)) && overflow.err.contains("number overflow"),
                 qPrintable(overflow.err.left(400)));

        // Nesting 300,000 levels deep: refused, where converting it used to overflow the stack.
        writeText(path("deep.jsonl"), "{\"text\": " + QByteArray(300000, '[') + QByteArray(300000, ']') + "}\n");
        const CliResult deep = runFinch({"data", "convert", path("deep.jsonl"), path("deep.csv")});
        QCOMPARE(deep.exitCode, 1);
        QVERIFY2(deep.err.contains("nested more than 256 levels"), qPrintable(deep.err.left(400)));

        // Text from the file is shown, not obeyed, by the terminal: ESC starts colour and
        // cursor sequences, carriage return rewrites the line.
        writeText(path("escapes.jsonl"), "{\"text\":\"a\",\"label\":\"\\u001b[2Jgone\\r\"}\n");
        const CliResult escapes = runFinch({"data", "stats", path("escapes.jsonl")});
        QCOMPARE(escapes.exitCode, 0);
        QVERIFY2(escapes.out.contains("\\x1b[2Jgone\\x0d") && !escapes.out.contains(QChar(0x1b)), qPrintable(escapes.out));
    }

    void everyCommandHasHelp()
    {
        for (const QStringList& command : {QStringList{"data", "validate"}, QStringList{"data", "stats"},
                                           QStringList{"data", "split"}, QStringList{"data", "convert"}}) {
            const CliResult result = runFinch(command + QStringList{"--help"});
            QCOMPARE(result.exitCode, 0);
            QVERIFY2(result.out.contains("--json"), qPrintable(result.out));
        }
        const CliResult version = runFinch({"--version"});
        QCOMPARE(version.exitCode, 0);
        QVERIFY(version.out.startsWith("finch "));
    }
};

QTEST_GUILESS_MAIN(CliDataTest)
#include "CliDataTest.moc"
