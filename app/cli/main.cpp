// finch: the headless command line. Same engine and file layouts as the studio.
#include "CliOutput.h"

#include "core/common/Error.h"
#include "core/api/Engine.h"
#include "core/text/SentencePiece.h"

#include <csignal>
#include <iostream>

namespace {

void addInfoCommand(CLI::App& app)
{
    auto* info = app.add_subcommand("info", "Show the libtorch version, devices, threads and BLAS in use");
    auto json = std::make_shared<bool>(false);
    info->add_flag("--json", *json, "Machine-readable output");
    info->callback([json] {
        finch::engine::Engine& engine = finch::engine::load();
        engine.configureCompute(0);
        const auto runtime = engine.runtimeInfo();
        const std::string spm = finch::text::SentencePiece::modulePath();
        if (*json) {
            nlohmann::ordered_json out;
            out["finch"] = FINCH_VERSION;
            out["libtorch"] = runtime.torchVersion;
            out["cuda"] = runtime.cudaAvailable;
            out["devices"] = nlohmann::ordered_json::array();
            for (const auto& device : runtime.devices)
                out["devices"].push_back({{"name", device.name}, {"description", device.description}});
            out["threads"] = runtime.intraOpThreads;
            out["blas"] = runtime.blas;
            out["slow_blas"] = runtime.slowBlas;
            out["sentencepiece_module"] = spm;
            finch::cli::printJson(out);
            return;
        }
        std::cout << "Finch " << FINCH_VERSION << "\nlibtorch " << runtime.torchVersion
                  << (runtime.cudaAvailable ? " (CUDA)" : " (CPU only)") << "\ndevices:";
        for (const auto& device : runtime.devices)
            std::cout << "\n  " << device.name << "  " << device.description;
        std::cout << "\nthreads: " << runtime.intraOpThreads << "\nBLAS: " << runtime.blas
                  << "\nSentencePiece module: " << (spm.empty() ? "not found" : spm) << std::endl;
    });
}

} // namespace

int main(int argc, char** argv)
{
    // A file-size limit then fails the write (EFBIG) with a message, as a full disk does,
    // instead of killing the process in the middle of a save.
    std::signal(SIGXFSZ, SIG_IGN);
    CLI::App app{"Finch: fine-tune language models. The same engine as the finch-studio desktop app.", "finch"};
    app.set_version_flag("--version", std::string("finch ") + FINCH_VERSION);
    app.require_subcommand(1);
    app.fallthrough(false);
    finch::cli::addDataCommands(app);
    finch::cli::addTokenizerCommands(app);
    finch::cli::addChatCommands(app);
    finch::cli::addModelCommands(app);
    finch::cli::addTrainCommands(app);
    addInfoCommand(app);

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        app.exit(e);
        return finch::cli::kExitUsage;
    } catch (const finch::cli::ExitRequest& request) {
        return request.code;
    } catch (const finch::Error& e) {
        std::cerr << "finch: error: " << finch::cli::printable(e.what()) << std::endl;
        return finch::cli::kExitFailure;
    } catch (const std::exception& e) {
        std::cerr << "finch: error: " << finch::cli::printable(e.what()) << std::endl;
        return finch::cli::kExitFailure;
    }
    return 0;
}
