#pragma once
// The devices training can use, as the pages' combo boxes show them. Until the engine has
// loaded (after the first window is painted) only the CPU is known; it is always there.
#include <QList>
#include <QString>

class QComboBox;

namespace finch::runtime {
struct RuntimeInfo;
}

namespace finch::ui {

struct DeviceChoice {
    QString name;        // "cpu", "cuda:0"
    QString description; // shown beside it
};

QList<DeviceChoice> deviceChoices(const runtime::RuntimeInfo& runtime);
QList<DeviceChoice> cpuOnly();

// Fills `box` with the devices, keeping its current choice when it is still offered.
void fillDeviceBox(QComboBox* box, const QList<DeviceChoice>& devices);

} // namespace finch::ui
