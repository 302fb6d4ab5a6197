// TorchLanguageModel::generate: incremental decoding with a key/value cache.
#include "core/common/Error.h"
#include "core/common/Utf8.h"
#include "core/engine/model/TorchLanguageModel.h"

#include <algorithm>
#include <set>

namespace finch::model {
namespace {

// Picks the next token from the last position's logits (V), float32 on the CPU.
class TokenSampler {
public:
    TokenSampler(const GenerationOptions& options) : options_(options)
    {
        if (options.temperature <= 0)
            throw Error("temperature must be above 0, found " + std::to_string(options.temperature));
        if (options.topP <= 0 || options.topP > 1)
            throw Error("top-p must be in (0, 1], found " + std::to_string(options.topP));
        if (options.topK < 0)
            throw Error("top-k must be 0 (no limit) or more, found " + std::to_string(options.topK));
        if (options.repetitionPenalty <= 0)
            throw Error("the repetition penalty must be above 0, found " + std::to_string(options.repetitionPenalty));
        generator_ = at::make_generator<at::CPUGeneratorImpl>(options.seed);
    }

    int next(at::Tensor logits, const std::vector<int>& seen)
    {
        if (options_.repetitionPenalty != 1.0 && !seen.empty()) {
            // As transformers: divide positive logits, multiply negative ones.
            const std::set<int> unique(seen.begin(), seen.end());
            const at::Tensor ids = at::tensor(std::vector<int64_t>(unique.begin(), unique.end()), at::kLong);
            const at::Tensor chosen = logits.index_select(0, ids);
            logits = logits.index_copy(0, ids,
                                       at::where(chosen > 0, chosen / options_.repetitionPenalty,
                                                 chosen * options_.repetitionPenalty));
        }
        if (options_.greedy)
            return static_cast<int>(logits.argmax().item<int64_t>());
        logits = logits / options_.temperature;
        if (options_.topK > 0 && options_.topK < logits.size(0)) {
            const at::Tensor threshold = std::get<0>(logits.topk(options_.topK)).min();
            logits = logits.masked_fill(logits < threshold, -std::numeric_limits<float>::infinity());
        }
        if (options_.topP < 1.0) {
            const auto [sorted, order] = logits.sort(0, /*descending=*/true);
            const at::Tensor cumulative = at::softmax(sorted, 0).cumsum(0);
            // Drop a token once the ones before it already reach top-p; the first always stays.
            at::Tensor drop = (cumulative - at::softmax(sorted, 0)) > options_.topP;
            logits = logits.index_fill(0, order.masked_select(drop), -std::numeric_limits<float>::infinity());
        }
        const at::Tensor probabilities = at::softmax(logits, 0);
        return static_cast<int>(at::multinomial(probabilities, 1, false, generator_).item<int64_t>());
    }

private:
    const GenerationOptions& options_;
    at::Generator generator_;
};

// Turns the growing token list into text deltas, holding back incomplete UTF-8.
class TextTracker {
public:
    explicit TextTracker(const text::Tokenizer* tokenizer) : tokenizer_(tokenizer) {}

    std::string update(const std::vector<int>& tokens)
    {
        if (!tokenizer_)
            return {};
        text_ = tokenizer_->decode(tokens);
        const size_t complete = text_.size() - incompleteUtf8Tail(text_);
        // Decoding is not always prefix-stable (a piece can change how the previous one
        // renders); then nothing new is emitted until the text grows past what was sent.
        if (complete <= emitted_.size() || text_.compare(0, emitted_.size(), emitted_) != 0)
            return {};
        std::string delta = text_.substr(emitted_.size(), complete - emitted_.size());
        emitted_ = text_.substr(0, complete);
        return delta;
    }

    const std::string& text() const { return text_; }

private:
    const text::Tokenizer* tokenizer_;
    std::string text_, emitted_;
};

} // namespace

GenerationResult TorchLanguageModel::generate(const std::vector<int>& prompt, const GenerationOptions& options,
                                         const TokenCallback& onToken) const
{
    if (prompt.empty())
        throw Error("cannot generate from an empty prompt: expected at least one token");
    if (!options.stopStrings.empty() && !tokenizer_)
        throw Error("stop strings need a tokenizer, and this model folder has no tokenizer.json or tokenizer.model");
    const ModelConfig& config = network_->config();
    const int64_t capacity = std::min<int64_t>(config.maxPositions, static_cast<int64_t>(prompt.size()) + options.maxNewTokens);
    if (static_cast<int64_t>(prompt.size()) >= config.maxPositions)
        throw Error("the prompt has " + std::to_string(prompt.size()) + " tokens; the model's context holds " +
                    std::to_string(config.maxPositions));

    at::NoGradGuard noGrad;
    TokenSampler sampler(options);
    TextTracker tracker(tokenizer_.get());
    const auto& eos = config.eosTokenIds;
    const int tokenizerEos = tokenizer_ ? tokenizer_->eosId() : -1;

    GenerationResult result;
    std::vector<int> seen = prompt;
    KvCache cache(config, 1, capacity, at::TensorOptions().dtype(at::kFloat).device(device_));
    at::Tensor input = idsTensor(prompt);
    result.stopReason = "max-tokens";
    for (int step = 0; step < options.maxNewTokens; ++step) {
        if (cache.length() + input.size(1) > capacity) {
            result.stopReason = "context-full";
            break;
        }
        const at::Tensor logits = network_->forward(input, {}, &cache); // (1, T, V)
        const int token = sampler.next(logits[0][-1].to(at::kCPU, at::kFloat), seen);
        const bool isEos = std::find(eos.begin(), eos.end(), token) != eos.end() || token == tokenizerEos ||
                           std::find(generationEos_.begin(), generationEos_.end(), token) != generationEos_.end();
        if (options.stopAtEos && isEos) {
            result.stopReason = "eos";
            break;
        }
        result.tokens.push_back(token);
        seen.push_back(token);
        const std::string delta = tracker.update(result.tokens);

        bool stopString = false;
        for (const std::string& stop : options.stopStrings) {
            const size_t at = tracker.text().find(stop);
            if (!stop.empty() && at != std::string::npos) {
                result.text = tracker.text().substr(0, at);
                stopString = true;
            }
        }
        if (stopString) {
            result.stopReason = "stop-string";
            return result;
        }
        if (onToken && !onToken(token, delta)) {
            result.stopReason = "cancelled";
            break;
        }
        input = idsTensor({token});
    }
    result.text = tracker.text();
    return result;
}

} // namespace finch::model
