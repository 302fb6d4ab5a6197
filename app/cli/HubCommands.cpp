// finch model download | login: the Hugging Face Hub, into the Hugging Face cache.
#include "CliOutput.h"
#include "Progress.h"

#include "core/common/Error.h"
#include "core/hub/HubDownload.h"
#include "core/model/ModelCatalog.h"

#include <atomic>
#include <chrono>
#include <csignal>
#include <iostream>

#include <termios.h>
#include <unistd.h>

namespace finch::cli {
namespace {

using Json = nlohmann::ordered_json;

std::atomic<bool> downloadCancelled = false;

void cancelOnInterrupt(int)
{
    downloadCancelled = true;
    std::signal(SIGINT, SIG_DFL); // a second Ctrl-C ends at once
}

void addDownload(CLI::App& group)
{
    struct Options {
        std::string repoId;
        std::string revision = "main";
        std::string cache;
        bool json = false;
    };
    auto options = std::make_shared<Options>();
    auto* command = group.add_subcommand(
        "download", "Download a model from the Hugging Face Hub into the Hugging Face cache (resumes an interrupted "
                    "download; honours HF_ENDPOINT, HF_HUB_OFFLINE and HF_TOKEN)");
    command->add_option("repo", options->repoId, "The repository, ORGANISATION/NAME")->required();
    command->add_option("--revision", options->revision, "A branch, tag or commit (default: main)");
    command->add_option("--cache", options->cache,
                        "The Hugging Face hub cache (default: HF_HUB_CACHE, HF_HOME/hub or ~/.cache/huggingface/hub)");
    command->add_flag("--json", options->json, "Print {\"repo\", \"revision\", \"path\", \"supported\", \"reason\"}");
    command->callback([options] {
        hub::HubSettings settings = hub::hubSettingsFromEnvironment();
        if (!options->cache.empty())
            settings.cacheDir = options->cache;
        const hub::HubClient client(settings);

        Progress progress("download");
        const auto started = std::chrono::steady_clock::now();
        uint64_t firstDone = 0; // bytes already on disk when this run started: not part of the speed
        bool seen = false;
        downloadCancelled = false;
        std::signal(SIGINT, cancelOnInterrupt);
        std::string snapshot;
        try {
            snapshot = client.download(
                options->repoId, options->revision,
                [&](const hub::DownloadProgress& p) {
                    if (!seen) {
                        seen = true;
                        firstDone = p.bytesDone;
                    }
                    const double seconds =
                        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
                    const double speed = seconds > 0 ? double(p.bytesDone - firstDone) / seconds : 0;
                    const double eta = speed > 0 ? double(p.bytesTotal - p.bytesDone) / speed : -1;
                    progress.update(int64_t(p.bytesDone), int64_t(p.bytesTotal),
                                    p.file + " (" + std::to_string(p.fileIndex) + "/" + std::to_string(p.fileCount) + ")  " +
                                        std::to_string(int(speed / 1e6)) + " MB/s",
                                    eta);
                },
                &downloadCancelled);
        } catch (const hub::HubError& error) {
            std::signal(SIGINT, SIG_DFL);
            progress.finish();
            if (error.kind == hub::HubError::Kind::Cancelled)
                throw Error("download cancelled; run the same command again to resume it");
            throw;
        }
        std::signal(SIGINT, SIG_DFL);
        progress.finish();

        const auto entry = model::describeFolder(snapshot);
        const bool supported = entry && entry->supported;
        const std::string reason = !entry ? "not a causal language model (no config.json with a *ForCausalLM architecture)"
                                          : entry->reason;
        if (options->json) {
            printJson({{"repo", options->repoId}, {"revision", options->revision}, {"path", snapshot},
                       {"supported", supported}, {"reason", reason}});
            return;
        }
        std::cout << options->repoId << " is in " << snapshot << "\n"
                  << (supported ? "Finch can fine-tune it: open that folder, or pick it on the Model page."
                                : "Finch cannot fine-tune it: " + printable(reason))
                  << std::endl;
    });
}

// Reads the token without echoing it when a person types it.
std::string readSecretLine()
{
    termios saved{};
    const bool terminal = ::isatty(STDIN_FILENO) && ::tcgetattr(STDIN_FILENO, &saved) == 0;
    if (terminal) {
        std::cerr << "Hugging Face token (hf_…, from https://huggingface.co/settings/tokens): " << std::flush;
        termios quiet = saved;
        quiet.c_lflag &= ~tcflag_t(ECHO);
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    std::string line;
    std::getline(std::cin, line);
    if (terminal) {
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
        std::cerr << std::endl;
    }
    while (!line.empty() && (line.back() == '\r' || line.back() == ' '))
        line.pop_back();
    return line;
}

void addLogin(CLI::App& group)
{
    auto* command = group.add_subcommand(
        "login", "Save a Hugging Face token for gated and private models (read from standard input, never from the "
                 "command line; stored readable by you only, where huggingface_hub keeps it)");
    command->callback([] {
        const std::string token = readSecretLine();
        if (token.empty())
            throw Error("no token given: paste it on standard input");
        hub::storeToken(token);
        std::cout << "Token saved to " << hub::tokenPath() << " (readable by you only)." << std::endl;
    });
}

} // namespace

void addHubCommands(CLI::App& modelGroup)
{
    addDownload(modelGroup);
    addLogin(modelGroup);
}

} // namespace finch::cli
