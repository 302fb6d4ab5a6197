#include "core/train/DistributedEnvironment.h"

#include "core/common/Error.h"

#include <charconv>
#include <cstdlib>

namespace finch::train {
namespace {

int integer(const char* name, const char* text, int least, int most)
{
    int value = 0;
    const char* end = text + std::char_traits<char>::length(text);
    const auto [stop, error] = std::from_chars(text, end, value);
    if (error != std::errc() || stop != end || value < least || value > most)
        throw Error(std::string("distributed training: ") + name + " must be an integer from " + std::to_string(least) +
                    " to " + std::to_string(most) + ", found \"" + text + "\"");
    return value;
}

} // namespace

std::optional<DistributedEnvironment> readDistributedEnvironment(const std::function<const char*(const char*)>& lookup)
{
    const auto get = [&](const char* name) -> const char* {
        const char* value = lookup ? lookup(name) : std::getenv(name);
        return value && *value ? value : nullptr;
    };
    DistributedEnvironment environment;
    const char *world = get("WORLD_SIZE"), *rank = get("RANK"), *localRank = get("LOCAL_RANK"),
               *localWorld = get("LOCAL_WORLD_SIZE");
    if (world) {
        environment.launcher = get("FINCH_LAUNCHER") ? "finch" : "torchrun"; // torchrun, or a PyTorchJob
    } else if (get("SLURM_NTASKS") && get("MASTER_ADDR")) {
        // srun starts one task per process; the batch script names the rendezvous.
        world = get("SLURM_NTASKS");
        rank = get("SLURM_PROCID");
        localRank = get("SLURM_LOCALID");
        localWorld = get("SLURM_NTASKS_PER_NODE"); // set with --ntasks-per-node
        environment.launcher = "slurm";
    } else {
        return std::nullopt;
    }
    environment.worldSize = integer("WORLD_SIZE", world, 1, 1 << 20);
    if (environment.worldSize == 1)
        return std::nullopt;
    if (!rank)
        throw Error("distributed training: WORLD_SIZE is " + std::to_string(environment.worldSize) +
                    " but RANK is not set");
    environment.rank = integer("RANK", rank, 0, environment.worldSize - 1);
    environment.localRank = localRank ? integer("LOCAL_RANK", localRank, 0, environment.worldSize - 1) : 0;
    environment.localWorldSize = localWorld ? integer("LOCAL_WORLD_SIZE", localWorld, 1, environment.worldSize) : 1;
    if (const char* token = get("FINCH_JOB_TOKEN"))
        environment.jobToken = token;
    if (const char* storeFile = get("FINCH_STORE_FILE")) {
        environment.storeFile = storeFile;
    } else {
        const char* address = get("MASTER_ADDR");
        const char* port = get("MASTER_PORT");
        if (!address || !port)
            throw Error("distributed training: MASTER_ADDR and MASTER_PORT must name the rank-0 host and a free port");
        environment.masterAddress = address;
        environment.masterPort = integer("MASTER_PORT", port, 1, 65535);
    }
    if (const char* restarts = get("TORCHELASTIC_RESTART_COUNT"))
        environment.restartCount = integer("TORCHELASTIC_RESTART_COUNT", restarts, 0, 1 << 20);
    return environment;
}

} // namespace finch::train
