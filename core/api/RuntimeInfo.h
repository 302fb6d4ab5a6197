#pragma once
// What the engine runs on: libtorch's version, devices, threads and BLAS (engine::Engine::runtimeInfo).
#include <string>
#include <vector>

namespace finch::runtime {

struct DeviceInfo {
    std::string name;        // "cpu", "cuda:0", ...
    std::string description; // e.g. "NVIDIA H100 80GB HBM3, 79.1 GiB"
};

struct RuntimeInfo {
    std::string torchVersion;
    bool cudaAvailable = false;
    std::string cudaVersion; // the CUDA runtime libtorch was built with, e.g. "12.1"; empty without CUDA
    std::vector<DeviceInfo> devices;
    int intraOpThreads = 0;
    std::string blas; // which BLAS libtorch's matrix products run on
    bool slowBlas = false; // the netlib reference BLAS: about 28x slower than OpenBLAS here
};

} // namespace finch::runtime
