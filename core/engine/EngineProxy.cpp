// engine::load() as finch and finch-studio link it: opens libfinch_engine.so on first use
// and takes the engine object it exports. Calls then go through the Engine interface.
#include "core/common/Error.h"
#include "core/common/Module.h"
#include "core/engine/Engine.h"

#include <cstdlib>
#include <dlfcn.h>
#include <mutex>

namespace finch::engine {
namespace {

Engine* openEngine()
{
    // libgomp reads this when libtorch loads it: idle OpenMP workers sleep instead of
    // spinning on the cores OpenBLAS computes on (runtime::configureCompute). A user's own
    // setting wins.
    setenv("OMP_WAIT_POLICY", "PASSIVE", /*overwrite=*/0);
    // RTLD_LOCAL: libtorch's symbols stay out of the program's namespace.
    const OpenedModule opened = openModule("libfinch_engine.so", "FINCH_ENGINE_MODULE", RTLD_NOW | RTLD_LOCAL,
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
