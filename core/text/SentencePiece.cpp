#include "core/text/SentencePiece.h"

#include "core/common/Error.h"
#include "core/common/Module.h"
#include "core/text/SentencePieceModule.h"

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

LoadedModule loadModule()
{
    LoadedModule module;
    // RTLD_DEEPBIND: the module's protobuf must not meet libtorch's (DESIGN.md, "Known traps").
    const OpenedModule opened = openModule("libfinch_spm.so", "FINCH_SENTENCEPIECE_MODULE",
                                           RTLD_NOW | RTLD_LOCAL | RTLD_DEEPBIND, "finch_sentencepiece_module");
    if (!opened.entry) {
        module.failure = opened.failure;
        return module;
    }
    using Entry = const SentencePieceModuleApi* (*)();
    const SentencePieceModuleApi* api = reinterpret_cast<Entry>(opened.entry)();
    if (!api || api->abiVersion != kSentencePieceAbiVersion) {
        module.failure = opened.path + ": a SentencePiece module of another Finch version; reinstall Finch";
        return module;
    }
    module.api = api;
    module.path = opened.path;
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
