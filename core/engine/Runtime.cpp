#include "core/engine/Runtime.h"

#include <torch/torch.h>

#include <dlfcn.h>
#include <malloc.h>

#include <fstream>
#include <thread>

namespace finch::runtime {
namespace {

// The BLAS behind libblas.so.3 is chosen by Debian's alternatives; the mapped file's
// real path says which one this process got.
std::pair<std::string, bool> detectBlas()
{
    if (at::hasMKL()) // linked into libtorch (PyPI's build); an OpenBLAS in the process is not torch's
        return {"Intel MKL (inside libtorch)", false};
    // Force libtorch to load its BLAS before looking.
    (void)torch::mm(torch::ones({2, 2}), torch::ones({2, 2}));
    std::ifstream maps("/proc/self/maps");
    std::string line;
    while (std::getline(maps, line)) {
        if (line.find("openblas") != std::string::npos)
            return {"OpenBLAS (" + line.substr(line.find('/')) + ")", false};
        if (line.find("libmkl") != std::string::npos)
            return {"Intel MKL", false};
        if (line.find("/blas/libblas.so") != std::string::npos)
            return {"reference BLAS (" + line.substr(line.find('/')) +
                        "): slow; install libopenblas0-pthread",
                    true};
    }
    return {"built into libtorch", false};
}

// OpenBLAS's own functions: visible globally when libtorch was linked into the program,
// else found through the BLAS library the engine module brought in.
void* blasSymbol(const char* name)
{
    if (void* symbol = dlsym(RTLD_DEFAULT, name))
        return symbol;
    for (const char* library : {"libblas.so.3", "libopenblas.so.0"})
        if (void* handle = dlopen(library, RTLD_NOW | RTLD_NOLOAD))
            if (void* symbol = dlsym(handle, name))
                return symbol;
    return nullptr;
}

} // namespace

void configureCompute(int threads)
{
    const int count = threads > 0 ? threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    torch::set_num_threads(count);
    // Matrix products run in OpenBLAS, which torch calls from one thread: with OpenBLAS on
    // one thread they used one core. OpenBLAS gets every core; torch's OpenMP workers wait
    // passively between its own parallel loops (OMP_WAIT_POLICY, set before libtorch
    // loads), so they do not spin on the cores OpenBLAS is using (bench/NOTES.md).
    // With MKL inside libtorch (PyPI's build), OpenBLAS is only in the process for the
    // classification baseline: its workers, once woken, spin beside torch's (bench/NOTES.md).
    using SetThreads = void (*)(int);
    if (!at::hasMKL())
        if (const auto setBlasThreads = reinterpret_cast<SetThreads>(blasSymbol("openblas_set_num_threads")))
            setBlasThreads(count);
    // Every step frees and reallocates the same activation buffers, megabytes each. glibc
    // returns such blocks to the kernel (munmap, heap trimming), and the next step faults
    // the pages in again, zeroed: a third of finch-small's step time on the 2-core VM
    // (bench/NOTES.md). Keeping them costs no more than the peak the step needs anyway.
    mallopt(M_MMAP_THRESHOLD, 256 << 20);
    mallopt(M_TRIM_THRESHOLD, 1 << 30);
}

RuntimeInfo runtimeInfo()
{
    RuntimeInfo info;
    info.torchVersion = TORCH_VERSION;
    info.cudaAvailable = torch::cuda::is_available();
    info.devices.push_back({"cpu", std::to_string(std::thread::hardware_concurrency()) + " cores"});
    if (info.cudaAvailable) {
        const long runtime = at::detail::getCUDAHooks().versionCUDART(); // e.g. 12010
        info.cudaVersion = std::to_string(runtime / 1000) + "." + std::to_string(runtime % 1000 / 10);
        for (int i = 0; i < static_cast<int>(torch::cuda::device_count()); ++i)
            info.devices.push_back({"cuda:" + std::to_string(i), "CUDA device " + std::to_string(i)});
    }
    info.intraOpThreads = torch::get_num_threads();
    // The BLAS cannot change while the process runs; the studio's pages all ask at start-up.
    static const std::pair<std::string, bool> blas = detectBlas();
    std::tie(info.blas, info.slowBlas) = blas;
    return info;
}

} // namespace finch::runtime
