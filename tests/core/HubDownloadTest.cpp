// Downloads from the Hugging Face Hub, run for real (libcurl, the cache layout, resuming,
// checksums, tokens, huggingface_hub's locks) against FakeHub, a loopback server with the
// Hub's URLs and headers.
#include "core/common/FileIO.h"
#include "core/hub/HubDownload.h"
#include "core/model/ModelCatalog.h"

#include "../support/FakeHub.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QProcess>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <filesystem>
#include <thread>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace finch;
using namespace finch::hub;
namespace fs = std::filesystem;

namespace {

const QString kRepo = "finch-test/tiny-llama";

QByteArray fileBytes(const QString& path)
{
    QFile file(path);
    file.open(QIODevice::ReadOnly);
    return file.readAll();
}

// A real tiny model (weights, config, tokenizer) and files a fine-tuning folder does without.
QMap<QString, QByteArray> tinyModelFiles()
{
    const QString golden = FINCH_TEST_DATA "/hf_golden/llama_tiny/";
    return {{"config.json", fileBytes(golden + "config.json")},
            {"model.safetensors", fileBytes(golden + "model.safetensors")},
            {"tokenizer.json", fileBytes(FINCH_TEST_DATA "/tokenizers/llama3-split/tokenizer.json")},
            {"LICENSE", "Apache-2.0\n"},
            {"pytorch_model.bin", QByteArray(4096, 'p')},
            {"onnx/model.onnx", QByteArray(2048, 'o')}};
}

QString sha256(const QByteArray& data)
{
    return QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
}

// The Hub's etag, which names the blob: sha256 for LFS files, git's blob hash otherwise.
std::string etagOf(const QString& file)
{
    const QByteArray content = tinyModelFiles()[file];
    if (FakeHub::isLfs(file))
        return sha256(content).toStdString();
    QByteArray blob = "blob " + QByteArray::number(content.size());
    blob.append('\0');
    return QCryptographicHash::hash(blob + content, QCryptographicHash::Sha1).toHex().toStdString();
}

const QStringList kWanted{"LICENSE", "config.json", "model.safetensors", "tokenizer.json"};

// Holds a blob's lock as huggingface_hub's filelock does: flock(LOCK_EX | LOCK_NB) on the file.
class HeldLock {
public:
    explicit HeldLock(const fs::path& path)
    {
        fs::create_directories(path.parent_path());
        fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0664);
        locked_ = fd_ >= 0 && ::flock(fd_, LOCK_EX | LOCK_NB) == 0;
    }
    ~HeldLock() { release(); }
    bool locked() const { return locked_; }
    void release()
    {
        if (fd_ >= 0)
            ::close(fd_);
        fd_ = -1;
    }

private:
    int fd_ = -1;
    bool locked_ = false;
};

} // namespace

class HubDownloadTest : public QObject {
    Q_OBJECT

    FakeHub hub_;
    QTemporaryDir cache_;

    HubSettings settings(const std::string& token = {}) const
    {
        HubSettings settings;
        settings.endpoint = hub_.endpoint().toStdString() + "/"; // a trailing slash is allowed
        settings.cacheDir = cache_.path().toStdString();
        settings.token = token;
        return settings;
    }

    fs::path repoFolder(const QString& repoId) const
    {
        return fs::path(cache_.path().toStdString()) / ("models--" + repoId.section('/', 0, 0).toStdString() + "--" +
                                                        repoId.section('/', 1).toStdString());
    }

    fs::path lockPath(const QString& file) const
    {
        return fs::path(cache_.path().toStdString()) / ".locks" / repoFolder(kRepo).filename() / (etagOf(file) + ".lock");
    }

    // The snapshot holds every wanted file, byte for byte, and no partial file is left.
    void verifySnapshot(const std::string& snapshot) const
    {
        for (const QString& name : kWanted)
            QCOMPARE(fileBytes(QString::fromStdString(snapshot) + "/" + name), tinyModelFiles()[name]);
        for (const auto& entry : fs::directory_iterator(repoFolder(kRepo) / "blobs"))
            QVERIFY2(!entry.path().string().ends_with(".incomplete"), entry.path().c_str());
    }

    int fileRequests(const QString& file) const
    {
        int count = 0;
        for (const FakeHub::Request& request : hub_.requests())
            count += request.path.endsWith("/" + file) || request.path == "/cdn/" + sha256(tinyModelFiles()[file]);
        return count;
    }

    static QString errorOf(const std::function<void()>& call, HubError::Kind expected)
    {
        try {
            call();
        } catch (const HubError& error) {
            if (error.kind != expected)
                return "wrong kind: " + QString(error.what());
            return QString(error.what());
        }
        return "no error";
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(fs::exists(FINCH_TEST_DATA "/tokenizers/llama3-split/tokenizer.json"));
        hub_.addRepo(kRepo, tinyModelFiles());
    }

    void init()
    {
        hub_.clearRequests();
        std::error_code ignored;
        for (const auto& entry : fs::directory_iterator(cache_.path().toStdString()))
            fs::remove_all(entry.path(), ignored);
    }

    void downloadsIntoTheCacheLayout()
    {
        std::vector<DownloadProgress> reports;
        const std::string snapshot = HubClient(settings()).download(kRepo.toStdString(), "main",
                                                                    [&](const DownloadProgress& p) { reports.push_back(p); });
        const std::string commit = hub_.commitOf(kRepo).toStdString();
        QCOMPARE(snapshot, (repoFolder(kRepo) / "snapshots" / commit).string());
        QCOMPARE(readWholeFile((repoFolder(kRepo) / "refs" / "main").string()), commit);

        // Each file is a relative link to its blob, named by the Hub's etag (sha256 for LFS).
        const auto files = tinyModelFiles();
        for (const QString name : {"config.json", "model.safetensors", "tokenizer.json", "LICENSE"}) {
            const fs::path link = fs::path(snapshot) / name.toStdString();
            QVERIFY2(fs::is_symlink(link), qPrintable(name));
            QVERIFY(fs::read_symlink(link).string().starts_with("../../blobs/"));
            QCOMPARE(QByteArray::fromStdString(readWholeFile(link.string())), files[name]);
        }
        QCOMPARE(fs::read_symlink(fs::path(snapshot) / "model.safetensors").filename().string(),
                 sha256(files["model.safetensors"]).toStdString());
        // Pickles and ONNX are not what a fine-tuning folder needs.
        QVERIFY(!fs::exists(fs::path(snapshot) / "pytorch_model.bin"));
        QVERIFY(!fs::exists(fs::path(snapshot) / "onnx"));
        QCOMPARE(fileRequests("pytorch_model.bin"), 0);
        QVERIFY(!fs::exists(repoFolder(kRepo) / "blobs" / (sha256(files["model.safetensors"]).toStdString() + ".incomplete")));

        // What the picker and huggingface_hub's resolution see.
        QCOMPARE(model::resolveSnapshot(cache_.path().toStdString(), kRepo.toStdString()).value_or(""), snapshot);
        const auto entry = model::describeFolder(snapshot);
        QVERIFY(entry);
        QCOMPARE(entry->architecture, std::string("LlamaForCausalLM"));

        // Progress ends at the total, counted over the wanted files only.
        QVERIFY(!reports.empty());
        uint64_t wanted = 0;
        for (const QString name : {"config.json", "model.safetensors", "tokenizer.json", "LICENSE"})
            wanted += uint64_t(files[name].size());
        QCOMPARE(reports.back().bytesTotal, wanted);
        QCOMPARE(reports.back().bytesDone, wanted);
        QCOMPARE(reports.back().fileCount, 4);

        // A second download finds everything in place and fetches no file again.
        hub_.clearRequests();
        QCOMPARE(HubClient(settings()).download(kRepo.toStdString(), "main"), snapshot);
        QCOMPARE(hub_.requests().size(), 1); // the listing only
    }

    void resumesAfterADroppedConnection()
    {
        hub_.dropAfter("model.safetensors", 100000);
        const std::string snapshot = HubClient(settings()).download(kRepo.toStdString(), "main");
        QCOMPARE(QByteArray::fromStdString(readWholeFile(snapshot + "/model.safetensors")), tinyModelFiles()["model.safetensors"]);
        QStringList ranges;
        for (const FakeHub::Request& request : hub_.requests())
            if (request.path.startsWith("/cdn/"))
                ranges << QString::fromLatin1(request.range);
        QCOMPARE(ranges, QStringList({"", "bytes=100000-"}));
    }

    void resumesACancelledDownloadLater()
    {
        std::atomic<bool> cancel = false;
        const QString message = errorOf(
            [&] {
                HubClient(settings()).download(kRepo.toStdString(), "main", [&](const DownloadProgress& p) {
                    if (p.file == "model.safetensors" && p.bytesDone > 0)
                        cancel = true;
                }, &cancel);
            },
            HubError::Kind::Cancelled);
        QVERIFY2(message.contains("cancelled"), qPrintable(message));
        const fs::path partial = repoFolder(kRepo) / "blobs" / (sha256(tinyModelFiles()["model.safetensors"]).toStdString() + ".incomplete");
        QVERIFY(fs::exists(partial));

        // The server ignores ranges here once: the partial file is started over, not appended to.
        hub_.setIgnoreRanges(true);
        hub_.clearRequests();
        const std::string snapshot = HubClient(settings()).download(kRepo.toStdString(), "main");
        hub_.setIgnoreRanges(false);
        QCOMPARE(QByteArray::fromStdString(readWholeFile(snapshot + "/model.safetensors")), tinyModelFiles()["model.safetensors"]);
        QVERIFY(!fs::exists(partial));
    }

    void resumesFromAPartialFileOnDisk()
    {
        const QByteArray weights = tinyModelFiles()["model.safetensors"];
        const fs::path blobs = repoFolder(kRepo) / "blobs";
        fs::create_directories(blobs);
        writeFileAtomically((blobs / (sha256(weights).toStdString() + ".incomplete")).string(), weights.left(5000).toStdString());
        const std::string snapshot = HubClient(settings()).download(kRepo.toStdString(), "main");
        QCOMPARE(QByteArray::fromStdString(readWholeFile(snapshot + "/model.safetensors")), weights);
        bool resumed = false;
        for (const FakeHub::Request& request : hub_.requests())
            resumed |= request.path.startsWith("/cdn/") && request.range == "bytes=5000-";
        QVERIFY(resumed);
    }

    void refusesContentThatDoesNotMatchItsHash_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("hash");
        QTest::newRow("LFS file, sha256") << "model.safetensors" << "sha256";
        QTest::newRow("small file, git blob hash") << "config.json" << "git blob hash";
    }

    void refusesContentThatDoesNotMatchItsHash()
    {
        QFETCH(QString, file);
        QFETCH(QString, hash);
        hub_.corrupt(file);
        const QString message = errorOf([&] { HubClient(settings()).download(kRepo.toStdString(), "main"); },
                                        HubError::Kind::Checksum);
        QVERIFY2(message.contains(kRepo + "/" + file) && message.contains(hash), qPrintable(message));
        // Nothing half-right is left: no blob, no partial file, no link, no ref.
        const std::string commit = hub_.commitOf(kRepo).toStdString();
        QVERIFY(!fs::exists(repoFolder(kRepo) / "snapshots" / commit / file.toStdString()));
        QVERIFY(!fs::exists(repoFolder(kRepo) / "refs" / "main"));
        for (const auto& entry : fs::directory_iterator(repoFolder(kRepo) / "blobs"))
            QVERIFY2(!entry.path().string().ends_with(".incomplete"), entry.path().c_str());
        // The next attempt gets a good copy.
        const std::string snapshot = HubClient(settings()).download(kRepo.toStdString(), "main");
        QCOMPARE(QByteArray::fromStdString(readWholeFile(snapshot + "/" + file.toStdString())), tinyModelFiles()[file]);
    }

    void gatedRepositoriesNeedAToken()
    {
        const QString gated = "finch-test/gated-llama";
        hub_.addRepo(gated, tinyModelFiles(), "hf_right_token");
        QString message = errorOf([&] { HubClient(settings()).download(gated.toStdString(), "main"); },
                                  HubError::Kind::NeedsToken);
        QVERIFY2(message.contains("gated") && message.contains("finch model login") && message.contains(hub_.endpoint() + "/" + gated),
                 qPrintable(message));
        QCOMPARE(HubClient(settings()).fetchInfo(gated.toStdString()).gated, std::string("manual"));

        message = errorOf([&] { HubClient(settings("hf_wrong_token")).download(gated.toStdString(), "main"); },
                          HubError::Kind::NeedsToken);
        QVERIFY2(message.contains("refused") && !message.contains("hf_wrong_token"), qPrintable(message));

        hub_.clearRequests();
        const std::string snapshot = HubClient(settings("hf_right_token")).download(gated.toStdString(), "main");
        QVERIFY(fs::exists(snapshot + "/model.safetensors"));
        // The token goes to the Hub, never to the host a redirect points at.
        for (const FakeHub::Request& request : hub_.requests()) {
            if (request.path.startsWith("/cdn/")) {
                QVERIFY(request.host.startsWith("localhost"));
                QVERIFY2(request.authorization.isEmpty(), qPrintable(request.path));
            } else {
                QCOMPARE(request.authorization, QByteArray("Bearer hf_right_token"));
            }
        }
    }

    void unknownRepositoriesAndRevisionsSaySo()
    {
        QString message = errorOf([&] { HubClient(settings()).download("finch-test/no-such-model", "main"); },
                                  HubError::Kind::NotFound);
        QVERIFY2(message.contains("no repository finch-test/no-such-model") && message.contains("token"), qPrintable(message));
        message = errorOf([&] { HubClient(settings()).download(kRepo.toStdString(), "v9"); }, HubError::Kind::NotFound);
        QVERIFY2(message.contains("no revision 'v9'"), qPrintable(message));
        message = errorOf([&] { HubClient(settings()).download("not a repo id", "main"); }, HubError::Kind::NotFound);
        QVERIFY2(message.contains("ORGANISATION/NAME"), qPrintable(message));
        message = errorOf([&] { HubClient(settings()).download(kRepo.toStdString(), "../../etc"); }, HubError::Kind::NotFound);
        QVERIFY2(message.contains("not a revision"), qPrintable(message));
        QVERIFY(!fs::exists(repoFolder("finch-test/no-such-model")));
    }

    void pickledWeightsAreNotFetched()
    {
        hub_.addRepo("finch-test/pickled", {{"config.json", tinyModelFiles()["config.json"]}, {"pytorch_model.bin", QByteArray(4096, 'p')}});
        const QString message = errorOf([&] { HubClient(settings()).download("finch-test/pickled", "main"); }, HubError::Kind::NotFound);
        QVERIFY2(message.contains("no safetensors weights") && message.contains("safe_serialization"), qPrintable(message));
        QCOMPARE(fileRequests("config.json"), 0); // nothing fetched
    }

    void aCommitIsARevisionToo()
    {
        const std::string commit = hub_.commitOf(kRepo).toStdString();
        const std::string snapshot = HubClient(settings()).download(kRepo.toStdString(), commit);
        QVERIFY(snapshot.ends_with(commit));
        QVERIFY(!fs::exists(repoFolder(kRepo) / "refs" / commit)); // a commit names itself
    }

    void offlineUsesTheCacheOnly()
    {
        HubSettings offline = settings();
        offline.offline = true;
        QString message = errorOf([&] { HubClient(offline).download(kRepo.toStdString(), "main"); }, HubError::Kind::Offline);
        QVERIFY2(message.contains("HF_HUB_OFFLINE") && message.contains(kRepo), qPrintable(message));
        const std::string snapshot = HubClient(settings()).download(kRepo.toStdString(), "main");
        hub_.clearRequests();
        QCOMPARE(HubClient(offline).download(kRepo.toStdString(), "main"), snapshot);
        QCOMPARE(hub_.requests().size(), 0);
    }

    // Two downloads of one repository at once (the CLI and the studio, say): the second waits
    // on the lock of the file the first is fetching, then checks and keeps the first's blob.
    // Each file crosses the network once; both end with verified files.
    void twoDownloadsAtOnceFetchEachFileOnce()
    {
        hub_.stallAfter("model.safetensors", 100000);
        std::atomic<bool> cancel = false, secondWaited = false;
        std::string snapshots[2];
        QString errors[2] = {"running", "running"};
        const auto download = [&](int which) {
            try {
                snapshots[which] = HubClient(settings()).download(kRepo.toStdString(), "main", [&](const DownloadProgress& p) {
                    if (which == 1 && p.waiting && p.file == "model.safetensors")
                        secondWaited = true;
                }, &cancel);
                errors[which].clear();
            } catch (const std::exception& error) {
                errors[which] = error.what();
            }
        };
        std::thread first(download, 0), second;
        const auto stop = qScopeGuard([&] {
            cancel = true;
            hub_.releaseStalled();
            for (std::thread* thread : {&first, &second})
                if (thread->joinable())
                    thread->join();
        });
        // The first is half-way through model.safetensors, holding its lock, when the second starts.
        QTRY_COMPARE_WITH_TIMEOUT(hub_.stalledTransfers(), 1, 10000);
        second = std::thread(download, 1);
        QTRY_VERIFY_WITH_TIMEOUT(secondWaited.load(), 10000);
        hub_.releaseStalled();
        first.join();
        second.join();

        QCOMPARE(errors[0], QString());
        QCOMPARE(errors[1], QString());
        QCOMPARE(snapshots[1], snapshots[0]);
        verifySnapshot(snapshots[0]);
        for (const QString& name : kWanted) // an LFS file: the Hub's redirect, then the CDN's content
            QCOMPARE(fileRequests(name), FakeHub::isLfs(name) ? 2 : 1);
        QVERIFY(fs::exists(lockPath("model.safetensors"))); // left for the next waiter, as filelock leaves it
    }

    // huggingface_hub (filelock) holds the blob's lock while it fetches: Finch waits on the
    // same file, then checks what the other published and keeps it, or fetches it again if
    // it is wrong.
    void waitsWhileHuggingfaceHubHoldsTheLock_data()
    {
        QTest::addColumn<bool>("publishedRight");
        QTest::newRow("the other published the right file") << true;
        QTest::newRow("the other published a wrong one") << false;
    }

    void waitsWhileHuggingfaceHubHoldsTheLock()
    {
        QFETCH(bool, publishedRight);
        HeldLock held(lockPath("model.safetensors"));
        QVERIFY(held.locked());
        std::atomic<bool> cancel = false, waiting = false;
        std::string snapshot;
        QString error = "running";
        std::thread finch([&] {
            try {
                snapshot = HubClient(settings()).download(kRepo.toStdString(), "main", [&](const DownloadProgress& p) {
                    waiting = waiting || (p.waiting && p.file == "model.safetensors");
                }, &cancel);
                error.clear();
            } catch (const std::exception& failure) {
                error = failure.what();
            }
        });
        const auto stop = qScopeGuard([&] {
            cancel = true;
            held.release();
            if (finch.joinable())
                finch.join();
        });
        QTRY_VERIFY_WITH_TIMEOUT(waiting.load(), 10000);
        QTest::qWait(200);
        QCOMPARE(fileRequests("model.safetensors"), 0);

        // What huggingface_hub does under the lock: write a temporary file, rename it to the blob.
        QByteArray published = tinyModelFiles()["model.safetensors"];
        if (!publishedRight)
            published[1000] = char(published[1000] ^ 1);
        writeFileAtomically((repoFolder(kRepo) / "blobs" / etagOf("model.safetensors")).string(), published.toStdString());
        held.release();
        finch.join();

        QCOMPARE(error, QString());
        verifySnapshot(snapshot);
        QCOMPARE(fileRequests("model.safetensors"), publishedRight ? 0 : 2);
    }

    // Waiting for another download ends when the user cancels, with the lock named.
    void cancelsWhileWaitingForALock()
    {
        HeldLock held(lockPath("model.safetensors"));
        QVERIFY(held.locked());
        std::atomic<bool> cancel = false;
        QElapsedTimer clock;
        clock.start();
        const QString message = errorOf(
            [&] {
                HubClient(settings()).download(kRepo.toStdString(), "main", [&](const DownloadProgress& p) {
                    if (p.waiting)
                        cancel = true;
                }, &cancel);
            },
            HubError::Kind::Cancelled);
        QVERIFY2(message.contains("waiting for another download of " + kRepo + "/model.safetensors") &&
                     message.contains(QString::fromStdString(lockPath("model.safetensors").string())),
                 qPrintable(message));
        QVERIFY(clock.elapsed() < 5000);
        QCOMPARE(fileRequests("model.safetensors"), 0);
    }

    // A server that sends more than the listing's size is cut off, whether it says so in
    // Content-Length or just keeps streaming: nothing of it is kept or published.
    void neverWritesMoreThanTheListingPromised_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<bool>("announced");
        QTest::addColumn<QString>("expected");
        const QString weights = QString::number(tinyModelFiles()["model.safetensors"].size());
        const QString config = QString::number(tinyModelFiles()["config.json"].size());
        QTest::newRow("LFS file, streamed on") << "model.safetensors" << false << "sent more than the " + weights + " bytes";
        QTest::newRow("small file, streamed on") << "config.json" << false << "sent more than the " + config + " bytes";
        QTest::newRow("LFS file, a longer Content-Length")
            << "model.safetensors" << true << "the listing promised " + weights + " bytes, but ";
    }

    void neverWritesMoreThanTheListingPromised()
    {
        QFETCH(QString, file);
        QFETCH(bool, announced);
        QFETCH(QString, expected);
        hub_.sendExtra(file, 8 << 20, announced);
        const QString message = errorOf([&] { HubClient(settings()).download(kRepo.toStdString(), "main"); },
                                        HubError::Kind::Checksum);
        QVERIFY2(message.startsWith(kRepo + "/" + file + ": ") && message.contains(expected) &&
                     message.contains("/resolve/") && message.contains("nothing of it was kept"),
                 qPrintable(message));
        const fs::path blob = repoFolder(kRepo) / "blobs" / etagOf(file);
        QVERIFY(!fs::exists(blob));
        QVERIFY(!fs::exists(blob.string() + ".incomplete"));
        QVERIFY(!fs::exists(repoFolder(kRepo) / "snapshots" / hub_.commitOf(kRepo).toStdString() / file.toStdString()));

        verifySnapshot(HubClient(settings()).download(kRepo.toStdString(), "main"));
    }

    // Links planted in the cache (a partial file, a blob or a ref leading outside it) are
    // replaced, never written through; a planted blob is not taken for the file.
    void plantedLinksChangeNothingOutsideTheCache_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("planted"); // in the repository's cache folder
        QTest::addColumn<bool>("hardLink");
        QTest::addColumn<qsizetype>("victimSize"); // of the file outside
        const QString weights = QString::fromStdString("blobs/" + etagOf("model.safetensors"));
        const qsizetype weightsSize = tinyModelFiles()["model.safetensors"].size();
        // A partial file half-way through: resuming appends to it. A blob as long as the file looks complete.
        QTest::newRow("symbolic link at a partial file")
            << "model.safetensors" << weights + ".incomplete" << false << weightsSize / 2;
        QTest::newRow("hard link at a partial file") << "model.safetensors" << weights + ".incomplete" << true << weightsSize / 2;
        QTest::newRow("symbolic link at an LFS blob") << "model.safetensors" << weights << false << weightsSize;
        QTest::newRow("symbolic link at a small file's blob")
            << "config.json" << QString::fromStdString("blobs/" + etagOf("config.json")) << false
            << tinyModelFiles()["config.json"].size();
        QTest::newRow("symbolic link at refs/main") << "config.json" << "refs/main" << false << qsizetype(40);
    }

    void plantedLinksChangeNothingOutsideTheCache()
    {
        QFETCH(QString, file);
        QFETCH(QString, planted);
        QFETCH(bool, hardLink);
        QFETCH(qsizetype, victimSize);
        QTemporaryDir outside;
        const fs::path victim = outside.filePath("victim").toStdString();
        const std::string original(size_t(victimSize), 'v');
        writeFileAtomically(victim.string(), original);
        const fs::path link = repoFolder(kRepo) / planted.toStdString();
        fs::create_directories(link.parent_path());
        if (hardLink)
            fs::create_hard_link(victim, link);
        else
            fs::create_symlink(victim, link);

        std::string snapshot;
        QString error;
        try {
            snapshot = HubClient(settings()).download(kRepo.toStdString(), "main");
        } catch (const std::exception& failure) {
            error = failure.what();
        }
        QCOMPARE(fileBytes(QString::fromStdString(victim.string())).toStdString(), original);
        QCOMPARE(error, QString());
        verifySnapshot(snapshot);
        QVERIFY(!fs::is_symlink(link));
        QVERIFY(!fs::exists(link) || fs::hard_link_count(link) == 1);
    }

    // Blobs get the mode the umask leaves of 0666, as huggingface_hub's do (not a fixed 0644).
    void blobsTakeTheUmask()
    {
        const mode_t saved = ::umask(002);
        const auto restore = qScopeGuard([&] { ::umask(saved); });
        verifySnapshot(HubClient(settings()).download(kRepo.toStdString(), "main"));
        for (const QString& name : kWanted) {
            struct stat info {};
            QCOMPARE(::stat((repoFolder(kRepo) / "blobs" / etagOf(name)).c_str(), &info), 0);
            QCOMPARE(info.st_mode & 0777, 0664u);
        }
    }

    // The token goes over https://, or over plain http:// only to this machine; anywhere else
    // the download stops before its first request. (0.0.0.0 never leaves this machine either,
    // but it is not a loopback name.)
    void theTokenGoesOverPlainHttpOnlyToThisMachine()
    {
        HubSettings remote = settings("hf_secret_token");
        remote.endpoint = "http://0.0.0.0:" + std::to_string(QUrl(hub_.endpoint()).port());
        const QString message = errorOf([&] { HubClient(remote).download(kRepo.toStdString(), "main"); },
                                        HubError::Kind::Network);
        QVERIFY2(message.contains("refusing to send the Hugging Face token to " + QString::fromStdString(remote.endpoint)) &&
                     message.contains("https://") && !message.contains("hf_secret_token"),
                 qPrintable(message));
        QCOMPARE(hub_.requests().size(), 0);
        QVERIFY(fs::is_empty(cache_.path().toStdString()));

        // Loopback by name or address: the gated repository opens with its token.
        const QString gated = "finch-test/gated-llama";
        hub_.addRepo(gated, tinyModelFiles(), "hf_right_token");
        HubSettings local = settings("hf_right_token");
        local.endpoint = "http://LocalHost:" + std::to_string(QUrl(hub_.endpoint()).port());
        QVERIFY(fs::exists(HubClient(local).download(gated.toStdString(), "main") + "/model.safetensors"));
        local.endpoint = "http://[::1]:1"; // nothing listens there: refused by the system, not by Finch
        const QString refused = errorOf([&] { HubClient(local).fetchInfo(gated.toStdString()); }, HubError::Kind::Network);
        QVERIFY2(!refused.contains("refusing"), qPrintable(refused));
    }

    // huggingface_hub itself (the reference environment's) fetches model.safetensors into the
    // same cache at the same time as Finch, each way round: the second waits on the first's
    // lock and fetches nothing. Run by HubDownloadInteropTest, which names the Python.
    void sharesLocksWithHuggingfaceHub()
    {
        const QString python = qEnvironmentVariable("FINCH_REFERENCE_PYTHON");
        if (python.isEmpty())
            QSKIP("needs huggingface_hub: run by HubDownloadInteropTest");
        QTemporaryDir home; // huggingface_hub's own files stay in here
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert("HF_ENDPOINT", hub_.endpoint());
        environment.insert("HF_HOME", home.path());
        environment.insert("HF_HUB_DISABLE_TELEMETRY", "1");
        for (const char* name : {"HF_TOKEN", "HF_HUB_OFFLINE", "HF_HUB_CACHE", "HF_TOKEN_PATH"})
            environment.remove(name);
        const QString sha = sha256(tinyModelFiles()["model.safetensors"]);
        const auto requestsFor = [&](const QByteArray& method, const QString& path) {
            int count = 0;
            for (const FakeHub::Request& request : hub_.requests())
                count += request.method == method && request.path.endsWith(path);
            return count;
        };

        for (const bool pythonFirst : {true, false}) {
            init();
            hub_.stallAfter("model.safetensors", 100000);
            std::atomic<bool> cancel = false, finchWaited = false;
            std::string snapshot;
            QString error = "running";
            std::thread finch;
            const auto startFinch = [&] {
                finch = std::thread([&] {
                    try {
                        snapshot = HubClient(settings()).download(kRepo.toStdString(), "main", [&](const DownloadProgress& p) {
                            finchWaited = finchWaited || (p.waiting && p.file == "model.safetensors");
                        }, &cancel);
                        error.clear();
                    } catch (const std::exception& failure) {
                        error = failure.what();
                    }
                });
            };
            QProcess reference;
            reference.setProcessEnvironment(environment);
            const auto startPython = [&] {
                reference.start(python, {"-I", "-c",
                                         "import sys\nfrom huggingface_hub import hf_hub_download\n"
                                         "print(hf_hub_download(sys.argv[1], 'model.safetensors', cache_dir=sys.argv[2]))",
                                         kRepo, cache_.path()});
                QVERIFY(reference.waitForStarted(10000));
            };
            const auto stop = qScopeGuard([&] {
                cancel = true;
                hub_.releaseStalled();
                if (finch.joinable())
                    finch.join();
                reference.kill();
                reference.waitForFinished();
            });
            if (pythonFirst) {
                startPython();
                QTRY_COMPARE_WITH_TIMEOUT(hub_.stalledTransfers(), 1, 30000); // huggingface_hub holds the lock
                startFinch();
                QTRY_VERIFY_WITH_TIMEOUT(finchWaited.load(), 10000);
            } else {
                startFinch();
                QTRY_COMPARE_WITH_TIMEOUT(hub_.stalledTransfers(), 1, 10000); // Finch holds the lock
                startPython();
                // huggingface_hub reads the file's headers, then waits instead of fetching.
                QTRY_COMPARE_WITH_TIMEOUT(requestsFor("HEAD", "/model.safetensors"), 1, 30000);
                QTest::qWait(1000);
            }
            QCOMPARE(requestsFor("GET", "/cdn/" + sha), 1);
            hub_.releaseStalled();
            finch.join();
            QVERIFY(reference.waitForFinished(60000));
            QVERIFY2(reference.exitStatus() == QProcess::NormalExit && reference.exitCode() == 0,
                     reference.readAllStandardError().constData());

            QCOMPARE(error, QString());
            verifySnapshot(snapshot);
            const QString fromPython = QString::fromUtf8(reference.readAllStandardOutput()).trimmed();
            QCOMPARE(fileBytes(fromPython), tinyModelFiles()["model.safetensors"]);
            QCOMPARE(requestsFor("GET", "/cdn/" + sha), 1); // one transfer in all
        }
    }

    void settingsComeFromTheEnvironment()
    {
        QTemporaryDir home;
        qputenv("HF_HOME", home.path().toUtf8());
        qputenv("HF_ENDPOINT", "http://mirror.example:8080/");
        qputenv("HF_HUB_OFFLINE", "YES");
        qunsetenv("HF_HUB_CACHE");
        qunsetenv("HF_TOKEN");
        qunsetenv("HF_TOKEN_PATH");
        HubSettings environment = hubSettingsFromEnvironment();
        QCOMPARE(environment.endpoint, std::string("http://mirror.example:8080"));
        QCOMPARE(environment.cacheDir, home.path().toStdString() + "/hub");
        QVERIFY(environment.offline);
        QVERIFY(environment.token.empty());

        // The token file is huggingface_hub's, written owner-only.
        storeToken("hf_stored");
        const std::string path = home.path().toStdString() + "/token";
        QCOMPARE(tokenPath(), path);
        struct stat info {};
        QCOMPARE(::stat(path.c_str(), &info), 0);
        QCOMPARE(info.st_mode & 0777, 0600u);
        QCOMPARE(hubSettingsFromEnvironment().token, std::string("hf_stored"));
        qputenv("HF_TOKEN", "hf_from_environment");
        QCOMPARE(hubSettingsFromEnvironment().token, std::string("hf_from_environment"));
        QVERIFY_THROWS_EXCEPTION(Error, storeToken("two words"));

        for (const char* name : {"HF_HOME", "HF_ENDPOINT", "HF_HUB_OFFLINE", "HF_TOKEN"})
            qunsetenv(name);
    }
};

QTEST_GUILESS_MAIN(HubDownloadTest)
#include "HubDownloadTest.moc"
