// How long the studio's event loop goes without running while Finch works: the longest
// stall and the 99th percentile, measured by ui::StallProbe (the probe FINCH_STALL_PROBE
// turns on in the studio), in three phases of one session:
//   idle       the window doing nothing: the machine's own floor, the peer of this bench;
//   training   finch-tiny trained from the Train page (live chart, log, progress);
//   pre-label  10,000 rows pre-labelled on the Data page with that run;
// and, apart, opening those 10,000 rows and handing the table their predictions.
// A stall over 16 ms is a frame the window could not draw. Run it under Xvfb or with
// QT_QPA_PLATFORM=offscreen: build/bin/bench_event_loop_stall
#include "ui/data/DataPage.h"
#include "ui/data/DatasetTableModel.h"
#include "ui/MainWindow.h"
#include "ui/train/RunConfigForm.h"
#include "ui/StallProbe.h"
#include "ui/train/TrainPage.h"
#include "ui/train/TrainingRunner.h"
#include "ui/Workspace.h"

#include <QApplication>
#include <QEventLoop>
#include <QFile>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>

using namespace finch::ui;

namespace {

struct Phase {
    const char* name;
    double longest, p99;
    int over16, ticks;
};

Phase measure(const char* name, StallProbe& probe)
{
    return {name, probe.longestStallMs(), probe.percentileStallMs(99), probe.stallsOver(16), probe.ticks()};
}

template <typename Signal, typename Sender>
void waitFor(Sender* sender, Signal signal)
{
    QEventLoop loop;
    QObject::connect(sender, signal, &loop, &QEventLoop::quit);
    loop.exec();
}

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true); // the bench's settings stay out of the user's
    QApplication::setOrganizationName(QStringLiteral("FinchBench"));
    QTemporaryDir dir;
    // finch-tiny every time: no model from the machine's Hugging Face cache is preferred.
    qputenv("HF_HUB_CACHE", dir.filePath(QStringLiteral("empty-cache")).toUtf8());
    MainWindow window(dir.filePath(QStringLiteral("workspace")));
    window.resize(1280, 800);
    window.show();
    StallProbe probe;
    std::vector<Phase> phases;

    // Idle: let start-up settle (the engine loads in the background), then measure.
    QEventLoop settle;
    QTimer::singleShot(4000, &settle, &QEventLoop::quit);
    settle.exec();
    probe.start();
    QEventLoop idle;
    QTimer::singleShot(3000, &idle, &QEventLoop::quit);
    idle.exec();
    phases.push_back(measure("idle", probe));

    TrainPage* train = window.trainPage();
    finch::train::RunConfig settings = train->form()->config();
    settings.maxSteps = 60;
    settings.loggingSteps = 1;
    settings.evalSteps = 20;
    settings.tokenizerVocabSize = 600;
    settings.maxSequenceLength = 64;
    train->form()->setConfig(settings);
    probe.reset();
    train->startTraining();
    waitFor(train, &TrainPage::runFinished);
    phases.push_back(measure("training", probe));

    // 10,000 rows from the sample, nine in ten without a label.
    const QString sample = window.workspace().sentimentSample();
    QFile in(sample);
    in.open(QIODevice::ReadOnly);
    QStringList lines = QString::fromUtf8(in.readAll()).split('\n', Qt::SkipEmptyParts);
    const QString big = dir.filePath(QStringLiteral("workspace/datasets/sentiment-10k.jsonl"));
    QFile out(big);
    out.open(QIODevice::WriteOnly);
    for (int i = 0; i < 10000; ++i) {
        QString line = lines[i % lines.size()];
        if (i % 10 != 0)
            line.replace(QRegularExpression(QStringLiteral("\"label\": *\"[a-z]+\"")), QStringLiteral("\"label\": \"\""));
        out.write(line.toUtf8() + '\n');
    }
    out.close();
    DataPage* data = window.dataPage();
    probe.reset();
    data->openDataset(big); // one stall by design: reading the file happens on the event loop
    QEventLoop opened; // and the work opening schedules (column widths, the label chart)
    QTimer::singleShot(1000, &opened, &QEventLoop::quit);
    opened.exec();
    phases.push_back(measure("open 10,000 rows", probe));
    probe.reset();
    data->prelabel(train->lastRunPath());
    waitFor(data, &DataPage::prelabelled);
    phases.push_back(measure("pre-label 10,000 rows", probe));

    // Handing the table 10,000 predictions again, alone: its share of the phase above.
    std::vector<std::optional<LabelPrediction>> predictions;
    for (int row = 0; row < data->model()->rowCount(); ++row)
        predictions.push_back(data->model()->predictionOf(row));
    probe.reset();
    data->model()->setPredictions(std::move(predictions), QStringLiteral("again"));
    QEventLoop shown;
    QTimer::singleShot(500, &shown, &QEventLoop::quit);
    shown.exec();
    phases.push_back(measure("show 10,000 predictions", probe));
    probe.stop();

    std::printf("%-24s %12s %10s %12s %8s\n", "phase", "longest ms", "p99 ms", "over 16 ms", "ticks");
    for (const Phase& phase : phases)
        std::printf("%-24s %12.1f %10.1f %12d %8d\n", phase.name, phase.longest, phase.p99, phase.over16, phase.ticks);
    std::printf("ratio of the longest stall to idle: training %.1fx, pre-label %.1fx\n",
                phases[1].longest / std::max(0.1, phases[0].longest), phases[3].longest / std::max(0.1, phases[0].longest));
    std::printf("rows predicted: %d\n", data->model()->hasPredictions() ? data->model()->rowCount() : 0);
    return 0;
}
