// Data-parallel training through the real CLI: `finch train --nproc-per-node 2` (two Gloo
// processes on loopback) against one process with the double batch, a job killed whole and
// resumed, a rank killed mid-run, and the launchers' environment variables.
#include "CliRunner.h"

#include "core/common/Error.h"
#include "core/engine/model/TorchLanguageModel.h"
#include "core/train/DistributedEnvironment.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>

#include <csignal>
#include <map>

using namespace finch;

namespace {

QJsonObject runSettings(const QString& outputDir, int batch)
{
    return {{"output_dir", outputDir},
            {"train_file", QStringLiteral(FINCH_SAMPLES "/sentiment.jsonl")},
            {"model", "finch-tiny"},
            {"tokenizer_vocab_size", 600},
            {"max_steps", 10},
            {"per_device_train_batch_size", batch},
            {"max_seq_length", 48},
            {"learning_rate", 0.003},
            {"warmup_steps", 2},
            {"save_steps", 4},
            {"logging_steps", 1},
            {"eval_steps", 5},
            {"test_split", 0.0},
            {"threads", 1}};
}

QString writeConfig(const QTemporaryDir& dir, const QString& name, const QJsonObject& settings)
{
    const QString path = dir.filePath(name + ".json");
    writeText(path, QJsonDocument(settings).toJson());
    return path;
}

QString onlyRun(const QString& runsDir)
{
    const QStringList runs = QDir(runsDir).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    return runs.size() == 1 ? QDir(runsDir).filePath(runs.first()) : QString();
}

// metrics.jsonl's values of `field` for events of `kind`, by step.
std::map<int, double> eventValues(const QString& run, const char* kind, const char* field)
{
    std::map<int, double> values;
    for (const QByteArray& line : readText(run + "/metrics.jsonl").split('\n')) {
        const QJsonObject event = QJsonDocument::fromJson(line).object();
        if (event["event"].toString() == kind) // a missing field is NaN: no comparison passes with it
            values[event["step"].toInt()] = event[field].isDouble() ? event[field].toDouble() : NAN;
    }
    return values;
}

// The tokens the run's step events account for: tokens/s times the time between events.
double tokensReported(const QString& run)
{
    const auto rates = eventValues(run, "step", "tokens_per_second");
    const auto elapsed = eventValues(run, "step", "elapsed_seconds");
    double tokens = 0;
    for (auto it = std::next(elapsed.begin()); it != elapsed.end(); ++it)
        tokens += rates.at(it->first) * (it->second - std::prev(it)->second);
    return tokens;
}

double largestWeightDifference(const QString& a, const QString& b)
{
    const auto left = model::readTensorFile((a + "/final/model.safetensors").toStdString());
    const auto right = model::readTensorFile((b + "/final/model.safetensors").toStdString());
    if (left.size() != right.size())
        return INFINITY;
    double largest = 0;
    for (const auto& [name, tensor] : left) {
        const auto other = right.find(name);
        if (other == right.end())
            return INFINITY;
        largest = std::max(largest, (tensor - other->second).abs().max().item<double>());
    }
    return largest;
}

// A process in a session of its own, so that the whole job (launcher and workers) can be
// killed at once, as a scheduler kills a job.
struct Job {
    QProcess process;
    void start(const QStringList& arguments)
    {
        process.setChildProcessModifier([] { setsid(); });
        process.start(QStringLiteral(FINCH_CLI_PATH), arguments);
    }
    void killAll()
    {
        kill(-static_cast<pid_t>(process.processId()), SIGKILL);
        process.waitForFinished(10000);
    }
};

// The workers of a launcher (its child processes).
QList<qint64> childrenOf(qint64 pid)
{
    QList<qint64> children;
    for (const QString& task : QDir(QString("/proc/%1/task").arg(pid)).entryList(QDir::Dirs | QDir::NoDotAndDotDot))
        for (const QByteArray& child : readText(QString("/proc/%1/task/%2/children").arg(pid).arg(task)).split(' '))
            if (!child.trimmed().isEmpty())
                children.append(child.trimmed().toLongLong());
    return children;
}

// The sockets a process has open (their inodes), from /proc/PID/fd.
QSet<QString> socketInodes(qint64 pid)
{
    QSet<QString> inodes;
    const QDir fds(QString("/proc/%1/fd").arg(pid));
    for (const QString& fd : fds.entryList(QDir::Files | QDir::System)) {
        const QString target = QFile::symLinkTarget(fds.filePath(fd));
        static const QRegularExpression socket(QStringLiteral("socket:\\[(\\d+)\\]"));
        if (const auto match = socket.match(target); match.hasMatch())
            inodes.insert(match.captured(1));
    }
    return inodes;
}

// The addresses of the TCP sockets among `inodes`, as /proc/net/tcp{,6} writes them (hex,
// the port after the colon): the local one of a listening socket (state 0A; its remote is
// all zeros), both ends of a connected one.
QStringList tcpAddresses(const QSet<QString>& inodes)
{
    QStringList addresses;
    for (const char* table : {"/proc/net/tcp", "/proc/net/tcp6"})
        for (const QByteArray& line : readText(table).split('\n').mid(1)) {
            const QList<QByteArray> fields = line.simplified().split(' ');
            if (fields.size() <= 9 || !inodes.contains(QString::fromLatin1(fields[9])))
                continue;
            addresses << QString::fromLatin1(fields[1]);
            if (fields[3] != "0A")
                addresses << QString::fromLatin1(fields[2]);
        }
    return addresses;
}

} // namespace

class DistributedTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void twoProcessesTrainAsOneWithTheDoubleBatch()
    {
        QTemporaryDir dir;
        QJsonObject oneSettings = runSettings(dir.filePath("one"), 8);
        oneSettings["test_split"] = 0.1;
        const CliResult one = runFinch({"train", "--config", writeConfig(dir, "one", oneSettings)});
        QVERIFY2(one.exitCode == 0, qPrintable(one.err));
        // Buckets of 1 MB: finch-tiny's 3.3 MB of gradients go in four, each sent while
        // backward computes the layers before it.
        QJsonObject twoSettings = runSettings(dir.filePath("two"), 4);
        twoSettings["ddp_bucket_cap_mb"] = 1;
        twoSettings["test_split"] = 0.1;
        const CliResult two = runFinch({"train", "--config", writeConfig(dir, "two", twoSettings), "--nproc-per-node", "2"});
        QVERIFY2(two.exitCode == 0, qPrintable(two.out + two.err));
        const QRegularExpressionMatch buckets =
            QRegularExpression("(\\d+) of (\\d+) gradient buckets went during the backward pass").match(two.out + two.err);
        QVERIFY2(buckets.hasMatch(), qPrintable(two.out));
        QCOMPARE(buckets.captured(2).toInt(), 40); // 4 a step
        QCOMPARE(buckets.captured(1).toInt(), 40);
        const QString single = onlyRun(dir.filePath("one")), parallel = onlyRun(dir.filePath("two"));
        QVERIFY(!single.isEmpty() && !parallel.isEmpty()); // one run folder: rank 1 writes none

        const auto singleLosses = eventValues(single, "step", "loss");
        const auto parallelLosses = eventValues(parallel, "step", "loss");
        QCOMPARE(singleLosses.size(), size_t(10));
        QCOMPARE(parallelLosses.size(), singleLosses.size()); // rank 0 alone logs
        double largest = 0;
        for (const auto& [step, loss] : singleLosses) {
            QVERIFY(std::isfinite(loss) && loss > 0);
            largest = std::max(largest, std::abs(loss - parallelLosses.at(step)));
        }
        qInfo("largest per-step loss difference %.2g", largest);
        QVERIFY2(largest < 1e-5, qPrintable(QString::number(largest)));
        // Evaluation is sharded over the ranks and gathered.
        const auto singleValidation = eventValues(single, "evaluation", "validation_loss");
        const auto parallelValidation = eventValues(parallel, "evaluation", "validation_loss");
        QCOMPARE(parallelValidation.size(), singleValidation.size());
        for (const auto& [step, loss] : singleValidation)
            QVERIFY(std::abs(loss - parallelValidation.at(step)) < 1e-5);
        const double weights = largestWeightDifference(single, parallel);
        qInfo("largest final weight difference %.2g", weights);
        QVERIFY2(weights < 1e-5, qPrintable(QString::number(weights)));

        // Progress counts the job's tokens, not rank 0's share.
        const double tokenRatio = tokensReported(parallel) / tokensReported(single);
        qInfo("tokens reported by two processes against one: %.3f", tokenRatio);
        QVERIFY2(tokenRatio > 0.8 && tokenRatio < 1.25, qPrintable(QString::number(tokenRatio)));

        // The test split is evaluated in shards, one a rank, and gathered into one report:
        // the rows in dataset order and the metrics of one evaluation.
        QVERIFY2((two.out + two.err).contains("a share in each of 2 processes"), qPrintable(two.out + two.err));
        const QJsonObject singleEval = QJsonDocument::fromJson(readText(single + "/eval.json")).object();
        const QJsonObject parallelEval = QJsonDocument::fromJson(readText(parallel + "/eval.json")).object();
        const QJsonArray singleRows = singleEval["rows"].toArray(), parallelRows = parallelEval["rows"].toArray();
        QCOMPARE(singleRows.size(), 31);
        QCOMPARE(parallelRows.size(), singleRows.size());
        double probabilities = 0;
        for (qsizetype i = 0; i < singleRows.size(); ++i) {
            const QJsonObject a = singleRows[i].toObject(), b = parallelRows[i].toObject();
            QCOMPARE(b["index"].toInt(), a["index"].toInt());
            QCOMPARE(b["prediction"].toString(), a["prediction"].toString());
            probabilities = std::max(probabilities, std::abs(a["score"].toDouble() - b["score"].toDouble()));
        }
        qInfo("largest test probability difference %.2g", probabilities);
        QVERIFY(probabilities < 1e-4);
        for (const char* metric : {"accuracy", "macro_f1", "rows"})
            QCOMPARE(parallelEval["metrics"][metric].toDouble(), singleEval["metrics"][metric].toDouble());
        QCOMPARE(parallelEval["metrics"]["confusion_matrix"], singleEval["metrics"]["confusion_matrix"]);

        // Recomputed layers run backward within backward: their gradients reach the
        // buckets from there, and the run is the same.
        QJsonObject recomputed = twoSettings;
        recomputed["output_dir"] = dir.filePath("recomputed");
        recomputed["test_split"] = 0.1;
        recomputed["gradient_checkpointing"] = true;
        const CliResult three = runFinch({"train", "--config", writeConfig(dir, "recomputed", recomputed), "--nproc-per-node", "2"});
        QVERIFY2(three.exitCode == 0, qPrintable(three.out + three.err));
        const auto recomputedLosses = eventValues(onlyRun(dir.filePath("recomputed")), "step", "loss");
        QCOMPARE(recomputedLosses.size(), singleLosses.size());
        for (const auto& [step, loss] : singleLosses)
            QVERIFY(std::abs(loss - recomputedLosses.at(step)) < 1e-5);
        QVERIFY(largestWeightDifference(single, onlyRun(dir.filePath("recomputed"))) < 1e-5);
    }

    // 279 training rows in global batches of 12: the epoch's last has 3, all rank 0's, and
    // rank 1 sends zeros for that step.
    void theEpochsLastBatchMayLeaveARankWithoutRows()
    {
        QTemporaryDir dir;
        auto settings = [&](const QString& name, int batch) {
            QJsonObject s = runSettings(dir.filePath(name), batch);
            s.remove("max_steps");
            s["num_train_epochs"] = 1;
            s["ddp_bucket_cap_mb"] = 1;
            return writeConfig(dir, name, s);
        };
        const CliResult one = runFinch({"train", "--config", settings("one", 12)});
        QVERIFY2(one.exitCode == 0, qPrintable(one.err));
        const CliResult two = runFinch({"train", "--config", settings("two", 6), "--nproc-per-node", "2"});
        QVERIFY2(two.exitCode == 0, qPrintable(two.out + two.err));
        const auto single = eventValues(onlyRun(dir.filePath("one")), "step", "loss");
        const auto parallel = eventValues(onlyRun(dir.filePath("two")), "step", "loss");
        QCOMPARE(single.size(), size_t(24));
        QCOMPARE(parallel.size(), single.size());
        for (const auto& [step, loss] : single)
            QVERIFY2(std::abs(loss - parallel.at(step)) < 1e-5, qPrintable(QString("step %1").arg(step)));
        QVERIFY(largestWeightDifference(onlyRun(dir.filePath("one")), onlyRun(dir.filePath("two"))) < 1e-5);
    }

    void aJobKilledWholeResumesBitExactly()
    {
        QTemporaryDir dir;
        const CliResult reference = runFinch({"train", "--config", writeConfig(dir, "reference", runSettings(dir.filePath("reference"), 4)),
                                              "--nproc-per-node", "2"});
        QVERIFY2(reference.exitCode == 0, qPrintable(reference.err));

        const QString runs = dir.filePath("killed");
        Job job;
        job.start({"train", "--config", writeConfig(dir, "killed", runSettings(runs, 4)), "--nproc-per-node", "2"});
        QVERIFY(job.process.waitForStarted(10000));
        // Killed after its first checkpoint (step 4), launcher and workers at once.
        QTRY_VERIFY_WITH_TIMEOUT(!onlyRun(runs).isEmpty() && QDir(onlyRun(runs) + "/checkpoints/step-4").exists(), 120000);
        job.killAll();
        const QString run = onlyRun(runs);
        QVERIFY(!QFile::exists(run + "/final/model.safetensors"));
        QCOMPARE(QJsonDocument::fromJson(readText(run + "/run.json"))["runtime"]["processes"].toInt(), 2);

        // One process would change the batch the run was laid out with: refused, named.
        const CliResult alone = runFinch({"train", "--resume", run});
        QVERIFY(alone.exitCode != 0);
        QVERIFY2(alone.err.contains("the run trained in 2 processes, this resume has 1; resume it with --nproc-per-node 2"),
                 qPrintable(alone.err));

        const CliResult resumed = runFinch({"train", "--resume", run, "--nproc-per-node", "2"});
        QVERIFY2(resumed.exitCode == 0, qPrintable(resumed.out + resumed.err));
        QCOMPARE(readText(run + "/final/model.safetensors"), readText(onlyRun(dir.filePath("reference")) + "/final/model.safetensors"));
    }

    void aKilledRankStopsTheOthers()
    {
        QTemporaryDir dir;
        const QString runs = dir.filePath("runs");
        QJsonObject settings = runSettings(runs, 4);
        settings["max_steps"] = 400;
        QProcess launcher;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert("FINCH_DISTRIBUTED_TIMEOUT", "60");
        launcher.setProcessEnvironment(environment);
        launcher.start(QStringLiteral(FINCH_CLI_PATH), {"train", "--config", writeConfig(dir, "long", settings), "--nproc-per-node", "2"});
        QVERIFY(launcher.waitForStarted(10000));
        QTRY_VERIFY_WITH_TIMEOUT(!onlyRun(runs).isEmpty() && eventValues(onlyRun(runs), "step", "loss").size() >= 5, 120000);
        const QList<qint64> workers = childrenOf(launcher.processId());
        QCOMPARE(workers.size(), 2);
        QElapsedTimer clock;
        clock.start();
        kill(static_cast<pid_t>(workers.last()), SIGKILL); // rank 1
        QVERIFY2(launcher.waitForFinished(60000), "the job hung after a rank died");
        qInfo("the job ended %lld ms after rank 1 was killed", clock.elapsed());
        QVERIFY(launcher.exitCode() != 0);
        const QString errors = QString::fromUtf8(launcher.readAllStandardError() + launcher.readAllStandardOutput());
        QVERIFY2(errors.contains("rank 1 of 2 was killed by signal 9"), qPrintable(errors));
        QVERIFY2(errors.contains("lost the other ranks"), qPrintable(errors)); // rank 0's own account
        // The job goes on from its last checkpoint.
        const QString run = onlyRun(runs);
        QVERIFY(QDir(run + "/checkpoints").entryList(QDir::Dirs | QDir::NoDotAndDotDot).size() >= 1);
    }

    // A job of one node talks over loopback alone, rendezvous through a private file under a
    // random token (no MASTER_PORT to race for), and dies with its launcher, even SIGKILLed.
    void aOneNodeJobIsPrivateAndDiesWithItsLauncher()
    {
        QTemporaryDir dir;
        const QString runs = dir.filePath("runs");
        QJsonObject settings = runSettings(runs, 4);
        settings["max_steps"] = 400;
        Job job;
        job.start({"train", "--config", writeConfig(dir, "long", settings), "--nproc-per-node", "2"});
        QVERIFY(job.process.waitForStarted(10000));
        QTRY_VERIFY_WITH_TIMEOUT(!onlyRun(runs).isEmpty() && eventValues(onlyRun(runs), "step", "loss").size() >= 2, 120000);
        const QList<qint64> workers = childrenOf(job.process.processId());
        QCOMPARE(workers.size(), 2);
        QSet<QString> inodes;
        for (const qint64 worker : workers) {
            inodes += socketInodes(worker);
            const QByteArray environment = readText(QString("/proc/%1/environ").arg(worker));
            QVERIFY(environment.contains("FINCH_JOB_TOKEN="));
            QVERIFY(environment.contains("FINCH_STORE_FILE="));
            QVERIFY(!environment.contains("MASTER_PORT="));
        }
        const QStringList addresses = tcpAddresses(inodes);
        QVERIFY2(!addresses.isEmpty(), "the ranks have no TCP socket: Gloo's connections were not found");
        for (const QString& address : addresses) // 127.0.0.1 is 0100007F; ::1 in tcp6
            QVERIFY2(address.startsWith("0100007F:") || address.startsWith("00000000000000000000000001000000:"),
                     qPrintable("a rank's socket is bound to " + address + ", not to loopback"));

        QElapsedTimer clock;
        clock.start();
        const auto launcher = static_cast<pid_t>(job.process.processId()); // the job's process group too (setsid)
        kill(launcher, SIGKILL); // the launcher alone
        QVERIFY(job.process.waitForFinished(10000));
        for (const qint64 worker : workers)
            QTRY_VERIFY2_WITH_TIMEOUT(!QFileInfo::exists(QString("/proc/%1/status").arg(worker)) ||
                                          readText(QString("/proc/%1/status").arg(worker)).contains("State:\tZ"),
                                      "a rank outlived its launcher", 10000);
        qInfo("the ranks ended %lld ms after their launcher was killed", clock.elapsed());
        kill(-launcher, SIGKILL); // whatever is left, should the check above have failed
    }

    void launchersEnvironmentsAreRead()
    {
        auto read = [](std::map<std::string, std::string> variables) {
            return train::readDistributedEnvironment([variables](const char* name) -> const char* {
                const auto it = variables.find(name);
                return it == variables.end() ? nullptr : it->second.c_str();
            });
        };
        QVERIFY(!read({}));
        QVERIFY(!read({{"WORLD_SIZE", "1"}, {"RANK", "0"}}));
        const auto torchrun = read({{"WORLD_SIZE", "8"}, {"RANK", "5"}, {"LOCAL_RANK", "1"}, {"LOCAL_WORLD_SIZE", "4"},
                                    {"MASTER_ADDR", "node0"}, {"MASTER_PORT", "29500"}, {"TORCHELASTIC_RESTART_COUNT", "2"}});
        QVERIFY(torchrun);
        QCOMPARE(torchrun->rank, 5);
        QCOMPARE(torchrun->localRank, 1);
        QCOMPARE(torchrun->localWorldSize, 4); // the node's cores are shared by 4
        QCOMPARE(torchrun->restartCount, 2);
        QCOMPARE(torchrun->launcher, std::string("torchrun"));
        const auto slurm = read({{"SLURM_NTASKS", "4"}, {"SLURM_PROCID", "3"}, {"SLURM_LOCALID", "1"},
                                 {"MASTER_ADDR", "node0"}, {"MASTER_PORT", "29500"}});
        QVERIFY(slurm);
        QCOMPARE(slurm->worldSize, 4);
        QCOMPARE(slurm->localWorldSize, 1); // unknown without --ntasks-per-node
        QCOMPARE(slurm->rank, 3);
        QCOMPARE(slurm->launcher, std::string("slurm"));
        QVERIFY_THROWS_EXCEPTION(Error, read({{"WORLD_SIZE", "2"}, {"RANK", "2"}, {"MASTER_ADDR", "a"}, {"MASTER_PORT", "1"}}));
        QVERIFY_THROWS_EXCEPTION(Error, read({{"WORLD_SIZE", "2"}, {"RANK", "0"}}));
        QVERIFY_THROWS_EXCEPTION(Error, read({{"WORLD_SIZE", "two"}, {"RANK", "0"}}));
        const auto oneNode = read({{"WORLD_SIZE", "2"}, {"RANK", "1"}, {"FINCH_LAUNCHER", "1"},
                                   {"FINCH_STORE_FILE", "/tmp/finch-job-x/store"}, {"FINCH_JOB_TOKEN", "ab12"}});
        QVERIFY(oneNode);
        QCOMPARE(oneNode->storeFile, std::string("/tmp/finch-job-x/store"));
        QCOMPARE(oneNode->jobToken, std::string("ab12"));
        QCOMPARE(oneNode->launcher, std::string("finch"));
        // The CLI refuses a launcher inside a launched job.
        QProcess nested;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        for (const auto& [name, value] : {std::pair{"WORLD_SIZE", "2"}, {"RANK", "1"}, {"MASTER_ADDR", "127.0.0.1"}, {"MASTER_PORT", "1"}})
            environment.insert(name, value);
        QTemporaryDir dir;
        const CliResult refused = runProgram(QStringLiteral(FINCH_CLI_PATH),
                                             {"train", "--config", writeConfig(dir, "c", runSettings(dir.filePath("r"), 4)),
                                              "--nproc-per-node", "2"},
                                             {}, {}, environment);
        QVERIFY(refused.exitCode != 0);
        QVERIFY2(refused.err.contains("already rank 1 of a job of 2"), qPrintable(refused.err));
    }
};

QTEST_GUILESS_MAIN(DistributedTest)
#include "DistributedTest.moc"
