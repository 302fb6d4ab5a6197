#include "ui/Workspace.h"

#include <QDir>
#include <QFile>

// The samples live in finch_ui's resources; a static library's resources must be
// registered by hand (Q_INIT_RESOURCE works only outside namespaces).
static void registerSampleResources()
{
    Q_INIT_RESOURCE(resources);
}

namespace finch::ui {

Workspace Workspace::open(const QString& root)
{
    registerSampleResources();
    Workspace workspace;
    workspace.root_ = QDir(root).absolutePath();
    QDir dir(workspace.root_);
    dir.mkpath(QStringLiteral("datasets"));
    dir.mkpath(QStringLiteral("runs"));
    const QDir datasets(workspace.datasetsDir());
    if (datasets.entryList(QDir::Files).isEmpty()) {
        for (const char* name : {"sentiment.jsonl", "instructions.jsonl"}) {
            const QString target = datasets.filePath(QString::fromLatin1(name));
            QFile::copy(QStringLiteral(":/samples/") + QString::fromLatin1(name), target);
            // Resource files are read-only; the user's copy must be editable.
            QFile::setPermissions(target, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther);
        }
    }
    return workspace;
}

QString Workspace::defaultRoot()
{
    return QDir::home().filePath(QStringLiteral("finch-workspace"));
}

QString Workspace::datasetsDir() const { return QDir(root_).filePath(QStringLiteral("datasets")); }
QString Workspace::runsDir() const { return QDir(root_).filePath(QStringLiteral("runs")); }
QString Workspace::recoveryDir() const { return QDir(root_).filePath(QStringLiteral(".recovery")); }
QString Workspace::sentimentSample() const { return QDir(datasetsDir()).filePath(QStringLiteral("sentiment.jsonl")); }

} // namespace finch::ui
