#pragma once
#include <string>
#include <string_view>

namespace finch {

// Reads a whole file; throws finch::Error naming the file and the system's reason.
std::string readWholeFile(const std::string& path);

// Replaces `path` with `content` so that a crash or a full disk at any moment leaves
// either the old file whole or the new one whole: write a temporary file in the same
// folder, flush it to disk, rename it over the target, flush the folder. The old file's
// permissions are kept. Throws finch::Error (and removes the temporary file) on failure.
void writeFileAtomically(const std::string& path, std::string_view content);

} // namespace finch
