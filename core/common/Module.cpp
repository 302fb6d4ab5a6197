#include "core/common/Module.h"

#include <cstdlib>
#include <dlfcn.h>
#include <filesystem>
#include <vector>

namespace finch {

namespace fs = std::filesystem;

OpenedModule openModule(const std::string& fileName, const char* overrideVariable, int dlopenFlags, const char* entry)
{
    std::vector<std::string> candidates;
    if (const char* overridePath = std::getenv(overrideVariable); overridePath && *overridePath)
        candidates.emplace_back(overridePath);
    std::error_code error;
    const fs::path executable = fs::read_symlink("/proc/self/exe", error);
    if (!error) {
        const fs::path folder = executable.parent_path();
        candidates.push_back((folder / fileName).string());
        candidates.push_back((folder / FINCH_MODULE_FROM_BIN / fileName).lexically_normal().string());
    }

    OpenedModule module;
    std::string tried;
    for (const std::string& candidate : candidates) {
        if (!fs::exists(candidate)) {
            tried += "\n  " + candidate + ": no such file";
            continue;
        }
        void* handle = dlopen(candidate.c_str(), dlopenFlags);
        if (!handle) {
            tried += "\n  " + candidate + ": " + dlerror();
            continue;
        }
        if (void* function = dlsym(handle, entry)) {
            module.entry = function;
            module.path = candidate;
            return module;
        }
        tried += "\n  " + candidate + ": not a Finch module (no " + entry + ")";
    }
    module.failure = "cannot load Finch's module " + fileName + "; tried:" + tried +
                     "\nReinstall Finch, or point " + overrideVariable + " at the module";
    return module;
}

} // namespace finch
