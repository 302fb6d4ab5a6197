// The studio never dies on a file it opens: hostile datasets, model folders, run folders
// and run configurations go through the real pages, under the studio's own QApplication,
// which turns an escaped exception into an error dialog. Dialogs are answered by a
// DialogAnswerer, so every refusal a person would see is checked too. Closing during a
// run's preparation returns at once; split targets and recovery copies are never replaced
// or deleted without asking.
#include "core/common/FileIO.h"
#include "core/common/Error.h"
#include "core/runs/RunFolder.h"
#include "ui/Application.h"
#include "ui/compare/ComparePage.h"
#include "ui/data/DataPage.h"
#include "ui/evaluate/EvaluatePage.h"
#include "ui/MainWindow.h"
#include "ui/model/ModelPage.h"
#include "ui/train/TrainPage.h"
#include "ui/Workspace.h"

#include "DialogAnswerer.h"

#include <QDialog>
#include <QDialogButtonBox>
#include <QElapsedTimer>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

#include <sys/stat.h>

using namespace finch;
using namespace finch::ui;

namespace {

void writeFile(const QString& path, const QByteArray& content)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
}

QByteArray deeplyNested(int levels)
{
    return "{\"text\": " + QByteArray(levels, '[') + QByteArray(levels, ']') + "}";
}

// A run folder that looks finished, with the given run.json, metrics.jsonl and eval.json.
void makeRun(const QString& runs, const QString& id, const QByteArray& runJson, const QByteArray& metrics,
             const QByteArray& evalJson)
{
    const QDir dir(runs + "/" + id);
    QVERIFY(QDir().mkpath(dir.filePath("final")));
    writeFile(dir.filePath("run.json"), runJson);
    writeFile(dir.filePath("metrics.jsonl"), metrics);
    writeFile(dir.filePath("eval.json"), evalJson);
}

} // namespace

class HostileInputsTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setOrganizationName("FinchTest");
    }

    void anEscapedExceptionBecomesAnErrorDialog()
    {
        struct Thrower : QObject {
            bool event(QEvent*) override { throw Error("run.json: 'status': expected a status"); }
        } thrower;
        QString reported;
        auto* app = static_cast<Application*>(QCoreApplication::instance());
        app->setErrorReporter([&](const QString& message) { reported = message; });
        QEvent event(QEvent::User);
        QVERIFY(!QCoreApplication::sendEvent(&thrower, &event));
        QCOMPARE(reported, QString("run.json: 'status': expected a status"));
        app->setErrorReporter({});
    }

    void hostileDatasetsOpenOrAreRefused()
    {
        QTemporaryDir dir;
        MainWindow window(dir.filePath("workspace"));
        DataPage* page = window.dataPage();
        DialogAnswerer answerer(QMessageBox::Ok);

        writeFile(dir.filePath("deep.jsonl"), deeplyNested(300000) + "\n{\"text\": \"fine\", \"label\": \"a\"}\n");
        QVERIFY(page->openDataset(dir.filePath("deep.jsonl"))); // opens: the deep row is kept and reported
        QCOMPARE(page->model()->rowCount(), 2);

        writeFile(dir.filePath("overflow.jsonl"), "{\"text\": \"x\", \"weight\": 1e999}\n");
        QVERIFY(page->openDataset(dir.filePath("overflow.jsonl")));

        // Saving it as CSV would lose the row that could not be read: refused, nothing written.
        QVERIFY(!page->saveAs(dir.filePath("overflow.csv")));
        QVERIFY(!QFile::exists(dir.filePath("overflow.csv")));
        QVERIFY(answerer.texts.last().contains("cannot be written as csv"));

        const QString fifo = dir.filePath("pipe.jsonl");
        QCOMPARE(::mkfifo(fifo.toLocal8Bit().constData(), 0600), 0);
        QElapsedTimer clock;
        clock.start();
        QVERIFY(!page->openDataset(fifo)); // would block for ever waiting for a writer
        QVERIFY(clock.elapsed() < 5000);
        QVERIFY(answerer.texts.last().contains("a named pipe"));

        QFile::link("/dev/zero", dir.filePath("zero.jsonl"));
        QVERIFY(!page->openDataset(dir.filePath("zero.jsonl")));
        QVERIFY(answerer.texts.last().contains("a device"));
        QCOMPARE(page->model()->rowCount(), 1); // the last dataset that opened is still there
    }

    void hostileModelFoldersAreRefusedWithTheReason()
    {
        QTemporaryDir dir;
        ModelPage page;
        QDir().mkpath(dir.filePath("deep"));
        writeFile(dir.filePath("deep/config.json"), deeplyNested(100000));
        QVERIFY(!page.chooseModel(dir.filePath("deep")));
        QVERIFY(page.summaryText().contains("nested more than 256 levels"));

        QDir().mkpath(dir.filePath("huge"));
        writeFile(dir.filePath("huge/config.json"),
                  R"({"architectures": ["LlamaForCausalLM"], "vocab_size": 99999999999, "hidden_size": 64,
                      "intermediate_size": 128, "num_hidden_layers": 2, "num_attention_heads": 4})");
        QVERIFY(!page.chooseModel(dir.filePath("huge")));
        QVERIFY(page.summaryText().contains("expected an integer from 1 to 16777216"));

        // Text from config.json is shown as text, never as markup.
        QDir().mkpath(dir.filePath("markup"));
        writeFile(dir.filePath("markup/config.json"),
                  R"({"architectures": ["LlamaForCausalLM"], "vocab_size": 256, "hidden_size": 64, "intermediate_size": 128,
                      "num_hidden_layers": 2, "num_attention_heads": 4, "torch_dtype": "<img src=x><b>float32</b>"})");
        QVERIFY(page.chooseModel(dir.filePath("markup")));
        QVERIFY(page.summaryText().contains("&lt;img src=x&gt;&lt;b&gt;float32&lt;/b&gt;"));
        QVERIFY(!page.summaryText().contains("<img"));
    }

    void hostileRunFoldersListCompareAndOpen()
    {
        QTemporaryDir dir;
        const QString runs = dir.filePath("runs");
        const QByteArray goodRun = R"({"id": "x", "status": "completed", "config": {"train_file": "a.jsonl"}})";
        const QByteArray eval = R"({"task": "classification", "metrics": {"accuracy": 0.5, "labels": ["a", "b", "c"],
                                    "confusion_matrix": [[1, 0], [0, 1]], "per_class": []}, "rows": []})";
        makeRun(runs, "20260101-000001-small-matrix", goodRun, "{\"event\":\"step\",\"step\":1,\"loss\":null}\n", eval);
        makeRun(runs, "20260101-000002-broken-run-json", "{\"status\": 42", "", "[]");
        makeRun(runs, "20260101-000003-wrong-shapes", R"({"status": "completed", "result": {"steps": "many"}})",
                "{\"event\":\"warp\"}\nnot json\n", R"({"task": "classification", "metrics": [1, 2]})");

        ComparePage compare;
        compare.setRunsFolder(runs);
        QCOMPARE(compare.runList()->count(), 3);
        compare.setChecked({"20260101-000001-small-matrix", "20260101-000002-broken-run-json",
                            "20260101-000003-wrong-shapes"});
        int unreadable = 0;
        for (int i = 0; i < compare.runList()->count(); ++i)
            unreadable += compare.runList()->item(i)->text().contains("unreadable");
        QCOMPARE(unreadable, 3); // each says why in its tooltip
        const auto small = compare.runList()->findItems("20260101-000001-small-matrix", Qt::MatchStartsWith);
        QCOMPARE(small.size(), 1);
        QVERIFY(small[0]->toolTip().contains("confusion_matrix"));
        QVERIFY(small[0]->toolTip().startsWith("<qt>")); // escaped, inside an explicit frame

        EvaluatePage evaluate;
        evaluate.setRunsFolder(runs);
        for (const QString id : {"20260101-000001-small-matrix", "20260101-000003-wrong-shapes"}) {
            evaluate.selectRun(runs + "/" + id);
            QVERIFY2(evaluate.stateText().contains("eval.json"), qPrintable(evaluate.stateText()));
            QCOMPARE(evaluate.metricTable()->rowCount(), 0);
        }
    }

    void hostileRunConfigurationsAreRefused()
    {
        QTemporaryDir dir;
        TrainPage page;
        page.show(); // the error line shows only on a visible page
        writeFile(dir.filePath("deep.json"), deeplyNested(200000));
        QVERIFY(!page.loadConfig(dir.filePath("deep.json")));
        QVERIFY(page.errorText().contains("nested more than 256 levels"));
        writeFile(dir.filePath("seed.json"), R"({"train_file": "a.jsonl", "seed": -1})");
        QVERIFY(!page.loadConfig(dir.filePath("seed.json")));
        QVERIFY(page.errorText().contains("'seed': expected a non-negative integer, found -1"));
        writeFile(dir.filePath("markup.json"), R"({"train_file": "a.jsonl", "<b>x</b>": 1})");
        QVERIFY(!page.loadConfig(dir.filePath("markup.json")));
        QVERIFY(page.errorText().contains("unknown setting '<b>x</b>'")); // plain text: the tags show
    }

    void splitAsksBeforeReplacingFiles()
    {
        QTemporaryDir dir;
        MainWindow window(dir.filePath("workspace"));
        DataPage* page = window.dataPage();
        const QString train = QFileInfo(page->path()).dir().filePath("sentiment-train.jsonl");
        writeFile(train, "precious\n");
        {
            DialogAnswerer answerer(QMessageBox::Cancel);
            page->showSplitDialog();
            QVERIFY(answerer.texts.join(" ").contains("sentiment-train.jsonl"));
        }
        QCOMPARE(readWholeFile(train.toStdString()), std::string("precious\n")); // kept
        {
            DialogAnswerer answerer(QMessageBox::Yes);
            page->showSplitDialog();
        }
        QVERIFY(readWholeFile(train.toStdString()).size() > 1000); // replaced when asked to
    }

    void theRecoveryCopyGoesOnlyWhenAskedTo()
    {
        QTemporaryDir dir;
        MainWindow window(dir.filePath("workspace"));
        DataPage* page = window.dataPage();
        const QString dataset = page->path();
        page->model()->setLabel(0, "neutral");
        page->autosave();
        const QDir recovery(window.workspace().recoveryDir());
        QCOMPARE(recovery.entryList(QDir::Files).size(), 1);
        page->model()->undoStack()->setClean(); // as after a crash: the edits live only in the copy
        {
            DialogAnswerer answerer(QMessageBox::Cancel);
            QVERIFY(!page->openDataset(dataset));
            QCOMPARE(answerer.texts.size(), 1);
        }
        QCOMPARE(recovery.entryList(QDir::Files).size(), 1);
        {
            DialogAnswerer answerer(QMessageBox::Discard);
            QVERIFY(page->openDataset(dataset));
        }
        QCOMPARE(recovery.entryList(QDir::Files).size(), 0);
    }

    void closingWhileARunPreparesReturnsAtOnce()
    {
        QTemporaryDir dir;
        // Enough rows that reading them and training the tokenizer take a while.
        QByteArray rows;
        for (int i = 0; i < 150000; ++i)
            rows += "{\"text\": \"review " + QByteArray::number(i) + " of something quite long and varied " +
                    QByteArray::number(i * 7919 % 10007) + "\", \"label\": \"" + (i % 2 ? "a" : "b") + "\"}\n";
        writeFile(dir.filePath("many.jsonl"), rows);
        train::RunConfig config;
        config.trainFile = dir.filePath("many.jsonl").toStdString();
        config.outputDir = dir.filePath("runs").toStdString();
        config.maxSteps = 2;
        config.threads = 1;
        TrainingRunner runner;
        runner.start(config);
        QTRY_VERIFY_WITH_TIMEOUT(runner.isPreparing(), 10000);
        QElapsedTimer clock;
        clock.start();
        QVERIFY(!runner.stopUnlessPreparing()); // nothing to save: no waiting
        QVERIFY(clock.elapsed() < 1000);
        QTRY_VERIFY_WITH_TIMEOUT(!runner.isRunning(), 120000); // it ends by itself, stopped
    }
};

int main(int argc, char** argv)
{
    Application app(argc, argv); // the studio's, with its guard
    app.setAttribute(Qt::AA_Use96Dpi, true);
    HostileInputsTest test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "HostileInputsTest.moc"
