#pragma once
// Engine-internal: sets up and describes the process the engine computes in. Programs reach
// these through engine::Engine.
#include "core/api/RuntimeInfo.h"

namespace finch::runtime {

// Prepares the process for training or inference on the CPU: torch's and OpenBLAS's
// thread counts (0: one per core; thread-local in torch for some settings, so the training
// thread calls it too), and an allocator that keeps freed memory for the next step.
void configureCompute(int threads);

RuntimeInfo runtimeInfo();

} // namespace finch::runtime
