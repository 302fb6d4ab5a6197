#pragma once
// The lock huggingface_hub takes around downloading one blob, so that Finch, the studio and
// Python tools sharing a cache fetch each file once and never write one partial file
// together: flock(2) LOCK_EX on <cache>/.locks/models--ORG--NAME/<etag>.lock, as the
// filelock package's UnixFileLock does (open O_RDWR|O_NOFOLLOW, create with mode 0664, poll
// LOCK_EX|LOCK_NB, leave the file in place on release so that waiters share one inode).
// flock locks belong to an open file description: two threads of one process, each opening
// the file, exclude each other as two processes do.
#include <atomic>
#include <functional>
#include <string>

namespace finch::hub {

class BlobLock {
public:
    // Waits until the lock at `path` is free. `onWait` is called once when another download
    // holds it; `cancel` is polled while waiting (HubError::Cancelled naming `what`). Other
    // failures (a symbolic link at `path`, a file system without flock) are HubError::Disk.
    BlobLock(const std::string& path, const std::string& what, const std::function<void()>& onWait,
             const std::atomic<bool>* cancel);
    ~BlobLock();
    BlobLock(const BlobLock&) = delete;
    BlobLock& operator=(const BlobLock&) = delete;

private:
    int fd_ = -1;
};

} // namespace finch::hub
