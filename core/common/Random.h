#pragma once
// SplitMix64: a small generator whose output is fixed by its definition, unlike
// std::shuffle and the std distributions, which differ between standard libraries. Splits,
// epoch orders and bootstrap resamples are therefore the same on every machine.
#include <cstdint>
#include <utility>
#include <vector>

namespace finch {

class SplitMix64 {
public:
    explicit SplitMix64(uint64_t seed) : state_(seed) {}

    uint64_t next()
    {
        uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }

    // Uniform in [0, bound), without modulo bias.
    uint64_t below(uint64_t bound)
    {
        const uint64_t limit = ~uint64_t(0) - (~uint64_t(0) % bound);
        uint64_t value;
        do
            value = next();
        while (value >= limit);
        return value % bound;
    }

    template <typename T>
    void shuffle(std::vector<T>& items)
    {
        for (size_t i = items.size(); i > 1; --i)
            std::swap(items[i - 1], items[below(i)]);
    }

private:
    uint64_t state_;
};

} // namespace finch
