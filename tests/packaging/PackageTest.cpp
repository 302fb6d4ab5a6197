// The .deb as a user gets it: built by CPack, unpacked with dpkg -x into a scratch folder,
// its programs run from there (the SentencePiece module and translations found beside
// them), its desktop entry and AppStream metadata validated.
#include "../cli/CliRunner.h"

#include <QTemporaryDir>

namespace {

// Runs `program` and fails the test with its output when it is missing or exits non-zero.
CliResult mustRun(const QString& program, const QStringList& arguments)
{
    const CliResult result = runProgram(program, arguments);
    if (result.exitCode != 0)
        qWarning("%s %s: exit %d\n%s%s", qPrintable(program), qPrintable(arguments.join(' ')), result.exitCode,
                 qPrintable(result.out), qPrintable(result.err));
    return result;
}

} // namespace

class PackageTest : public QObject {
    Q_OBJECT

    QTemporaryDir scratch_;
    QString deb_;
    QString root_; // the unpacked package

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(scratch_.isValid());
        const CliResult built = mustRun("cpack", {"-G", "DEB", "--config", FINCH_BINARY_DIR "/CPackConfig.cmake", "-B",
                                                  scratch_.filePath("packages")});
        QCOMPARE(built.exitCode, 0);
        const QStringList debs = QDir(scratch_.filePath("packages")).entryList({"*.deb"}, QDir::Files);
        QCOMPARE(debs.size(), 1);
        QCOMPARE(debs.first(), QStringLiteral("finch-studio_" FINCH_VERSION "_amd64.deb"));
        deb_ = scratch_.filePath("packages/" + debs.first());
        root_ = scratch_.filePath("root");
        QCOMPARE(mustRun("dpkg", {"-x", deb_, root_}).exitCode, 0);
    }

    void declaresItsDependencies()
    {
        const CliResult fields = mustRun("dpkg-deb", {"-f", deb_, "Package", "Depends", "Conflicts"});
        QCOMPARE(fields.exitCode, 0);
        QVERIFY(fields.out.contains("Package: finch-studio"));
        for (const char* package : {"libtorch1.13", "libqt6widgets6", "libsentencepiece0", "libqcustomplot2.1-qt6",
                                    "libopenblas0-pthread"})
            QVERIFY2(fields.out.contains(package), qPrintable(QString(package) + " missing from\n" + fields.out));
        QVERIFY(fields.out.contains("Conflicts: finch")); // Debian's IM client owns /usr/bin/finch too
    }

    void packagedProgramsRun()
    {
        const CliResult version = mustRun(root_ + "/usr/bin/finch", {"--version"});
        QCOMPARE(version.exitCode, 0);
        QCOMPARE(version.out.trimmed(), QStringLiteral("finch " FINCH_VERSION));

        // The tokenizer lives in a module the packaged finch must find in its own tree.
        QVERIFY(QFile::exists(root_ + "/usr/lib/finch/libfinch_spm.so"));
        const CliResult encoded = mustRun(root_ + "/usr/bin/finch", {"tokenizer", "encode", "--model",
                                                                     FINCH_TEST_DATA "/sentiment-400.model", "--text",
                                                                     "a quiet, lovely film"});
        QCOMPARE(encoded.exitCode, 0);
        QVERIFY2(encoded.out.split(' ', Qt::SkipEmptyParts).size() >= 3, qPrintable(encoded.out));

        // So does the engine (libtorch), loaded on first use.
        QVERIFY(QFile::exists(root_ + "/usr/lib/finch/libfinch_engine.so"));
        const CliResult info = mustRun(root_ + "/usr/bin/finch", {"info", "--json"});
        QCOMPARE(info.exitCode, 0);
        QVERIFY2(info.out.contains("\"libtorch\": \"1."), qPrintable(info.out));

        QProcess studio;
        studio.setProcessEnvironment([] {
            auto environment = QProcessEnvironment::systemEnvironment();
            environment.insert("QT_QPA_PLATFORM", "offscreen");
            return environment;
        }());
        studio.start(root_ + "/usr/bin/finch-studio", {"--version"});
        QVERIFY(studio.waitForFinished(60000));
        QCOMPARE(studio.exitCode(), 0);
        QCOMPARE(QString::fromUtf8(studio.readAllStandardOutput()).trimmed(), QStringLiteral("Finch Studio " FINCH_VERSION));
    }

    void installsDesktopIntegration()
    {
        for (const char* language : {"de", "fr", "es", "zh_CN", "ja"})
            QVERIFY(QFile::exists(root_ + "/usr/share/finch/translations/finch_" + language + ".qm"));
        for (int size : {16, 24, 32, 48, 64, 128, 256})
            QVERIFY(QFile::exists(root_ + QString("/usr/share/icons/hicolor/%1x%1/apps/finch-studio.png").arg(size)));
        QVERIFY(QFile::exists(root_ + "/usr/share/icons/hicolor/scalable/apps/finch-studio.svg"));
        QVERIFY(QFile::exists(root_ + "/usr/share/doc/finch-studio/USER_GUIDE.md"));
        QVERIFY(QFile::exists(root_ + "/usr/share/doc/finch-studio/screenshots/train.png"));

        const CliResult desktop = mustRun("desktop-file-validate", {root_ + "/usr/share/applications/finch-studio.desktop"});
        QCOMPARE(desktop.exitCode, 0);
        QVERIFY2(!desktop.out.contains("error"), qPrintable(desktop.out));
        const CliResult appstream = mustRun("appstreamcli", {"validate", "--no-net", "--pedantic",
            root_ + "/usr/share/metainfo/org.finchstudio.FinchStudio.metainfo.xml"});
        QCOMPARE(appstream.exitCode, 0);
    }
};

QTEST_GUILESS_MAIN(PackageTest)
#include "PackageTest.moc"
