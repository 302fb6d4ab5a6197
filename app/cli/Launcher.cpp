#include "Launcher.h"

#include "core/common/Error.h"

#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <thread>

namespace finch::cli {
namespace {

// The job's private folder: its rendezvous file, which no other user can open (0700).
std::string privateJobFolder()
{
    const char* temporary = std::getenv("TMPDIR");
    std::string pattern = std::string(temporary && *temporary ? temporary : "/tmp") + "/finch-job-XXXXXX";
    if (!::mkdtemp(pattern.data()))
        throw Error("cannot create the job's folder " + pattern + ": " + std::strerror(errno));
    return pattern;
}

// 128 random bits, as hex: the job's keys in the store carry it.
std::string randomToken()
{
    unsigned char bytes[16];
    if (::getrandom(bytes, sizeof bytes, 0) != static_cast<ssize_t>(sizeof bytes))
        throw Error(std::string("cannot draw a random job token: ") + std::strerror(errno));
    static const char digits[] = "0123456789abcdef";
    std::string token;
    for (const unsigned char byte : bytes) {
        token += digits[byte >> 4];
        token += digits[byte & 15];
    }
    return token;
}

std::string describe(int status)
{
    if (WIFSIGNALED(status))
        return std::string("was killed by signal ") + std::to_string(WTERMSIG(status)) + " (" + strsignal(WTERMSIG(status)) + ")";
    return "exited with status " + std::to_string(WEXITSTATUS(status));
}

} // namespace

int launchWorkers(int processes, const std::vector<std::string>& arguments, int graceSeconds)
{
    // The program's own path, not /proc/self/exe: ps and top name a process after the file
    // it ran, and the workers should read "finch", not "exe".
    std::error_code error;
    const std::string program = std::filesystem::read_symlink("/proc/self/exe", error).string();
    if (error)
        throw Error("cannot find this program's path to start its workers: " + error.message());
    // One node: the ranks rendezvous through a file in a private folder and talk over
    // loopback (DistributedEnvironment.h, "Trust"), so there is no port to take or to guard.
    const std::string folder = privateJobFolder();
    const std::string token = randomToken();
    const pid_t launcher = getpid();
    std::vector<pid_t> workers(static_cast<size_t>(processes), -1);
    for (int rank = 0; rank < processes; ++rank) {
        const pid_t pid = fork();
        if (pid < 0)
            throw Error(std::string("cannot start worker processes: ") + std::strerror(errno));
        if (pid == 0) {
            // A launcher that dies takes its ranks with it, even under SIGKILL.
            if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid() != launcher)
                _exit(1);
            setenv("RANK", std::to_string(rank).c_str(), 1);
            setenv("LOCAL_RANK", std::to_string(rank).c_str(), 1);
            setenv("WORLD_SIZE", std::to_string(processes).c_str(), 1);
            setenv("LOCAL_WORLD_SIZE", std::to_string(processes).c_str(), 1);
            unsetenv("MASTER_ADDR");
            unsetenv("MASTER_PORT");
            setenv("FINCH_STORE_FILE", (folder + "/store").c_str(), 1);
            setenv("FINCH_JOB_TOKEN", token.c_str(), 1);
            setenv("FINCH_LAUNCHER", "finch", 1);
            std::vector<std::string> argv{"finch"};
            argv.insert(argv.end(), arguments.begin(), arguments.end());
            std::vector<char*> pointers;
            for (std::string& argument : argv)
                pointers.push_back(argument.data());
            pointers.push_back(nullptr);
            execv(program.c_str(), pointers.data());
            execv("/proc/self/exe", pointers.data()); // the file was replaced since (an upgrade)
            std::cerr << "finch: cannot start worker " << rank << ": " << std::strerror(errno) << "\n";
            _exit(127);
        }
        workers[static_cast<size_t>(rank)] = pid;
    }
    // Ctrl-C reaches every worker from the terminal; each stops after the same step.
    std::signal(SIGINT, SIG_IGN);
    int result = 0, running = processes;
    std::chrono::steady_clock::time_point failedAt{};
    while (running > 0) {
        int status = 0;
        const pid_t pid = waitpid(-1, &status, result == 0 ? 0 : WNOHANG);
        if (pid > 0) {
            --running;
            const auto it = std::find(workers.begin(), workers.end(), pid);
            const auto rank = std::distance(workers.begin(), it);
            if (it != workers.end())
                *it = -1;
            if (status != 0) {
                std::cerr << "finch: rank " << rank << " of " << processes << " " << describe(status) << "\n";
                if (result == 0) {
                    result = 1;
                    failedAt = std::chrono::steady_clock::now();
                }
            }
            continue;
        }
        if (pid < 0 && errno != EINTR)
            break;
        // A rank failed: the others are given time to see it, then stopped.
        if (std::chrono::steady_clock::now() - failedAt > std::chrono::seconds(graceSeconds)) {
            for (size_t rank = 0; rank < workers.size(); ++rank)
                if (workers[rank] > 0) {
                    std::cerr << "finch: stopping rank " << rank << ", still running " << graceSeconds
                              << " s after another rank failed\n";
                    kill(workers[rank], SIGKILL);
                }
            failedAt = std::chrono::steady_clock::now() + std::chrono::hours(1);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    std::signal(SIGINT, SIG_DFL);
    std::filesystem::remove_all(folder, error);
    return result;
}

} // namespace finch::cli
