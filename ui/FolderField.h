#pragma once
// A folder path to type or pick: a line edit and a "Choose…" button that opens the folder
// dialog where the typed path points.
#include <QWidget>

class QLineEdit;

namespace finch::ui {

class FolderField : public QWidget {
    Q_OBJECT

public:
    FolderField(const QString& dialogTitle, const QString& placeholder, const QString& toolTip, QWidget* parent = nullptr);

    QString folder() const; // trimmed
    void setFolder(const QString& folder);
    QLineEdit* edit() { return edit_; }

private:
    QLineEdit* edit_;
};

} // namespace finch::ui
