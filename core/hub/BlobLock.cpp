#include "core/hub/BlobLock.h"

#include "core/hub/HubDownload.h"

#include <cerrno>
#include <chrono>
#include <cstring>
#include <thread>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace finch::hub {
namespace {

constexpr auto kPollInterval = std::chrono::milliseconds(50); // filelock's

HubError lockError(const std::string& path, const std::string& problem)
{
    return HubError(HubError::Kind::Disk, path + ": cannot take the download lock: " + problem);
}

} // namespace

BlobLock::BlobLock(const std::string& path, const std::string& what, const std::function<void()>& onWait,
                   const std::atomic<bool>* cancel)
{
    constexpr int flags = O_RDWR | O_NOFOLLOW | O_CLOEXEC;
    bool waiting = false;
    for (;;) {
        int fd = ::open(path.c_str(), flags | O_CREAT | O_EXCL, 0664);
        if (fd >= 0) {
            // 0664 whatever the umask, as huggingface_hub asks: users sharing a cache wait on each other.
            ::fchmod(fd, 0664);
        } else if (errno == EEXIST) {
            fd = ::open(path.c_str(), flags);
            if (fd < 0 && errno == ENOENT)
                continue; // removed between the two opens
        }
        if (fd < 0)
            throw lockError(path, errno == ELOOP ? std::string("it is a symbolic link, not a lock file") : std::strerror(errno));

        if (::flock(fd, LOCK_EX | LOCK_NB) == 0) {
            // The lock counts only on the file the name still leads to (a holder may have
            // removed or replaced it, as huggingface_hub does when releasing fails).
            struct stat held {}, named {};
            if (::fstat(fd, &held) == 0 && held.st_nlink > 0 && ::lstat(path.c_str(), &named) == 0 &&
                named.st_dev == held.st_dev && named.st_ino == held.st_ino) {
                fd_ = fd;
                return;
            }
            ::close(fd);
            continue;
        }
        const int error = errno;
        ::close(fd);
        if (error != EWOULDBLOCK && error != EAGAIN && error != EACCES) // EACCES: contention on some file systems
            throw lockError(path, std::string(std::strerror(error)) +
                                      (error == ENOSYS || error == EOPNOTSUPP
                                           ? " (this file system has no flock(2) locks: put the cache on a local disk, HF_HUB_CACHE)"
                                           : ""));
        if (!waiting) {
            waiting = true;
            if (onWait)
                onWait();
        }
        if (cancel && cancel->load())
            throw HubError(HubError::Kind::Cancelled,
                           "download cancelled while waiting for another download of " + what + " (it holds " + path + ")");
        std::this_thread::sleep_for(kPollInterval);
    }
}

BlobLock::~BlobLock()
{
    // The file stays: a waiter may have it open already, and must lock the same inode.
    ::flock(fd_, LOCK_UN);
    ::close(fd_);
}

} // namespace finch::hub
