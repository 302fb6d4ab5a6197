#include "core/common/FileIO.h"

#include "core/common/Error.h"

#include <array>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

namespace finch {
namespace {

std::string systemReason() { return std::strerror(errno); }

// The SIGBUS guard of mapped files. Each mapping takes a slot; the handler, on a fault inside
// one, maps a zero page over the faulting page and marks the slot, and the read goes on.
// Lock-free, so that the handler may read the slots at any moment.
struct GuardedMapping {
    std::atomic<uintptr_t> begin{0};
    std::atomic<size_t> size{0};
    std::atomic<bool> truncated{false};
};
std::array<GuardedMapping, 1024> guardedMappings;
struct sigaction previousBusHandler {};

void onBusError(int signal, siginfo_t* info, void* context)
{
    const auto address = reinterpret_cast<uintptr_t>(info->si_addr);
    for (GuardedMapping& mapping : guardedMappings) {
        const uintptr_t begin = mapping.begin.load();
        if (begin == 0 || address < begin || address - begin >= mapping.size.load())
            continue;
        const auto pageSize = static_cast<uintptr_t>(::sysconf(_SC_PAGESIZE));
        void* page = reinterpret_cast<void*>(address & ~(pageSize - 1));
        if (::mmap(page, pageSize, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) != MAP_FAILED) {
            mapping.truncated.store(true);
            return;
        }
    }
    // Not a mapping of ours: whatever was there before.
    if ((previousBusHandler.sa_flags & SA_SIGINFO) && previousBusHandler.sa_sigaction) {
        previousBusHandler.sa_sigaction(signal, info, context);
    } else if (previousBusHandler.sa_handler != SIG_IGN && previousBusHandler.sa_handler != SIG_DFL &&
               previousBusHandler.sa_handler) {
        previousBusHandler.sa_handler(signal);
    } else {
        ::signal(SIGBUS, SIG_DFL);
        ::raise(SIGBUS);
    }
}

// The mapping's slot; throws finch::Error naming `path` when it cannot be guarded.
int guardMapping(const char* data, size_t size, const std::string& path)
{
    static const bool installed = [] {
        struct sigaction action {};
        action.sa_sigaction = onBusError;
        action.sa_flags = SA_SIGINFO | SA_NODEFER;
        sigemptyset(&action.sa_mask);
        return ::sigaction(SIGBUS, &action, &previousBusHandler) == 0;
    }();
    if (!installed)
        throw Error("cannot read " + path + ": cannot install the guard against files truncated while read: " +
                    systemReason());
    for (size_t slot = 0; slot < guardedMappings.size(); ++slot) {
        uintptr_t free = 0;
        GuardedMapping& mapping = guardedMappings[slot];
        if (mapping.begin.compare_exchange_strong(free, reinterpret_cast<uintptr_t>(data))) {
            mapping.truncated.store(false);
            mapping.size.store(size);
            return int(slot);
        }
    }
    throw Error("cannot read " + path + ": more than " + std::to_string(guardedMappings.size()) +
                " files are mapped at once");
}

class FileDescriptor {
public:
    explicit FileDescriptor(int fd) : fd_(fd) {}
    ~FileDescriptor() { close(); }
    FileDescriptor(const FileDescriptor&) = delete;
    FileDescriptor& operator=(const FileDescriptor&) = delete;
    FileDescriptor(FileDescriptor&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
    int get() const { return fd_; }
    bool close()
    {
        if (fd_ < 0)
            return true;
        const int result = ::close(fd_);
        fd_ = -1;
        return result == 0;
    }

private:
    int fd_;
};

void writeAll(int fd, std::string_view content, const std::string& path)
{
    const char* data = content.data();
    size_t left = content.size();
    while (left > 0) {
        const ssize_t written = ::write(fd, data, left);
        if (written < 0) {
            if (errno == EINTR)
                continue;
            throw Error("cannot write " + path + ": " + systemReason());
        }
        data += written;
        left -= static_cast<size_t>(written);
    }
}

// Opens a regular file for reading; `info` receives its status. Folders, FIFOs, devices
// and sockets are refused by name: reading /dev/zero never ends, and opening a FIFO
// blocks until someone writes to it (hence O_NONBLOCK, cleared once the file is known).
FileDescriptor openForReading(const std::string& path, struct stat& info)
{
    FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK));
    if (fd.get() < 0)
        throw Error("cannot open " + path + ": " + systemReason());
    if (::fstat(fd.get(), &info) != 0)
        throw Error("cannot read " + path + ": " + systemReason());
    if (S_ISDIR(info.st_mode))
        throw Error("cannot read " + path + ": it is a folder, not a file");
    if (!S_ISREG(info.st_mode))
        throw Error("cannot read " + path + ": not a regular file (" +
                    (S_ISFIFO(info.st_mode) ? "a named pipe" : S_ISSOCK(info.st_mode) ? "a socket" : "a device") + ")");
    ::fcntl(fd.get(), F_SETFL, ::fcntl(fd.get(), F_GETFL) & ~O_NONBLOCK);
    return fd;
}

std::string sizeText(uint64_t bytes)
{
    return bytes >= (1u << 20) ? std::to_string(bytes >> 20) + " MiB" : std::to_string(bytes) + " bytes";
}

// The process's umask, read without changing it (umask(2) can only set it, which would race
// with other threads creating files).
mode_t currentUmask()
{
    FILE* status = std::fopen("/proc/self/status", "re");
    unsigned mask = 022;
    if (status) {
        char line[256];
        while (std::fgets(line, sizeof line, status))
            if (std::sscanf(line, "Umask: %o", &mask) == 1)
                break;
        std::fclose(status);
    }
    return static_cast<mode_t>(mask);
}

// Makes renames in a folder durable; a failure here cannot undo a complete write.
void syncFolder(const std::string& folder)
{
    FileDescriptor dir(::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (dir.get() >= 0)
        ::fsync(dir.get());
}

} // namespace

std::string readWholeFile(const std::string& path, uint64_t maxBytes)
{
    struct stat info {};
    const FileDescriptor fd = openForReading(path, info);
    if (static_cast<uint64_t>(info.st_size) > maxBytes)
        throw Error("cannot read " + path + ": it is " + sizeText(uint64_t(info.st_size)) + ", more than the " +
                    sizeText(maxBytes) + " such a file can sensibly be");
    std::string content;
    content.resize(static_cast<size_t>(info.st_size));
    size_t filled = 0;
    for (;;) {
        if (filled == content.size()) {
            if (content.size() >= maxBytes)
                break; // the file grew while being read: take what the limit allows
            content.resize(std::min<uint64_t>(maxBytes, content.size() + 65536));
        }
        const ssize_t got = ::read(fd.get(), content.data() + filled, content.size() - filled);
        if (got < 0) {
            if (errno == EINTR)
                continue;
            throw Error("cannot read " + path + ": " + systemReason());
        }
        if (got == 0)
            break;
        filled += static_cast<size_t>(got);
    }
    content.resize(filled);
    return content;
}

MappedFile::MappedFile(const std::string& path) : path_(path)
{
    struct stat info {};
    const FileDescriptor fd = openForReading(path, info);
    size_ = static_cast<size_t>(info.st_size);
    if (size_ == 0)
        return;
    void* mapped = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd.get(), 0);
    if (mapped == MAP_FAILED)
        throw Error("cannot read " + path + ": " + systemReason());
    data_ = static_cast<const char*>(mapped);
    try {
        guard_ = guardMapping(data_, size_, path);
    } catch (...) { // unguarded, a truncation would end the program: refuse instead
        ::munmap(mapped, size_);
        data_ = nullptr;
        throw;
    }
}

MappedFile::~MappedFile()
{
    if (!data_)
        return;
    GuardedMapping& mapping = guardedMappings[size_t(guard_)];
    mapping.size.store(0);
    mapping.begin.store(0);
    ::munmap(const_cast<char*>(data_), size_);
}

void MappedFile::checkIntact() const
{
    if (data_ && guardedMappings[size_t(guard_)].truncated.load())
        throw Error(path_ + " shrank while Finch was reading it (another program truncated or rewrote it in "
                    "place); what was read is incomplete: read it again once it is whole");
}

void replaceFolderAtomically(const std::string& path, const std::function<void(const std::string& temporary)>& fill)
{
    namespace fs = std::filesystem;
    const fs::path target = fs::path(path).lexically_normal();
    const fs::path parent = target.has_parent_path() ? target.parent_path() : fs::path(".");
    // mkdir, not mkdtemp: the folder gets the umask's permissions, as any new folder.
    std::string temporary;
    for (unsigned attempt = 0;; ++attempt) {
        temporary = (parent / (".tmp-" + target.filename().string() + "-" + std::to_string(::getpid()) + "-" +
                               std::to_string(attempt))).string();
        if (::mkdir(temporary.c_str(), 0777) == 0)
            break;
        if (errno != EEXIST || attempt > 1000)
            throw Error("cannot write " + path + ": cannot create a temporary folder in " + parent.string() + ": " +
                        systemReason());
    }
    std::error_code ignored;
    try {
        fill(temporary);
        syncFolder(temporary);
        if (::renameat2(AT_FDCWD, temporary.c_str(), AT_FDCWD, target.c_str(), RENAME_EXCHANGE) == 0) {
            fs::remove_all(temporary, ignored); // now the old folder
        } else if (errno == ENOENT) {
            if (::rename(temporary.c_str(), target.c_str()) != 0)
                throw Error("cannot write " + path + ": " + systemReason());
        } else if (errno == EINVAL || errno == ENOSYS) {
            // No exchange on this file system: move the old folder aside, then the new in.
            const std::string aside = temporary + ".old";
            if (::rename(target.c_str(), aside.c_str()) != 0 || ::rename(temporary.c_str(), target.c_str()) != 0)
                throw Error("cannot write " + path + ": " + systemReason());
            fs::remove_all(aside, ignored);
        } else {
            throw Error("cannot write " + path + ": " + systemReason());
        }
    } catch (...) {
        fs::remove_all(temporary, ignored); // a full disk: leave no half-written folder behind
        throw;
    }
    syncFolder(parent.string());
}

void writeFileAtomically(const std::string& path, std::string_view content, LinkAtPath links)
{
    writeFileAtomically(path, [content](const ByteSink& write) { write(content); }, links);
}

void writeFileAtomically(const std::string& path, const std::function<void(const ByteSink&)>& produce,
                         LinkAtPath links)
{
    namespace fs = std::filesystem;
    std::error_code linkError;
    const bool throughLink = links == LinkAtPath::ThroughLinks && fs::is_symlink(path, linkError);
    const fs::path target = throughLink ? fs::weakly_canonical(path) : fs::path(path);
    const fs::path folder = target.has_parent_path() ? target.parent_path() : fs::path(".");
    std::string temporary = (folder / ("." + target.filename().string() + ".tmp-XXXXXX")).string();

    const int rawFd = ::mkostemp(temporary.data(), O_CLOEXEC);
    if (rawFd < 0)
        throw Error("cannot save " + path + ": cannot create a temporary file in " +
                    folder.string() + ": " + systemReason());
    FileDescriptor fd(rawFd);
    try {
        // The old file's permissions; a link's target's only when writing through it.
        struct stat old {};
        const bool exists = (throughLink ? ::stat(target.c_str(), &old) : ::lstat(target.c_str(), &old)) == 0 &&
                            S_ISREG(old.st_mode);
        const mode_t mode = exists ? (old.st_mode & 07777) : (0666 & ~currentUmask());
        if (::fchmod(fd.get(), mode) != 0)
            throw Error("cannot save " + path + ": " + systemReason());
        produce([&](std::string_view piece) { writeAll(fd.get(), piece, path); });
        if (::fsync(fd.get()) != 0)
            throw Error("cannot save " + path + ": flushing to disk failed: " + systemReason());
        if (!fd.close())
            throw Error("cannot save " + path + ": " + systemReason());
        if (::rename(temporary.c_str(), target.c_str()) != 0)
            throw Error("cannot save " + path + ": " + systemReason());
    } catch (...) {
        fd.close();
        ::unlink(temporary.c_str());
        throw;
    }
    syncFolder(folder.string());
}

} // namespace finch
