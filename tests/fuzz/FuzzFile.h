#pragma once
// Fuzz inputs as files, so the targets reach Finch's file readers (the checks on regular
// files and sizes, the JSON parser's limits) and not only the parsers behind them. Writing
// files costs most of a run's time, so one input in eight goes through them and the rest
// straight to the parsers (throughFiles): both paths stay covered at nearly full speed.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

inline std::string fuzzFolder()
{
    static const std::string folder = [] {
        const auto path = std::filesystem::temp_directory_path() / ("finch-fuzz-" + std::to_string(::getpid()));
        std::filesystem::create_directories(path);
        return path.string();
    }();
    return folder;
}

inline bool throughFiles(const uint8_t* data, size_t size)
{
    return size > 0 && data[size - 1] % 8 == 0;
}

// Writes the input to FOLDER/name (FOLDER: a scratch folder of this process) and returns the path.
inline std::string fuzzFile(const std::string& name, const uint8_t* data, size_t size, const std::string& folder = fuzzFolder())
{
    if (folder != fuzzFolder())
        std::filesystem::create_directories(folder);
    const std::string path = folder + "/" + name;
    std::ofstream(path, std::ios::binary | std::ios::trunc).write(reinterpret_cast<const char*>(data),
                                                                 static_cast<std::streamsize>(size));
    return path;
}
