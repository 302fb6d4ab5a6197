#pragma once
// The safetensors format, read and written by Finch's own code: an 8-byte little-endian
// header length, a JSON header naming each tensor's dtype, shape and byte range, then the
// raw data. Reading validates everything before any byte of data is trusted.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace finch {
class MappedFile;
}

namespace finch::model {

enum class DType { Bool, U8, I8, I16, U16, F16, BF16, I32, U32, F32, F64, I64, U64, F8E4M3, F8E5M2 };

std::string_view dtypeName(DType dtype); // "F32", "BF16", ...
std::optional<DType> dtypeFromName(std::string_view name);
size_t dtypeSize(DType dtype);

struct TensorInfo {
    std::string name;
    DType dtype = DType::F32;
    std::vector<int64_t> shape;
    uint64_t begin = 0; // byte range inside the data section
    uint64_t end = 0;

    uint64_t elementCount() const;
};

class SafetensorsFile {
public:
    // Memory-maps and validates a file. Throws finch::Error naming the file and the problem
    // (truncated file, header past the end, bad JSON, unknown dtype, byte range that does
    // not match shape x dtype, ranges outside the data or overlapping).
    static SafetensorsFile open(const std::string& path);
    // The same over bytes in memory (kept alive by the returned object).
    static SafetensorsFile parse(std::string bytes, const std::string& source);

    const std::string& source() const { return source_; }
    const std::vector<TensorInfo>& tensors() const { return tensors_; }
    const std::map<std::string, std::string>& metadata() const { return metadata_; }
    const TensorInfo* find(std::string_view name) const;
    std::string_view data(const TensorInfo& tensor) const;
    // After reading data(): throws finch::Error if the file shrank meanwhile (MappedFile).
    void checkIntact() const;

private:
    void parseHeader();

    std::string source_;
    std::shared_ptr<const void> owner_; // the mapping or the buffer behind bytes_
    std::shared_ptr<const MappedFile> mapping_; // when mapped
    std::string_view bytes_;
    std::string_view data_;
    std::vector<TensorInfo> tensors_;
    std::map<std::string, std::string> metadata_;
};

// The weight files of a Hugging Face folder: one model.safetensors, or the shards
// model.safetensors.index.json names. Refuses pickled weights with the reason.
std::vector<SafetensorsFile> openWeightFiles(const std::string& folder);

struct TensorToWrite {
    std::string name;
    DType dtype = DType::F32;
    std::vector<int64_t> shape;
    std::string_view bytes; // little-endian, shape x dtype size long
};

// Writes a safetensors file atomically. Tensors are laid out sorted by name; the header
// is padded with spaces to a multiple of 8 bytes, as the reference writer does. The
// metadata should carry {"format": "pt"}: transformers refuses files without it.
void writeSafetensors(const std::string& path, const std::vector<TensorToWrite>& tensors,
                      const std::map<std::string, std::string>& metadata);

} // namespace finch::model
