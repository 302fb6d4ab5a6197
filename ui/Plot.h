#pragma once
// QCustomPlot's header uses Qt's keyword macros (signals, slots, emit, foreach), which
// Finch turns off with QT_NO_KEYWORDS; they are defined just for its header. Include
// this instead of <qcustomplot.h>.
#ifndef signals
#define signals Q_SIGNALS
#define FINCH_PLOT_SIGNALS
#endif
#ifndef slots
#define slots Q_SLOTS
#define FINCH_PLOT_SLOTS
#endif
#ifndef emit
#define emit Q_EMIT
#define FINCH_PLOT_EMIT
#endif
#ifndef foreach
#define foreach Q_FOREACH
#define FINCH_PLOT_FOREACH
#endif
#include <qcustomplot.h>
#ifdef FINCH_PLOT_SIGNALS
#undef signals
#undef FINCH_PLOT_SIGNALS
#endif
#ifdef FINCH_PLOT_SLOTS
#undef slots
#undef FINCH_PLOT_SLOTS
#endif
#ifdef FINCH_PLOT_EMIT
#undef emit
#undef FINCH_PLOT_EMIT
#endif
#ifdef FINCH_PLOT_FOREACH
#undef foreach
#undef FINCH_PLOT_FOREACH
#endif
