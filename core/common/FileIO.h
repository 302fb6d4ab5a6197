#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace finch {

// The most readWholeFile reads unless told otherwise: far more than any configuration,
// tokenizer or run log Finch reads whole, far less than the memory of a laptop.
constexpr uint64_t kMaxWholeFileBytes = 1ull << 30;

// Reads a whole regular file of at most `maxBytes`; throws finch::Error naming the file and
// the reason (the system's, not a regular file, too large). FIFOs and devices are refused.
std::string readWholeFile(const std::string& path, uint64_t maxBytes = kMaxWholeFileBytes);

// A read-only memory map of a whole file: large files are parsed in place, without a
// copy and without faulting in fresh memory page by page.
class MappedFile {
public:
    explicit MappedFile(const std::string& path); // throws finch::Error
    ~MappedFile();
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;

    std::string_view content() const { return {data_, size_}; }
    // A file that shrinks while it is mapped (another program truncates it) would end this
    // one with SIGBUS at the first read past its new end. A guard swaps zero pages in
    // instead and marks the mapping: this throws finch::Error naming the file once that
    // happened, so that what was read from it is never used. Call it after reading.
    void checkIntact() const;

private:
    std::string path_;
    const char* data_ = nullptr;
    size_t size_ = 0;
    int guard_ = -1; // the mapping's slot in the SIGBUS guard, or -1 for none
};

// Replaces `path` with `content` so that a crash or a full disk at any moment leaves
// either the old file whole or the new one whole: write a temporary file in the same
// folder, flush it to disk, rename it over the target, flush the folder. The old file's
// permissions are kept. Throws finch::Error (and removes the temporary file) on failure.
//
// A symbolic link at `path` is replaced by the file, never followed: in the folders Finch
// owns (run folders, exports, checkpoints) a planted link must not make it write elsewhere.
// `ThroughLinks` replaces the file a link points to instead, for the files a person saves
// (a dataset opened through the link they made).
enum class LinkAtPath { Replace, ThroughLinks };
void writeFileAtomically(const std::string& path, std::string_view content, LinkAtPath links = LinkAtPath::Replace);

// The same for content produced in pieces (model weights larger than memory allows to
// copy): `produce` calls the sink with each piece in order.
using ByteSink = std::function<void(std::string_view)>;
void writeFileAtomically(const std::string& path, const std::function<void(const ByteSink&)>& produce,
                         LinkAtPath links = LinkAtPath::Replace);

// Replaces the folder `path` with one that `fill` writes into the temporary folder it is
// handed (next to `path`, so the same file system). The old folder stays whole until the
// new one is complete and flushed; then the two are exchanged in one step (renameat2
// RENAME_EXCHANGE; on file systems without it, the old one is renamed aside first), the
// old one is removed and the parent folder is flushed. A crash at any moment leaves the
// old folder or the new one at `path`, never neither, never a mix. When `fill` throws,
// the temporary folder is removed and `path` is untouched.
void replaceFolderAtomically(const std::string& path, const std::function<void(const std::string& temporary)>& fill);

} // namespace finch
