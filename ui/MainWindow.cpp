#include "ui/MainWindow.h"

#include "core/common/Error.h"
#include "ui/compare/ComparePage.h"
#include "ui/data/DataPage.h"
#include "ui/evaluate/EvaluatePage.h"
#include "ui/HelpDialogs.h"
#include "ui/model/ModelPage.h"
#include "ui/playground/PlaygroundPage.h"
#include "ui/train/RunConfigForm.h"
#include "ui/train/TrainPage.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>

namespace finch::ui {

MainWindow::MainWindow(const QString& workspaceRoot, QWidget* parent) : QMainWindow(parent)
{
    pages_ = new QTabWidget(this);
    data_ = new DataPage(this);
    model_ = new ModelPage(this);
    train_ = new TrainPage(this);
    evaluate_ = new EvaluatePage(this);
    compare_ = new ComparePage(this);
    playground_ = new PlaygroundPage(this);
    pages_->addTab(data_, tr("&Data"));
    pages_->addTab(model_, tr("&Model"));
    pages_->addTab(train_, tr("&Train"));
    pages_->addTab(evaluate_, tr("Eva&luate"));
    pages_->addTab(compare_, tr("&Compare"));
    pages_->addTab(playground_, tr("&Playground"));
    setCentralWidget(pages_);

    device_ = new QLabel(tr("Loading libtorch…"), this);
    runState_ = new QLabel(tr("Idle"), this);
    statusBar()->addPermanentWidget(runState_);
    statusBar()->addPermanentWidget(device_);
    // libtorch loads on a worker thread once the window has been painted: its ~300
    // libraries would otherwise delay the first paint by a second or more.
    pages_->installEventFilter(this);

    connect(data_, &DataPage::datasetChanged, train_, &TrainPage::setDataset);
    // A run trains on the file: the edits on screen are saved first (button, menu, shortcut).
    train_->setBeforeStart([this] { return data_->saveBeforeTraining(QString::fromStdString(train_->runConfig().trainFile)); });
    connect(data_, &DataPage::datasetChanged, this, [this] { updateTitle(); });
    connect(data_, &DataPage::modifiedChanged, this, [this] { updateTitle(); });
    connect(data_, &DataPage::status, this, [this](const QString& message) { statusBar()->showMessage(message, 8000); });
    connect(model_, &ModelPage::modelChosen, train_, &TrainPage::setModel);
    connect(model_, &ModelPage::modelChosen, playground_, &PlaygroundPage::setBaseModel);
    connect(model_, &ModelPage::deviceChosen, train_->form(), &RunConfigForm::setDevice);
    connect(model_, &ModelPage::pretrainedModelPreferred, this, [this] {
        train::RunConfig config = train_->form()->config();
        config.method = model::TrainingMethod::Lora;
        train_->form()->setConfig(config);
        statusBar()->showMessage(tr("A pretrained model from the Hugging Face cache is chosen, with LoRA"), 8000);
    });
    connect(train_, &TrainPage::stateChanged, runState_, &QLabel::setText);
    connect(train_, &TrainPage::runFinished, this, [this](const QString& runPath) {
        compare_->refresh();
        evaluate_->selectRun(runPath);
        playground_->refreshSources();
    });
    connect(evaluate_, &EvaluatePage::status, this, [this](const QString& message) { statusBar()->showMessage(message, 8000); });
    connect(data_, &DataPage::crossValidationRequested, this, [this](int folds) {
        pages_->setCurrentWidget(train_);
        train_->crossValidate(folds);
    });
    connect(train_, &TrainPage::crossValidated, this, [this](const QStringList& runs, const QString& error) {
        if (!error.isEmpty())
            return;
        pages_->setCurrentWidget(data_);
        data_->showHeldOutPredictions(runs);
    });
    connect(evaluate_, &EvaluatePage::evaluateAsItIs, this, [this](const QString& adapter) {
        pages_->setCurrentWidget(train_);
        train_->evaluateAsItIs(adapter);
    });
    connect(evaluate_, &EvaluatePage::openRowsInEditor, this, [this](const QStringList& inputs) {
        pages_->setCurrentWidget(data_);
        data_->selectRowsWithText(inputs);
        data_->table()->setFocus();
    });
    connect(pages_, &QTabWidget::currentChanged, this, [this](int index) {
        if (pages_->widget(index) == compare_)
            compare_->refresh();
        else if (pages_->widget(index) == evaluate_)
            evaluate_->refreshRuns();
        else if (pages_->widget(index) == playground_)
            playground_->refreshSources();
    });

    createMenus();
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    if (!settings.contains(QStringLiteral("window/geometry")))
        resize(1280, 800);
    const Preferences preferences = Preferences::load();
    applyPreferences(preferences);

    QString root = workspaceRoot;
    if (root.isEmpty())
        root = preferences.defaultWorkspace;
    if (root.isEmpty())
        root = settings.value(QStringLiteral("workspace/last"), Workspace::defaultRoot()).toString();
    openWorkspace(root);
    train_->setModel(model_->currentModel());
}

bool MainWindow::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == pages_ && event->type() == QEvent::Paint) {
        pages_->removeEventFilter(this);
        loadEngine(); // the first load of libtorch: off the GUI thread, once the window shows
    }
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::loadEngine()
{
    engineLoad_.start([](const BackgroundTask::Context& context) { return context.runtimeInfo(); },
                      [this](const runtime::RuntimeInfo& runtime, const QString& error) { onEngineLoaded(runtime, error); });
}

void MainWindow::onEngineLoaded(const runtime::RuntimeInfo& runtime, const QString& error)
{
    engineError_ = error;
    if (!error.isEmpty()) {
        device_->setText(tr("libtorch not loaded"));
        device_->setToolTip(error);
        statusBar()->showMessage(tr("Training is unavailable: %1").arg(error));
        return;
    }
    runtime_ = runtime;
    const QString torch = QString::fromStdString(runtime.torchVersion);
    device_->setText(runtime.cudaAvailable ? tr("CUDA available · libtorch %1").arg(torch) : tr("CPU · libtorch %1").arg(torch));
    devices_ = deviceChoices(runtime);
    model_->setDevices(devices_);
    train_->form()->setDevices(devices_);
    model_->setDevice(Preferences::load().defaultDevice); // a CUDA default was not offered until now
    if (runtime.slowBlas)
        statusBar()->showMessage(tr("Slow reference BLAS in use: install libopenblas0-pthread for ~28x faster training"));
    Q_EMIT engineLoaded();
}

void MainWindow::applyPreferences(const Preferences& preferences)
{
    data_->setAutosaveSeconds(preferences.autosaveSeconds);
    model_->setDevice(preferences.defaultDevice); // the Train page's form follows
    train_->form()->setThreads(preferences.cpuThreads);
}

void MainWindow::showPreferences()
{
    PreferencesDialog dialog(Preferences::load(), devices_, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    // Saved only when the user chooses: start-up applies them without writing defaults back.
    const Preferences chosen = dialog.preferences();
    chosen.save();
    applyPreferences(chosen);
}

void MainWindow::showShortcuts()
{
    ShortcutsDialog dialog(this);
    dialog.exec();
}

void MainWindow::openWorkspace(const QString& root)
{
    if (!data_->maybeSave())
        return;
    workspace_ = Workspace::open(root);
    data_->setRecoveryFolder(workspace_.recoveryDir());
    train_->setRunsFolder(workspace_.runsDir());
    data_->setRunsFolder(workspace_.runsDir());
    evaluate_->setRunsFolder(workspace_.runsDir());
    compare_->setRunsFolder(workspace_.runsDir());
    playground_->setRunsFolder(workspace_.runsDir());
    QSettings settings;
    settings.setValue(QStringLiteral("workspace/last"), workspace_.root());
    QStringList recent = settings.value(QStringLiteral("workspace/recent")).toStringList();
    recent.removeAll(workspace_.root());
    recent.prepend(workspace_.root());
    settings.setValue(QStringLiteral("workspace/recent"), recent.mid(0, 8));
    updateRecentMenu();
    // The sample opens first, so one click on Train works.
    const QString dataset = QFileInfo::exists(workspace_.sentimentSample())
                                ? workspace_.sentimentSample()
                                : QDir(workspace_.datasetsDir()).entryInfoList(QDir::Files).value(0).absoluteFilePath();
    if (!dataset.isEmpty())
        data_->openDataset(dataset);
    updateTitle();
}

void MainWindow::createMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(data_->openAction);
    file->addAction(data_->saveAction);
    file->addAction(data_->saveAsAction);
    file->addSeparator();
    QAction* openWorkspaceAction = file->addAction(tr("Open &workspace…"));
    connect(openWorkspaceAction, &QAction::triggered, this, [this] {
        const QString folder = QFileDialog::getExistingDirectory(this, tr("Workspace folder"), workspace_.root());
        if (!folder.isEmpty())
            openWorkspace(folder);
    });
    recentMenu_ = file->addMenu(tr("Recent workspaces"));
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"));
    quit->setShortcut(QKeySequence::Quit);
    connect(quit, &QAction::triggered, this, &QWidget::close);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(data_->undoAction);
    edit->addAction(data_->redoAction);
    edit->addSeparator();
    edit->addAction(data_->addRowAction);
    edit->addAction(data_->duplicateAction);
    edit->addAction(data_->deleteAction);
    edit->addSeparator();
    QAction* preferences = edit->addAction(tr("Pre&ferences…"));
    preferences->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Comma));
    preferences->setMenuRole(QAction::PreferencesRole);
    connect(preferences, &QAction::triggered, this, &MainWindow::showPreferences);

    QMenu* dataMenu = menuBar()->addMenu(tr("D&ata"));
    dataMenu->addAction(data_->validateAction);
    dataMenu->addAction(data_->splitAction);
    dataMenu->addSeparator();
    dataMenu->addAction(data_->prelabelAction);
    dataMenu->addAction(data_->findErrorsAction);
    dataMenu->addAction(data_->crossValidateAction);
    dataMenu->addAction(data_->acceptSuggestionsAction);

    QMenu* trainMenu = menuBar()->addMenu(tr("T&raining"));
    QAction* start = trainMenu->addAction(tr("&Start"));
    start->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    connect(start, &QAction::triggered, this, [this] {
        pages_->setCurrentWidget(train_);
        train_->startTraining();
    });
    QAction* pause = trainMenu->addAction(tr("&Pause / Resume"));
    pause->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_P));
    connect(pause, &QAction::triggered, train_, &TrainPage::togglePause);
    QAction* stop = trainMenu->addAction(tr("S&top"));
    stop->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Period));
    connect(stop, &QAction::triggered, train_, &TrainPage::stopTraining);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    for (int i = 0; i < pages_->count(); ++i) {
        QAction* page = view->addAction(pages_->tabText(i).remove('&'));
        page->setShortcut(QKeySequence(Qt::ALT | Qt::Key(Qt::Key_1 + i)));
        connect(page, &QAction::triggered, this, [this, i] { pages_->setCurrentIndex(i); });
    }

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    QAction* guide = help->addAction(tr("&User guide"));
    guide->setShortcut(QKeySequence::HelpContents);
    connect(guide, &QAction::triggered, this, [this] { showUserGuide(this); });
    QAction* shortcuts = help->addAction(tr("&Keyboard shortcuts"));
    shortcuts->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Slash));
    connect(shortcuts, &QAction::triggered, this, &MainWindow::showShortcuts);
    help->addSeparator();
    QAction* about = help->addAction(tr("&About Finch"));
    about->setMenuRole(QAction::AboutRole);
    connect(about, &QAction::triggered, this, [this] {
        // About names the libtorch in use: it waits for the engine, or tries again to load it.
        if (!runtime_) {
            loadEngine();
            engineLoad_.finish();
        }
        if (!runtime_)
            throw Error(engineError_.toStdString());
        const runtime::RuntimeInfo& runtime = *runtime_;
        QStringList devices;
        for (const auto& device : runtime.devices)
            devices << QString::fromStdString(device.name + " (" + device.description + ")");
        showAbout(this, {QString::fromStdString(runtime.torchVersion), QString::fromStdString(runtime.cudaVersion),
                         devices.join(QStringLiteral(", ")), QString::fromStdString(runtime.blas)});
    });
    QAction* aboutQt = help->addAction(tr("About &Qt"));
    aboutQt->setMenuRole(QAction::AboutQtRole);
    connect(aboutQt, &QAction::triggered, qApp, &QApplication::aboutQt);
}

void MainWindow::updateRecentMenu()
{
    if (!recentMenu_)
        return;
    recentMenu_->clear();
    for (const QString& root : QSettings().value(QStringLiteral("workspace/recent")).toStringList()) {
        QAction* action = recentMenu_->addAction(root);
        connect(action, &QAction::triggered, this, [this, root] { openWorkspace(root); });
    }
}

void MainWindow::updateTitle()
{
    const QString dataset = data_->path().isEmpty() ? tr("no dataset") : QFileInfo(data_->path()).fileName();
    // [*] is where Qt shows the modified mark; setWindowModified decides whether it shows.
    setWindowTitle(tr("%1[*] — %2 — Finch").arg(dataset, QDir::toNativeSeparators(workspace_.root())));
    setWindowModified(data_->isModified());
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (train_->runner()->isRunning()) {
        const auto answer = QMessageBox::question(this, tr("Training is running"),
                                                  tr("Stop the training and quit? Finch saves a checkpoint first, so "
                                                     "the run can be resumed later."),
                                                  QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
        if (answer != QMessageBox::Yes) {
            event->ignore();
            return;
        }
        statusBar()->showMessage(tr("Saving a checkpoint…"));
        QApplication::setOverrideCursor(Qt::WaitCursor);
        // While the run only prepares there is nothing to save: main() ends without it.
        train_->runner()->stopUnlessPreparing();
        QApplication::restoreOverrideCursor();
    }
    if (!data_->maybeSave()) {
        event->ignore();
        return;
    }
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    event->accept();
}

} // namespace finch::ui
