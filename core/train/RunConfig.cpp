#include "core/train/RunConfig.h"

#include "core/common/Error.h"
#include "core/common/FileIO.h"
#include "core/common/JsonFile.h"

#include <algorithm>
#include <filesystem>
#include <functional>

namespace finch::train {
namespace {

using Json = nlohmann::ordered_json;

size_t editDistance(const std::string& a, const std::string& b)
{
    std::vector<size_t> row(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j)
        row[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        size_t diagonal = row[0];
        row[0] = i;
        for (size_t j = 1; j <= b.size(); ++j) {
            const size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

// Reads keys into fields with one table, so fromJson and toJson cannot drift apart.
class Binder {
public:
    Binder(const Json* in, Json* out, const std::string& source) : in_(in), out_(out), source_(source) {}

    template <typename T>
    void bind(const char* key, T& value, const char* expected)
    {
        known_.push_back(key);
        if (out_) {
            (*out_)[key] = value;
            return;
        }
        const auto it = in_->find(key);
        if (it == in_->end())
            return;
        try {
            if constexpr (std::is_same_v<T, bool>) {
                if (!it->is_boolean())
                    throw std::invalid_argument("type");
            } else if constexpr (std::is_integral_v<T>) {
                if (!it->is_number_integer())
                    throw std::invalid_argument("type");
            } else if constexpr (std::is_floating_point_v<T>) {
                if (!it->is_number())
                    throw std::invalid_argument("type");
            } else if constexpr (std::is_same_v<T, std::string>) {
                if (!it->is_string())
                    throw std::invalid_argument("type");
            }
            value = it->get<T>();
        } catch (const std::exception&) {
            throw Error(source_ + ": '" + key + "': expected " + expected + ", found " + it->dump());
        }
    }

    void rejectUnknownKeys() const
    {
        if (out_)
            return;
        for (auto it = in_->begin(); it != in_->end(); ++it) {
            if (std::find(known_.begin(), known_.end(), it.key()) != known_.end())
                continue;
            std::string hint;
            size_t best = 4;
            for (const std::string& key : known_)
                if (const size_t d = editDistance(it.key(), key); d < best) {
                    best = d;
                    hint = " (did you mean '" + key + "'?)";
                }
            throw Error(source_ + ": unknown setting '" + it.key() + "'" + hint);
        }
    }

private:
    const Json* in_;
    Json* out_;
    const std::string& source_;
    std::vector<std::string> known_;
};

template <typename Config, typename LoraT>
void bindAll(Binder& b, Config& c, LoraT& lora, std::string& method)
{
    b.bind("output_dir", c.outputDir, "a folder");
    b.bind("run_name", c.runName, "a name");
    b.bind("train_file", c.trainFile, "a dataset file");
    b.bind("validation_file", c.validationFile, "a dataset file or \"\"");
    b.bind("test_file", c.testFile, "a dataset file or \"\"");
    b.bind("validation_split", c.validationSplit, "a fraction");
    b.bind("test_split", c.testSplit, "a fraction");
    b.bind("fields", c.fields, "an object mapping roles to field names");
    b.bind("labels", c.labels, "a list of labels");
    b.bind("model", c.model, "a preset name or a Hugging Face folder");
    b.bind("tokenizer_vocab_size", c.tokenizerVocabSize, "an integer");
    b.bind("method", method, "\"full\", \"lora\" or \"frozen_body\"");
    b.bind("lora", lora, "an object with r, alpha, dropout, target_modules, use_rslora");
    b.bind("trainable_layers", c.trainableLayers, "an integer");
    b.bind("num_train_epochs", c.epochs, "an integer");
    b.bind("max_steps", c.maxSteps, "an integer (-1: use epochs)");
    b.bind("per_device_train_batch_size", c.batchSize, "an integer");
    b.bind("gradient_accumulation_steps", c.gradientAccumulation, "an integer");
    b.bind("optimizer", c.optimizer, "\"adamw\" or \"sgd\"");
    b.bind("learning_rate", c.learningRate, "a number");
    b.bind("adam_beta1", c.adamBeta1, "a number");
    b.bind("adam_beta2", c.adamBeta2, "a number");
    b.bind("adam_epsilon", c.adamEpsilon, "a number");
    b.bind("momentum", c.momentum, "a number");
    b.bind("weight_decay", c.weightDecay, "a number");
    b.bind("lr_scheduler_type", c.scheduler, "\"linear\", \"cosine\", \"constant\" or \"constant_with_warmup\"");
    b.bind("warmup_steps", c.warmupSteps, "an integer");
    b.bind("warmup_ratio", c.warmupRatio, "a fraction");
    b.bind("max_grad_norm", c.maxGradNorm, "a number (0: no clipping)");
    b.bind("seed", c.seed, "a non-negative integer");
    b.bind("precision", c.precision, "\"fp32\", \"bf16\" or \"fp16\"");
    b.bind("max_seq_length", c.maxSequenceLength, "an integer");
    b.bind("packing", c.packing, "true or false");
    b.bind("logging_steps", c.loggingSteps, "an integer");
    b.bind("eval_steps", c.evalSteps, "an integer (0: each epoch)");
    b.bind("save_steps", c.saveSteps, "an integer (0: each epoch)");
    b.bind("save_total_limit", c.saveTotalLimit, "an integer");
    b.bind("early_stopping_patience", c.earlyStoppingPatience, "an integer (0: off)");
    b.bind("load_best_model_at_end", c.loadBestModelAtEnd, "true or false");
    b.bind("prompt_template", c.promptTemplate, "a template");
    b.bind("completion_template", c.completionTemplate, "a template");
    b.bind("train_on_prompt", c.trainOnPrompt, "true or false");
    b.bind("device", c.device, "\"cpu\", \"cuda\" or \"cuda:N\"");
    b.bind("threads", c.threads, "an integer (0: one per core)");
}

Json loraToJson(const LoraSettings& lora)
{
    return {{"r", lora.rank}, {"alpha", lora.alpha}, {"dropout", lora.dropout},
            {"target_modules", lora.targetModules}, {"use_rslora", lora.rsLora}};
}

LoraSettings loraFromJson(const Json& json, const std::string& source)
{
    LoraSettings lora;
    Binder b(&json, nullptr, source);
    b.bind("r", lora.rank, "an integer");
    b.bind("alpha", lora.alpha, "a number");
    b.bind("dropout", lora.dropout, "a number");
    b.bind("target_modules", lora.targetModules, "a list of module names");
    b.bind("use_rslora", lora.rsLora, "true or false");
    b.rejectUnknownKeys();
    return lora;
}

void require(bool condition, const std::string& message)
{
    if (!condition)
        throw Error("run configuration: " + message);
}

} // namespace

std::string methodName(model::TrainingMethod method)
{
    switch (method) {
    case model::TrainingMethod::Full: return "full";
    case model::TrainingMethod::Lora: return "lora";
    case model::TrainingMethod::FrozenBody: return "frozen_body";
    }
    return "full";
}

RunConfig RunConfig::fromJson(const Json& json, const std::string& source)
{
    if (!json.is_object())
        throw Error(source + ": expected a JSON object of settings");
    RunConfig config;
    std::string method = methodName(config.method);
    Json lora = loraToJson(config.lora);
    Binder binder(&json, nullptr, source);
    bindAll(binder, config, lora, method);
    binder.rejectUnknownKeys();
    if (json.contains("lora")) {
        if (!json["lora"].is_object())
            throw Error(source + ": 'lora': expected an object, found " + json["lora"].dump());
        config.lora = loraFromJson(json["lora"], source + ": 'lora'");
    }
    if (method == "full")
        config.method = model::TrainingMethod::Full;
    else if (method == "lora")
        config.method = model::TrainingMethod::Lora;
    else if (method == "frozen_body")
        config.method = model::TrainingMethod::FrozenBody;
    else
        throw Error(source + ": 'method': expected \"full\", \"lora\" or \"frozen_body\", found \"" + method + "\"");
    try {
        config.validate();
    } catch (const Error& error) {
        throw Error(source + ": " + error.what());
    }
    return config;
}

RunConfig RunConfig::load(const std::string& path)
{
    RunConfig config = fromJson(readJsonFile(path), path);
    // Paths in the file are relative to the file, so a configuration travels with its data.
    const std::filesystem::path base = std::filesystem::absolute(path).parent_path();
    auto resolve = [&](std::string& value) {
        if (!value.empty() && std::filesystem::path(value).is_relative())
            value = (base / value).lexically_normal().string();
    };
    for (std::string* value : {&config.trainFile, &config.validationFile, &config.testFile, &config.outputDir})
        resolve(*value);
    const auto presets = model::ModelConfig::presetNames();
    if (std::find(presets.begin(), presets.end(), config.model) == presets.end())
        resolve(config.model);
    return config;
}

Json RunConfig::toJson() const
{
    Json json;
    RunConfig copy = *this;
    std::string methodText = methodName(method);
    Json loraJson = loraToJson(lora);
    Binder binder(nullptr, &json, outputDir);
    bindAll(binder, copy, loraJson, methodText);
    return json;
}

void RunConfig::validate() const
{
    require(!trainFile.empty(), "'train_file' is required");
    require(validationSplit >= 0 && testSplit >= 0 && validationSplit + testSplit < 1,
            "'validation_split' and 'test_split' must be at least 0 and leave rows for training");
    require(epochs >= 1 || maxSteps > 0, "'num_train_epochs' must be at least 1 (or set 'max_steps')");
    require(batchSize >= 1, "'per_device_train_batch_size' must be at least 1");
    require(gradientAccumulation >= 1, "'gradient_accumulation_steps' must be at least 1");
    require(optimizer == "adamw" || optimizer == "sgd", "'optimizer': expected \"adamw\" or \"sgd\", found \"" + optimizer + "\"");
    require(learningRate > 0, "'learning_rate' must be above 0");
    require(scheduler == "linear" || scheduler == "cosine" || scheduler == "constant" || scheduler == "constant_with_warmup",
            "'lr_scheduler_type': expected linear, cosine, constant or constant_with_warmup, found \"" + scheduler + "\"");
    require(warmupSteps >= 0 && warmupRatio >= 0 && warmupRatio <= 1, "warmup must be at least 0 (ratio at most 1)");
    require(weightDecay >= 0, "'weight_decay' must be at least 0");
    require(maxGradNorm >= 0, "'max_grad_norm' must be at least 0");
    require(precision == "fp32" || precision == "bf16" || precision == "fp16",
            "'precision': expected fp32, bf16 or fp16, found \"" + precision + "\"");
    require(precision == "fp32" || device.rfind("cuda", 0) == 0,
            "'precision' " + precision + " is autocast on CUDA; on the CPU use fp32");
    require(maxSequenceLength >= 8, "'max_seq_length' must be at least 8");
    require(loggingSteps >= 1, "'logging_steps' must be at least 1");
    require(evalSteps >= 0 && saveSteps >= 0, "'eval_steps' and 'save_steps' must be at least 0");
    require(saveTotalLimit >= 1, "'save_total_limit' must be at least 1");
    require(earlyStoppingPatience >= 0, "'early_stopping_patience' must be at least 0");
    require(tokenizerVocabSize >= 300, "'tokenizer_vocab_size' must be at least 300 (256 byte pieces and more)");
    require(trainableLayers >= 0, "'trainable_layers' must be at least 0");
    if (method == model::TrainingMethod::Lora) {
        require(lora.rank >= 1, "'lora': 'r' must be at least 1");
        require(lora.alpha > 0, "'lora': 'alpha' must be above 0");
        require(lora.dropout >= 0 && lora.dropout < 1, "'lora': 'dropout' must be in [0, 1)");
        require(!lora.targetModules.empty(), "'lora': 'target_modules' must name at least one module");
        for (const std::string& target : lora.targetModules)
            require(target == "q_proj" || target == "k_proj" || target == "v_proj" || target == "o_proj" ||
                        target == "gate_proj" || target == "up_proj" || target == "down_proj",
                    "'lora': unknown target module '" + target +
                        "': expected q_proj, k_proj, v_proj, o_proj, gate_proj, up_proj or down_proj");
    }
}

} // namespace finch::train
