#include "core/text/SentencePiece.h"

#include "core/common/Error.h"
#include "core/text/SentencePieceModule.h"

#include <cstdlib>
#include <dlfcn.h>
#include <filesystem>
#include <thread>

namespace finch::text {
namespace {

struct LoadedModule {
    const SentencePieceModuleApi* api = nullptr;
    std::string path;
    std::string failure;
};

std::vector<std::string> moduleCandidates()
{
    namespace fs = std::filesystem;
    constexpr const char* fileName = "libfinch_spm.so";
    std::vector<std::string> candidates;
    if (const char* overridePath = std::getenv("FINCH_SENTENCEPIECE_MODULE"); overridePath && *overridePath)
        candidates.emplace_back(overridePath);
    std::error_code error;
    const fs::path executable = fs::read_symlink("/proc/self/exe", error);
    if (!error) {
        const fs::path folder = executable.parent_path();
        candidates.push_back((folder / fileName).string());
        candidates.push_back((folder / FINCH_MODULE_FROM_BIN / fileName).lexically_normal().string());
    }
    return candidates;
}

LoadedModule loadModule()
{
    LoadedModule module;
    std::string tried;
    for (const std::string& candidate : moduleCandidates()) {
        if (!std::filesystem::exists(candidate)) {
            tried += "\n  " + candidate + ": no such file";
            continue;
        }
        // Never closed: tokenizers made by the module live until the process ends.
        void* handle = dlopen(candidate.c_str(), RTLD_NOW | RTLD_LOCAL | RTLD_DEEPBIND);
        if (!handle) {
            tried += "\n  " + candidate + ": " + dlerror();
            continue;
        }
        using Entry = const SentencePieceModuleApi* (*)();
        auto entry = reinterpret_cast<Entry>(dlsym(handle, "finch_sentencepiece_module"));
        const SentencePieceModuleApi* api = entry ? entry() : nullptr;
        if (!api || api->abiVersion != kSentencePieceAbiVersion) {
            tried += "\n  " + candidate + ": not a SentencePiece module of this Finch version";
            continue;
        }
        module.api = api;
        module.path = candidate;
        return module;
    }
    module.failure = "cannot load Finch's SentencePiece module (libfinch_spm.so); tried:" + tried +
                     "\nReinstall Finch, or point FINCH_SENTENCEPIECE_MODULE at the module";
    return module;
}

const LoadedModule& loadedModule()
{
    static const LoadedModule module = loadModule();
    return module;
}

const SentencePieceModuleApi& api()
{
    if (!loadedModule().api)
        throw Error(loadedModule().failure);
    return *loadedModule().api;
}

} // namespace

std::unique_ptr<Tokenizer> SentencePiece::load(const std::string& modelPath)
{
    if (!std::filesystem::is_regular_file(modelPath))
        throw Error("cannot load the SentencePiece model " + modelPath + ": no such file");
    std::string error;
    std::unique_ptr<Tokenizer> tokenizer(api().loadFile(modelPath, &error));
    if (!tokenizer)
        throw Error(error);
    return tokenizer;
}

std::unique_ptr<Tokenizer> SentencePiece::fromBytes(const std::string& serializedModel)
{
    std::string error;
    std::unique_ptr<Tokenizer> tokenizer(api().loadBytes(serializedModel, &error));
    if (!tokenizer)
        throw Error(error);
    return tokenizer;
}

std::string SentencePiece::train(const std::vector<std::string>& texts, const SentencePieceTrainOptions& options)
{
    if (texts.empty())
        throw Error("cannot train a tokenizer: there is no text to train on");
    if (options.vocabSize < 8)
        throw Error("cannot train a tokenizer: expected a vocabulary size of at least 8, found " +
                    std::to_string(options.vocabSize));
    SentencePieceTrainSpec spec;
    spec.modelType = options.modelType == SentencePieceTrainOptions::ModelType::Bpe ? "bpe" : "unigram";
    spec.vocabSize = options.vocabSize;
    spec.characterCoverage = options.characterCoverage;
    spec.byteFallback = options.byteFallback;
    spec.hardVocabLimit = options.exactVocabSize;
    spec.threads = options.threads > 0 ? options.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    std::string model, error;
    if (!api().train(spec, texts, &model, &error))
        throw Error("cannot train the tokenizer: " + error);
    return model;
}

std::string SentencePiece::modulePath()
{
    return loadedModule().path;
}

} // namespace finch::text
