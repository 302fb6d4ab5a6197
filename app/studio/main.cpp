// finch-studio: the desktop application.
#include "ui/Application.h"
#include "ui/data/DataPage.h"
#include "ui/MainWindow.h"
#include "ui/Preferences.h"
#include "ui/StallProbe.h"
#include "ui/train/TrainPage.h"
#include "ui/Translations.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFile>
#include <QIcon>

#include <csignal>
#include <cstdlib>

int main(int argc, char** argv)
{
    std::signal(SIGXFSZ, SIG_IGN); // a file-size limit fails a save with a message instead of killing us
    finch::ui::Application app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Finch"));
    QApplication::setApplicationName(QStringLiteral("Finch Studio"));
    QApplication::setApplicationVersion(QStringLiteral(FINCH_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("finch-studio"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/finch-studio.png")));
    finch::ui::installTranslators(finch::ui::Preferences::load().language);

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Fine-tune language models: label, train, compare."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption workspace(QStringLiteral("workspace"),
                                       QApplication::translate("main", "Open this workspace folder."),
                                       QApplication::translate("main", "folder"));
    parser.addOption(workspace);
    parser.addPositionalArgument(QStringLiteral("dataset"), QApplication::translate("main", "A dataset file to open."),
                                 QStringLiteral("[dataset]"));
    parser.process(app);

    finch::ui::MainWindow window(parser.value(workspace));
    window.show();
    // FINCH_STALL_PROBE=FILE: the longest event-loop stall of the session, written on exit.
    finch::ui::StallProbe probe;
    const QString probeFile = qEnvironmentVariable("FINCH_STALL_PROBE");
    if (!probeFile.isEmpty()) {
        probe.start();
        QObject::connect(&app, &QCoreApplication::aboutToQuit, &probe, [&probe, probeFile] {
            QFile out(probeFile);
            if (out.open(QIODevice::WriteOnly | QIODevice::Truncate))
                out.write(probe.toJson() + "\n");
        });
    }
    if (!parser.positionalArguments().isEmpty())
        window.dataPage()->openDataset(parser.positionalArguments().first());
    const int code = app.exec();
    // Closed while a run was still preparing (reading data, training its tokenizer, loading
    // its model), which cannot stop half way and holds nothing to save: end without waiting.
    if (window.trainPage()->runner()->isRunning())
        std::quick_exit(code);
    return code;
}
