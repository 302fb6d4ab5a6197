#pragma once
// Engine-internal: the collectives of data-parallel training, on libtorch's own c10d (the
// engine torch.distributed runs on): a TCPStore for the rendezvous, Gloo on the CPU, NCCL
// between GPUs (PyPI's libtorch).
#include "core/train/DistributedEnvironment.h"
#include "core/engine/train/TrainStep.h"

#include <torch/torch.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

namespace finch::train {

class DataParallel {
public:
    // Joins the job: rank 0 serves the store at MASTER_ADDR:MASTER_PORT, the others connect
    // to it; every collective gives up after `timeout` (a rank that died, a network split).
    DataParallel(const DistributedEnvironment& environment, const torch::Device& device, std::chrono::seconds timeout);
    ~DataParallel();
    DataParallel(const DataParallel&) = delete;
    DataParallel& operator=(const DataParallel&) = delete;

    int rank() const { return environment_.rank; }
    int worldSize() const { return environment_.worldSize; }
    const DistributedEnvironment& environment() const { return environment_; }

    // Sums a (small) tensor over all ranks, in place: validation sums.
    void allReduceSum(const at::Tensor& tensor);
    // Whether any rank says yes: the stop vote, so that all ranks stop after the same step.
    bool anyRank(bool yes);
    // This rank's rows of each micro-batch of a global batch: `rowsPerRank` rows from
    // rank × rowsPerRank. The epoch's last batch may leave it none.
    std::vector<std::vector<size_t>> shareOf(const std::vector<std::vector<size_t>>& microBatches,
                                             size_t rowsPerRank) const;
    // The gradient sync of a step for `parameters` (the same tensors, in the same order, on
    // every rank), overlapped with the backward pass as PyTorch DDP's reducer: the parameters
    // go into buckets of at most `bucketBytes` (or one tensor) in reverse order, the order backward reaches them, and
    // each bucket is all-reduced as soon as the step's last backward pass has produced all of
    // its gradients, while the layers before it still compute theirs. Buckets start in one
    // order on every rank, as collectives must. The sync must not outlive this object.
    std::unique_ptr<GradientSync> gradientSync(const std::vector<at::Tensor>& parameters, int64_t bucketBytes);
    // Rank 0's value, on every rank (through the store).
    std::string shareFromRankZero(const std::string& key, const std::string& value);
    // Every rank's value, in rank order, on rank 0 (through the store); nothing on the others.
    std::vector<std::string> gatherOnRankZero(const std::string& key, const std::string& value);

    // What the gradient syncs cost this process so far: steps, bytes per rank, and the
    // seconds it waited for them after its backward pass ended.
    struct Traffic {
        int64_t calls = 0, bytes = 0;
        double seconds = 0;
        int64_t buckets = 0, bucketsDuringBackward = 0; // gradient buckets sent, and how many of them early
    };
    const Traffic& traffic() const { return traffic_; }

private:
    struct Group;
    class BucketedSync;
    [[noreturn]] void lostTheOthers(const std::exception& error) const;
    DistributedEnvironment environment_;
    std::unique_ptr<Group> group_;
    int64_t shares_ = 0;
    Traffic traffic_;
};

} // namespace finch::train
