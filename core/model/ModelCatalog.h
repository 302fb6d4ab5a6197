#pragma once
// The models a person has: the built-in presets, the causal language models in the local
// Hugging Face cache, and any folder, each described (architecture, parameters, size on
// disk, tokenizer) with whether Finch can fine-tune it, and why not when it cannot.
// Describing reads headers and small files only: no weights are loaded.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace finch::model {

struct ModelEntry {
    std::string source;       // "preset", "cache", "recent" or "folder"
    std::string name;         // the preset's name, the repository id, or the folder's name
    std::string path;         // what to open: the preset's name or the folder
    std::string revision;     // cache: the commit of the snapshot
    std::string architecture; // config.json's first architecture
    int64_t parameters = 0;   // from the weight files' headers (0 when unknown)
    uint64_t bytesOnDisk = 0; // the weight and tokenizer files the folder holds
    std::string tokenizer;    // its kind ("tokenizer.json (BPE)", "SentencePiece"), or empty
    bool chatTemplate = false;
    bool supported = false;
    std::string reason;       // why it is not supported (the first problem found)
};

// huggingface_hub's home: HF_HOME, else XDG_CACHE_HOME/huggingface, else ~/.cache/huggingface.
std::string huggingFaceHome();
// Where huggingface_hub keeps models: HF_HUB_CACHE, else huggingFaceHome()/hub.
std::string hubCacheDir();

// The snapshot folder of `repoId` ("org/name") at `revision` (a branch or tag under refs/,
// or a commit), as huggingface_hub resolves it; nothing when the cache does not hold it.
std::optional<std::string> resolveSnapshot(const std::string& cacheDir, const std::string& repoId,
                                           const std::string& revision = "main");

// Describes a folder; nothing when it is not a causal language model (no config.json, or
// an architecture that is not *ForCausalLM / *LMHeadModel).
std::optional<ModelEntry> describeFolder(const std::string& folder);

// Every causal LM in the cache, at its main revision (or its newest snapshot when it has no
// refs/main), sorted by repository id. A missing cache is an empty list.
std::vector<ModelEntry> listCachedModels(const std::string& cacheDir);

std::vector<ModelEntry> presetEntries();

// Folders opened recently (newest first), shared by the studio and `finch model list`:
// XDG_CONFIG_HOME/finch/recent-models.json (else ~/.config/finch/…).
std::string defaultRecentModelsFile();
// A missing or unreadable file is an empty list: it is a convenience, never an obstacle.
std::vector<std::string> readRecentFolders(const std::string& file);
// Puts `folder` first, keeps `keep` entries and writes the file atomically.
void rememberRecentFolder(const std::string& file, const std::string& folder, size_t keep = 8);
// The recent folders that still hold a causal LM, described (source "recent").
std::vector<ModelEntry> recentEntries(const std::string& file);

// What to call a model: "org/name" for a snapshot of the Hugging Face cache
// (…/models--org--name/snapshots/<commit>), else the folder's own name, or the preset's.
std::string modelDisplayName(const std::string& presetOrFolder);

} // namespace finch::model
