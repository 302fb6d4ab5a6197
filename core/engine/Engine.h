#pragma once
// For programs that reach the engine through libfinch_engine.so (finch, finch-studio):
// the module loads on the first call into the engine, or earlier through preload().
#include "core/engine/EngineApi.h"

namespace finch::engine {

// Loads the module (once; thread-safe) and returns its table. Throws finch::Error naming
// every place tried when it cannot.
const EngineApi& api();

// Loads the module now, e.g. on a worker thread right after the first window is painted.
// Throws like api().
void preload();

} // namespace finch::engine
