#pragma once
// A stand-in for the Hugging Face Hub on loopback, for tests of the real download code. It
// answers the Hub's URL layout with the Hub's headers:
//   GET /api/models/ORG/NAME/revision/REV?blobs=true  the listing (sha, gated, siblings)
//   GET /ORG/NAME/resolve/REV/FILE                    small files; LFS files redirect (302)
//   GET /cdn/SHA256                                   LFS content, with Range support,
// served on its own thread, so the code under test may block. HEAD is answered with the
// headers alone, as huggingface_hub asks for them. It can also misbehave: drop a connection
// part-way through a file, hold one part-way until told to go on (so that two downloads
// overlap), serve content that does not match its hash or is longer than the listing says,
// refuse ranges, and refuse a gated repository without the right token (401) or an unknown one.
// LFS redirects go to "localhost" while the endpoint is "127.0.0.1": another host, so the
// client must not carry the token there.
#include <QByteArray>
#include <QList>
#include <QPair>
#include <QPointer>
#include <QMap>
#include <QMutex>
#include <QString>
#include <QStringList>
#include <QThread>

class QTcpServer;
class QTcpSocket;

class FakeHub {
public:
    struct Request {
        QByteArray method;
        QString path;
        QByteArray range;         // the Range header, if any
        QByteArray authorization; // the Authorization header, if any
        QByteArray host;
    };

    FakeHub();
    ~FakeHub();

    // Files of FILE -> content; names ending in .safetensors or .bin are stored in LFS.
    void addRepo(const QString& repoId, const QMap<QString, QByteArray>& files, const QString& gatedToken = {});
    QString commitOf(const QString& repoId) const;
    static bool isLfs(const QString& file);

    QString endpoint() const; // http://127.0.0.1:PORT

    // Faults, each for the next transfer of that file only.
    void dropAfter(const QString& file, qint64 bytes); // close the connection after `bytes`
    void corrupt(const QString& file);                 // serve one flipped byte
    // Serve `bytes` more than the file (junk), with a Content-Length that says so when
    // `announced`, else none: the body then ends when the connection closes.
    void sendExtra(const QString& file, qint64 bytes, bool announced);
    // Send the first `bytes` and hold the rest until releaseStalled().
    void stallAfter(const QString& file, qint64 bytes);
    int stalledTransfers() const;
    void releaseStalled();
    void setIgnoreRanges(bool ignore);                 // answer ranges with the whole file

    QList<Request> requests() const;
    void clearRequests();

private:
    struct Repo {
        QString commit;
        QString gatedToken;
        QMap<QString, QByteArray> files;
    };
    // How one answer goes out, faults included.
    struct Delivery {
        qint64 cutAfter = -1;   // close the connection after this many bytes of the body
        qint64 stallAfter = -1; // hold the rest of the body until releaseStalled()
        bool announceLength = true;
    };
    struct Stalled {
        QPointer<QTcpSocket> socket; // gone if the client hung up
        QByteArray rest;
    };
    void serve(QTcpSocket* socket, const QByteArray& head);
    void respond(QTcpSocket* socket, int status, const QList<QPair<QByteArray, QByteArray>>& headers,
                 const QByteArray& body, const Delivery& delivery);
    void respond(QTcpSocket* socket, int status, const QList<QPair<QByteArray, QByteArray>>& headers,
                 const QByteArray& body)
    {
        respond(socket, status, headers, body, Delivery());
    }

    QThread thread_;
    QObject* context_ = nullptr; // lives in thread_, owns the server and its sockets
    QTcpServer* server_ = nullptr;
    quint16 port_ = 0;
    mutable QMutex mutex_;
    QMap<QString, Repo> repos_;
    QMap<QString, qint64> dropAfter_;
    QStringList corrupt_;
    QMap<QString, QPair<qint64, bool>> extra_;
    QMap<QString, qint64> stallAfter_;
    QList<Stalled> stalled_;
    bool ignoreRanges_ = false;
    QList<Request> requests_;
};
