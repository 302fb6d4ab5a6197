#pragma once
// Engine-internal: libtorch 2.x calls are guarded by version, since Debian's libtorch is
// 1.13 and the PyPI build's is 2.x (README, "Two libtorch builds").
#include <torch/version.h>

#define FINCH_TORCH_AT_LEAST(major, minor) \
    (TORCH_VERSION_MAJOR > (major) || (TORCH_VERSION_MAJOR == (major) && TORCH_VERSION_MINOR >= (minor)))
