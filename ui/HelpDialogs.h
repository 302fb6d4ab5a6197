#pragma once
// Help: the About box, the list of keyboard shortcuts and the user guide
// (docs/USER_GUIDE.md, rendered in a window of its own with its screenshots).
#include <QDialog>
#include <QString>
#include <QUrl>

class QTableWidget;

namespace finch::ui {

struct EngineVersions {
    QString torch;   // "1.13.1"
    QString cuda;    // empty without CUDA
    QString devices; // e.g. "CPU, 2 cores" or "NVIDIA H100 80GB HBM3"
    QString blas;
};

QString aboutText(const EngineVersions& engine); // rich text for the About box
void showAbout(QWidget* parent, const EngineVersions& engine);

// docs/USER_GUIDE.md: installed in share/doc/finch-studio, else the source tree's.
QUrl userGuideUrl();
void showUserGuide(QWidget* parent);

// Every shortcut `window` offers, read from its actions and buttons so that it never
// goes stale, plus the keys of the dataset table.
class ShortcutsDialog : public QDialog {
    Q_OBJECT
public:
    explicit ShortcutsDialog(QWidget* window);
    QTableWidget* table() { return table_; }

private:
    QTableWidget* table_;
};

} // namespace finch::ui
