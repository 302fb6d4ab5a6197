#include "Launcher.h"

#include "core/common/Error.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <thread>

namespace finch::cli {
namespace {

// A port the kernel has just handed out on the loopback interface: rank 0's store binds it.
int freeLoopbackPort()
{
    const int socket = ::socket(AF_INET, SOCK_STREAM, 0);
    if (socket < 0)
        throw Error(std::string("cannot open a socket to find a free port: ") + std::strerror(errno));
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    const bool bound = ::bind(socket, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
                       ::getsockname(socket, reinterpret_cast<sockaddr*>(&address), &length) == 0;
    ::close(socket);
    if (!bound)
        throw Error(std::string("cannot find a free port on 127.0.0.1: ") + std::strerror(errno));
    return ntohs(address.sin_port);
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
    const std::string port = std::to_string(freeLoopbackPort());
    // The program's own path, not /proc/self/exe: ps and top name a process after the file
    // it ran, and the workers should read "finch", not "exe".
    std::error_code error;
    const std::string program = std::filesystem::read_symlink("/proc/self/exe", error).string();
    if (error)
        throw Error("cannot find this program's path to start its workers: " + error.message());
    std::vector<pid_t> workers(static_cast<size_t>(processes), -1);
    for (int rank = 0; rank < processes; ++rank) {
        const pid_t pid = fork();
        if (pid < 0)
            throw Error(std::string("cannot start worker processes: ") + std::strerror(errno));
        if (pid == 0) {
            setenv("RANK", std::to_string(rank).c_str(), 1);
            setenv("LOCAL_RANK", std::to_string(rank).c_str(), 1);
            setenv("WORLD_SIZE", std::to_string(processes).c_str(), 1);
            setenv("LOCAL_WORLD_SIZE", std::to_string(processes).c_str(), 1);
            setenv("MASTER_ADDR", "127.0.0.1", 1);
            setenv("MASTER_PORT", port.c_str(), 1);
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
    return result;
}

} // namespace finch::cli
