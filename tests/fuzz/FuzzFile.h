#pragma once
// Fuzz inputs as files, so the targets reach Finch's file readers (the checks on regular
// files and sizes, the JSON parser's limits) and not only the parsers behind them.
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

// Writes the input to FOLDER/name (FOLDER: a scratch folder of this process) and returns the path.
inline std::string fuzzFile(const std::string& name, const uint8_t* data, size_t size, const std::string& folder = fuzzFolder())
{
    std::filesystem::create_directories(folder);
    const std::string path = folder + "/" + name;
    std::ofstream(path, std::ios::binary | std::ios::trunc).write(reinterpret_cast<const char*>(data),
                                                                 static_cast<std::streamsize>(size));
    return path;
}
