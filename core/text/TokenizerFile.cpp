#include "core/text/TokenizerFile.h"

#include "core/common/Error.h"
#include "core/common/JsonFile.h"
#include "core/text/ChatTemplate.h"
#include "core/text/HfTokenizer.h"
#include "core/text/SentencePiece.h"

#include <filesystem>

namespace finch::text {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

std::unique_ptr<Tokenizer> loadJson(const fs::path& file)
{
    auto tokenizer = HfTokenizer::load(file.string());
    const fs::path config = file.parent_path() / "tokenizer_config.json";
    if (fs::exists(config)) {
        const Json json = readJsonFile(config.string());
        if (!json.is_object())
            throw Error(config.string() + ": expected a JSON object");
        const Json special = specialTokensMap(json, config.string());
        tokenizer->setSpecialTokens(special.value("bos_token", ""), special.value("eos_token", ""),
                                    special.value("pad_token", ""), config.string());
    }
    return tokenizer;
}

} // namespace

std::unique_ptr<Tokenizer> loadTokenizer(const std::string& path)
{
    const fs::path given(path);
    if (fs::is_directory(given)) {
        if (fs::exists(given / "tokenizer.json"))
            return loadJson(given / "tokenizer.json");
        if (fs::exists(given / "tokenizer.model"))
            return SentencePiece::load((given / "tokenizer.model").string());
        throw Error(path + ": no tokenizer.json or tokenizer.model in this folder");
    }
    if (given.extension() == ".json")
        return loadJson(given);
    if (given.extension() == ".model")
        return SentencePiece::load(path);
    throw Error(path + ": expected a tokenizer.json, a SentencePiece .model, or a folder holding one");
}

} // namespace finch::text
