// libfinch_engine.so: the engine (libtorch) as a module. Its one export hands over the
// engine object; everything else stays inside (hidden visibility, static libraries' symbols
// excluded), so the module never binds to the loader of the program that opens it.
#include "core/api/Engine.h"

extern "C" __attribute__((visibility("default"))) finch::engine::Engine* finch_engine_module()
{
    return &finch::engine::load();
}
