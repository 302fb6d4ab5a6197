#pragma once
// A workspace is a folder with datasets/ and runs/. The first one is made in the user's
// home with the bundled samples, so that one click on Train works.
#include <QString>

namespace finch::ui {

class Workspace {
public:
    // Creates datasets/ and runs/ when missing and copies the samples into an empty datasets/.
    static Workspace open(const QString& root);
    static QString defaultRoot(); // ~/finch-workspace

    QString root() const { return root_; }
    QString datasetsDir() const;
    QString runsDir() const;
    QString recoveryDir() const; // autosaved copies of unsaved datasets
    QString sentimentSample() const;

private:
    QString root_;
};

} // namespace finch::ui
