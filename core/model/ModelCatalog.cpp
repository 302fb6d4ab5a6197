#include "core/model/ModelCatalog.h"

#include "core/common/Error.h"
#include "core/common/FileIO.h"
#include "core/common/JsonFile.h"
#include "core/model/ModelConfig.h"
#include "core/model/Safetensors.h"
#include "core/text/ChatTemplate.h"
#include "core/text/TokenizerFile.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <set>

namespace finch::model {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

std::string environment(const char* name)
{
    const char* value = std::getenv(name);
    return value ? std::string(value) : std::string();
}

bool isCausalLm(const std::string& architecture)
{
    return architecture.ends_with("ForCausalLM") || architecture.ends_with("LMHeadModel");
}

// What the folder's files take on disk, following the cache's links to its blobs.
uint64_t bytesOnDisk(const fs::path& folder)
{
    uint64_t total = 0;
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(folder, error)) {
        std::error_code sizeError;
        if (entry.is_regular_file(sizeError)) // follows links
            total += entry.file_size(sizeError);
    }
    return total;
}

std::string readText(const fs::path& file)
{
    std::string text = readWholeFile(file.string(), 4096);
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' '))
        text.pop_back();
    return text;
}

bool isCommit(const std::string& text)
{
    return text.size() == 40 && std::all_of(text.begin(), text.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); });
}

} // namespace

std::string huggingFaceHome()
{
    if (std::string home = environment("HF_HOME"); !home.empty())
        return home;
    std::string xdg = environment("XDG_CACHE_HOME");
    if (xdg.empty())
        xdg = (fs::path(environment("HOME")) / ".cache").string();
    return (fs::path(xdg) / "huggingface").string();
}

std::string hubCacheDir()
{
    if (std::string cache = environment("HF_HUB_CACHE"); !cache.empty())
        return cache;
    return (fs::path(huggingFaceHome()) / "hub").string();
}

std::optional<std::string> resolveSnapshot(const std::string& cacheDir, const std::string& repoId,
                                           const std::string& revision)
{
    const size_t slash = repoId.find('/');
    std::string folderName = "models--" + repoId;
    if (slash != std::string::npos)
        folderName = "models--" + repoId.substr(0, slash) + "--" + repoId.substr(slash + 1);
    const fs::path repo = fs::path(cacheDir) / folderName;
    std::string commit = revision;
    // A branch or tag names its commit in refs/ (refs/pr/1 included); a commit names itself.
    if (const fs::path ref = repo / "refs" / revision; revision.find("..") == std::string::npos && fs::is_regular_file(ref))
        commit = readText(ref);
    if (!isCommit(commit) && commit.find('/') != std::string::npos)
        return std::nullopt;
    const fs::path snapshot = repo / "snapshots" / commit;
    if (commit.empty() || !fs::is_directory(snapshot))
        return std::nullopt;
    return snapshot.string();
}

std::optional<ModelEntry> describeFolder(const std::string& folder)
{
    const fs::path root(folder);
    const fs::path configPath = root / "config.json";
    if (!fs::is_regular_file(configPath))
        return std::nullopt;
    ModelEntry entry;
    entry.source = "folder";
    entry.name = root.filename().string();
    entry.path = folder;
    Json config;
    try {
        config = readJsonFile(configPath.string());
    } catch (const Error& error) {
        entry.reason = error.what();
        return entry;
    }
    if (!config.is_object())
        return std::nullopt;
    const Json architectures = config.value("architectures", Json());
    if (architectures.is_array() && !architectures.empty() && architectures[0].is_string())
        entry.architecture = architectures[0].get<std::string>();
    if (!isCausalLm(entry.architecture))
        return std::nullopt;
    entry.bytesOnDisk = bytesOnDisk(root);

    // Each check records the first problem and goes on, so the entry says all it can.
    auto check = [&](auto&& step) {
        try {
            step();
        } catch (const std::exception& error) {
            if (entry.reason.empty())
                entry.reason = error.what();
        }
    };
    check([&] { ModelConfig::fromJson(config, configPath.string()); });
    check([&] {
        for (const SafetensorsFile& file : openWeightFiles(folder))
            for (const TensorInfo& tensor : file.tensors())
                entry.parameters += int64_t(tensor.elementCount());
    });
    std::unique_ptr<text::Tokenizer> tokenizer;
    check([&] {
        tokenizer = text::loadTokenizer(folder);
        entry.tokenizer = tokenizer->kind();
    });
    check([&] { entry.chatTemplate = text::ChatTemplate::fromFolder(folder, tokenizer.get()).has_value(); });
    entry.supported = entry.reason.empty();
    return entry;
}

std::vector<ModelEntry> listCachedModels(const std::string& cacheDir)
{
    std::vector<ModelEntry> models;
    std::error_code error;
    for (const auto& repo : fs::directory_iterator(cacheDir, error)) {
        const std::string name = repo.path().filename().string();
        if (!name.starts_with("models--") || !repo.is_directory())
            continue;
        // models--org--name; names may hold single dashes, never two.
        std::string repoId = name.substr(8);
        if (const size_t separator = repoId.find("--"); separator != std::string::npos)
            repoId.replace(separator, 2, "/");
        std::optional<std::string> snapshot = resolveSnapshot(cacheDir, repoId, "main");
        if (!snapshot) {
            // No refs/main (a download by commit): the newest snapshot.
            fs::file_time_type newest{};
            for (const auto& candidate : fs::directory_iterator(repo.path() / "snapshots", error))
                if (candidate.is_directory() && (!snapshot || candidate.last_write_time() > newest)) {
                    snapshot = candidate.path().string();
                    newest = candidate.last_write_time();
                }
        }
        if (!snapshot)
            continue;
        std::optional<ModelEntry> entry = describeFolder(*snapshot);
        if (!entry)
            continue;
        entry->source = "cache";
        entry->name = repoId;
        entry->revision = fs::path(*snapshot).filename().string();
        models.push_back(std::move(*entry));
    }
    std::sort(models.begin(), models.end(), [](const ModelEntry& a, const ModelEntry& b) { return a.name < b.name; });
    return models;
}

std::vector<ModelEntry> presetEntries()
{
    // Vocabulary sizes as the presets' tokenizers are trained by default (ModelConfig::preset).
    const std::pair<const char*, int64_t> presets[] = {{"finch-tiny", 2000}, {"finch-small", 8000}, {"finch-base", 16000}};
    std::vector<ModelEntry> entries;
    for (const auto& [name, vocabulary] : presets) {
        ModelEntry entry;
        entry.source = "preset";
        entry.name = entry.path = name;
        entry.architecture = "LlamaForCausalLM";
        entry.parameters = ModelConfig::preset(name, vocabulary).parameterCount();
        entry.tokenizer = "SentencePiece (trained on the run's data)";
        entry.supported = true;
        entries.push_back(std::move(entry));
    }
    return entries;
}

std::string defaultRecentModelsFile()
{
    std::string config = environment("XDG_CONFIG_HOME");
    if (config.empty())
        config = (fs::path(environment("HOME")) / ".config").string();
    return (fs::path(config) / "finch" / "recent-models.json").string();
}

std::vector<std::string> readRecentFolders(const std::string& file)
{
    std::vector<std::string> folders;
    try {
        if (!fs::is_regular_file(file))
            return folders;
        const Json json = Json::parse(readWholeFile(file, 1 << 20), nullptr, false);
        if (json.is_object() && json.contains("folders") && json["folders"].is_array())
            for (const Json& folder : json["folders"])
                if (folder.is_string() && !folder.get<std::string>().empty())
                    folders.push_back(folder.get<std::string>());
    } catch (const std::exception&) {
    }
    return folders;
}

void rememberRecentFolder(const std::string& file, const std::string& folder, size_t keep)
{
    std::vector<std::string> folders = readRecentFolders(file);
    std::erase(folders, folder);
    folders.insert(folders.begin(), folder);
    if (folders.size() > keep)
        folders.resize(keep);
    fs::create_directories(fs::path(file).parent_path());
    writeFileAtomically(file, Json{{"folders", folders}}.dump(2) + "\n");
}

std::vector<ModelEntry> recentEntries(const std::string& file)
{
    std::vector<ModelEntry> entries;
    for (const std::string& folder : readRecentFolders(file))
        if (auto entry = describeFolder(folder)) {
            entry->source = "recent";
            entries.push_back(std::move(*entry));
        }
    return entries;
}

std::string modelDisplayName(const std::string& presetOrFolder)
{
    fs::path path = fs::path(presetOrFolder);
    if (!path.has_filename())
        path = path.parent_path();
    const fs::path snapshots = path.parent_path();
    const std::string repo = snapshots.parent_path().filename().string();
    if (snapshots.filename() == "snapshots" && repo.starts_with("models--")) {
        const std::string id = repo.substr(8);
        if (const size_t separator = id.find("--"); separator != std::string::npos)
            return id.substr(0, separator) + "/" + id.substr(separator + 2);
        return id;
    }
    return path.filename().string();
}

} // namespace finch::model
