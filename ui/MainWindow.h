#pragma once
// The studio's main window: one page per flow (Data, Model, Train, Evaluate, Compare,
// Playground), menus and shortcuts, a status bar with the device and the run state, and
// the workspace the pages share.
#include "ui/BackgroundTask.h"
#include "ui/Preferences.h"
#include "ui/Workspace.h"

#include "core/api/RuntimeInfo.h"

#include <QMainWindow>

#include <optional>

class QLabel;
class QMenu;
class QTabWidget;

namespace finch::ui {

class ComparePage;
class DataPage;
class EvaluatePage;
class ModelPage;
class PlaygroundPage;
class TrainPage;

class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    // Opens `workspaceRoot`, or the default workspace of the preferences, or the last one,
    // or ~/finch-workspace with the samples.
    explicit MainWindow(const QString& workspaceRoot = {}, QWidget* parent = nullptr);

    void openWorkspace(const QString& root);
    const Workspace& workspace() const { return workspace_; }
    QTabWidget* pages() { return pages_; }
    DataPage* dataPage() { return data_; }
    ModelPage* modelPage() { return model_; }
    TrainPage* trainPage() { return train_; }
    EvaluatePage* evaluatePage() { return evaluate_; }
    ComparePage* comparePage() { return compare_; }
    PlaygroundPage* playgroundPage() { return playground_; }

    // Applies preferences to the pages: autosave, default device and threads.
    void applyPreferences(const Preferences& preferences);
    void showPreferences();
    void showShortcuts();

Q_SIGNALS:
    void engineLoaded(); // libtorch is loaded and the device lists are complete

protected:
    void closeEvent(QCloseEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void loadEngine(); // in the background, unless it is loading
    void onEngineLoaded(const runtime::RuntimeInfo& runtime, const QString& error);
    void createMenus();
    void updateRecentMenu();
    void updateTitle();

    Workspace workspace_;
    QTabWidget* pages_;
    DataPage* data_;
    ModelPage* model_;
    TrainPage* train_;
    EvaluatePage* evaluate_;
    ComparePage* compare_;
    PlaygroundPage* playground_;
    QLabel *device_, *runState_;
    QMenu* recentMenu_ = nullptr;
    QList<DeviceChoice> devices_ = cpuOnly();
    std::optional<runtime::RuntimeInfo> runtime_; // once the engine is loaded
    QString engineError_;                         // why it could not be, the last time it was tried
    BackgroundTask engineLoad_{QStringLiteral("finch-engine-load")};
};

} // namespace finch::ui
