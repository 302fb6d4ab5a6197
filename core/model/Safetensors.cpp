#include "core/model/Safetensors.h"

#include "core/common/Error.h"
#include "core/common/JsonFile.h"
#include "core/common/FileIO.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cstring>
#include <filesystem>
#include <set>

namespace finch::model {
namespace {

struct DTypeInfo {
    DType dtype;
    std::string_view name;
    size_t size;
};

constexpr std::array<DTypeInfo, 15> kDTypes{{
    {DType::Bool, "BOOL", 1}, {DType::U8, "U8", 1},     {DType::I8, "I8", 1},       {DType::I16, "I16", 2},
    {DType::U16, "U16", 2},   {DType::F16, "F16", 2},   {DType::BF16, "BF16", 2},   {DType::I32, "I32", 4},
    {DType::U32, "U32", 4},   {DType::F32, "F32", 4},   {DType::F64, "F64", 8},     {DType::I64, "I64", 8},
    {DType::U64, "U64", 8},   {DType::F8E4M3, "F8_E4M3", 1}, {DType::F8E5M2, "F8_E5M2", 1},
}};

// The reference implementation refuses headers over 100 MB; so does Finch.
constexpr uint64_t kMaxHeaderBytes = 100'000'000;

bool multiplyChecked(uint64_t a, uint64_t b, uint64_t& out)
{
    if (a != 0 && b > UINT64_MAX / a)
        return false;
    out = a * b;
    return true;
}

} // namespace

std::string_view dtypeName(DType dtype)
{
    for (const auto& info : kDTypes)
        if (info.dtype == dtype)
            return info.name;
    return "?";
}

std::optional<DType> dtypeFromName(std::string_view name)
{
    for (const auto& info : kDTypes)
        if (info.name == name)
            return info.dtype;
    return std::nullopt;
}

size_t dtypeSize(DType dtype)
{
    for (const auto& info : kDTypes)
        if (info.dtype == dtype)
            return info.size;
    return 0;
}

uint64_t TensorInfo::elementCount() const
{
    uint64_t count = 1;
    for (const int64_t dim : shape)
        count *= static_cast<uint64_t>(dim);
    return count;
}

SafetensorsFile SafetensorsFile::open(const std::string& path)
{
    auto mapping = std::make_shared<MappedFile>(path);
    SafetensorsFile file;
    file.source_ = path;
    file.bytes_ = mapping->content();
    file.mapping_ = mapping;
    file.owner_ = std::move(mapping);
    file.parseHeader();
    return file;
}

void SafetensorsFile::checkIntact() const
{
    if (mapping_)
        mapping_->checkIntact();
}

SafetensorsFile SafetensorsFile::parse(std::string bytes, const std::string& source)
{
    auto buffer = std::make_shared<std::string>(std::move(bytes));
    SafetensorsFile file;
    file.source_ = source;
    file.bytes_ = *buffer;
    file.owner_ = std::move(buffer);
    file.parseHeader();
    return file;
}

void SafetensorsFile::parseHeader()
{
    auto fail = [&](const std::string& problem) { return Error(source_ + ": not a valid safetensors file: " + problem); };
    if (bytes_.size() < 8)
        throw fail("expected at least 8 bytes (the header length), found " + std::to_string(bytes_.size()) +
                   " (is the file truncated?)");
    uint64_t headerLength = 0;
    for (int i = 7; i >= 0; --i)
        headerLength = (headerLength << 8) | static_cast<unsigned char>(bytes_[static_cast<size_t>(i)]);
    if (headerLength > kMaxHeaderBytes)
        throw fail("the header claims " + std::to_string(headerLength) + " bytes, more than the 100 MB limit");
    if (headerLength > bytes_.size() - 8)
        throw fail("the header claims " + std::to_string(headerLength) + " bytes but only " +
                   std::to_string(bytes_.size() - 8) + " follow (is the file truncated?)");
    const std::string_view headerText = bytes_.substr(8, headerLength);
    data_ = bytes_.substr(8 + headerLength);

    if (findExcessiveNesting(headerText) != std::string_view::npos)
        throw fail("the header nests JSON more than " + std::to_string(kMaxJsonDepth) + " levels deep");
    nlohmann::json header;
    try {
        header = nlohmann::json::parse(headerText.begin(), headerText.end());
    } catch (const nlohmann::json::exception& e) {
        throw fail(std::string("the header is not valid JSON: ") + e.what());
    }
    if (!header.is_object())
        throw fail("the header is not a JSON object");

    for (auto it = header.begin(); it != header.end(); ++it) {
        const std::string& name = it.key();
        const nlohmann::json& entry = it.value();
        if (name == "__metadata__") {
            if (!entry.is_object())
                throw fail("__metadata__ must be an object of strings");
            for (auto m = entry.begin(); m != entry.end(); ++m) {
                if (!m.value().is_string())
                    throw fail("__metadata__ value '" + m.key() + "' must be a string");
                metadata_[m.key()] = m.value().get<std::string>();
            }
            continue;
        }
        auto tensorFail = [&](const std::string& problem) { return fail("tensor '" + name + "': " + problem); };
        if (!entry.is_object())
            throw tensorFail("expected an object with dtype, shape and data_offsets");
        const auto dtypeIt = entry.find("dtype");
        const auto shapeIt = entry.find("shape");
        const auto offsetsIt = entry.find("data_offsets");
        if (dtypeIt == entry.end() || !dtypeIt->is_string())
            throw tensorFail("missing dtype");
        if (shapeIt == entry.end() || !shapeIt->is_array())
            throw tensorFail("missing shape");
        if (offsetsIt == entry.end() || !offsetsIt->is_array() || offsetsIt->size() != 2)
            throw tensorFail("expected data_offsets [begin, end]");
        TensorInfo tensor;
        tensor.name = name;
        const auto dtype = dtypeFromName(dtypeIt->get<std::string>());
        if (!dtype)
            throw tensorFail("unknown dtype '" + dtypeIt->get<std::string>() + "'");
        tensor.dtype = *dtype;
        uint64_t bytes = dtypeSize(tensor.dtype);
        for (const auto& dim : *shapeIt) {
            if (!dim.is_number_unsigned())
                throw tensorFail("shape dimensions must be non-negative integers, found " + dim.dump());
            const uint64_t size = dim.get<uint64_t>();
            if (size > static_cast<uint64_t>(INT64_MAX) || !multiplyChecked(bytes, size, bytes))
                throw tensorFail("the shape is too large");
            tensor.shape.push_back(static_cast<int64_t>(size));
        }
        for (const auto& offset : *offsetsIt)
            if (!offset.is_number_unsigned())
                throw tensorFail("data_offsets must be non-negative integers, found " + offset.dump());
        tensor.begin = (*offsetsIt)[0].get<uint64_t>();
        tensor.end = (*offsetsIt)[1].get<uint64_t>();
        if (tensor.end < tensor.begin)
            throw tensorFail("data_offsets end before they begin");
        if (tensor.end > data_.size())
            throw tensorFail("data_offsets [" + std::to_string(tensor.begin) + ", " + std::to_string(tensor.end) +
                             "] reach past the end of the data (" + std::to_string(data_.size()) +
                             " bytes; is the file truncated?)");
        if (tensor.end - tensor.begin != bytes)
            throw tensorFail("shape x " + std::string(dtypeName(tensor.dtype)) + " needs " + std::to_string(bytes) +
                             " bytes but data_offsets give " + std::to_string(tensor.end - tensor.begin));
        tensors_.push_back(std::move(tensor));
    }

    std::vector<const TensorInfo*> byOffset;
    for (const TensorInfo& tensor : tensors_)
        byOffset.push_back(&tensor);
    std::sort(byOffset.begin(), byOffset.end(),
              [](const TensorInfo* a, const TensorInfo* b) { return a->begin < b->begin; });
    for (size_t i = 1; i < byOffset.size(); ++i)
        if (byOffset[i]->begin < byOffset[i - 1]->end)
            throw fail("tensors '" + byOffset[i - 1]->name + "' and '" + byOffset[i]->name + "' overlap");
    std::sort(tensors_.begin(), tensors_.end(), [](const TensorInfo& a, const TensorInfo& b) { return a.name < b.name; });
}

const TensorInfo* SafetensorsFile::find(std::string_view name) const
{
    const auto it = std::lower_bound(tensors_.begin(), tensors_.end(), name,
                                     [](const TensorInfo& t, std::string_view n) { return t.name < n; });
    return it != tensors_.end() && it->name == name ? &*it : nullptr;
}

std::string_view SafetensorsFile::data(const TensorInfo& tensor) const
{
    return data_.substr(tensor.begin, tensor.end - tensor.begin);
}

void writeSafetensors(const std::string& path, const std::vector<TensorToWrite>& tensors,
                      const std::map<std::string, std::string>& metadata)
{
    std::vector<const TensorToWrite*> ordered;
    for (const TensorToWrite& tensor : tensors)
        ordered.push_back(&tensor);
    std::sort(ordered.begin(), ordered.end(), [](const auto* a, const auto* b) { return a->name < b->name; });

    nlohmann::ordered_json header;
    if (!metadata.empty())
        header["__metadata__"] = metadata;
    uint64_t offset = 0;
    for (const TensorToWrite* tensor : ordered) {
        uint64_t expected = dtypeSize(tensor->dtype);
        for (const int64_t dim : tensor->shape)
            expected *= static_cast<uint64_t>(dim);
        if (expected != tensor->bytes.size())
            throw Error("cannot write " + path + ": tensor '" + tensor->name + "' has " +
                        std::to_string(tensor->bytes.size()) + " bytes, its shape and dtype need " +
                        std::to_string(expected));
        header[tensor->name] = {{"dtype", std::string(dtypeName(tensor->dtype))},
                                {"shape", tensor->shape},
                                {"data_offsets", {offset, offset + tensor->bytes.size()}}};
        offset += tensor->bytes.size();
    }
    std::string headerText = header.dump();
    headerText.append((8 - headerText.size() % 8) % 8, ' ');
    writeFileAtomically(path, [&](const ByteSink& write) {
        char length[8];
        uint64_t size = headerText.size();
        for (char& byte : length) {
            byte = static_cast<char>(size & 0xFF);
            size >>= 8;
        }
        write({length, 8});
        write(headerText);
        for (const TensorToWrite* tensor : ordered)
            write(tensor->bytes);
    });
}

// Opens the folder's weight files: one model.safetensors, or the shards an index names.
std::vector<SafetensorsFile> openWeightFiles(const std::string& folder)
{
    namespace fs = std::filesystem;
    const fs::path root(folder);
    const fs::path single = root / "model.safetensors";
    const fs::path index = root / "model.safetensors.index.json";
    if (fs::exists(single))
        return {SafetensorsFile::open(single.string())};
    if (fs::exists(index)) {
        const nlohmann::ordered_json json = readJsonFile(index.string());
        if (!json.contains("weight_map") || !json["weight_map"].is_object())
            throw Error(index.string() + ": expected a 'weight_map' object naming the shard of each tensor");
        std::set<std::string> shards;
        for (const auto& [name, shard] : json["weight_map"].items()) {
            if (!shard.is_string())
                throw Error(index.string() + ": 'weight_map' entry '" + name + "' must name a file");
            shards.insert(shard.get<std::string>());
        }
        std::vector<SafetensorsFile> files;
        for (const std::string& shard : shards) {
            const fs::path path = root / shard;
            if (shard.find('/') != std::string::npos || !fs::exists(path))
                throw Error(index.string() + " names the shard " + shard + ", which is missing from " + folder);
            files.push_back(SafetensorsFile::open(path.string()));
        }
        return files;
    }
    for (const char* pickled : {"pytorch_model.bin", "pytorch_model.bin.index.json", "model.pt", "consolidated.00.pth"})
        if (fs::exists(root / pickled))
            throw Error(folder + " has its weights only as " + pickled +
                        ", a pickle file. Finch does not load pickles: unpickling can run any code the file "
                        "contains. Convert it once in Python: AutoModelForCausalLM.from_pretrained(folder)"
                        ".save_pretrained(folder, safe_serialization=True)");
    throw Error(folder + ": no weights found: expected model.safetensors or model.safetensors.index.json");
}

} // namespace finch::model
