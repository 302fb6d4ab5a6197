// The Finch side of bench/gpu/run.sh: the engine's own model and training step (LlamaModel,
// TrainStep, Optimizer), built against the torch of the machine the check runs on.
//   finch-gpu-bench logits MODEL_DIR IDS_JSON DEVICE PRECISION OUT_JSON
//   finch-gpu-bench train CONFIG_JSON METHOD(full|lora) BATCH SEQ STEPS WARMUP DEVICE PRECISION CHECKPOINTING(0|1)
// `train` starts from random weights and prints one JSON line.
#include "core/common/Error.h"
#include "core/common/FileIO.h"
#include "core/engine/model/LlamaModel.h"
#include "core/model/ModelConfig.h"
#include "core/engine/model/TorchLanguageModel.h"
#include "core/model/TrainingMethod.h"
#include "core/engine/train/TrainStep.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <iostream>

using namespace finch;

namespace {

void synchronize(const torch::Device& device)
{
    if (device.is_cuda())
        torch::cuda::synchronize(device.index() < 0 ? 0 : device.index());
}

int writeLogits(const std::string& folder, const std::string& idsPath, const torch::Device& device, const std::string& precision,
           const std::string& out)
{
    model::CausalLm network(model::ModelConfig::load(folder + "/config.json"));
    model::loadWeights(network, folder);
    network->to(device);
    network->eval();
    const auto rows = nlohmann::json::parse(readWholeFile(idsPath));
    std::vector<int64_t> flat;
    for (const auto& row : rows)
        for (const auto& id : row)
            flat.push_back(id.get<int64_t>());
    const at::Tensor ids = at::tensor(flat).reshape({int64_t(rows.size()), -1}).to(device);
    at::NoGradGuard noGrad;
    const train::PrecisionScope scope(device, precision);
    const at::Tensor result = network->forward(ids).to(at::kFloat).cpu().contiguous();
    const float* data = result.data_ptr<float>();
    const nlohmann::json written{{"shape", result.sizes().vec()},
                                 {"logits", std::vector<float>(data, data + result.numel())}};
    writeFileAtomically(out, written.dump());
    return 0;
}

int trainSpeed(const std::string& configPath, const std::string& method, int64_t batch, int64_t seq, int steps, int warmup,
          const torch::Device& device, const std::string& precision, bool checkpointing)
{
    const model::ModelConfig config = model::ModelConfig::load(configPath);
    model::CausalLm network(config);
    network->initialise(0);
    network->to(device);
    network->train();
    network->setActivationCheckpointing(checkpointing);
    std::vector<std::pair<std::string, at::Tensor>> trainable;
    if (method == "lora") {
        // PEFT's usual LoRA for a Llama: every linear layer of the decoder, r 16, alpha 32.
        for (auto& parameter : network->parameters())
            parameter.set_requires_grad(false);
        at::Generator generator = at::make_generator<at::CPUGeneratorImpl>(0);
        std::vector<std::string> targets;
        for (const auto target : model::kLoraTargetModules)
            targets.emplace_back(target);
        for (auto& [name, layer] : network->projections(targets))
            layer->addLora(16, 32, 0.0, false, generator);
        network->to(device);
    }
    for (const auto& item : network->named_parameters())
        if (item.value().requires_grad())
            trainable.emplace_back(item.key(), item.value());
    train::OptimizerSettings settings;
    settings.fused = device.is_cuda() && train::fusedAdamWAvailable();
    train::Optimizer optimizer(trainable, settings);
    train::TrainStep step(network, optimizer, precision, 1.0);

    const at::Tensor ids = at::randint(config.vocabSize, {batch, seq}, at::TensorOptions().dtype(at::kLong)).to(device);
    const train::DeviceBatch inputs{ids, ids, {}, batch * (seq - 1), batch * seq};
    const train::PrecisionScope scope(device, precision);
    using Clock = std::chrono::steady_clock;
    Clock::time_point start;
    double lastLoss = NAN;
    for (int i = 0; i < steps; ++i) {
        if (i == warmup) {
            synchronize(device);
            start = Clock::now();
        }
        step.accumulate(inputs, inputs.counted);
        step.apply(1e-4);
        if ((i + 1) % 10 == 0) // Finch's default logging_steps: the only reads
            lastLoss = step.read().meanLoss;
    }
    synchronize(device);
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    if (step.pending())
        lastLoss = step.read().meanLoss;
    int64_t trainableCount = 0;
    for (const auto& [name, tensor] : trainable)
        trainableCount += tensor.numel();
    const nlohmann::json result{{"tokens_per_second", double(batch * seq * (steps - warmup)) / seconds},
                                {"peak_memory_bytes", train::peakMemoryBytes(device)},
                                {"parameters", config.parameterCount()},
                                {"trainable_parameters", trainableCount},
                                {"last_loss", lastLoss},
                                {"torch", TORCH_VERSION},
                                {"fused_adamw", settings.fused}};
    std::cout << result.dump() << std::endl;
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    try {
        const std::vector<std::string> args(argv + 1, argv + argc);
        if (args.size() == 6 && args[0] == "logits")
            return writeLogits(args[1], args[2], torch::Device(args[3]), args[4], args[5]);
        if (args.size() == 10 && args[0] == "train")
            return trainSpeed(args[1], args[2], std::stoll(args[3]), std::stoll(args[4]), std::stoi(args[5]), std::stoi(args[6]),
                         torch::Device(args[7]), args[8], args[9] == "1");
        std::cerr << "usage: finch-gpu-bench logits MODEL_DIR IDS_JSON DEVICE PRECISION OUT_JSON\n"
                     "       finch-gpu-bench train CONFIG_JSON full|lora BATCH SEQ STEPS WARMUP DEVICE PRECISION 0|1\n";
        return 2;
    } catch (const std::exception& error) {
        std::cerr << "finch-gpu-bench: " << error.what() << "\n";
        return 1;
    }
}
