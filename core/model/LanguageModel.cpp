#include "core/model/LanguageModel.h"

#include "core/common/Error.h"
#include "core/common/FileIO.h"
#include "core/model/LanguageModelImpl.h"
#include "core/text/SentencePiece.h"

#include <filesystem>

namespace finch::model {
namespace {

namespace fs = std::filesystem;

torch::Device parseDevice(const std::string& name)
{
    if (name == "cpu")
        return torch::kCPU;
    if (name.rfind("cuda", 0) == 0) {
        if (!torch::cuda::is_available())
            throw Error("device '" + name + "' asked for, but this libtorch has no CUDA or no GPU is visible");
        const torch::Device device(name);
        if (device.has_index() && device.index() >= static_cast<int>(torch::cuda::device_count()))
            throw Error("device '" + name + "' asked for, but only " + std::to_string(torch::cuda::device_count()) +
                        " CUDA devices are visible");
        return device;
    }
    throw Error("unknown device '" + name + "': expected cpu, cuda or cuda:N");
}

// Tokenizer files that travel with a model folder; Finch reads tokenizer.model itself.
const char* const kTokenizerFiles[] = {"tokenizer.json", "tokenizer_config.json", "special_tokens_map.json",
                                       "generation_config.json"};

} // namespace

at::Tensor LanguageModel::Impl::idsTensor(const std::vector<int>& ids) const
{
    const int64_t vocab = network->config().vocabSize;
    for (const int id : ids)
        if (id < 0 || id >= vocab)
            throw Error("token id " + std::to_string(id) + " is outside the vocabulary (0.." + std::to_string(vocab - 1) + ")");
    return at::tensor(std::vector<int64_t>(ids.begin(), ids.end()), at::kLong).unsqueeze(0).to(device);
}

LanguageModel::LanguageModel(std::unique_ptr<Impl, ImplDeleter> impl) : impl_(std::move(impl)) {}

void LanguageModel::ImplDeleter::operator()(Impl* impl) const
{
    delete impl;
}

LanguageModel LanguageModel::load(const std::string& folder, const std::string& device)
{
    if (!fs::is_directory(folder))
        throw Error(folder + ": not a folder; expected a Hugging Face model folder with config.json");
    const fs::path configPath = fs::path(folder) / "config.json";
    if (!fs::exists(configPath))
        throw Error(folder + ": no config.json; expected a Hugging Face model folder");
    const ModelConfig config = ModelConfig::load(configPath.string());

    std::unique_ptr<Impl, ImplDeleter> impl(new Impl);
    impl->device = parseDevice(device);
    impl->sourceFolder = folder;
    impl->network = CausalLm(config);
    loadWeights(impl->network, folder);
    impl->network->to(impl->device);
    impl->network->eval();

    LanguageModel model(std::move(impl));
    const fs::path tokenizerPath = fs::path(folder) / "tokenizer.model";
    if (fs::exists(tokenizerPath)) {
        model.setTokenizer(readWholeFile(tokenizerPath.string()));
        const int pieces = model.tokenizer()->vocabSize();
        if (pieces > config.vocabSize)
            throw Error(tokenizerPath.string() + ": the tokenizer has " + std::to_string(pieces) +
                        " pieces but config.json's vocab_size is " + std::to_string(config.vocabSize) +
                        ": they belong to different models");
    }
    return model;
}

LanguageModel LanguageModel::create(const ModelConfig& config, uint64_t seed, const std::string& device)
{
    std::unique_ptr<Impl, ImplDeleter> impl(new Impl);
    impl->device = parseDevice(device);
    impl->network = CausalLm(config);
    impl->network->initialise(seed);
    impl->network->to(impl->device);
    impl->network->eval();
    return LanguageModel(std::move(impl));
}

const ModelConfig& LanguageModel::config() const { return impl_->network->config(); }

std::string LanguageModel::device() const { return impl_->device.str(); }

const text::Tokenizer* LanguageModel::tokenizer() const { return impl_->tokenizer.get(); }

void LanguageModel::setTokenizer(const std::string& sentencePieceModel)
{
    impl_->tokenizer = text::SentencePiece::fromBytes(sentencePieceModel);
    impl_->tokenizerModel = sentencePieceModel;
}

double LanguageModel::score(const std::vector<std::vector<int>>& sequences) const
{
    at::NoGradGuard noGrad;
    double totalLoss = 0;
    int64_t totalTokens = 0;
    for (const auto& sequence : sequences) {
        if (sequence.size() < 2)
            throw Error("cannot score a sequence of " + std::to_string(sequence.size()) +
                        " tokens: expected at least 2 (each token is predicted from the ones before)");
        const at::Tensor ids = impl_->idsTensor(sequence);
        const at::Tensor logits = impl_->network->forward(ids);
        const int64_t predicted = static_cast<int64_t>(sequence.size()) - 1;
        totalLoss += causalLmLoss(logits, ids).item<double>() * static_cast<double>(predicted);
        totalTokens += predicted;
    }
    return totalTokens ? totalLoss / static_cast<double>(totalTokens) : 0.0;
}

std::vector<float> LanguageModel::logits(const std::vector<int>& ids) const
{
    at::NoGradGuard noGrad;
    const at::Tensor logits = impl_->network->forward(impl_->idsTensor(ids)).squeeze(0).to(at::kCPU, at::kFloat).contiguous();
    return {logits.data_ptr<float>(), logits.data_ptr<float>() + logits.numel()};
}

void LanguageModel::save(const std::string& folder, const SaveOptions& options) const
{
    fs::create_directories(folder);
    ModelConfig config = impl_->network->config();
    config.torchDtype = "float32"; // Finch computes and saves in float32
    writeFileAtomically((fs::path(folder) / "config.json").string(), config.toJson().dump(2) + "\n");
    saveWeights(impl_->network, folder, options.maxShardBytes);
    if (!impl_->tokenizerModel.empty())
        writeFileAtomically((fs::path(folder) / "tokenizer.model").string(), impl_->tokenizerModel);
    if (!impl_->sourceFolder.empty() && fs::absolute(impl_->sourceFolder) != fs::absolute(folder))
        for (const char* name : kTokenizerFiles) {
            const fs::path source = fs::path(impl_->sourceFolder) / name;
            if (fs::exists(source))
                writeFileAtomically((fs::path(folder) / name).string(), readWholeFile(source.string()));
        }
}

} // namespace finch::model
