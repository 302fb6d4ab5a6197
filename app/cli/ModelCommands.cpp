// finch model list | info | score | create, and finch generate (download and login: HubCommands.cpp)
#include "CliOutput.h"

#include "core/common/Error.h"
#include "core/common/FileIO.h"
#include "core/model/LanguageModel.h"
#include "core/model/MemoryEstimate.h"
#include "core/model/ModelCatalog.h"
#include "core/api/Engine.h"
#include "core/text/SentencePiece.h"

#include <cmath>
#include <iomanip>
#include <iostream>

namespace finch::cli {
namespace {

using Json = nlohmann::ordered_json;

std::vector<int> parseIds(const std::string& text, const std::string& option)
{
    std::vector<int> ids = parseTokenIds(text, option);
    if (ids.empty())
        throw Error(option + ": expected at least one token id");
    return ids;
}

std::string gibibytes(uint64_t bytes)
{
    std::ostringstream text;
    text << std::fixed << std::setprecision(bytes < (1ull << 30) ? 0 : 2);
    if (bytes < (1ull << 30))
        text << static_cast<double>(bytes) / (1 << 20) << " MiB";
    else
        text << static_cast<double>(bytes) / (1ull << 30) << " GiB";
    return text.str();
}

Json estimateJson(const model::MemoryEstimate& e)
{
    return {{"trainable_parameters", e.trainableParameters}, {"weights_bytes", e.weights}, {"gradients_bytes", e.gradients},
            {"optimizer_bytes", e.optimizer}, {"activations_bytes", e.activations}, {"total_bytes", e.total()}};
}

std::string parameterText(int64_t parameters)
{
    if (parameters <= 0)
        return "?";
    std::ostringstream text;
    text << std::fixed << std::setprecision(parameters < 1'000'000'000 ? 0 : 1);
    if (parameters < 1'000'000)
        text << double(parameters) / 1e3 << " K";
    else if (parameters < 1'000'000'000)
        text << double(parameters) / 1e6 << " M";
    else
        text << double(parameters) / 1e9 << " B";
    return text.str();
}

void addList(CLI::App& group)
{
    struct Options {
        std::string cache;
        bool json = false;
    };
    auto options = std::make_shared<Options>();
    auto* command = group.add_subcommand("list", "The built-in presets, the causal language models in the Hugging Face "
                                                 "cache and the folders opened recently, and whether Finch can fine-tune each");
    command->add_option("--cache", options->cache,
                        "The Hugging Face hub cache (default: HF_HUB_CACHE, HF_HOME/hub or ~/.cache/huggingface/hub)");
    command->add_flag("--json", options->json, "Print {\"cache\": …, \"models\": […]}");
    command->callback([options] {
        const std::string cache = options->cache.empty() ? model::hubCacheDir() : options->cache;
        std::vector<model::ModelEntry> entries = model::presetEntries();
        for (model::ModelEntry& entry : model::listCachedModels(cache))
            entries.push_back(std::move(entry));
        for (model::ModelEntry& entry : model::recentEntries(model::defaultRecentModelsFile()))
            entries.push_back(std::move(entry));
        if (options->json) {
            Json models = Json::array();
            for (const model::ModelEntry& e : entries)
                models.push_back({{"name", e.name}, {"source", e.source}, {"path", e.path}, {"revision", e.revision},
                                  {"architecture", e.architecture}, {"parameters", e.parameters},
                                  {"bytes_on_disk", e.bytesOnDisk}, {"tokenizer", e.tokenizer},
                                  {"chat_template", e.chatTemplate}, {"supported", e.supported}, {"reason", e.reason}});
            printJson({{"cache", cache}, {"models", models}});
            return;
        }
        for (const model::ModelEntry& e : entries) {
            std::cout << e.name << "  [" << e.source << "]  " << e.architecture << ", " << parameterText(e.parameters)
                      << " parameters";
            if (e.bytesOnDisk > 0)
                std::cout << ", " << gibibytes(e.bytesOnDisk) << " on disk";
            if (!e.tokenizer.empty())
                std::cout << ", " << e.tokenizer << (e.chatTemplate ? " with a chat template" : "");
            std::cout << "\n    " << (e.supported ? "supported" : "not supported: " + e.reason) << "\n";
            if (e.source == "cache" || e.source == "recent")
                std::cout << "    " << e.path << "\n";
        }
        std::cout << "(Hugging Face cache: " << cache << ")" << std::endl;
    });
}

// A PEFT LoRA folder made anywhere (PEFT, Finch), applied with PEFT's scaling.
void addAdapterOption(CLI::App& command, std::string& adapter)
{
    command.add_option("--adapter", adapter, "A PEFT LoRA adapter folder (adapter_config.json, adapter_model.safetensors)")
        ->check(CLI::ExistingDirectory);
}

void addInfo(CLI::App& group)
{
    struct Options {
        std::string folder;
        int64_t batch = 8, sequence = 256;
        bool json = false;
    };
    auto options = std::make_shared<Options>();
    auto* command = group.add_subcommand("info", "Architecture, size and training memory estimate of a model folder");
    command->add_option("folder", options->folder, "Hugging Face model folder")->required()->check(CLI::ExistingDirectory);
    command->add_option("--batch", options->batch, "Batch size for the memory estimate")->capture_default_str();
    command->add_option("--sequence-length", options->sequence, "Sequence length for the memory estimate")
        ->capture_default_str();
    command->add_flag("--json", options->json, "Machine-readable output");
    command->callback([options] {
        const auto loaded = engine::load().loadModel(options->folder);
        const model::ModelConfig& c = loaded->config();
        model::MemoryEstimateRequest request;
        request.batchSize = options->batch;
        request.sequenceLength = options->sequence;
        const auto full = model::MemoryEstimate::compute(c, request);
        request.method = model::TrainingMethod::Lora;
        const auto lora = model::MemoryEstimate::compute(c, request);
        const text::Tokenizer* tokenizer = loaded->tokenizer();
        if (options->json) {
            Json out{{"folder", options->folder},
                     {"architecture", c.architecture},
                     {"parameters", c.parameterCount()},
                     {"layers", c.numLayers},
                     {"hidden_size", c.hiddenSize},
                     {"intermediate_size", c.intermediateSize},
                     {"heads", c.numHeads},
                     {"key_value_heads", c.numKeyValueHeads},
                     {"head_dim", c.headDim},
                     {"vocab_size", c.vocabSize},
                     {"context_length", c.maxPositions},
                     {"dtype", c.torchDtype},
                     {"tied_embeddings", c.tieWordEmbeddings},
                     {"tokenizer", tokenizer ? Json(tokenizer->vocabSize()) : Json(nullptr)},
                     {"memory", {{"batch_size", options->batch},
                                 {"sequence_length", options->sequence},
                                 {"full", estimateJson(full)},
                                 {"lora_r8_qv", estimateJson(lora)}}}};
            printJson(out);
            return;
        }
        std::cout << options->folder << "\n  architecture: " << c.architecture << "\n  parameters: " << c.parameterCount()
                  << "\n  layers: " << c.numLayers << ", hidden " << c.hiddenSize << ", intermediate "
                  << c.intermediateSize << "\n  heads: " << c.numHeads << " (key/value " << c.numKeyValueHeads
                  << ", head dim " << c.headDim << ")\n  vocabulary: " << c.vocabSize
                  << (c.tieWordEmbeddings ? " (tied embeddings)" : "") << "\n  context: " << c.maxPositions
                  << " tokens\n  dtype: " << c.torchDtype << "\n  tokenizer: "
                  << (tokenizer ? tokenizer->kind() + ", " + std::to_string(tokenizer->vocabSize()) + " pieces"
                                : std::string("none Finch reads (token ids only)"))
                  << "\n  training memory, batch " << options->batch << " x " << options->sequence
                  << " tokens, float32:\n    full fine-tuning: " << gibibytes(full.total())
                  << "\n    LoRA r=8 on q,v: " << gibibytes(lora.total()) << " (" << lora.trainableParameters
                  << " trainable parameters)" << std::endl;
    });
}

void addScore(CLI::App& group)
{
    struct Options {
        std::string folder, adapter, device = "cpu";
        std::vector<std::string> sequences;
        bool json = false;
    };
    auto options = std::make_shared<Options>();
    auto* command = group.add_subcommand(
        "score", "Mean next-token cross-entropy of token sequences (labels = inputs shifted by one)");
    command->add_option("folder", options->folder, "Hugging Face model folder")->required()->check(CLI::ExistingDirectory);
    command->add_option("--ids", options->sequences, "A sequence of token ids, e.g. 1,2,3 (repeat for more)")->required();
    addAdapterOption(*command, options->adapter);
    command->add_option("--device", options->device, "cpu, cuda or cuda:N")->capture_default_str();
    command->add_flag("--json", options->json, "Machine-readable output");
    command->callback([options] {
        engine::Engine& engine = engine::load();
        engine.configureCompute(0);
        std::vector<std::vector<int>> sequences;
        for (const std::string& text : options->sequences)
            sequences.push_back(parseIds(text, "--ids"));
        const auto loaded = engine.loadModel(options->folder, options->device);
        if (!options->adapter.empty())
            loaded->loadAdapter(options->adapter);
        const double loss = loaded->score(sequences);
        size_t tokens = 0;
        for (const auto& sequence : sequences)
            tokens += sequence.size() - 1;
        if (options->json)
            printJson({{"loss", loss}, {"perplexity", std::exp(loss)}, {"predicted_tokens", tokens}});
        else
            std::cout << std::setprecision(9) << "loss " << loss << "  perplexity " << std::exp(loss) << "  ("
                      << tokens << " predicted tokens)" << std::endl;
    });
}

void addCreate(CLI::App& group)
{
    struct Options {
        std::string preset, tokenizer, out;
        uint64_t seed = 0;
        bool json = false;
    };
    auto options = std::make_shared<Options>();
    auto* command = group.add_subcommand("create", "Create a built-in preset with fresh weights, as a Hugging Face folder");
    command->add_option("--preset", options->preset, "finch-tiny, finch-small or finch-base")
        ->required()
        ->check(CLI::IsMember(model::ModelConfig::presetNames()));
    command->add_option("--tokenizer", options->tokenizer, "SentencePiece .model (see 'finch tokenizer train')")
        ->required()
        ->check(CLI::ExistingFile);
    command->add_option("--out", options->out, "Folder to write")->required();
    command->add_option("--seed", options->seed, "Seed of the initial weights")->capture_default_str();
    command->add_flag("--json", options->json, "Machine-readable output");
    command->callback([options] {
        const std::string tokenizerBytes = readWholeFile(options->tokenizer);
        const auto tokenizer = text::SentencePiece::fromBytes(tokenizerBytes);
        model::ModelConfig config = model::ModelConfig::preset(options->preset, tokenizer->vocabSize());
        config.bosTokenId = tokenizer->bosId();
        config.eosTokenIds = {tokenizer->eosId()};
        config.padTokenId = tokenizer->padId();
        const auto created = engine::load().createModel(config, options->seed);
        created->setTokenizer(tokenizerBytes);
        created->save(options->out);
        if (options->json)
            printJson({{"folder", options->out}, {"preset", options->preset}, {"parameters", config.parameterCount()},
                       {"vocab_size", config.vocabSize}});
        else
            std::cout << "created " << options->preset << " (" << config.parameterCount() << " parameters, vocabulary "
                      << config.vocabSize << ") in " << options->out << std::endl;
    });
}

void addGenerate(CLI::App& app)
{
    struct Options {
        std::string model, adapter, prompt, ids, device = "cpu";
        model::GenerationOptions generation;
        bool sample = false, greedy = false, json = false;
    };
    auto options = std::make_shared<Options>();
    auto* command = app.add_subcommand("generate", "Generate text or tokens from a prompt");
    command->add_option("--model", options->model, "Hugging Face model folder")->required()->check(CLI::ExistingDirectory);
    auto* prompt = command->add_option("--prompt", options->prompt, "Prompt text (needs the model's tokenizer)");
    auto* ids = command->add_option("--ids", options->ids, "Prompt as token ids, e.g. 1,2,3");
    prompt->excludes(ids);
    command->add_option("--max-new-tokens", options->generation.maxNewTokens, "Most tokens to generate")
        ->capture_default_str()
        ->check(CLI::Range(1, 1 << 20));
    auto* greedy = command->add_flag("--greedy", options->greedy, "Pick the most likely token each step (the default)");
    auto* sample = command->add_flag("--sample", options->sample, "Sample with temperature, top-k and top-p");
    greedy->excludes(sample);
    command->add_option("--temperature", options->generation.temperature, "Sampling temperature")->capture_default_str();
    command->add_option("--top-k", options->generation.topK, "Sample among the k most likely tokens (0: all)")
        ->capture_default_str();
    command->add_option("--top-p", options->generation.topP, "Nucleus sampling threshold")->capture_default_str();
    command->add_option("--repetition-penalty", options->generation.repetitionPenalty,
                        "Above 1 discourages repeating tokens")
        ->capture_default_str();
    command->add_option("--stop", options->generation.stopStrings, "Stop when this text appears (repeatable)");
    addAdapterOption(*command, options->adapter);
    command->add_option("--seed", options->generation.seed, "Sampling seed")->capture_default_str();
    command->add_option("--device", options->device, "cpu, cuda or cuda:N")->capture_default_str();
    command->add_flag("--json", options->json, "Machine-readable output");
    command->callback([options, prompt, ids] {
        Options& o = *options;
        if (prompt->count() == 0 && ids->count() == 0)
            throw Error("give the prompt with --prompt TEXT or --ids 1,2,3");
        o.generation.greedy = !o.sample;
        engine::Engine& engine = engine::load();
        engine.configureCompute(0);
        const auto loaded = engine.loadModel(o.model, o.device);
        if (!o.adapter.empty())
            loaded->loadAdapter(o.adapter);
        std::vector<int> promptIds;
        if (prompt->count()) {
            const text::Tokenizer* tokenizer = loaded->tokenizer();
            if (!tokenizer)
                throw Error(o.model + " has no tokenizer.model Finch can read: give the prompt as --ids");
            if (tokenizer->bosId() >= 0)
                promptIds.push_back(tokenizer->bosId());
            for (const int id : tokenizer->encode(o.prompt))
                promptIds.push_back(id);
        } else {
            promptIds = parseIds(o.ids, "--ids");
        }
        const bool streamText = !o.json && loaded->tokenizer();
        const auto result = loaded->generate(promptIds, o.generation, [&](int, std::string_view delta) {
            if (streamText) {
                std::cout << delta;
                std::cout.flush();
            }
            return true;
        });
        if (o.json) {
            printJson({{"prompt_ids", promptIds}, {"tokens", result.tokens}, {"text", result.text},
                       {"stop_reason", result.stopReason}});
        } else if (streamText) {
            std::cout << std::endl;
        } else {
            for (size_t i = 0; i < result.tokens.size(); ++i)
                std::cout << (i ? " " : "") << result.tokens[i];
            std::cout << std::endl;
        }
    });
}

} // namespace

void addModelCommands(CLI::App& app)
{
    auto* group = app.add_subcommand("model", "Inspect, score, create and download models");
    group->require_subcommand(1);
    addList(*group);
    addInfo(*group);
    addScore(*group);
    addCreate(*group);
    addHubCommands(*group);
    addGenerate(app);
}

} // namespace finch::cli
