#include "core/runs/TensorBoardWriter.h"

#include "core/common/Error.h"

#include <array>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <climits>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <unistd.h>

namespace finch::runs {
namespace {

namespace fs = std::filesystem;

// Protobuf wire types.
constexpr uint32_t kVarint = 0, kFixed64 = 1, kLengthDelimited = 2, kFixed32 = 5;

constexpr std::array<uint32_t, 256> makeCrc32cTable()
{
    constexpr uint32_t reflectedPolynomial = 0x82F63B78;
    std::array<uint32_t, 256> table{};
    for (uint32_t i = 0; i < 256; ++i) {
        uint32_t crc = i;
        for (int bit = 0; bit < 8; ++bit)
            crc = (crc >> 1) ^ (crc & 1 ? reflectedPolynomial : 0);
        table[i] = crc;
    }
    return table;
}
constexpr std::array<uint32_t, 256> kCrc32cTable = makeCrc32cTable();

void appendLittleEndian(std::string& out, uint64_t value, int bytes)
{
    for (int i = 0; i < bytes; ++i)
        out += char((value >> (8 * i)) & 0xFF);
}

void appendVarint(std::string& out, uint64_t value)
{
    while (value >= 0x80) {
        out += char((value & 0x7F) | 0x80);
        value >>= 7;
    }
    out += char(value);
}

void appendKey(std::string& out, uint32_t field, uint32_t wireType)
{
    appendVarint(out, (field << 3) | wireType);
}

void appendBytesField(std::string& out, uint32_t field, std::string_view bytes)
{
    appendKey(out, field, kLengthDelimited);
    appendVarint(out, bytes.size());
    out += bytes;
}

std::string scalarSummary(const std::string& tag, float value)
{
    std::string summaryValue;
    appendBytesField(summaryValue, 1, tag);
    uint32_t bits = 0;
    std::memcpy(&bits, &value, sizeof bits);
    appendKey(summaryValue, 2, kFixed32);
    appendLittleEndian(summaryValue, bits, 4);
    std::string summary;
    appendBytesField(summary, 1, summaryValue);
    return summary;
}

double wallTime()
{
    return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::string hostName()
{
    char name[HOST_NAME_MAX + 1] = {};
    if (::gethostname(name, sizeof name - 1) != 0)
        return "localhost";
    return name;
}

void writeAll(int fd, std::string_view bytes, const std::string& path)
{
    while (!bytes.empty()) {
        const ssize_t written = ::write(fd, bytes.data(), bytes.size());
        if (written < 0 && errno == EINTR)
            continue;
        if (written <= 0)
            throw Error("cannot write " + path + ": " + std::strerror(written < 0 ? errno : EIO));
        bytes.remove_prefix(size_t(written));
    }
}

} // namespace

uint32_t crc32c(std::string_view bytes)
{
    uint32_t crc = 0xFFFFFFFF;
    for (const char byte : bytes)
        crc = kCrc32cTable[(crc ^ uint8_t(byte)) & 0xFF] ^ (crc >> 8);
    return crc ^ 0xFFFFFFFF;
}

uint32_t maskedCrc32c(std::string_view bytes)
{
    const uint32_t crc = crc32c(bytes);
    return ((crc >> 15) | (crc << 17)) + 0xA282EAD8u;
}

std::string eventFileName()
{
    static std::atomic<uint64_t> filesOpened{0};
    char seconds[32];
    std::snprintf(seconds, sizeof seconds, "%010lld",
                  static_cast<long long>(std::chrono::duration_cast<std::chrono::seconds>(
                                             std::chrono::system_clock::now().time_since_epoch())
                                             .count()));
    return std::string("events.out.tfevents.") + seconds + "." + hostName() + "." + std::to_string(::getpid()) + "." +
           std::to_string(filesOpened.fetch_add(1));
}

TensorBoardWriter::TensorBoardWriter(const std::string& folder, const std::string& fileName)
    : path_((fs::path(folder) / fileName).string())
{
    std::error_code error;
    fs::create_directories(folder, error);
    if (error)
        throw Error("cannot create the TensorBoard folder " + folder + ": " + error.message());
    // A new file, never one that is there already, and never through a link planted at its name.
    fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
    if (fd_ < 0 && errno == EEXIST && fs::is_symlink(path_, error))
        throw Error("cannot write " + path_ + ": it is a symbolic link, which Finch never writes through; remove it");
    if (fd_ < 0)
        throw Error("cannot create " + path_ + ": " + std::strerror(errno));
    std::string version;
    appendBytesField(version, 3, "brain.Event:2");
    addEvent(0, version);
    flush();
}

TensorBoardWriter::~TensorBoardWriter()
{
    try {
        flush();
    } catch (const Error&) {
        // A destructor cannot report it; the points flushed before are in the file.
    }
    ::close(fd_);
}

void TensorBoardWriter::addScalar(const std::string& tag, float value, int64_t step)
{
    std::string summary;
    appendBytesField(summary, 5, scalarSummary(tag, value));
    addEvent(step, summary);
}

void TensorBoardWriter::addSessionStart(int64_t step)
{
    std::string sessionLog;
    appendKey(sessionLog, 1, kVarint);
    appendVarint(sessionLog, 1); // START
    std::string fields;
    appendBytesField(fields, 7, sessionLog);
    addEvent(step, fields);
}

void TensorBoardWriter::addEvent(int64_t step, std::string_view fields)
{
    std::string event;
    uint64_t timeBits = 0;
    const double now = wallTime();
    std::memcpy(&timeBits, &now, sizeof timeBits);
    appendKey(event, 1, kFixed64);
    appendLittleEndian(event, timeBits, 8);
    if (step != 0) { // proto3 leaves out a default, so the bytes are protobuf's own
        appendKey(event, 2, kVarint);
        appendVarint(event, uint64_t(step)); // int64: a negative one takes ten bytes, as in protobuf
    }
    event += fields;

    std::string length;
    appendLittleEndian(length, event.size(), 8);
    pending_ += length;
    appendLittleEndian(pending_, maskedCrc32c(length), 4);
    pending_ += event;
    appendLittleEndian(pending_, maskedCrc32c(event), 4);
}

void TensorBoardWriter::flush()
{
    // Handed over once: after a failed write the file is cut short, and a retry would
    // repeat records.
    const std::string records = std::move(pending_);
    pending_.clear();
    writeAll(fd_, records, path_);
}

} // namespace finch::runs
