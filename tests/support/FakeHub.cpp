#include "FakeHub.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutexLocker>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>

namespace {

QByteArray hex(QCryptographicHash::Algorithm algorithm, const QByteArray& data)
{
    return QCryptographicHash::hash(data, algorithm).toHex();
}

// git's blob hash, which the Hub uses as the etag of files kept outside LFS.
QByteArray gitBlobId(const QByteArray& content)
{
    QByteArray header = "blob " + QByteArray::number(content.size());
    header.append('\0');
    return hex(QCryptographicHash::Sha1, header + content);
}

const char* reason(int status)
{
    switch (status) {
    case 200: return "OK";
    case 206: return "Partial Content";
    case 302: return "Found";
    case 401: return "Unauthorized";
    case 404: return "Not Found";
    case 416: return "Range Not Satisfiable";
    default: return "Error";
    }
}

} // namespace

FakeHub::FakeHub()
{
    thread_.start();
    context_ = new QObject;
    context_->moveToThread(&thread_);
    QMetaObject::invokeMethod(
        context_,
        [this] {
            server_ = new QTcpServer(context_);
            server_->listen(QHostAddress::LocalHost, 0);
            port_ = server_->serverPort();
            QObject::connect(server_, &QTcpServer::newConnection, context_, [this] {
                while (QTcpSocket* socket = server_->nextPendingConnection()) {
                    QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
                    QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                        QByteArray head = socket->property("head").toByteArray() + socket->readAll();
                        const qsizetype end = head.indexOf("\r\n\r\n");
                        if (end < 0) {
                            socket->setProperty("head", head);
                            return;
                        }
                        serve(socket, head.left(end));
                    });
                }
            });
        },
        Qt::BlockingQueuedConnection);
}

FakeHub::~FakeHub()
{
    QMetaObject::invokeMethod(context_, [this] { delete context_; }, Qt::BlockingQueuedConnection);
    thread_.quit();
    thread_.wait();
}

bool FakeHub::isLfs(const QString& file)
{
    return file.endsWith(".safetensors") || file.endsWith(".bin");
}

void FakeHub::addRepo(const QString& repoId, const QMap<QString, QByteArray>& files, const QString& gatedToken)
{
    QMutexLocker lock(&mutex_);
    Repo repo;
    repo.files = files;
    repo.gatedToken = gatedToken;
    QByteArray seed = repoId.toUtf8();
    for (auto it = files.begin(); it != files.end(); ++it)
        seed += it.key().toUtf8() + hex(QCryptographicHash::Sha256, it.value());
    repo.commit = QString::fromLatin1(hex(QCryptographicHash::Sha1, seed));
    repos_[repoId] = repo;
}

QString FakeHub::commitOf(const QString& repoId) const
{
    QMutexLocker lock(&mutex_);
    return repos_.value(repoId).commit;
}

QString FakeHub::endpoint() const
{
    return QStringLiteral("http://127.0.0.1:%1").arg(port_);
}

void FakeHub::dropAfter(const QString& file, qint64 bytes)
{
    QMutexLocker lock(&mutex_);
    dropAfter_[file] = bytes;
}

void FakeHub::corrupt(const QString& file)
{
    QMutexLocker lock(&mutex_);
    corrupt_ << file;
}

void FakeHub::sendExtra(const QString& file, qint64 bytes, bool announced)
{
    QMutexLocker lock(&mutex_);
    extra_[file] = {bytes, announced};
}

void FakeHub::stallAfter(const QString& file, qint64 bytes)
{
    QMutexLocker lock(&mutex_);
    stallAfter_[file] = bytes;
}

int FakeHub::stalledTransfers() const
{
    QMutexLocker lock(&mutex_);
    return int(stalled_.size());
}

void FakeHub::releaseStalled()
{
    QMetaObject::invokeMethod(
        context_,
        [this] {
            QMutexLocker lock(&mutex_);
            for (const Stalled& stalled : std::as_const(stalled_))
                if (stalled.socket) {
                    stalled.socket->write(stalled.rest);
                    stalled.socket->disconnectFromHost();
                }
            stalled_.clear();
        },
        Qt::BlockingQueuedConnection);
}

void FakeHub::setIgnoreRanges(bool ignore)
{
    QMutexLocker lock(&mutex_);
    ignoreRanges_ = ignore;
}

QList<FakeHub::Request> FakeHub::requests() const
{
    QMutexLocker lock(&mutex_);
    return requests_;
}

void FakeHub::clearRequests()
{
    QMutexLocker lock(&mutex_);
    requests_.clear();
}

void FakeHub::respond(QTcpSocket* socket, int status, const QList<QPair<QByteArray, QByteArray>>& headers,
                      const QByteArray& body, const Delivery& delivery)
{
    QByteArray out = "HTTP/1.1 " + QByteArray::number(status) + " " + reason(status) + "\r\n";
    for (const auto& [name, value] : headers)
        out += name + ": " + value + "\r\n";
    if (delivery.announceLength)
        out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    out += "Connection: close\r\n\r\n";
    if (socket->property("method").toByteArray() == "HEAD") {
        socket->write(out);
    } else if (delivery.stallAfter >= 0) {
        socket->write(out + body.left(delivery.stallAfter));
        socket->flush();
        stalled_.append({socket, body.mid(delivery.stallAfter)});
        return;
    } else {
        socket->write(out + (delivery.cutAfter >= 0 ? body.left(delivery.cutAfter) : body));
    }
    socket->flush();
    socket->disconnectFromHost();
}

void FakeHub::serve(QTcpSocket* socket, const QByteArray& head)
{
    const QList<QByteArray> lines = head.split('\n');
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    Request request;
    request.method = requestLine.value(0);
    request.path = QUrl::fromPercentEncoding(requestLine.value(1));
    socket->setProperty("method", request.method);
    for (const QByteArray& line : lines.mid(1)) {
        const qsizetype colon = line.indexOf(':');
        const QByteArray name = line.left(colon).trimmed().toLower(), value = line.mid(colon + 1).trimmed();
        if (name == "range")
            request.range = value;
        else if (name == "authorization")
            request.authorization = value;
        else if (name == "host")
            request.host = value;
    }

    QMutexLocker lock(&mutex_);
    requests_ << request;
    const QString path = request.path.section('?', 0, 0);
    const auto errorHeaders = [](const QByteArray& code) { return QList<QPair<QByteArray, QByteArray>>{{"X-Error-Code", code}}; };

    // Content with this transfer's faults applied (each fault happens once; HEAD has none).
    const auto content = [&](const QString& file, const QByteArray& data, Delivery& delivery) {
        QByteArray body = data;
        if (request.method == "HEAD")
            return body;
        if (corrupt_.removeOne(file) && !body.isEmpty())
            body[body.size() / 2] = char(body[body.size() / 2] ^ 0x5a);
        if (extra_.contains(file)) {
            const auto [bytes, announced] = extra_.take(file);
            body += QByteArray(bytes, 'x');
            delivery.announceLength = announced;
        }
        delivery.cutAfter = dropAfter_.contains(file) ? dropAfter_.take(file) : -1;
        delivery.stallAfter = stallAfter_.contains(file) ? stallAfter_.take(file) : -1;
        return body;
    };

    if (path.startsWith("/api/models/")) {
        const QStringList parts = path.mid(int(strlen("/api/models/"))).split('/');
        const QString repoId = parts.value(0) + "/" + parts.value(1);
        if (!repos_.contains(repoId) || parts.value(2) != "revision")
            return respond(socket, 401, errorHeaders("RepoNotFound"), R"({"error":"Repository not found"})");
        const Repo& repo = repos_[repoId];
        const QString revision = parts.mid(3).join('/');
        if (revision != "main" && revision != repo.commit)
            return respond(socket, 404, errorHeaders("RevisionNotFound"), R"({"error":"Invalid rev id"})");
        QJsonArray siblings;
        for (auto it = repo.files.begin(); it != repo.files.end(); ++it) {
            QJsonObject sibling{{"rfilename", it.key()}, {"size", qint64(it.value().size())}};
            if (isLfs(it.key())) {
                sibling["blobId"] = QString::fromLatin1(hex(QCryptographicHash::Sha1, it.value()));
                sibling["lfs"] = QJsonObject{{"sha256", QString::fromLatin1(hex(QCryptographicHash::Sha256, it.value()))},
                                             {"size", qint64(it.value().size())},
                                             {"pointerSize", 134}};
            } else {
                sibling["blobId"] = QString::fromLatin1(gitBlobId(it.value()));
            }
            siblings.append(sibling);
        }
        const QJsonObject listing{{"id", repoId},
                                  {"sha", repo.commit},
                                  {"gated", repo.gatedToken.isEmpty() ? QJsonValue(false) : QJsonValue("manual")},
                                  {"siblings", siblings}};
        return respond(socket, 200, {{"Content-Type", "application/json"}}, QJsonDocument(listing).toJson(QJsonDocument::Compact));
    }

    if (path.startsWith("/cdn/")) {
        const QByteArray sha = path.mid(5).toLatin1();
        for (const Repo& repo : std::as_const(repos_))
            for (auto it = repo.files.begin(); it != repo.files.end(); ++it) {
                if (hex(QCryptographicHash::Sha256, it.value()) != sha)
                    continue;
                Delivery delivery;
                const QByteArray body = content(it.key(), it.value(), delivery);
                qint64 from = 0;
                if (request.range.startsWith("bytes=") && !ignoreRanges_)
                    from = request.range.mid(6).split('-').value(0).toLongLong();
                if (from == 0)
                    return respond(socket, 200, {{"ETag", '"' + sha + '"'}}, body, delivery);
                if (from >= body.size())
                    return respond(socket, 416, {{"Content-Range", "bytes */" + QByteArray::number(body.size())}}, {});
                const QByteArray range = "bytes " + QByteArray::number(from) + "-" + QByteArray::number(body.size() - 1) + "/" +
                                         QByteArray::number(body.size());
                return respond(socket, 206, {{"Content-Range", range}, {"ETag", '"' + sha + '"'}}, body.mid(from), delivery);
            }
        return respond(socket, 404, {}, "no such object");
    }

    // /ORG/NAME/resolve/REV/FILE
    const QStringList parts = path.mid(1).split('/');
    const QString repoId = parts.value(0) + "/" + parts.value(1);
    if (parts.value(2) != "resolve" || !repos_.contains(repoId))
        return respond(socket, 401, errorHeaders("RepoNotFound"), "Repository not found");
    const Repo& repo = repos_[repoId];
    if (!repo.gatedToken.isEmpty() && request.authorization != "Bearer " + repo.gatedToken.toUtf8())
        return respond(socket, 401, errorHeaders("GatedRepo"), "Access to this model is restricted");
    const QString revision = parts.value(3), file = parts.mid(4).join('/');
    if (revision != "main" && revision != repo.commit)
        return respond(socket, 404, errorHeaders("RevisionNotFound"), "Invalid rev id");
    if (!repo.files.contains(file))
        return respond(socket, 404, errorHeaders("EntryNotFound"), "Entry not found");
    const QByteArray data = repo.files[file];
    const QList<QPair<QByteArray, QByteArray>> common{{"X-Repo-Commit", repo.commit.toLatin1()}};
    if (isLfs(file)) {
        const QByteArray sha = hex(QCryptographicHash::Sha256, data);
        return respond(socket, 302,
                       common + QList<QPair<QByteArray, QByteArray>>{
                                    {"Location", "http://localhost:" + QByteArray::number(port_) + "/cdn/" + sha},
                                    {"X-Linked-Etag", '"' + sha + '"'},
                                    {"X-Linked-Size", QByteArray::number(data.size())}},
                       {});
    }
    Delivery delivery;
    const QByteArray body = content(file, data, delivery);
    return respond(socket, 200, common + QList<QPair<QByteArray, QByteArray>>{{"ETag", '"' + gitBlobId(data) + '"'}}, body,
                   delivery);
}
