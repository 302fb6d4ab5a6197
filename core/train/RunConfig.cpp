#include "core/train/RunConfig.h"

#include "core/common/Error.h"
#include "core/common/FileIO.h"
#include "core/common/JsonBinder.h"
#include "core/common/JsonFile.h"
#include "core/model/ModelConfig.h"

#include <filesystem>
#include <functional>

namespace finch::train {
namespace {

using Json = nlohmann::ordered_json;

template <typename Config, typename LoraT>
void bindAll(JsonBinder& b, Config& c, LoraT& lora, std::string& method, Json& reportTo)
{
    b.bind("output_dir", c.outputDir, "a folder");
    b.bind("run_name", c.runName, "a name");
    b.bind("train_file", c.trainFile, "a dataset file");
    b.bind("validation_file", c.validationFile, "a dataset file or \"\"");
    b.bind("test_file", c.testFile, "a dataset file or \"\"");
    b.bind("validation_split", c.validationSplit, "a fraction");
    b.bind("test_split", c.testSplit, "a fraction");
    b.bind("cross_validation_folds", c.crossValidationFolds, "an integer (0: none)");
    b.bind("cross_validation_fold", c.crossValidationFold, "an integer");
    b.bind("fields", c.fields, "an object mapping roles to field names");
    b.bind("labels", c.labels, "a list of labels");
    b.bind("model", c.model, "a preset name or a Hugging Face folder");
    b.bind("adapter_name_or_path", c.adapterPath, "a PEFT LoRA adapter folder, or \"\"");
    b.bind("tokenizer_vocab_size", c.tokenizerVocabSize, "an integer");
    b.bind("method", method, model::kTrainingMethods.alternatives().c_str());
    b.bind("lora", lora, "an object with r, alpha, dropout, target_modules, use_rslora");
    b.bind("trainable_layers", c.trainableLayers, "an integer");
    b.bind("num_train_epochs", c.epochs, "an integer");
    b.bind("max_steps", c.maxSteps, "an integer (-1: use epochs)");
    b.bind("per_device_train_batch_size", c.batchSize, "an integer");
    b.bind("gradient_accumulation_steps", c.gradientAccumulation, "an integer");
    b.bind("optimizer", c.optimizer, kOptimizers.alternatives().c_str());
    b.bind("learning_rate", c.learningRate, "a number");
    b.bind("adam_beta1", c.adamBeta1, "a number");
    b.bind("adam_beta2", c.adamBeta2, "a number");
    b.bind("adam_epsilon", c.adamEpsilon, "a number");
    b.bind("momentum", c.momentum, "a number");
    b.bind("weight_decay", c.weightDecay, "a number");
    b.bind("lr_scheduler_type", c.scheduler, alternatives(kSchedulers).c_str());
    b.bind("warmup_steps", c.warmupSteps, "an integer");
    b.bind("warmup_ratio", c.warmupRatio, "a fraction");
    b.bind("max_grad_norm", c.maxGradNorm, "a number (0: no clipping)");
    b.bind("seed", c.seed, "a non-negative integer");
    b.bind("precision", c.precision, alternatives(kPrecisions).c_str());
    b.bind("max_seq_length", c.maxSequenceLength, "an integer");
    b.bind("packing", c.packing, "true or false");
    b.bind("gradient_checkpointing", c.gradientCheckpointing, "true or false");
    b.bind("logging_steps", c.loggingSteps, "an integer");
    b.bind("eval_steps", c.evalSteps, "an integer (0: each epoch)");
    b.bind("save_steps", c.saveSteps, "an integer (0: each epoch)");
    b.bind("save_total_limit", c.saveTotalLimit, "an integer");
    b.bind("early_stopping_patience", c.earlyStoppingPatience, "an integer (0: off)");
    b.bind("load_best_model_at_end", c.loadBestModelAtEnd, "true or false");
    b.bind("report_to", reportTo, "\"none\", \"all\", \"tensorboard\" or a list of them");
    b.bind("logging_dir", c.loggingDir, "a folder, or \"\" for RUN/tensorboard");
    b.bind("prompt_template", c.promptTemplate, "a template");
    b.bind("completion_template", c.completionTemplate, "a template");
    b.bind("train_on_prompt", c.trainOnPrompt, "true or false");
    b.bind("device", c.device, "\"cpu\", \"cuda\" or \"cuda:N\"");
    b.bind("threads", c.threads, "an integer (0: one per core)");
    b.bind("ddp_bucket_cap_mb", c.ddpBucketCapMegabytes, "an integer (megabytes)");
}

Json loraToJson(const LoraSettings& lora)
{
    return {{"r", lora.rank}, {"alpha", lora.alpha}, {"dropout", lora.dropout},
            {"target_modules", lora.targetModules}, {"use_rslora", lora.rsLora}};
}

LoraSettings loraFromJson(const Json& json, const std::string& source)
{
    LoraSettings lora;
    JsonBinder b = JsonBinder::reading(json, source);
    b.bind("r", lora.rank, "an integer");
    b.bind("alpha", lora.alpha, "a number");
    b.bind("dropout", lora.dropout, "a number");
    b.bind("target_modules", lora.targetModules, "a list of module names");
    b.bind("use_rslora", lora.rsLora, "true or false");
    b.rejectUnknownKeys();
    return lora;
}

// 'report_to' as transformers reads it: one name or a list of names, "none" and "all"
// standing alone. "all" is every integration Finch has; names Finch lacks are kept for
// validate() to refuse.
std::vector<std::string> reportTargets(const Json& json, const std::string& source)
{
    const auto refuse = [&](const std::string& why) {
        throw Error(source + ": 'report_to': " + why + ", found " + json.dump());
    };
    if (!json.is_string() && !json.is_array())
        refuse("expected \"none\", \"all\", \"tensorboard\" or a list of them");
    const Json names = json.is_string() ? Json::array({json}) : json;
    std::vector<std::string> targets;
    for (const Json& item : names) {
        if (!item.is_string())
            refuse("expected integration names");
        const std::string name = item.get<std::string>();
        if ((name == "none" || name == "all") && names.size() > 1)
            refuse("\"" + name + "\" goes alone, not in a list with other names");
        const std::vector<std::string> added = name == "all" ? toStrings(kReportIntegrations)
                                               : name == "none" ? std::vector<std::string>{}
                                                                : std::vector<std::string>{name};
        for (const std::string& target : added)
            if (std::find(targets.begin(), targets.end(), target) == targets.end())
                targets.push_back(target);
    }
    return targets;
}

void require(bool condition, const std::string& message)
{
    if (!condition)
        throw Error("run configuration: " + message);
}

} // namespace

std::string methodName(model::TrainingMethod method)
{
    return std::string(model::kTrainingMethods.name(method));
}

RunConfig RunConfig::fromJson(const Json& json, const std::string& source)
{
    if (!json.is_object())
        throw Error(source + ": expected a JSON object of settings");
    RunConfig config;
    std::string method = methodName(config.method);
    Json lora = loraToJson(config.lora);
    Json reportTo = "none";
    JsonBinder binder = JsonBinder::reading(json, source);
    bindAll(binder, config, lora, method, reportTo);
    binder.rejectUnknownKeys();
    config.reportTo = reportTargets(reportTo, source);
    if (json.contains("lora")) {
        if (!json["lora"].is_object())
            throw Error(source + ": 'lora': expected an object, found " + json["lora"].dump());
        config.lora = loraFromJson(json["lora"], source + ": 'lora'");
    }
    const auto chosen = model::kTrainingMethods.find(method);
    if (!chosen)
        throw Error(source + ": 'method': expected " + model::kTrainingMethods.alternatives() + ", found \"" + method + "\"");
    config.method = *chosen;
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
    for (std::string* value : {&config.trainFile, &config.validationFile, &config.testFile, &config.outputDir,
                               &config.adapterPath, &config.loggingDir})
        resolve(*value);
    if (!model::ModelConfig::isPreset(config.model))
        resolve(config.model);
    return config;
}

Json RunConfig::toJson() const
{
    Json json;
    RunConfig copy = *this;
    std::string methodText = methodName(method);
    Json loraJson = loraToJson(lora);
    Json reportJson = reportTo.empty() ? Json("none") : Json(reportTo);
    JsonBinder binder = JsonBinder::writing(json);
    bindAll(binder, copy, loraJson, methodText, reportJson);
    return json;
}

void RunConfig::validate() const
{
    require(!trainFile.empty(), "'train_file' is required");
    require(crossValidationFolds == 0 || (crossValidationFolds >= 2 && crossValidationFolds <= 20),
            "'cross_validation_folds' must be 0 (none) or from 2 to 20");
    require(crossValidationFolds == 0 || (crossValidationFold >= 0 && crossValidationFold < crossValidationFolds),
            "'cross_validation_fold' must be from 0 to 'cross_validation_folds' - 1");
    require(validationSplit >= 0 && testSplit >= 0 && validationSplit + testSplit < 1,
            "'validation_split' and 'test_split' must be at least 0 and leave rows for training");
    // Zero epochs trains nothing: the run records the model (or adapter) as it is and
    // evaluates it, a baseline to compare fine-tuned runs with.
    require(epochs >= 0, "'num_train_epochs' must be at least 0 (0: evaluate the model as it is)");
    require(maxSteps == -1 || maxSteps > 0, "'max_steps' must be above 0, or -1 to use 'num_train_epochs'");
    require(batchSize >= 1, "'per_device_train_batch_size' must be at least 1");
    require(gradientAccumulation >= 1, "'gradient_accumulation_steps' must be at least 1");
    require(ddpBucketCapMegabytes >= 1 && ddpBucketCapMegabytes <= 4096,
            "'ddp_bucket_cap_mb' must be between 1 and 4096, found " + std::to_string(ddpBucketCapMegabytes));
    require(kOptimizers.find(optimizer).has_value(),
            "'optimizer': expected " + kOptimizers.alternatives() + ", found \"" + optimizer + "\"");
    require(learningRate > 0, "'learning_rate' must be above 0");
    require(contains(kSchedulers, scheduler),
            "'lr_scheduler_type': expected " + alternatives(kSchedulers) + ", found \"" + scheduler + "\"");
    require(warmupSteps >= 0 && warmupRatio >= 0 && warmupRatio <= 1, "warmup must be at least 0 (ratio at most 1)");
    require(weightDecay >= 0, "'weight_decay' must be at least 0");
    require(maxGradNorm >= 0, "'max_grad_norm' must be at least 0");
    require(contains(kPrecisions, precision),
            "'precision': expected " + alternatives(kPrecisions) + ", found \"" + precision + "\"");
    require(precision != "fp16" || device.rfind("cuda", 0) == 0,
            "'precision' fp16 is autocast on CUDA; on the CPU use bf16 or fp32");
    require(maxSequenceLength >= 8, "'max_seq_length' must be at least 8");
    require(loggingSteps >= 1, "'logging_steps' must be at least 1");
    require(evalSteps >= 0 && saveSteps >= 0, "'eval_steps' and 'save_steps' must be at least 0");
    require(saveTotalLimit >= 1, "'save_total_limit' must be at least 1");
    require(earlyStoppingPatience >= 0, "'early_stopping_patience' must be at least 0");
    for (const std::string& target : reportTo)
        require(contains(kReportIntegrations, target),
                "'report_to': Finch writes TensorBoard logs only (\"tensorboard\", or \"all\"; \"none\" for no logs), "
                "found \"" + target + "\"");
    require(tokenizerVocabSize >= 300, "'tokenizer_vocab_size' must be at least 300 (256 byte pieces and more)");
    require(trainableLayers >= 0, "'trainable_layers' must be at least 0");
    require(adapterPath.empty() || method == model::TrainingMethod::Lora,
            "'adapter_name_or_path' continues a LoRA adapter: set 'method' to \"lora\"");
    require(adapterPath.empty() || !model::ModelConfig::isPreset(model),
            "'adapter_name_or_path' needs the adapter's base model as 'model' (a Hugging Face folder), not a preset");
    if (method == model::TrainingMethod::Lora) {
        require(lora.rank >= 1, "'lora': 'r' must be at least 1");
        require(lora.alpha > 0, "'lora': 'alpha' must be above 0");
        require(lora.dropout >= 0 && lora.dropout < 1, "'lora': 'dropout' must be in [0, 1)");
        require(!lora.targetModules.empty(), "'lora': 'target_modules' must name at least one module");
        for (const std::string& target : lora.targetModules)
            require(contains(model::kLoraTargetModules, target),
                    "'lora': unknown target module '" + target + "': expected " + alternatives(model::kLoraTargetModules));
    }
}

} // namespace finch::train
