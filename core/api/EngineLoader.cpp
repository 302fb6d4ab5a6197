// engine::load() as finch and finch-studio link it: opens libfinch_engine.so on first use
// and takes the engine object it exports. Calls then go through the Engine interface.
#include "core/common/Error.h"
#include "core/common/Module.h"
#include "core/api/Engine.h"

#include <cstdlib>
#include <dlfcn.h>
#include <mutex>

namespace finch::engine {
namespace {

Engine* openEngine()
{
#ifdef FINCH_OPENBLAS_BESIDE_OPENMP
    // libgomp reads this when libtorch loads it: idle OpenMP workers sleep instead of
    // spinning on the cores OpenBLAS computes on (runtime::configureCompute). A user's own
    // setting wins. (PyPI's libtorch computes its products with MKL on the same OpenMP
    // workers, which waiting passively slows down: bench/NOTES.md.)
    setenv("OMP_WAIT_POLICY", "PASSIVE", /*overwrite=*/0);
#endif
#ifdef FINCH_OPENBLAS_BESIDE_OPENMP
    const int deepBind = 0;
#else
    // The program already holds OpenBLAS (through liblinear), whose sgemm_ would otherwise
    // take the calls of the MKL that PyPI's libtorch carries: the module and its libraries
    // look up their own symbols first (bench/NOTES.md).
    const int deepBind = RTLD_DEEPBIND;
#endif
    // RTLD_LOCAL: libtorch's symbols stay out of the program's namespace.
    const OpenedModule opened = openModule("libfinch_engine.so", "FINCH_ENGINE_MODULE", RTLD_NOW | RTLD_LOCAL | deepBind,
                                           "finch_engine_module");
    if (!opened.entry)
        throw Error(opened.failure);
    using Entry = Engine* (*)();
    Engine* engine = reinterpret_cast<Entry>(opened.entry)();
    if (!engine || engine->abiVersion() != kEngineAbiVersion)
        throw Error(opened.path + ": an engine module of another Finch version; reinstall Finch");
    return engine;
}

} // namespace

Engine& load()
{
    // Not a function-local static: a failed load should be retried (and reported) next time.
    static std::mutex mutex;
    static Engine* engine = nullptr;
    const std::lock_guard lock(mutex);
    if (!engine)
        engine = openEngine();
    return *engine;
}

} // namespace finch::engine
