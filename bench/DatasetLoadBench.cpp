// Opening and validating a million classification rows (about 100 MB of JSONL):
// Finch's loader and validator against Python's json module doing the same checks.
//
//   build/bin/bench_dataset_load [rows]
#include "core/data/DatasetFile.h"
#include "core/data/Schema.h"
#include "core/data/Validator.h"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <thread>

using namespace finch::data;
using Clock = std::chrono::steady_clock;

namespace {

double secondsSince(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

void writeRows(const std::string& path, size_t rows)
{
    const std::vector<std::string> words{"the", "phone", "battery", "lasted", "two", "days", "and", "screen", "film",
                                         "plot", "was", "boring", "brilliant", "cast", "price", "delivery", "late",
                                         "great", "sound", "quality", "café", "never", "again", "would", "buy"};
    const std::vector<std::string> labels{"positive", "negative", "neutral"};
    std::mt19937 random(7);
    std::ofstream out(path, std::ios::binary);
    for (size_t i = 0; i < rows; ++i) {
        std::string text;
        const size_t count = 10 + random() % 8;
        for (size_t w = 0; w < count; ++w)
            text += (w ? " " : "") + words[random() % words.size()];
        out << "{\"id\":" << i << ",\"text\":\"" << text << "\",\"label\":\"" << labels[random() % 3] << "\"}\n";
    }
}

} // namespace

int main(int argc, char** argv)
{
    const size_t rows = argc > 1 ? std::stoul(argv[1]) : 1000000;
    const std::string path = (std::filesystem::temp_directory_path() / "finch-bench-rows.jsonl").string();
    writeRows(path, rows);
    const double megabytes = static_cast<double>(std::filesystem::file_size(path)) / 1e6;
    std::cout << "rows: " << rows << ", file: " << megabytes << " MB, cores: " << std::thread::hardware_concurrency()
              << '\n';

    double best = 1e9;
    size_t problems = 0;
    for (int run = 0; run < 3; ++run) {
        const auto start = Clock::now();
        LoadResult loaded = DatasetFile::load(path);
        const Schema schema = Schema::detect(loaded.dataset);
        ValidationOptions options;
        options.labels = {"positive", "negative", "neutral"};
        problems = loaded.problems.size() + validateDataset(loaded.dataset, schema, options).size();
        best = std::min(best, secondsSince(start));
    }
    std::cout << "finch load + validate: " << best << " s (best of 3), " << megabytes / best << " MB/s, " << problems
              << " problems\n";

    const std::string command = "python3 " FINCH_BENCH_DIR "/dataset_load_peer.py " + path + " positive,negative,neutral";
    double peer = -1;
    if (FILE* pipe = popen(command.c_str(), "r")) {
        if (std::fscanf(pipe, "%lf", &peer) != 1)
            peer = -1;
        pclose(pipe);
    }
    if (peer > 0)
        std::cout << "python json.loads + same checks: " << peer << " s\nratio (python / finch): " << peer / best
                  << "x\n";
    else
        std::cout << "python3 peer could not run\n";
    std::filesystem::remove(path);
}
