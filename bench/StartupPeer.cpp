// The floor for studio start-up: a bare Qt Widgets window with a menu bar, tabs and a
// table, no Finch and no libtorch. bench/studio_startup.py times both to their first
// visible window.
#include <QApplication>
#include <QMainWindow>
#include <QMenuBar>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTableView>

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QMainWindow window;
    window.setWindowTitle(QStringLiteral("Startup peer"));
    window.menuBar()->addMenu(QStringLiteral("&File"));
    auto* tabs = new QTabWidget(&window);
    auto* table = new QTableView(tabs);
    auto* model = new QStandardItemModel(300, 3, table);
    table->setModel(model);
    tabs->addTab(table, QStringLiteral("Data"));
    window.setCentralWidget(tabs);
    window.resize(1280, 800);
    window.show();
    return app.exec();
}
