#pragma once
// Downloads a model repository from the Hugging Face Hub into the Hugging Face cache, in
// huggingface_hub's layout (blobs/, snapshots/<commit>/, refs/), so Python tools see the
// files too. Each file goes to blobs/<etag>.incomplete, resumes from there after an
// interruption, never grows past the size the listing gives, is checked against the Hub's
// sha256 (git's blob hash for small files) and only then renamed into place, all under
// huggingface_hub's lock on that blob (BlobLock.h). HTTP is libcurl's; the token goes only
// over https://, or plain http:// to this machine.
#include "core/common/Error.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace finch::hub {

// Where and how to reach the Hub: HF_ENDPOINT, HF_HUB_OFFLINE, HF_TOKEN (or the token file)
// and the cache (model::hubCacheDir()).
struct HubSettings {
    std::string endpoint = "https://huggingface.co";
    std::string cacheDir;
    bool offline = false;
    std::string token; // never printed, logged or put in an error message
};
HubSettings hubSettingsFromEnvironment();

// huggingface_hub's token file: HF_TOKEN_PATH, else model::huggingFaceHome()/token.
std::string tokenPath();
std::string readStoredToken();
// Writes the token file atomically with mode 0600 (its folder 0700 when created).
void storeToken(const std::string& token);

struct RepoFile {
    std::string path;   // relative to the repository root ("config.json")
    uint64_t size = 0;
    std::string sha256; // LFS files: the content's sha256, which is also its etag
    std::string blobId; // git's blob hash (sha1 of "blob <size>\0" + content)
    std::string etag() const { return sha256.empty() ? blobId : sha256; }
};

struct RepoInfo {
    std::string repoId;
    std::string commit;
    std::string gated; // "" when open, else "auto" or "manual" (the Hub's words)
    std::vector<RepoFile> files; // those Finch fetches (wantedForFineTuning)
    uint64_t totalBytes() const;
};

// What a fine-tuning folder needs: top-level configuration, tokenizer, template and
// safetensors files and the licence; not pickles, GGUF, ONNX or the original checkpoints.
bool wantedForFineTuning(const std::string& path);

struct DownloadProgress {
    std::string file;        // the file being fetched
    int fileIndex = 0;       // 1-based
    int fileCount = 0;
    uint64_t bytesDone = 0;  // over all files, skipped ones included
    uint64_t bytesTotal = 0;
    bool waiting = false;    // another download (Finch's or huggingface_hub's) holds `file`'s lock
};

// An error from the Hub or the network, with what the user can do about it.
struct HubError : Error {
    enum class Kind { Network, NotFound, NeedsToken, Checksum, Offline, Cancelled, Disk };
    HubError(Kind kind, const std::string& message) : Error(message), kind(kind) {}
    Kind kind;
};

class HubClient {
public:
    explicit HubClient(HubSettings settings);

    const HubSettings& settings() const { return settings_; }

    // The repository's commit at `revision` and its files (GET /api/models/ID/revision/R).
    RepoInfo fetchInfo(const std::string& repoId, const std::string& revision = "main") const;

    // Fetches what is missing into the cache and returns the snapshot folder. `progress`
    // is called from this thread (with `waiting` while another download holds a file);
    // setting `cancel` stops the transfer or the wait (HubError::Cancelled) and keeps the
    // partial file for the next attempt. Offline, it resolves from the cache.
    std::string download(const std::string& repoId, const std::string& revision,
                         const std::function<void(const DownloadProgress&)>& progress = {},
                         const std::atomic<bool>* cancel = nullptr) const;

private:
    HubSettings settings_;
};

// Small models that fine-tune on a laptop. Parameters and licences are the model cards';
// the download size is about two bytes a parameter (bfloat16 safetensors) until the
// listing gives the exact one.
struct SuggestedModel {
    const char* repoId;
    double parameters; // in billions
    const char* licence;
    bool gated;        // the Hub asks to accept conditions: a token is needed
};
const std::vector<SuggestedModel>& suggestedModels();

// "org/name" with the Hub's allowed characters; the reason when not.
std::optional<std::string> repoIdProblem(const std::string& repoId);

} // namespace finch::hub
