#include "core/engine/train/DataParallel.h"

#include "core/common/Error.h"

#include <torch/csrc/distributed/c10d/FileStore.hpp>
#include <torch/csrc/distributed/c10d/PrefixStore.hpp>
#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>
#ifdef USE_C10D_NCCL // PyPI's libtorch: NCCL between GPUs
#include <torch/csrc/distributed/c10d/ProcessGroupNCCL.hpp>
#endif

#include <torch/csrc/autograd/utils/lambda_post_hook.h>
#include <torch/csrc/autograd/variable.h>

#include <map>
#include <mutex>

namespace finch::train {

struct DataParallel::Group {
    c10::intrusive_ptr<c10d::Store> store;
    c10::intrusive_ptr<c10d::ProcessGroupGloo> gloo;
#ifdef USE_C10D_NCCL
    c10::intrusive_ptr<c10d::ProcessGroupNCCL> nccl;
#endif
    c10::intrusive_ptr<c10d::Work> start(std::vector<at::Tensor>& tensors)
    {
#ifdef USE_C10D_NCCL
        if (nccl)
            return nccl->allreduce(tensors);
#endif
        return gloo->allreduce(tensors);
    }
    void allreduce(std::vector<at::Tensor>& tensors) { start(tensors)->wait(); }
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
    const bool oneNode = !environment.storeFile.empty();
    const std::string where = oneNode ? environment.storeFile
                                      : environment.masterAddress + ":" + std::to_string(environment.masterPort);
    try {
        c10::intrusive_ptr<c10d::Store> store;
        if (oneNode) {
            // No socket anyone else could reach: a file in a folder only this user opens.
            store = c10::make_intrusive<c10d::FileStore>(environment.storeFile, environment.worldSize);
            store->setTimeout(timeout);
        } else {
            c10d::TCPStoreOptions options;
            options.port = static_cast<std::uint16_t>(environment.masterPort);
            options.isServer = environment.rank == 0;
            options.numWorkers = static_cast<std::size_t>(environment.worldSize);
            options.waitWorkers = true;
            options.timeout = timeout;
            store = c10::make_intrusive<c10d::TCPStore>(environment.masterAddress, options);
        }
        // The job's keys carry its token; a restarted job (torchrun's restarts) rendezvous
        // under keys of its own.
        group_->store = c10::make_intrusive<c10d::PrefixStore>(
            "finch/" + environment.jobToken + "/" + std::to_string(environment.restartCount) + "/", store);
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
        glooOptions->devices.push_back(oneNode ? c10d::ProcessGroupGloo::createDeviceForHostname("127.0.0.1")
                                               : c10d::ProcessGroupGloo::createDefaultDevice());
        group_->gloo = c10::make_intrusive<c10d::ProcessGroupGloo>(group_->store, environment.rank,
                                                                   environment.worldSize, glooOptions);
    } catch (const std::exception& error) {
        throw Error("distributed training: rank " + std::to_string(environment.rank) + " of " +
                    std::to_string(environment.worldSize) + " could not join the job at " + where + " within " +
                    std::to_string(timeout.count()) + " s: " + error.what());
    }
}

DataParallel::~DataParallel() = default;

void DataParallel::allReduceSum(const at::Tensor& tensor)
{
    at::NoGradGuard noGrad;
    std::vector<at::Tensor> tensors{tensor};
    try {
        group_->allreduce(tensors);
    } catch (const std::exception& error) {
        lostTheOthers(error);
    }
}

bool DataParallel::anyRank(bool yes)
{
    const at::Tensor votes = at::tensor({yes ? 1.0 : 0.0}, at::kDouble);
    allReduceSum(votes);
    return votes.item<double>() > 0;
}

std::vector<std::vector<size_t>> DataParallel::shareOf(const std::vector<std::vector<size_t>>& microBatches,
                                                       size_t rowsPerRank) const
{
    std::vector<std::vector<size_t>> share;
    for (const std::vector<size_t>& global : microBatches) {
        const size_t first = std::min(global.size(), rowsPerRank * size_t(rank()));
        const size_t end = std::min(global.size(), first + rowsPerRank);
        if (end > first)
            share.emplace_back(global.begin() + std::ptrdiff_t(first), global.begin() + std::ptrdiff_t(end));
    }
    return share;
}

void DataParallel::lostTheOthers(const std::exception& error) const
{
    throw Error("distributed training: rank " + std::to_string(rank()) +
                " lost the other ranks during an all-reduce (one of them stopped or died; " + error.what() +
                "); resume the job from its last checkpoint");
}

std::vector<std::string> DataParallel::gatherOnRankZero(const std::string& key, const std::string& value)
{
    const std::string name = "gather/" + std::to_string(shares_++) + "/" + key + "/";
    try {
        if (rank() > 0) {
            group_->store->set(name + std::to_string(rank()), std::vector<uint8_t>(value.begin(), value.end()));
            return {};
        }
        std::vector<std::string> values{value};
        for (int other = 1; other < worldSize(); ++other) {
            const std::vector<uint8_t> bytes = group_->store->get(name + std::to_string(other));
            values.emplace_back(bytes.begin(), bytes.end());
        }
        return values;
    } catch (const std::exception& error) {
        throw Error("distributed training: rank " + std::to_string(rank()) + " could not gather '" + key +
                    "' (" + error.what() + ")");
    }
}

class DataParallel::BucketedSync final : public GradientSync {
public:
    BucketedSync(DataParallel& parallel, const std::vector<at::Tensor>& parameters, int64_t bucketBytes)
        : parallel_(parallel), state_(std::make_shared<State>())
    {
        State& state = *state_;
        state.parameters = parameters;
        state.bucketOf.resize(parameters.size());
        state.reported.assign(parameters.size(), false);
        // Reverse order, one type and device a bucket: every rank builds the same buckets.
        std::map<std::pair<at::ScalarType, std::string>, size_t> open;
        std::map<size_t, int64_t> filled;
        for (size_t i = parameters.size(); i-- > 0;) {
            const at::Tensor& parameter = parameters[i];
            const auto kind = std::make_pair(parameter.scalar_type(), parameter.device().str());
            const int64_t bytes = parameter.numel() * static_cast<int64_t>(parameter.element_size());
            auto it = open.find(kind);
            if (it == open.end() || filled[it->second] + bytes > bucketBytes) {
                state.buckets.emplace_back();
                it = open.insert_or_assign(kind, state.buckets.size() - 1).first;
            }
            state.buckets[it->second].members.push_back(i);
            filled[it->second] += bytes;
            state.bucketOf[i] = it->second;
        }
        // The hook runs once backward has added a parameter's gradient to .grad. The
        // accumulators are kept: a parameter's accumulator, and its hooks, live only as long
        // as something holds it.
        const std::weak_ptr<State> weak = state_;
        for (size_t i = 0; i < parameters.size(); ++i) {
            Accumulator accumulator = torch::autograd::impl::grad_accumulator(parameters[i]);
            if (!accumulator)
                throw Error("data parallelism: a trainable tensor is not a leaf of the autograd graph");
            Group* group = parallel_.group_.get();
            accumulator->add_post_hook(std::make_unique<torch::autograd::utils::LambdaPostHook>(
                [weak, i, group](const torch::autograd::variable_list& outputs, const torch::autograd::variable_list&) {
                    if (const std::shared_ptr<State> state = weak.lock())
                        state->report(i, *group);
                    return outputs;
                }));
            accumulators_.push_back(std::move(accumulator));
        }
    }

    void beforeFinalBackward() override
    {
        const std::lock_guard lock(state_->mutex);
        state_->armed = true;
    }

    void sum(at::Tensor& loss) override
    {
        State& state = *state_;
        at::NoGradGuard noGrad;
        const auto start = std::chrono::steady_clock::now();
        try {
            {
                const std::lock_guard lock(state.mutex);
                state.armed = false;
                parallel_.traffic_.bucketsDuringBackward += static_cast<int64_t>(state.nextToStart);
                parallel_.traffic_.buckets += static_cast<int64_t>(state.buckets.size());
                if (!state.error.empty())
                    throw Error("data parallelism: " + state.error);
                // What backward did not report (a rank without rows, a parameter the last
                // micro-batch did not reach) goes now, as it is: zeros when it has none.
                for (size_t i = 0; i < state.parameters.size(); ++i)
                    if (!state.reported[i]) {
                        if (!state.parameters[i].grad().defined())
                            state.parameters[i].mutable_grad() = at::zeros_like(state.parameters[i]);
                        state.markReported(i, *parallel_.group_);
                    }
            }
            std::vector<at::Tensor> lossList{loss};
            parallel_.group_->allreduce(lossList);
            for (Bucket& bucket : state.buckets) {
                bucket.work->wait();
                const std::vector<at::Tensor> gradients = state.gradientsOf(bucket);
                const auto parts = at::unflatten_dense_tensors(bucket.flat, gradients);
                for (size_t k = 0; k < gradients.size(); ++k)
                    gradients[k].copy_(parts[k]);
                parallel_.traffic_.bytes += bucket.flat.numel() * static_cast<int64_t>(bucket.flat.element_size());
            }
        } catch (const Error&) {
            throw;
        } catch (const std::exception& error) {
            parallel_.lostTheOthers(error);
        }
        state.reset();
        ++parallel_.traffic_.calls;
        parallel_.traffic_.seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    }

private:
    struct Bucket {
        std::vector<size_t> members; // parameter indices
        size_t reported = 0;
        at::Tensor flat;             // the gradients, flattened, being summed
        c10::intrusive_ptr<c10d::Work> work;
    };
    // Shared with the hooks, which may run on autograd's device threads.
    struct State {
        std::mutex mutex;
        std::vector<at::Tensor> parameters;
        std::vector<size_t> bucketOf;
        std::vector<bool> reported;
        std::vector<Bucket> buckets;
        size_t nextToStart = 0;
        bool armed = false;
        std::string error;

        void report(size_t i, Group& group)
        {
            const std::lock_guard lock(mutex);
            if (!armed || !error.empty())
                return;
            if (reported[i]) {
                // Its bucket may be on its way with the gradient before this one.
                error = "a trainable tensor received its gradient twice in one backward pass";
                return;
            }
            try {
                markReported(i, group);
            } catch (const std::exception& failure) {
                error = failure.what();
            }
        }
        std::vector<at::Tensor> gradientsOf(const Bucket& bucket) const
        {
            std::vector<at::Tensor> gradients;
            for (const size_t member : bucket.members)
                gradients.push_back(parameters[member].grad());
            return gradients;
        }
        // Starts every bucket that is complete, in bucket order.
        void markReported(size_t i, Group& group)
        {
            reported[i] = true;
            ++buckets[bucketOf[i]].reported;
            while (nextToStart < buckets.size() && buckets[nextToStart].reported == buckets[nextToStart].members.size()) {
                Bucket& bucket = buckets[nextToStart++];
                at::NoGradGuard noGrad;
                std::vector<at::Tensor> flat{at::flatten_dense_tensors(gradientsOf(bucket))};
                bucket.flat = flat[0];
                bucket.work = group.start(flat);
            }
        }
        void reset()
        {
            const std::lock_guard lock(mutex);
            std::fill(reported.begin(), reported.end(), false);
            for (Bucket& bucket : buckets) {
                bucket.reported = 0;
                bucket.flat = at::Tensor();
                bucket.work.reset();
            }
            nextToStart = 0;
        }
    };

    DataParallel& parallel_;
    std::shared_ptr<State> state_;
    // A shared_ptr in libtorch 1.13, an intrusive_ptr in 2.x.
    using Accumulator = decltype(torch::autograd::impl::grad_accumulator(std::declval<at::Tensor>()));
    std::vector<Accumulator> accumulators_;
};

std::unique_ptr<GradientSync> DataParallel::gradientSync(const std::vector<at::Tensor>& parameters, int64_t bucketBytes)
{
    return std::make_unique<BucketedSync>(*this, parameters, bucketBytes);
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
