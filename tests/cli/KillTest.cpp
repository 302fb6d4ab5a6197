// Nothing is lost when the process dies: SIGKILL `finch train` at random moments and
// resume, SIGKILL `finch data convert` while it saves, and fill the disk while a dataset
// or a checkpoint is written: a real small tmpfs (mounted inside a user namespace, so no
// root is needed) and a file-size limit, which fails the same writes with EFBIG.
#include "CliRunner.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QThread>

namespace {

QJsonObject runSettings(const QString& outputDir)
{
    return {{"output_dir", outputDir},
            {"train_file", QStringLiteral(FINCH_SAMPLES "/sentiment.jsonl")},
            {"model", "finch-tiny"},
            {"tokenizer_vocab_size", 600},
            {"max_steps", 12},
            {"per_device_train_batch_size", 8},
            {"max_seq_length", 48},
            {"learning_rate", 0.003},
            {"save_steps", 2},
            {"logging_steps", 1},
            {"eval_steps", 4},
            {"test_split", 0.0},
            {"threads", 1}};
}

QString onlyRun(const QString& runsDir)
{
    const QStringList runs = QDir(runsDir).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    return runs.size() == 1 ? QDir(runsDir).filePath(runs.first()) : QString();
}

int trainEvents(const QString& runsDir)
{
    const QString run = onlyRun(runsDir);
    return run.isEmpty() ? -1 : int(readText(run + "/metrics.jsonl").count("\"event\":\"step\""));
}

// Starts `finch train`, waits until the run has logged `steps` training steps (0: not at
// all), then `jitterMs` more, and kills it with SIGKILL. Watching the run instead of a
// clock keeps the kills inside the run however busy the machine is.
void trainAndKill(const QString& config, const QString& runsDir, int steps, int jitterMs)
{
    QProcess process;
    process.start(QStringLiteral(FINCH_CLI_PATH), {"train", "--config", config});
    QVERIFY(process.waitForStarted(10000));
    while (process.state() == QProcess::Running && trainEvents(runsDir) < steps)
        process.waitForFinished(5);
    if (!process.waitForFinished(jitterMs)) {
        process.kill();
        process.waitForFinished(10000);
    }
}

// Starts the program, kills it with SIGKILL after `delayMs` (if still running).
void runAndKill(const QStringList& arguments, int delayMs)
{
    QProcess process;
    process.start(QStringLiteral(FINCH_CLI_PATH), arguments);
    QVERIFY(process.waitForStarted(10000));
    if (!process.waitForFinished(delayMs)) {
        process.kill(); // SIGKILL
        process.waitForFinished(10000);
    }
}

// Runs `script` with sh inside a new user and mount namespace, where $1 is a freshly mounted
// tmpfs of `sizeKiB` and $2... are `arguments`. The mount is private to the namespace, so
// the script copies out whatever the test inspects afterwards.
CliResult runOnSmallTmpfs(int sizeKiB, const QString& script, const QStringList& arguments)
{
    QTemporaryDir mountPoint;
    const QString mounted = "mount -t tmpfs -o size=" + QString::number(sizeKiB) + "k finch-test \"$1\" || exit 90\n";
    return runProgram("unshare", QStringList{"--user", "--map-root-user", "--mount", "sh", "-c", mounted + script, "sh",
                                             mountPoint.path()} + arguments);
}

bool canMountTmpfs()
{
    return runOnSmallTmpfs(64, "true", {}).exitCode == 0;
}

qint64 folderKiB(const QString& path)
{
    return runProgram("du", {"-sk", path}).out.section('\t', 0, 0).toLongLong();
}

} // namespace

class KillTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void killedTrainingResumesToTheSameWeights()
    {
        QTemporaryDir dir;
        const QString referenceRuns = dir.filePath("reference");
        writeText(dir.filePath("reference.json"), QJsonDocument(runSettings(referenceRuns)).toJson());
        const CliResult reference = runFinch({"train", "--config", dir.filePath("reference.json")});
        QVERIFY2(reference.exitCode == 0, qPrintable(reference.err));
        const QByteArray expected = readText(onlyRun(referenceRuns) + "/final/model.safetensors");
        QVERIFY(!expected.isEmpty());

        QRandomGenerator random(20261125);
        int killedMidRun = 0;
        for (int trial = 0; trial < 20; ++trial) {
            const QString runs = dir.filePath(QStringLiteral("trial-%1").arg(trial));
            const QString config = dir.filePath(QStringLiteral("trial-%1.json").arg(trial));
            writeText(config, QJsonDocument(runSettings(runs)).toJson());
            // Kill after 0-11 of the 12 steps (0: during start-up), at a random moment within the step.
            trainAndKill(config, runs, int(random.bounded(12)), int(random.bounded(150)));
            QString run = onlyRun(runs);
            if (run.isEmpty()) { // killed before the run folder existed: nothing to resume
                QVERIFY(runFinch({"train", "--config", config}).exitCode == 0);
                run = onlyRun(runs);
            } else if (!QFile::exists(run + "/final/model.safetensors") ||
                       !readText(run + "/run.json").contains("\"completed\"")) {
                ++killedMidRun;
                const CliResult resumed = runFinch({"train", "--resume", run});
                QVERIFY2(resumed.exitCode == 0, qPrintable(QString("trial %1: %2").arg(trial).arg(resumed.err)));
            }
            QVERIFY2(readText(run + "/final/model.safetensors") == expected, qPrintable(QString("trial %1").arg(trial)));
        }
        qInfo("%d of 20 trials were killed inside a run and resumed", killedMidRun);
        QVERIFY(killedMidRun >= 10);
    }

    void killedSaveLeavesOldOrNewFile()
    {
        QTemporaryDir dir;
        // A dataset large enough that writing it takes a while.
        QByteArray rows;
        for (int i = 0; i < 150000; ++i)
            rows += QStringLiteral("{\"id\":%1,\"text\":\"row number %1 of the kill test\",\"label\":\"%2\"}\n")
                        .arg(i)
                        .arg(i % 3 ? "a" : "b")
                        .toUtf8();
        writeText(dir.filePath("source.jsonl"), rows);
        QElapsedTimer clock;
        clock.start();
        QCOMPARE(runFinch({"data", "convert", dir.filePath("source.jsonl"), dir.filePath("new.csv")}).exitCode, 0);
        const int duration = int(clock.elapsed());
        const QByteArray newContent = readText(dir.filePath("new.csv"));
        const QByteArray oldContent = "id,text,label\n0,old,a\n";

        QRandomGenerator random(7);
        int sawOld = 0, sawNew = 0;
        for (int trial = 0; trial < 20; ++trial) {
            const QString target = dir.filePath("target.csv");
            writeText(target, oldContent);
            runAndKill({"data", "convert", dir.filePath("source.jsonl"), target}, int(random.bounded(duration)));
            const QByteArray now = readText(target);
            QVERIFY2(now == oldContent || now == newContent, qPrintable(QString("trial %1: %2 bytes").arg(trial).arg(now.size())));
            (now == oldContent ? sawOld : sawNew)++;
        }
        qInfo("old file in %d trials, new file in %d", sawOld, sawNew);

        // A full disk (here a 64 KiB file-size limit) during the save: an error naming the
        // file, and the old version untouched.
        const QString target = dir.filePath("target.csv");
        writeText(target, oldContent);
        const CliResult full = runProgram("prlimit", {"--fsize=65536", QStringLiteral(FINCH_CLI_PATH), "data", "convert",
                                                      dir.filePath("source.jsonl"), target});
        QCOMPARE(full.exitCode, 1);
        QVERIFY2(full.err.contains("target.csv") && full.err.contains("File too large"), qPrintable(full.err));
        QCOMPARE(readText(target), oldContent);
    }

    void fullTmpfsDuringASaveKeepsTheOldFile()
    {
        if (!canMountTmpfs())
            QSKIP("user namespaces are not available here to mount a tmpfs");
        QTemporaryDir dir;
        QByteArray rows;
        for (int i = 0; i < 2000; ++i)
            rows += "{\"text\":\"row " + QByteArray::number(i) + " with some words to fill the file\",\"label\":\"positive\"}\n";
        writeText(dir.filePath("source.jsonl"), rows);
        const QByteArray oldContent = "text,label\nold,negative\n";
        // 64 KiB holds the old file, not the ~100 KiB new one: the save meets ENOSPC.
        const CliResult full = runOnSmallTmpfs(64,
            "printf 'text,label\\nold,negative\\n' > \"$1/target.csv\"\n"
            "\"$2\" data convert \"$3\" \"$1/target.csv\"; echo \"finch-exit=$?\"\n"
            "cp \"$1/target.csv\" \"$4\"\n"
            "ls -A \"$1\"",
            {QStringLiteral(FINCH_CLI_PATH), dir.filePath("source.jsonl"), dir.filePath("after.csv")});
        QVERIFY2(full.out.contains("finch-exit=1"), qPrintable(full.out + full.err));
        QVERIFY2(full.err.contains("target.csv") && full.err.contains("No space left on device"), qPrintable(full.err));
        QCOMPARE(readText(dir.filePath("after.csv")), oldContent);
        QVERIFY2(full.out.trimmed().endsWith("target.csv") && !full.out.contains(".tmp"), qPrintable(full.out)); // no temp file left
    }

    void fullTmpfsDuringACheckpointKeepsTheOldOne()
    {
        if (!canMountTmpfs())
            QSKIP("user namespaces are not available here to mount a tmpfs");
        QTemporaryDir dir;
        const QString runs = dir.filePath("runs");
        writeText(dir.filePath("run.json"), QJsonDocument(runSettings(runs)).toJson());
        const CliResult first = runFinch({"train", "--config", dir.filePath("run.json"), "--stop-at", "2"});
        QVERIFY2(first.exitCode == 0, qPrintable(first.err));
        const QString run = onlyRun(runs);
        const qint64 checkpointKiB = folderKiB(run + "/checkpoints/step-2");
        QVERIFY(checkpointKiB > 64);

        // Room for the run as it is plus half a checkpoint: the step-4 checkpoint fills the disk.
        const CliResult full = runOnSmallTmpfs(int(folderKiB(run) + checkpointKiB / 2),
            "cp -a \"$2\" \"$1/run\"\n"
            "\"$3\" train --resume \"$1/run\"; echo \"finch-exit=$?\"\n"
            "cmp \"$1/run/checkpoints/step-2/trainable.safetensors\" \"$2/checkpoints/step-2/trainable.safetensors\""
            " && echo step-2-intact\n"
            "ls -A \"$1/run/checkpoints\"\n"
            "cp -a \"$1/run\" \"$4\"",
            {run, QStringLiteral(FINCH_CLI_PATH), dir.filePath("after")});
        QVERIFY2(!full.out.contains("finch-exit=0") && full.out.contains("finch-exit="), qPrintable(full.out + full.err));
        QVERIFY2(full.err.contains("No space left on device"), qPrintable(full.err));
        QVERIFY2(full.out.contains("step-2-intact"), qPrintable(full.out));
        QVERIFY2(!full.out.contains("step-4") && !full.out.contains(".tmp"), qPrintable(full.out));

        // Copied out to a disk with room, the run finishes from the intact checkpoint.
        const CliResult resumed = runFinch({"train", "--resume", dir.filePath("after")});
        QVERIFY2(resumed.exitCode == 0, qPrintable(resumed.err));
        QVERIFY(QFile::exists(dir.filePath("after/final/model.safetensors")));
    }

    void fullDiskDuringACheckpointKeepsTheOldOne()
    {
        QTemporaryDir dir;
        const QString runs = dir.filePath("runs");
        QJsonObject settings = runSettings(runs);
        writeText(dir.filePath("run.json"), QJsonDocument(settings).toJson());
        const CliResult first = runFinch({"train", "--config", dir.filePath("run.json"), "--stop-at", "2"});
        QVERIFY2(first.exitCode == 0, qPrintable(first.err));
        const QString run = onlyRun(runs);
        const QByteArray checkpoint = readText(run + "/checkpoints/step-2/trainable.safetensors");
        QVERIFY(!checkpoint.isEmpty());

        // Files may grow to 64 KiB, less than a checkpoint needs: its write fails as on a full disk.
        const CliResult full = runProgram("prlimit", {"--fsize=65536", QStringLiteral(FINCH_CLI_PATH), "train", "--resume", run});
        QVERIFY2(full.exitCode != 0, qPrintable(full.out));
        QVERIFY2(full.err.contains("step-4") || full.err.contains("File too large") || full.err.contains("space"),
                 qPrintable(full.err));
        QCOMPARE(readText(run + "/checkpoints/step-2/trainable.safetensors"), checkpoint);
        QVERIFY(!QDir(run + "/checkpoints").entryList({"step-4"}, QDir::Dirs).size());

        // With room again the run finishes from the intact checkpoint.
        const CliResult resumed = runFinch({"train", "--resume", run});
        QVERIFY2(resumed.exitCode == 0, qPrintable(resumed.err));
        QVERIFY(QFile::exists(run + "/final/model.safetensors"));
    }
};

QTEST_GUILESS_MAIN(KillTest)
#include "KillTest.moc"
