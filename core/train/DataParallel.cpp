#include "core/train/DataParallel.h"

#include "core/common/Error.h"

#include <torch/csrc/distributed/c10d/PrefixStore.hpp>
#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>
#ifdef USE_C10D_NCCL // PyPI's libtorch: NCCL between GPUs
#include <torch/csrc/distributed/c10d/ProcessGroupNCCL.hpp>
#endif

#include <map>

namespace finch::train {
namespace {

constexpr int64_t kBucketBytes = 25 << 20;

} // namespace

struct DataParallel::Group {
    c10::intrusive_ptr<c10d::Store> store;
    c10::intrusive_ptr<c10d::ProcessGroupGloo> gloo;
#ifdef USE_C10D_NCCL
    c10::intrusive_ptr<c10d::ProcessGroupNCCL> nccl;
#endif
    void allreduce(std::vector<at::Tensor>& tensors)
    {
#ifdef USE_C10D_NCCL
        if (nccl) {
            nccl->allreduce(tensors)->wait();
            return;
        }
#endif
        gloo->allreduce(tensors)->wait();
    }
};

DataParallel::DataParallel(const DistributedEnvironment& environment, const torch::Device& device,
                           std::chrono::seconds timeout)
    : environment_(environment), group_(std::make_unique<Group>())
{
#ifndef USE_C10D_NCCL
    if (device.is_cuda())
        throw Error("distributed training on GPUs needs NCCL, which this libtorch lacks (Debian's); build with "
                    "FINCH_TORCH=pypi, or train on the CPU (Gloo)");
#endif
    const std::string where = environment.masterAddress + ":" + std::to_string(environment.masterPort);
    try {
        c10d::TCPStoreOptions options;
        options.port = static_cast<std::uint16_t>(environment.masterPort);
        options.isServer = environment.rank == 0;
        options.numWorkers = static_cast<std::size_t>(environment.worldSize);
        options.waitWorkers = true;
        options.timeout = timeout;
        auto tcp = c10::make_intrusive<c10d::TCPStore>(environment.masterAddress, options);
        // A restarted job (torchrun's restarts) rendezvous under keys of its own.
        group_->store = c10::make_intrusive<c10d::PrefixStore>(
            "finch/" + std::to_string(environment.restartCount) + "/", tcp);
#ifdef USE_C10D_NCCL
        if (device.is_cuda()) {
            auto ncclOptions = c10d::ProcessGroupNCCL::Options::create();
            ncclOptions->timeout = timeout;
            group_->nccl = c10::make_intrusive<c10d::ProcessGroupNCCL>(group_->store, environment.rank,
                                                                       environment.worldSize, ncclOptions);
            return;
        }
#endif
        auto glooOptions = c10d::ProcessGroupGloo::Options::create(timeout);
        glooOptions->devices.push_back(c10d::ProcessGroupGloo::createDefaultDevice());
        group_->gloo = c10::make_intrusive<c10d::ProcessGroupGloo>(group_->store, environment.rank,
                                                                   environment.worldSize, glooOptions);
    } catch (const std::exception& error) {
        throw Error("distributed training: rank " + std::to_string(environment.rank) + " of " +
                    std::to_string(environment.worldSize) + " could not join the job at " + where + " within " +
                    std::to_string(timeout.count()) + " s: " + error.what());
    }
}

DataParallel::~DataParallel() = default;

void DataParallel::allReduceSum(const std::vector<at::Tensor>& tensors)
{
    // Buckets of one type each, in the order given: every rank builds the same buckets.
    std::map<at::ScalarType, std::vector<std::vector<at::Tensor>>> buckets;
    std::map<at::ScalarType, int64_t> filled;
    for (const at::Tensor& tensor : tensors) {
        auto& list = buckets[tensor.scalar_type()];
        int64_t& bytes = filled[tensor.scalar_type()];
        const int64_t size = tensor.numel() * static_cast<int64_t>(tensor.element_size());
        if (list.empty() || bytes + size > kBucketBytes) {
            list.emplace_back();
            bytes = 0;
        }
        list.back().push_back(tensor);
        bytes += size;
    }
    at::NoGradGuard noGrad;
    const auto start = std::chrono::steady_clock::now();
    try {
        for (auto& [type, list] : buckets)
            for (const std::vector<at::Tensor>& bucket : list) {
                std::vector<at::Tensor> flat{at::flatten_dense_tensors(bucket)};
                group_->allreduce(flat);
                const auto parts = at::unflatten_dense_tensors(flat[0], bucket);
                for (size_t i = 0; i < bucket.size(); ++i)
                    bucket[i].copy_(parts[i]);
                traffic_.bytes += flat[0].numel() * static_cast<int64_t>(flat[0].element_size());
            }
        ++traffic_.calls;
        traffic_.seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    } catch (const Error&) {
        throw;
    } catch (const std::exception& error) {
        throw Error("distributed training: rank " + std::to_string(rank()) +
                    " lost the other ranks during a gradient all-reduce (one of them stopped or died; " +
                    error.what() + "); resume the job from its last checkpoint");
    }
}

std::string DataParallel::shareFromRankZero(const std::string& key, const std::string& value)
{
    const std::string name = "share/" + std::to_string(shares_++) + "/" + key;
    try {
        if (rank() == 0) {
            group_->store->set(name, std::vector<uint8_t>(value.begin(), value.end()));
            return value;
        }
        const std::vector<uint8_t> bytes = group_->store->get(name);
        return std::string(bytes.begin(), bytes.end());
    } catch (const std::exception& error) {
        throw Error("distributed training: rank " + std::to_string(rank()) + " did not hear '" + key +
                    "' from rank 0 (" + error.what() + ")");
    }
}

} // namespace finch::train
