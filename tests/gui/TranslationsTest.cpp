// The translations say what the English says: every finished entry keeps the source's
// placeholders, markup and one accelerator; German, French and Spanish are complete; the built
// .qm files load and translate.
#include "ui/Translations.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTranslator>
#include <QXmlStreamReader>
#include <QtTest>

namespace {

struct Entry {
    QString context, source;
    QStringList translations; // one per plural form
    bool finished = false;
};

QList<Entry> readTs(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QList<Entry> entries;
    QXmlStreamReader xml(&file);
    QString context;
    Entry entry;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == QLatin1String("name"))
            context = xml.readElementText();
        else if (xml.name() == QLatin1String("message"))
            entry = Entry{context, {}, {}, false};
        else if (xml.name() == QLatin1String("source"))
            entry.source = xml.readElementText();
        else if (xml.name() == QLatin1String("translation")) {
            entry.finished = xml.attributes().value(QLatin1String("type")).isEmpty();
            // Either text or <numerusform> children.
            QString text;
            while (!(xml.isEndElement() && xml.name() == QLatin1String("translation")) && !xml.atEnd()) {
                xml.readNext();
                if (xml.isStartElement() && xml.name() == QLatin1String("numerusform"))
                    entry.translations << xml.readElementText();
                else if (xml.isCharacters())
                    text += xml.text();
            }
            if (entry.translations.isEmpty())
                entry.translations << text;
            entries << entry;
        }
    }
    if (xml.hasError())
        qWarning("%s: %s", qPrintable(path), qPrintable(xml.errorString()));
    return entries;
}

QStringList sorted(QStringList list)
{
    list.sort();
    return list;
}

// Every match of `pattern` in `text`, sorted: what a translation must keep, in any order.
QStringList matches(const QString& text, const QRegularExpression& pattern)
{
    QStringList found;
    for (const auto& match : pattern.globalMatch(text))
        found << match.captured();
    return sorted(found);
}

QStringList placeholders(const QString& text)
{
    static const QRegularExpression pattern(QStringLiteral("%(\\d+|n)"));
    return matches(text, pattern);
}

QStringList tags(const QString& text)
{
    static const QRegularExpression pattern(QStringLiteral("</?([a-z0-9]+)"));
    return matches(text, pattern);
}

int accelerators(const QString& text)
{
    QString plain = text;
    plain.remove(QRegularExpression(QStringLiteral("&(nbsp|amp|lt|gt);")));
    plain.remove(QStringLiteral("&&"));
    return int(plain.count(QLatin1Char('&')));
}

const QStringList languages{"de", "fr", "es", "zh_CN", "ja"};

} // namespace

class TranslationsTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void everyLanguageHasItsFile()
    {
        for (const QString& language : languages)
            QVERIFY2(!readTs(QStringLiteral(FINCH_SOURCE_DIR "/translations/finch_%1.ts").arg(language)).isEmpty(),
                     qPrintable(language));
    }

    // A string added to the sources without `update_translations` would ship untranslated.
    void translationFilesAreUpToDateWithTheSources()
    {
        QTemporaryDir scratch;
        QStringList arguments{"-locations", "none", "-no-obsolete", "-silent", "-I", FINCH_SOURCE_DIR};
        // The window's files and each page's folder.
        QDirIterator ui(QStringLiteral(FINCH_SOURCE_DIR "/ui"), {"*.cpp", "*.h"}, QDir::Files, QDirIterator::Subdirectories);
        while (ui.hasNext())
            arguments << ui.next();
        arguments << QStringLiteral(FINCH_SOURCE_DIR "/app/studio/main.cpp") << "-ts" << scratch.filePath("fresh.ts");
        QProcess lupdate;
        lupdate.start(QStringLiteral(FINCH_LUPDATE), arguments);
        QVERIFY(lupdate.waitForFinished(60000));
        QCOMPARE(lupdate.exitCode(), 0);
        const auto keys = [](const QList<Entry>& entries) {
            QStringList list;
            for (const Entry& entry : entries)
                list << entry.context + " / " + entry.source;
            return sorted(list);
        };
        const QStringList fresh = keys(readTs(scratch.filePath("fresh.ts")));
        QVERIFY(fresh.size() > 100);
        for (const QString& language : languages)
            QVERIFY2(keys(readTs(QStringLiteral(FINCH_SOURCE_DIR "/translations/finch_%1.ts").arg(language))) == fresh,
                     qPrintable(language + ": run `cmake --build build --target update_translations`"));
    }

    void finishedEntriesKeepPlaceholdersMarkupAndAccelerators_data()
    {
        QTest::addColumn<QString>("language");
        for (const QString& language : languages)
            QTest::newRow(qPrintable(language)) << language;
    }

    void finishedEntriesKeepPlaceholdersMarkupAndAccelerators()
    {
        QFETCH(QString, language);
        const auto entries = readTs(QStringLiteral(FINCH_SOURCE_DIR "/translations/finch_%1.ts").arg(language));
        int finished = 0;
        for (const Entry& entry : entries) {
            if (!entry.finished)
                continue;
            ++finished;
            for (const QString& translation : entry.translations) {
                const QString where = QStringLiteral("%1 / %2: \"%3\" → \"%4\"").arg(entry.context, entry.source.left(60),
                                                                                      entry.source, translation);
                QVERIFY2(!translation.trimmed().isEmpty() || entry.source.trimmed().isEmpty(), qPrintable(where));
                QStringList expected = placeholders(entry.source);
                // A plural form may leave the count out ("one problem"), never add others.
                QStringList got = placeholders(translation);
                if (!got.contains(QStringLiteral("%n")))
                    expected.removeAll(QStringLiteral("%n"));
                QCOMPARE(got, expected);
                QVERIFY2(tags(translation) == tags(entry.source), qPrintable(where));
                QVERIFY2(accelerators(translation) == accelerators(entry.source), qPrintable(where));
            }
        }
        qInfo("%s: %d of %d entries translated", qPrintable(language), finished, int(entries.size()));
        QVERIFY(finished > 0);
    }

    void completeLanguagesHaveNoUnfinishedEntry_data()
    {
        QTest::addColumn<QString>("language");
        QTest::newRow("de") << "de";
        QTest::newRow("fr") << "fr";
        QTest::newRow("es") << "es";
    }

    void completeLanguagesHaveNoUnfinishedEntry()
    {
        QFETCH(QString, language);
        for (const Entry& entry : readTs(QStringLiteral(FINCH_SOURCE_DIR "/translations/finch_%1.ts").arg(language)))
            QVERIFY2(entry.finished, qPrintable(entry.context + " / " + entry.source));
    }

    void builtFilesLoadAndTranslate()
    {
        QCOMPARE(finch::ui::availableLanguages(), QStringList({"de", "es", "fr", "ja", "zh_CN"}));
        QTranslator german;
        QVERIFY(german.load(QStringLiteral("finch_de"), finch::ui::translationsFolder()));
        QCOMPARE(german.translate("finch::ui::MainWindow", "&File"), QStringLiteral("&Datei"));
        QCOMPARE(german.translate("finch::ui::DataPage", "%n rows", nullptr, 1), QStringLiteral("%n Zeile"));
        QCOMPARE(german.translate("finch::ui::DataPage", "%n rows", nullptr, 3), QStringLiteral("%n Zeilen"));

        QCOMPARE(finch::ui::installTranslators(QStringLiteral("fr")), QStringLiteral("fr"));
        QCOMPARE(QCoreApplication::translate("finch::ui::MainWindow", "&Help"), QStringLiteral("A&ide"));
        QCOMPARE(finch::ui::installTranslators(QStringLiteral("en")), QString());
        QCOMPARE(QCoreApplication::translate("finch::ui::MainWindow", "&Help"), QStringLiteral("&Help"));
        QCOMPARE(finch::ui::installTranslators(QStringLiteral("xx")), QString()); // no such language: English
    }
};

QTEST_GUILESS_MAIN(TranslationsTest)
#include "TranslationsTest.moc"
