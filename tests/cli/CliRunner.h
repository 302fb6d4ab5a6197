#pragma once
// Runs the real finch executable, as a user or a script would.
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QtTest>

struct CliResult {
    int exitCode = -1;
    QString out;
    QString err;
};

inline CliResult runProgram(const QString& program, const QStringList& arguments, const QString& workingDir = {},
                            const QByteArray& input = {},
                            const QProcessEnvironment& environment = QProcessEnvironment::systemEnvironment())
{
    QProcess process;
    process.setProcessEnvironment(environment);
    if (!workingDir.isEmpty())
        process.setWorkingDirectory(workingDir);
    process.start(program, arguments);
    if (!process.waitForStarted(10000))
        return {-1, {}, "could not start " + program};
    if (!input.isEmpty())
        process.write(input);
    process.closeWriteChannel();
    process.waitForFinished(120000);
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardOutput()), QString::fromUtf8(process.readAllStandardError())};
}

inline CliResult runFinch(const QStringList& arguments, const QString& workingDir = {}, const QByteArray& input = {})
{
    return runProgram(QStringLiteral(FINCH_CLI_PATH), arguments, workingDir, input);
}

inline void writeText(const QString& path, const QByteArray& content)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
}

inline QByteArray readText(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}
