// finch train | eval | export | runs
#include "CliOutput.h"
#include "Launcher.h"
#include "Progress.h"

#include "core/common/Error.h"
#include "core/common/FileIO.h"
#include "core/common/JsonFile.h"
#include "core/eval/Bootstrap.h"
#include "core/eval/Evaluator.h"
#include "core/eval/Metrics.h"
#include "core/runs/RunFolder.h"
#include "core/api/Engine.h"
#include "core/train/DistributedEnvironment.h"
#include "core/train/RunArtifacts.h"
#include "core/train/Trainer.h"

#include <csignal>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <sstream>

namespace finch::cli {
namespace {

using Json = nlohmann::ordered_json;
namespace fs = std::filesystem;

train::TrainingControl* activeControl = nullptr;

void stopOnInterrupt(int)
{
    if (activeControl)
        activeControl->requestStopFromSignal();
    std::signal(SIGINT, SIG_DFL); // a second Ctrl-C ends at once
}

std::string fixed(double value, int digits = 4)
{
    std::ostringstream text;
    text << std::fixed << std::setprecision(digits) << value;
    return text.str();
}

std::string scientific(double value)
{
    std::ostringstream text;
    text << std::scientific << std::setprecision(2) << value;
    return text.str();
}

// The headline numbers of an eval.json "metrics" object, for one line of text.
std::string metricLine(const Json& metrics)
{
    std::string line;
    for (const std::string_view key : eval::kHeadlineMetrics)
        if (const auto it = metrics.find(key); it != metrics.end() && it->is_number())
            line += std::string(line.empty() ? "" : "  ") + std::string(key) + " " + fixed(it->get<double>());
    return line;
}

// The terminal as a sink of the trainer's events: one JSON object per line (--json), or
// the progress bar and notes.
class TerminalSink : public runs::MetricSink {
public:
    explicit TerminalSink(bool json) : json_(json), progress_("train") {}

    void write(const runs::RunEvent& event) override
    {
        using runs::EventKind;
        if (json_) {
            std::cout << runs::toJson(event).dump() << std::endl;
            return;
        }
        switch (event.kind) {
        case EventKind::Started: progress_.note("run " + event.path + ": " + event.message); break;
        case EventKind::Step:
            progress_.update(event.step, event.totalSteps,
                             "loss " + fixed(event.trainLoss) + "  lr " + scientific(event.learningRate) + "  " +
                                 std::to_string(static_cast<long>(event.tokensPerSecond)) + " tok/s",
                             event.etaSeconds);
            break;
        case EventKind::Evaluation:
            progress_.note("step " + std::to_string(event.step) + ": validation loss " + fixed(event.validationLoss));
            break;
        case EventKind::Checkpoint: progress_.note("checkpoint " + event.path); break;
        case EventKind::Log: progress_.note(event.message); break;
        // The outcome, or the error, is printed once the trainer returns.
        case EventKind::Failed:
        case EventKind::Finished: progress_.finish(); break;
        case EventKind::Paused:
        case EventKind::Resumed: break;
        }
    }

private:
    bool json_;
    Progress progress_;
};

void printEvaluation(const Json& evaluation)
{
    const Json& metrics = evaluation["metrics"];
    std::cout << evaluation.value("split", "test") << ": " << metricLine(metrics) << "  (" << metrics.value("rows", 0) << " rows)\n";
    if (metrics.contains("per_class")) {
        std::cout << "  " << std::left << std::setw(16) << "label" << std::right << std::setw(10) << "precision"
                  << std::setw(10) << "recall" << std::setw(10) << "f1" << std::setw(9) << "support\n";
        for (const Json& row : metrics["per_class"])
            std::cout << "  " << std::left << std::setw(16) << printable(row["label"].get<std::string>()) << std::right
                      << std::setw(10) << fixed(row["precision"].get<double>(), 3) << std::setw(10)
                      << fixed(row["recall"].get<double>(), 3) << std::setw(10) << fixed(row["f1"].get<double>(), 3)
                      << std::setw(8) << row["support"].get<int64_t>() << "\n";
    }
    std::cout << std::flush;
}

void addTrain(CLI::App& app)
{
    struct Options {
        std::string config, resume, outputDir;
        int64_t stopAt = 0;
        int moreEpochs = 0;
        int processes = 1;
        bool json = false;
    };
    auto options = std::make_shared<Options>();
    auto* command = app.add_subcommand("train", "Fine-tune a model as a run configuration says, or resume a run");
    auto* config = command->add_option("--config", options->config, "Run configuration (JSON)")->check(CLI::ExistingFile);
    auto* resume = command->add_option("--resume", options->resume, "Run folder to continue from its latest checkpoint")
                       ->check(CLI::ExistingDirectory);
    config->excludes(resume);
    command->add_option("--output-dir", options->outputDir, "Create the run folder here (overrides output_dir)")
        ->excludes(resume);
    command->add_option("--more-epochs", options->moreEpochs,
                        "With --resume: train N epochs more, also after the run has completed (the schedule is laid out "
                        "again over the new total)")
        ->needs(resume)
        ->check(CLI::Range(1, 100000));
    command->add_option("--stop-at", options->stopAt, "Stop with a checkpoint after this step (continue with --resume)");
    command->add_flag("--json", options->json, "One JSON object per event on stdout");
    command->add_option("--nproc-per-node", options->processes,
                        "Data-parallel training in N processes on this machine (Gloo), as torchrun starts them; "
                        "a job that torchrun or srun started needs no option")
        ->check(CLI::Range(1, 1024));
    command->footer("Ctrl-C stops after the current step and saves a checkpoint; a second Ctrl-C ends at once.\n"
                    "Settings: see README.md, \"Run configuration\"; multi-node jobs: README.md, \"Scale-out\".");
    command->callback([options] {
        if (options->config.empty() && options->resume.empty())
            throw Error("give --config FILE to start a run or --resume RUN_DIR to continue one");
        const auto job = train::readDistributedEnvironment();
        if (options->processes > 1) {
            if (job)
                throw Error("--nproc-per-node: this process is already rank " + std::to_string(job->rank) + " of a job of " +
                            std::to_string(job->worldSize) + " (" + job->launcher + " started it)");
            std::vector<std::string> arguments{"train"};
            for (const auto& [flag, value] : {std::pair{"--config", options->config}, {"--resume", options->resume},
                                              {"--output-dir", options->outputDir}})
                if (!value.empty())
                    arguments.insert(arguments.end(), {flag, value});
            if (options->moreEpochs > 0)
                arguments.insert(arguments.end(), {"--more-epochs", std::to_string(options->moreEpochs)});
            if (options->stopAt > 0)
                arguments.insert(arguments.end(), {"--stop-at", std::to_string(options->stopAt)});
            if (options->json)
                arguments.push_back("--json");
            if (const int status = launchWorkers(options->processes, arguments))
                throw ExitRequest{status};
            return;
        }
        // Rank 0 speaks for the job; the other ranks only report their errors.
        const bool quiet = job && job->rank > 0;
        train::TrainingControl control;
        control.stopAfterStep(options->stopAt);
        activeControl = &control;
        std::signal(SIGINT, stopOnInterrupt);
        TerminalSink terminal(options->json);
        runs::MetricSink* sink = quiet ? nullptr : &terminal;
        train::Trainer& trainer = engine::load().trainer();
        train::TrainingOutcome outcome;
        if (options->resume.empty()) {
            train::RunConfig config = train::RunConfig::load(options->config);
            if (!options->outputDir.empty())
                config.outputDir = options->outputDir;
            outcome = trainer.start(config, sink, &control);
        } else {
            outcome = trainer.resume(options->resume, sink, &control, options->moreEpochs);
        }
        activeControl = nullptr;
        std::signal(SIGINT, SIG_DFL);
        if (quiet) {
            if (outcome.status == runs::RunStatus::Failed) {
                std::cerr << "finch: rank " << job->rank << ": " << printable(outcome.message) << "\n";
                throw ExitRequest{kExitFailure};
            }
            return;
        }
        const runs::RunFolder run = runs::RunFolder::open(outcome.runPath);
        const std::string status(runs::kRunStatuses.name(outcome.status));
        if (options->json) {
            Json result{{"run", outcome.runPath}, {"status", status}, {"steps", outcome.steps}, {"message", outcome.message}};
            if (fs::exists(run.evalPath()))
                result["test_metrics"] = readJsonFile(run.evalPath())["metrics"];
            std::cout << result.dump() << std::endl;
        } else {
            std::cout << status << " after " << outcome.steps << " steps: " << outcome.runPath << "\n";
            if (!outcome.message.empty())
                std::cout << printable(outcome.message) << "\n";
            if (outcome.status == runs::RunStatus::Stopped)
                std::cout << "continue with: finch train --resume " << outcome.runPath << "\n";
            if (outcome.status == runs::RunStatus::Completed && fs::exists(run.evalPath()))
                printEvaluation(readJsonFile(run.evalPath()));
            std::cout << std::flush;
        }
        if (outcome.status == runs::RunStatus::Failed)
            throw ExitRequest{kExitFailure};
    });
}

void addEval(CLI::App& app)
{
    struct Options {
        std::string run, data, split = "test", out, device = "cpu";
        int maxNewTokens = 64;
        bool json = false;
    };
    auto options = std::make_shared<Options>();
    auto* command = app.add_subcommand("eval", "Evaluate a run's final model on a dataset (default: its test split)");
    command->add_option("--run", options->run, "Run folder")->required()->check(CLI::ExistingDirectory);
    command->add_option("--data", options->data, "Dataset file (default: the run's test split)")->check(CLI::ExistingFile);
    command->add_option("--split", options->split, "Without --data: the run's train, validation or test split")
        ->check(CLI::IsMember({"train", "validation", "test"}))
        ->capture_default_str();
    command->add_option("--out", options->out,
                        "Where to write the report (default: RUN/eval.json for the test split, else RUN/eval-<name>.json)");
    command->add_option("--max-new-tokens", options->maxNewTokens, "Generation: most new tokens per row")->capture_default_str();
    command->add_option("--device", options->device, "cpu, cuda or cuda:N")->capture_default_str();
    command->add_flag("--json", options->json, "Print the whole report as JSON");
    command->callback([options] {
        const runs::RunFolder run = runs::RunFolder::open(options->run);
        engine::Engine& engine = engine::load();
        engine.configureCompute(train::runConfig(run).threads);
        train::RunEvaluationRequest request;
        request.dataFile = options->data;
        request.split = options->split;
        request.device = options->device;
        request.outputPath = options->out;
        request.maxNewTokens = options->maxNewTokens;
        Progress progress("eval");
        const train::RunEvaluation result = train::evaluateRun(engine, run, request, [&](size_t done, size_t total) {
            if (!options->json)
                progress.update(int64_t(done), int64_t(total), "");
            return true;
        });
        progress.finish();
        const Json out = result.record.toJson();
        const std::string& path = result.path;
        if (options->json) {
            printJson(out);
        } else {
            printEvaluation(out);
            std::cout << "report: " << path << std::endl;
        }
    });
}

void addExport(CLI::App& app)
{
    struct Options {
        std::string run, out;
        bool merged = false, adapter = false, json = false;
    };
    auto options = std::make_shared<Options>();
    auto* command = app.add_subcommand("export", "Write a run's model as a Hugging Face folder or a PEFT adapter");
    command->add_option("--run", options->run, "Run folder")->required()->check(CLI::ExistingDirectory);
    auto* merged = command->add_flag("--merged", options->merged, "A full model (LoRA folded into the weights)");
    auto* adapter = command->add_flag("--adapter", options->adapter, "The LoRA adapter alone, in PEFT's layout");
    merged->excludes(adapter);
    command->add_option("--out", options->out, "Folder to write")->required();
    command->add_flag("--json", options->json, "Machine-readable output");
    command->callback([options] {
        if (!options->merged && !options->adapter)
            throw Error("choose --merged (a full model) or --adapter (LoRA runs)");
        const runs::RunFolder run = runs::RunFolder::open(options->run);
        const train::ExportReport report = train::exportRun(engine::load(), run, options->out, options->merged);
        if (options->json) {
            printJson({{"run", run.path()},
                       {"out", report.folder},
                       {"kind", report.kind},
                       {"verified", report.verified()},
                       {"max_logit_difference", report.maxLogitDifference},
                       {"probe_tokens", report.probeTokens},
                       {"chat_model", report.chatModel},
                       {"problems", report.problems}});
        } else {
            std::cout << "wrote " << (options->adapter ? "the adapter" : "the merged model") << " to " << report.folder
                      << "\nloaded it back: max |logit difference| " << report.maxLogitDifference << " over "
                      << report.probeTokens << " probe tokens in " << report.probeSequences << " sequences"
                      << (report.chatModel ? "; chat template and end-of-turn tokens checked" : "") << "\n";
            for (const std::string& problem : report.problems)
                std::cerr << "finch: export check failed: " << printable(problem) << "\n";
            std::cout << (report.verified() ? "verified" : "NOT verified") << std::endl;
        }
        if (!report.verified())
            throw ExitRequest{kExitFailure};
    });
}

// The best validation loss of the run, from run.json's result; null when none.
Json validationOf(const runs::RunRecord& record)
{
    return record.result && std::isfinite(record.result->bestValidationLoss) ? Json(record.result->bestValidationLoss)
                                                                             : Json();
}

std::string statusOf(const runs::RunSummary& run)
{
    return run.problem.empty() ? std::string(runs::kRunStatuses.name(run.record.status)) : "unreadable";
}

void addRuns(CLI::App& app)
{
    auto* group = app.add_subcommand("runs", "List, show and compare the runs of a workspace");
    group->require_subcommand(1);

    auto listJson = std::make_shared<bool>(false);
    auto listFolder = std::make_shared<std::string>();
    auto* list = group->add_subcommand("list", "The runs of a workspace, newest first");
    list->add_option("workspace", *listFolder, "Workspace (or its runs/ folder)")->required()->check(CLI::ExistingDirectory);
    list->add_flag("--json", *listJson, "Machine-readable output");
    list->callback([listJson, listFolder] {
        const auto found = runs::listRuns(*listFolder);
        if (*listJson) {
            Json out = Json::array();
            for (const auto& run : found)
            {
                Json entry{{"id", run.id}, {"path", run.path}, {"status", statusOf(run)},
                           {"model", run.record.model ? run.record.model->source : std::string()},
                           {"method", run.record.methodName()},
                           {"steps", run.record.result ? run.record.result->steps : 0},
                           {"best_validation_loss", validationOf(run.record)}, {"test_metrics", run.metrics ? run.metrics->json : Json()}};
                if (!run.problem.empty())
                    entry["problem"] = run.problem;
                out.push_back(entry);
            }
            printJson(out);
            return;
        }
        if (found.empty()) {
            std::cout << "no runs in " << *listFolder << std::endl;
            return;
        }
        for (const auto& run : found) {
            const Json val = validationOf(run.record);
            std::cout << std::left << std::setw(34) << printable(run.id) << std::setw(11) << statusOf(run) << std::setw(14)
                      << printable((run.record.model ? run.record.model->source : std::string("?")).substr(0, 13))
                      << std::setw(12) << printable(run.record.methodName())
                      << (val.is_number() ? "val " + fixed(val.get<double>()) + "  " : std::string())
                      << (run.metrics ? metricLine(run.metrics->json) : std::string())
                      << printable(run.problem) << "\n";
        }
        std::cout << std::flush;
    });

    auto showJson = std::make_shared<bool>(false);
    auto showFolder = std::make_shared<std::string>();
    auto* show = group->add_subcommand("show", "A run's settings, progress and test metrics");
    show->add_option("run", *showFolder, "Run folder")->required()->check(CLI::ExistingDirectory);
    show->add_flag("--json", *showJson, "Machine-readable output");
    show->callback([showJson, showFolder] {
        const runs::RunFolder run = runs::RunFolder::open(*showFolder);
        const runs::RunRecord record = run.readRecord();
        const auto events = run.readEvents();
        Json out = record.toJson();
        out["checkpoints"] = run.checkpointSteps();
        if (fs::exists(run.evalPath()))
            out["test_metrics"] = eval::readEvaluationReport(run.evalPath()).metrics;
        if (*showJson) {
            out["metrics"] = Json::array();
            for (const runs::RunEvent& event : events)
                out["metrics"].push_back(runs::toJson(event));
            printJson(out);
            return;
        }
        std::cout << printable(run.id()) << "  " << runs::kRunStatuses.name(record.status) << "\n  model: "
                  << printable(record.model ? record.model->source : std::string("?")) << " ("
                  << printable(record.methodName()) << ")\n  data: "
                  << printable(record.data ? record.data->trainFile : std::string("?")) << "\n  settings:";
        for (const auto& [key, value] : record.config.items())
            std::cout << "\n    " << key << " = " << value.dump();
        int64_t lastStep = 0;
        double lastLoss = NAN;
        for (const runs::RunEvent& event : events)
            if (event.kind == runs::EventKind::Step) {
                lastStep = event.step;
                lastLoss = event.trainLoss;
            }
        std::cout << "\n  last logged step " << lastStep << ", training loss " << fixed(lastLoss);
        if (validationOf(record).is_number())
            std::cout << ", best validation loss " << fixed(validationOf(record).get<double>());
        if (out.contains("test_metrics"))
            std::cout << "\n  test: " << metricLine(out["test_metrics"]);
        std::cout << std::endl;
    });

    struct CompareOptions {
        std::string workspace, metric, baseline;
        std::vector<std::string> runs;
        int resamples = 1000;
        uint64_t seed = 12345;
        bool json = false;
    };
    auto compareOptions = std::make_shared<CompareOptions>();
    auto* compare = group->add_subcommand(
        "compare", "Test metrics side by side, and a paired bootstrap of each run against a baseline");
    compare->add_option("workspace", compareOptions->workspace, "Workspace (or its runs/ folder)")
        ->required()
        ->check(CLI::ExistingDirectory);
    compare->add_option("--runs", compareOptions->runs, "Run ids to compare (default: all with test results)")->delimiter(',');
    compare->add_option("--baseline", compareOptions->baseline, "Run id the others are compared with (default: the oldest)");
    compare->add_option("--metric", compareOptions->metric, alternatives(eval::kComparableMetrics) + " (default by task)")
        ->check(CLI::IsMember(toStrings(eval::kComparableMetrics)));
    compare->add_option("--resamples", compareOptions->resamples, "Bootstrap resamples")->capture_default_str();
    compare->add_option("--seed", compareOptions->seed, "Bootstrap seed")->capture_default_str();
    compare->add_flag("--json", compareOptions->json, "Machine-readable output");
    compare->callback([compareOptions] {
        const CompareOptions& o = *compareOptions;
        std::vector<runs::RunSummary> chosen;
        for (auto& run : runs::listRuns(o.workspace)) {
            const bool named = std::find(o.runs.begin(), o.runs.end(), run.id) != o.runs.end();
            if ((o.runs.empty() || named) && fs::exists(runs::RunFolder::open(run.path).evalPath()))
                chosen.push_back(std::move(run));
        }
        std::reverse(chosen.begin(), chosen.end()); // oldest first
        if (chosen.size() < 2)
            throw Error(o.workspace + ": need at least two runs with test results (eval.json) to compare, found " +
                        std::to_string(chosen.size()));
        size_t base = 0;
        if (!o.baseline.empty()) {
            const auto it = std::find_if(chosen.begin(), chosen.end(), [&](const auto& r) { return r.id == o.baseline; });
            if (it == chosen.end())
                throw Error("--baseline: no run '" + o.baseline + "' with test results");
            base = size_t(it - chosen.begin());
        }
        std::vector<Json> evaluations;
        for (const auto& run : chosen)
            evaluations.push_back(eval::readEvaluationReport(runs::RunFolder::open(run.path).evalPath()).toJson());
        const std::string metric = o.metric.empty() ? eval::defaultComparisonMetric(evaluations[base]) : o.metric;

        Json out{{"metric", metric}, {"baseline", chosen[base].id}, {"runs", Json::array()}};
        for (size_t i = 0; i < chosen.size(); ++i) {
            Json entry{{"id", chosen[i].id}, {"metrics", evaluations[i]["metrics"]}};
            if (i != base) {
                try {
                    const auto result = eval::compareEvaluations(evaluations[base], evaluations[i], metric, o.resamples, o.seed);
                    entry["bootstrap"] = {{"difference", result.observed}, {"mean_difference", result.meanDifference},
                                          {"ci_low", result.low}, {"ci_high", result.high},
                                          {"probability_not_better", result.probabilityBNotBetter},
                                          {"resamples", result.resamples}};
                } catch (const Error& error) {
                    entry["bootstrap_error"] = error.what();
                }
            }
            out["runs"].push_back(entry);
        }
        if (o.json) {
            printJson(out);
            return;
        }
        std::cout << "metric: " << metric << ", baseline " << printable(chosen[base].id) << "\n";
        for (const Json& entry : out["runs"]) {
            const Json& metrics = entry["metrics"];
            std::cout << std::left << std::setw(34) << printable(entry["id"].get<std::string>()) << std::right
                      << (metrics.contains(metric) ? fixed(metrics[metric].get<double>()) : std::string("   n/a"));
            if (entry.contains("bootstrap")) {
                const Json& b = entry["bootstrap"];
                std::cout << "   " << std::showpos << fixed(b["difference"].get<double>()) << " [" << fixed(b["ci_low"].get<double>())
                          << ", " << fixed(b["ci_high"].get<double>()) << "]" << std::noshowpos << " 95% CI";
            } else if (entry.contains("bootstrap_error")) {
                std::cout << "   " << printable(entry["bootstrap_error"].get<std::string>());
            } else {
                std::cout << "   (baseline)";
            }
            std::cout << "\n";
        }
        std::cout << std::flush;
    });
}

} // namespace

void addTrainCommands(CLI::App& app)
{
    addTrain(app);
    addEval(app);
    addExport(app);
    addRuns(app);
}

} // namespace finch::cli
