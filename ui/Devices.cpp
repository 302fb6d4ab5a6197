#include "ui/Devices.h"

#include "core/api/RuntimeInfo.h"

#include <QComboBox>
#include <QThread>

namespace finch::ui {

QList<DeviceChoice> deviceChoices(const runtime::RuntimeInfo& runtime)
{
    QList<DeviceChoice> devices;
    for (const auto& device : runtime.devices)
        devices.append({QString::fromStdString(device.name), QString::fromStdString(device.description)});
    return devices;
}

QList<DeviceChoice> cpuOnly()
{
    return {{QStringLiteral("cpu"), QObject::tr("%1 cores").arg(QThread::idealThreadCount())}};
}

void fillDeviceBox(QComboBox* box, const QList<DeviceChoice>& devices)
{
    const QString current = box->currentData().toString();
    const QSignalBlocker quiet(box);
    box->clear();
    for (const DeviceChoice& device : devices)
        box->addItem(QStringLiteral("%1  (%2)").arg(device.name, device.description), device.name);
    box->setCurrentIndex(std::max(0, box->findData(current)));
}

} // namespace finch::ui
