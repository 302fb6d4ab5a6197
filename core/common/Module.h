#pragma once
// Finch's plug-in modules (the SentencePiece module, the torch engine) are shared objects
// found through an environment variable, next to the executable, or in lib/finch/ beside
// the installed binaries.
#include <string>

namespace finch {

struct OpenedModule {
    void* entry = nullptr; // the module's entry function, as dlsym found it
    std::string path;
    std::string failure;   // when entry is null: every place tried and why it failed
};

// dlopen()s the first candidate that opens and exports `entry`. Never closed: what the
// module makes lives until the process ends.
OpenedModule openModule(const std::string& fileName, const char* overrideVariable, int dlopenFlags, const char* entry);

} // namespace finch
