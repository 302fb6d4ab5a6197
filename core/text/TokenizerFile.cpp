#include "core/text/TokenizerFile.h"

#include "core/common/Error.h"
#include "core/common/JsonFile.h"
#include "core/text/HfTokenizer.h"
#include "core/text/SentencePiece.h"

#include <filesystem>

namespace finch::text {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

// tokenizer_config.json names a token as a text or as {"content": text, ...}.
std::string tokenName(const Json& config, const char* key, const std::string& where)
{
    const auto it = config.find(key);
    if (it == config.end() || it->is_null())
        return {};
    if (it->is_string())
        return it->get<std::string>();
    if (it->is_object() && it->value("content", Json()).is_string())
        return (*it)["content"].get<std::string>();
    throw Error(where + ": '" + key + "': expected a token's text, found " + it->dump());
}

std::unique_ptr<Tokenizer> loadJson(const fs::path& file)
{
    auto tokenizer = HfTokenizer::load(file.string());
    const fs::path config = file.parent_path() / "tokenizer_config.json";
    if (fs::exists(config)) {
        const Json json = readJsonFile(config.string());
        if (!json.is_object())
            throw Error(config.string() + ": expected a JSON object");
        tokenizer->setSpecialTokens(tokenName(json, "bos_token", config.string()), tokenName(json, "eos_token", config.string()),
                                    tokenName(json, "pad_token", config.string()), config.string());
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
