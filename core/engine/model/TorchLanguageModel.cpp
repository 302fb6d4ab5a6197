#include "core/engine/model/TorchLanguageModel.h"

#include "core/common/Error.h"
#include "core/common/FileIO.h"
#include "core/common/JsonFile.h"
#include "core/common/Memory.h"
#include "core/text/SentencePiece.h"
#include "core/text/TokenizerFile.h"

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
const char* const kTokenizerFiles[] = {"tokenizer.json",       "tokenizer_config.json", "special_tokens_map.json",
                                       "generation_config.json", "chat_template.jinja",  "chat_template.json"};

// Finch computes and keeps weights in float32.
uint64_t weightBytes(const ModelConfig& config)
{
    return static_cast<uint64_t>(config.parameterCount()) * sizeof(float);
}

} // namespace

at::Tensor TorchLanguageModel::idsTensor(const std::vector<int>& ids) const
{
    const int64_t vocab = network_->config().vocabSize;
    for (const int id : ids)
        if (id < 0 || id >= vocab)
            throw Error("token id " + std::to_string(id) + " is outside the vocabulary (0.." + std::to_string(vocab - 1) + ")");
    return at::tensor(std::vector<int64_t>(ids.begin(), ids.end()), at::kLong).unsqueeze(0).to(device_);
}

std::unique_ptr<TorchLanguageModel> TorchLanguageModel::load(const std::string& folder, const std::string& device)
{
    if (!fs::is_directory(folder))
        throw Error(folder + ": not a folder; expected a Hugging Face model folder with config.json");
    const fs::path configPath = fs::path(folder) / "config.json";
    if (!fs::exists(configPath))
        throw Error(folder + ": no config.json; expected a Hugging Face model folder");
    const ModelConfig config = ModelConfig::load(configPath.string());
    requireMemory(weightBytes(config), configPath.string() + ": the model's float32 weights");

    std::unique_ptr<TorchLanguageModel> model(new TorchLanguageModel(CausalLm(config), parseDevice(device)));
    model->sourceFolder_ = folder;
    loadWeights(model->network_, folder);
    model->network_->to(model->device_);
    model->network_->eval();

    // Chat models end a turn with tokens config.json may not name (Llama 3's <|eot_id|>).
    if (const fs::path generation = fs::path(folder) / "generation_config.json"; fs::exists(generation)) {
        const auto json = readJsonFile(generation.string());
        const auto eos = json.is_object() ? json.value("eos_token_id", nlohmann::ordered_json()) : nlohmann::ordered_json();
        for (const auto& id : eos.is_array() ? eos : nlohmann::ordered_json::array({eos})) {
            if (id.is_null())
                continue;
            if (!id.is_number_unsigned() || id.get<uint64_t>() >= uint64_t(config.vocabSize))
                throw Error(generation.string() + ": 'eos_token_id': expected token ids below the vocabulary size " +
                            std::to_string(config.vocabSize) + ", found " + id.dump());
            model->generationEos_.push_back(id.get<int>());
        }
    }
    // tokenizer.json first, as transformers prefers it; a SentencePiece model otherwise.
    const fs::path json = fs::path(folder) / "tokenizer.json", sentencePiece = fs::path(folder) / "tokenizer.model";
    if (fs::exists(json))
        model->tokenizer_ = text::loadTokenizer(json.string());
    else if (fs::exists(sentencePiece))
        model->setTokenizer(readWholeFile(sentencePiece.string()));
    if (const text::Tokenizer* tokenizer = model->tokenizer(); tokenizer && tokenizer->vocabSize() > config.vocabSize)
        throw Error((fs::exists(json) ? json : sentencePiece).string() + ": the tokenizer has " +
                    std::to_string(tokenizer->vocabSize()) + " pieces but config.json's vocab_size is " +
                    std::to_string(config.vocabSize) + ": they belong to different models");
    // A template Finch cannot render is refused here, not half-applied later.
    if (model->tokenizer_)
        if (auto chat = text::ChatTemplate::fromFolder(folder, model->tokenizer_.get()))
            model->chatTemplate_ = std::make_shared<const text::ChatTemplate>(std::move(*chat));
    return model;
}

std::unique_ptr<TorchLanguageModel> TorchLanguageModel::create(const ModelConfig& config, uint64_t seed,
                                                               const std::string& device)
{
    requireMemory(weightBytes(config), "a new " + config.architecture + "'s float32 weights");
    std::unique_ptr<TorchLanguageModel> model(new TorchLanguageModel(CausalLm(config), parseDevice(device)));
    model->network_->initialise(seed);
    model->network_->to(model->device_);
    model->network_->eval();
    return model;
}

const ModelConfig& TorchLanguageModel::config() const { return network_->config(); }

std::string TorchLanguageModel::device() const { return device_.str(); }

void TorchLanguageModel::setTokenizer(const std::string& sentencePieceModel)
{
    tokenizer_ = text::SentencePiece::fromBytes(sentencePieceModel);
    tokenizerModel_ = sentencePieceModel;
}

double TorchLanguageModel::score(const std::vector<std::vector<int>>& sequences) const
{
    at::NoGradGuard noGrad;
    double totalLoss = 0;
    int64_t totalTokens = 0;
    for (const auto& sequence : sequences) {
        if (sequence.size() < 2)
            throw Error("cannot score a sequence of " + std::to_string(sequence.size()) +
                        " tokens: expected at least 2 (each token is predicted from the ones before)");
        const at::Tensor ids = idsTensor(sequence);
        const at::Tensor logits = network_->forward(ids);
        const int64_t predicted = static_cast<int64_t>(sequence.size()) - 1;
        totalLoss += causalLmLoss(logits, ids).item<double>() * static_cast<double>(predicted);
        totalTokens += predicted;
    }
    return totalTokens ? totalLoss / static_cast<double>(totalTokens) : 0.0;
}

// Only the hidden states that predict completion tokens go through the output head, so a
// large vocabulary costs memory per completion token, not per position.
std::vector<double> TorchLanguageModel::completionLogLikelihoods(const std::vector<const std::vector<int>*>& prompts,
                                                                 const std::vector<const std::vector<int>*>& completions,
                                                                 int batchSize) const
{
    at::NoGradGuard noGrad;
    network_->eval();
    std::vector<double> scores(prompts.size(), 0.0);
    const int padId = std::max(0, tokenizer_ ? tokenizer_->padId() : 0);
    for (size_t start = 0; start < prompts.size(); start += static_cast<size_t>(batchSize)) {
        const size_t end = std::min(prompts.size(), start + static_cast<size_t>(batchSize));
        size_t longest = 0;
        for (size_t i = start; i < end; ++i)
            longest = std::max(longest, prompts[i]->size() + completions[i]->size());
        const int64_t rows = static_cast<int64_t>(end - start), width = static_cast<int64_t>(longest);
        std::vector<int64_t> ids(static_cast<size_t>(rows * width), padId), mask(ids.size(), 0);
        std::vector<int64_t> positions, targets, owners;
        for (size_t i = start; i < end; ++i) {
            const size_t row = i - start;
            const std::vector<int>& prompt = *prompts[i];
            const std::vector<int>& completion = *completions[i];
            const size_t offset = row * longest;
            for (size_t t = 0; t < prompt.size() + completion.size(); ++t) {
                ids[offset + t] = t < prompt.size() ? prompt[t] : completion[t - prompt.size()];
                mask[offset + t] = 1;
            }
            for (size_t c = 0; c < completion.size(); ++c) {
                positions.push_back(static_cast<int64_t>(offset + prompt.size() + c - 1));
                targets.push_back(completion[c]);
                owners.push_back(static_cast<int64_t>(i));
            }
        }
        const auto options = at::TensorOptions().dtype(at::kLong);
        const at::Tensor input = at::from_blob(ids.data(), {rows, width}, options).to(device_);
        const at::Tensor attention = at::from_blob(mask.data(), {rows, width}, options).to(device_);
        const at::Tensor hidden = network_->hidden(input, attention).reshape({rows * width, -1});
        const at::Tensor picked =
            hidden.index_select(0, at::from_blob(positions.data(), {int64_t(positions.size())}, options).to(device_));
        const at::Tensor logProbabilities = at::log_softmax(network_->head(picked).to(at::kFloat), -1);
        const at::Tensor chosen =
            logProbabilities
                .gather(1, at::from_blob(targets.data(), {int64_t(targets.size()), 1}, options).to(device_))
                .squeeze(1)
                .to(at::kCPU, at::kDouble)
                .contiguous();
        const double* values = chosen.data_ptr<double>();
        for (size_t k = 0; k < owners.size(); ++k)
            scores[static_cast<size_t>(owners[k])] += values[k];
    }
    return scores;
}

std::vector<float> TorchLanguageModel::logits(const std::vector<int>& ids) const
{
    at::NoGradGuard noGrad;
    const at::Tensor logits = network_->forward(idsTensor(ids)).squeeze(0).to(at::kCPU, at::kFloat).contiguous();
    return {logits.data_ptr<float>(), logits.data_ptr<float>() + logits.numel()};
}

void TorchLanguageModel::save(const std::string& folder, const SaveOptions& options) const
{
    fs::create_directories(folder);
    ModelConfig config = network_->config();
    config.torchDtype = "float32"; // Finch computes and saves in float32
    writeFileAtomically((fs::path(folder) / "config.json").string(), config.toJson().dump(2) + "\n");
    saveWeights(network_, folder, options.maxShardBytes);
    writeTokenizerFiles(folder);
}

void TorchLanguageModel::writeTokenizerFiles(const std::string& folder) const
{
    if (!tokenizerModel_.empty())
        writeFileAtomically((fs::path(folder) / "tokenizer.model").string(), tokenizerModel_);
    if (!sourceFolder_.empty() && fs::absolute(sourceFolder_) != fs::absolute(folder))
        for (const char* name : kTokenizerFiles) {
            const fs::path source = fs::path(sourceFolder_) / name;
            if (fs::exists(source))
                writeFileAtomically((fs::path(folder) / name).string(), readWholeFile(source.string()));
        }
}

} // namespace finch::model
