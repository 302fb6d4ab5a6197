#include "ui/train/LossChart.h"

namespace finch::ui {

LossChart::LossChart(QWidget* parent) : QCustomPlot(parent)
{
    setMinimumHeight(220);
    setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    axisRect()->setRangeZoom(Qt::Horizontal | Qt::Vertical);
    xAxis->setLabel(tr("step"));
    yAxis->setLabel(tr("loss"));
    yAxis2->setVisible(true);
    yAxis2->setLabel(tr("learning rate"));

    raw_ = addGraph();
    raw_->setName(tr("training loss"));
    raw_->setPen(QPen(QColor(31, 119, 180, 90)));
    smoothed_ = addGraph();
    smoothed_->setName(tr("training loss (smoothed)"));
    smoothed_->setPen(QPen(QColor(31, 119, 180), 2));
    validation_ = addGraph();
    validation_->setName(tr("validation loss"));
    validation_->setPen(QPen(QColor(214, 39, 40), 2));
    validation_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 6));
    learningRate_ = addGraph(xAxis, yAxis2);
    learningRate_->setName(tr("learning rate"));
    learningRate_->setPen(QPen(QColor(120, 120, 120), 1, Qt::DashLine));
    legend->setVisible(true);
    legend->setFont(QFont(font().family(), 8));
    axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
}

void LossChart::clear()
{
    for (QCPGraph* graph : {raw_, smoothed_, validation_, learningRate_})
        graph->data()->clear();
    haveSmoothed_ = false;
    replot();
}

void LossChart::addTrainLoss(double step, double loss)
{
    raw_->addData(step, loss);
    // An exponential moving average, as TensorBoard's smoothing slider does.
    smoothedValue_ = haveSmoothed_ ? 0.8 * smoothedValue_ + 0.2 * loss : loss;
    haveSmoothed_ = true;
    smoothed_->addData(step, smoothedValue_);
    fit();
}

void LossChart::addValidationLoss(double step, double loss)
{
    validation_->addData(step, loss);
    fit();
}

void LossChart::addLearningRate(double step, double rate)
{
    learningRate_->addData(step, rate);
}

void LossChart::setLogScale(bool on)
{
    yAxis->setScaleType(on ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
    if (on)
        yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
    else
        yAxis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
    fit();
}

void LossChart::fit()
{
    rescaleAxes();
    yAxis2->setRangeLower(0);
    replot(QCustomPlot::rpQueuedReplot);
}

int LossChart::trainPoints() const { return raw_->dataCount(); }
int LossChart::validationPoints() const { return validation_->dataCount(); }

} // namespace finch::ui
