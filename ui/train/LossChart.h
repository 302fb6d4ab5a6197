#pragma once
// Training curves: the training loss (raw and smoothed), the validation loss, and the
// learning rate on a second axis. Drag to pan, wheel to zoom, log scale on request.
#include "ui/Plot.h"

namespace finch::ui {

class LossChart : public QCustomPlot {
    Q_OBJECT

public:
    explicit LossChart(QWidget* parent = nullptr);

    void clear();
    void addTrainLoss(double step, double loss);
    void addValidationLoss(double step, double loss);
    void addLearningRate(double step, double rate);
    void setLogScale(bool on);
    void fit(); // rescale to show everything

    int trainPoints() const;
    int validationPoints() const;

private:
    QCPGraph *raw_, *smoothed_, *validation_, *learningRate_;
    double smoothedValue_ = 0;
    bool haveSmoothed_ = false;
};

} // namespace finch::ui
