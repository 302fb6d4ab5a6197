#pragma once
// Engine-internal: the collectives of data-parallel training, on libtorch's own c10d (the
// engine torch.distributed runs on): a TCPStore for the rendezvous, Gloo on the CPU, NCCL
// between GPUs (PyPI's libtorch).
#include "core/train/DistributedEnvironment.h"

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

    // Sums the tensors over all ranks, in place: flattened into buckets of about 25 MB per
    // type, one all-reduce per bucket (PyTorch DDP's default bucket size).
    void allReduceSum(const std::vector<at::Tensor>& tensors);
    // Rank 0's value, on every rank (through the store).
    std::string shareFromRankZero(const std::string& key, const std::string& value);

    // What the all-reduces cost this process so far: calls, bytes per rank, seconds.
    struct Traffic {
        int64_t calls = 0, bytes = 0;
        double seconds = 0;
    };
    const Traffic& traffic() const { return traffic_; }

private:
    struct Group;
    DistributedEnvironment environment_;
    std::unique_ptr<Group> group_;
    int64_t shares_ = 0;
    Traffic traffic_;
};

} // namespace finch::train
