#pragma once
// TensorBoard's event files, written without TensorFlow or a protobuf library. A file is a
// sequence of records (TFRecord framing: the length as a little-endian uint64, the masked
// CRC-32C of those 8 bytes, the data, the masked CRC-32C of the data); each record is one
// `tensorboard.Event` message, encoded here by hand since Finch writes only four fields of
// it (tensorboard/compat/proto/event.proto, summary.proto):
//   Event      { double wall_time = 1; int64 step = 2; string file_version = 3;
//                Summary summary = 5; SessionLog session_log = 7; }
//   Summary    { repeated Value value = 1; }   Value { string tag = 1; float simple_value = 2; }
//   SessionLog { SessionStatus status = 1; }   (START = 1)
#include <cstdint>
#include <string>
#include <string_view>

namespace finch::runs {

// CRC-32C (Castagnoli), as TFRecord checksums its records.
uint32_t crc32c(std::string_view bytes);
// The checksum as a record stores it: rotated and offset, because a CRC over data that
// embeds CRCs is weak.
uint32_t maskedCrc32c(std::string_view bytes);

// The name TensorBoard's own writers (and so torch's SummaryWriter, which transformers'
// TensorBoardCallback uses) give a new file: events.out.tfevents.<unix seconds, 10
// digits>.<host name>.<process id>.<files opened by this process before>. TensorBoard
// reads a folder's files in name order, so a later session's file comes after.
std::string eventFileName();

// One event file. Not thread-safe: one writer per thread.
class TensorBoardWriter {
public:
    // Creates `folder` (with its parents) and the file `fileName` in it, which must not
    // exist yet; a symbolic link planted at its path is refused, never written through.
    // The first record is the file_version event ("brain.Event:2"), written at once.
    // Throws finch::Error naming the path and the reason.
    explicit TensorBoardWriter(const std::string& folder, const std::string& fileName = eventFileName());
    ~TensorBoardWriter();
    TensorBoardWriter(const TensorBoardWriter&) = delete;
    TensorBoardWriter& operator=(const TensorBoardWriter&) = delete;

    // One scalar point, as torch's add_scalar writes it (simple_value, a float32). Kept
    // until flush().
    void addScalar(const std::string& tag, float value, int64_t step);
    // A SessionLog START at `step`: TensorBoard then drops the points of earlier files at
    // `step` and after, which a session resumed from an earlier checkpoint repeats.
    void addSessionStart(int64_t step);
    // Hands the records added since the last flush to the file (the kernel's cache, not
    // the disk: a crash of the process loses nothing). Throws finch::Error naming the file.
    void flush();

    const std::string& path() const { return path_; }

private:
    void addEvent(int64_t step, std::string_view fields);

    std::string path_;
    int fd_ = -1;
    std::string pending_;
};

} // namespace finch::runs
