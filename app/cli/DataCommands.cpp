// finch data validate | stats | split | convert
#include "CliOutput.h"

#include "core/common/Error.h"
#include "core/data/DatasetFile.h"
#include "core/data/DatasetStats.h"
#include "core/data/Schema.h"
#include "core/data/Splitter.h"
#include "core/data/Validator.h"
#include "core/text/SentencePiece.h"

#include <filesystem>
#include <iomanip>
#include <iostream>

namespace finch::cli {
namespace {

using data::Json;

// Options every data command shares: how to read the file and which fields mean what.
struct DatasetOptions {
    std::string path;
    std::string format;
    std::string kind;
    std::vector<std::string> mappings; // role=field

    void addTo(CLI::App* command, const std::string& pathHelp)
    {
        command->add_option("file", path, pathHelp)->required()->check(CLI::ExistingFile);
        command->add_option("--format", format, "Read the file as jsonl, json, csv or tsv (default: from the extension)");
        command->add_option("--kind", kind,
                            "Dataset kind: classification, instruction, question-answer, completion or chat "
                            "(default: detected from the fields)");
        command->add_option("--map", mappings,
                            "Use another field for a role, e.g. --map text=review --map label=sentiment "
                            "(roles: text, label, instruction, input, output, question, answer, messages)");
    }

    std::optional<data::FileFormat> fileFormat() const { return parseFormat(format); }

    static std::optional<data::FileFormat> parseFormat(const std::string& name)
    {
        if (name.empty())
            return std::nullopt;
        if (auto parsed = data::formatFromName(name))
            return parsed;
        throw Error("unknown format '" + name + "': expected jsonl, json, csv or tsv");
    }

    data::Schema schemaFor(const data::Dataset& dataset) const
    {
        data::RoleMapping overrides;
        for (const std::string& mapping : mappings) {
            const size_t equals = mapping.find('=');
            const auto role = data::roleFromName(mapping.substr(0, equals));
            if (equals == std::string::npos || !role || equals + 1 == mapping.size())
                throw Error("--map " + mapping + ": expected ROLE=FIELD with ROLE one of text, label, instruction, "
                            "input, output, question, answer, messages");
            overrides[*role] = mapping.substr(equals + 1);
        }
        std::optional<data::TaskKind> forced;
        if (!kind.empty()) {
            forced = data::taskKindFromName(kind);
            if (!forced)
                throw Error("--kind " + kind +
                            ": expected classification, instruction, question-answer, completion or chat");
        }
        return data::Schema::detect(dataset, overrides, forced);
    }
};

Json schemaToJson(const data::Schema& schema)
{
    Json fields = Json::object();
    for (const auto& [role, field] : schema.fields)
        fields[std::string(data::roleName(role))] = field;
    return {{"kind", std::string(data::taskKindName(schema.kind))}, {"fields", fields}};
}

size_t countSeverity(const std::vector<Problem>& problems, Severity severity)
{
    return static_cast<size_t>(std::count_if(problems.begin(), problems.end(),
                                             [&](const Problem& p) { return p.severity == severity; }));
}

void addValidate(CLI::App& data)
{
    struct Options {
        DatasetOptions dataset;
        std::string labels, heldOut, tokenizer;
        size_t maxTokens = 0;
        bool noDuplicates = false, json = false;
    };
    auto options = std::make_shared<Options>();
    auto* command = data.add_subcommand("validate", "List every problem in a dataset: file, line, field, expected, found");
    options->dataset.addTo(command, "Dataset file (.jsonl, .json, .csv, .tsv)");
    command->add_option("--labels", options->labels, "Allowed labels, comma-separated: other labels are errors");
    command->add_option("--test", options->heldOut, "A held-out file: rows whose input also appears there are leakage")
        ->check(CLI::ExistingFile);
    command->add_option("--tokenizer", options->tokenizer, "A SentencePiece .model for --max-tokens")
        ->check(CLI::ExistingFile);
    command->add_option("--max-tokens", options->maxTokens, "Warn about rows longer than this many tokens");
    command->add_flag("--no-duplicates", options->noDuplicates, "Do not look for duplicate rows");
    command->add_flag("--json", options->json, "Machine-readable report on stdout");
    command->callback([options] {
        const Options& o = *options;
        if (o.maxTokens > 0 && o.tokenizer.empty())
            throw Error("--max-tokens needs --tokenizer MODEL to count tokens");
        data::LoadResult loaded = data::DatasetFile::load(o.dataset.path, o.dataset.fileFormat());
        const data::Schema schema = o.dataset.schemaFor(loaded.dataset);

        data::ValidationOptions validation;
        validation.labels = splitList(o.labels);
        validation.checkDuplicates = !o.noDuplicates;
        std::unique_ptr<text::Tokenizer> tokenizer;
        if (!o.tokenizer.empty()) {
            tokenizer = text::SentencePiece::load(o.tokenizer);
            validation.tokenizer = tokenizer.get();
            validation.maxTokens = o.maxTokens;
        }
        std::optional<data::LoadResult> heldOut;
        std::optional<data::Schema> heldOutSchema;
        if (!o.heldOut.empty()) {
            heldOut = data::DatasetFile::load(o.heldOut);
            heldOutSchema = o.dataset.schemaFor(heldOut->dataset);
            validation.heldOut = &heldOut->dataset;
            validation.heldOutSchema = &*heldOutSchema;
        }

        std::vector<Problem> problems = std::move(loaded.problems);
        if (heldOut)
            problems.insert(problems.end(), heldOut->problems.begin(), heldOut->problems.end());
        const auto checks = data::validateDataset(loaded.dataset, schema, validation);
        problems.insert(problems.end(), checks.begin(), checks.end());

        const size_t errors = countSeverity(problems, Severity::Error);
        const size_t warnings = countSeverity(problems, Severity::Warning);
        if (o.json) {
            Json report;
            report["file"] = o.dataset.path;
            report["format"] = std::string(data::formatName(loaded.dataset.format));
            report["rows"] = loaded.dataset.rows.size();
            report["schema"] = schemaToJson(schema);
            report["errors"] = errors;
            report["warnings"] = warnings;
            report["problems"] = Json::array();
            for (const Problem& problem : problems)
                report["problems"].push_back(problemToJson(problem));
            printJson(report);
        } else {
            printProblems(problems);
            std::cout << o.dataset.path << ": " << loaded.dataset.rows.size() << " rows, "
                      << data::taskKindName(schema.kind) << "; " << errors << " errors, " << warnings << " warnings"
                      << std::endl;
        }
        if (errors > 0)
            throw ExitRequest{kExitFailure};
    });
}

void addStats(CLI::App& data)
{
    struct Options {
        DatasetOptions dataset;
        bool json = false;
    };
    auto options = std::make_shared<Options>();
    auto* command = data.add_subcommand("stats", "Rows, kind, fields, label balance and text lengths of a dataset");
    options->dataset.addTo(command, "Dataset file (.jsonl, .json, .csv, .tsv)");
    command->add_flag("--json", options->json, "Machine-readable output");
    command->callback([options] {
        const data::LoadResult loaded = data::DatasetFile::load(options->dataset.path, options->dataset.fileFormat());
        const data::Schema schema = options->dataset.schemaFor(loaded.dataset);
        const auto stats = data::DatasetStats::compute(loaded.dataset, schema);
        if (options->json) {
            Json out;
            out["file"] = options->dataset.path;
            out["format"] = std::string(data::formatName(loaded.dataset.format));
            out["rows"] = stats.rows;
            out["unreadable_rows"] = stats.unreadableRows;
            out["schema"] = schemaToJson(schema);
            out["columns"] = loaded.dataset.columns;
            Json labels = Json::object();
            for (const auto& label : stats.labels)
                labels[label.label] = label.count;
            out["labels"] = labels;
            out["unlabelled"] = stats.unlabelled;
            out["input_chars"] = {{"min", stats.shortestInput}, {"mean", stats.meanInput}, {"max", stats.longestInput}};
            printJson(out);
            return;
        }
        std::cout << options->dataset.path << "\n  format: " << data::formatName(loaded.dataset.format)
                  << "\n  rows: " << stats.rows;
        if (stats.unreadableRows)
            std::cout << " (" << stats.unreadableRows << " unreadable: run 'finch data validate')";
        std::cout << "\n  kind: " << data::taskKindName(schema.kind) << "\n  fields:";
        for (const auto& [role, field] : schema.fields)
            std::cout << ' ' << data::roleName(role) << '=' << printable(field);
        std::cout << "\n  input length (characters): min " << stats.shortestInput << ", mean " << std::fixed
                  << std::setprecision(1) << stats.meanInput << ", max " << stats.longestInput << '\n';
        if (!stats.labels.empty() || stats.unlabelled) {
            std::cout << "  labels:\n";
            const double labelled = static_cast<double>(stats.rows - stats.unreadableRows);
            for (const auto& label : stats.labels)
                std::cout << "    " << std::left << std::setw(20) << printable(label.label) << std::right << std::setw(8)
                          << label.count << "  " << std::setw(5) << std::setprecision(1)
                          << 100.0 * static_cast<double>(label.count) / labelled << " %\n";
            if (stats.unlabelled)
                std::cout << "    (no label)          " << std::setw(8) << stats.unlabelled << '\n';
        }
        std::cout << std::flush;
    });
}

void addSplit(CLI::App& data)
{
    struct Options {
        DatasetOptions dataset;
        data::SplitOptions split;
        std::string outDir, outFormat;
        bool noStratify = false, force = false, json = false;
    };
    auto options = std::make_shared<Options>();
    auto* command = data.add_subcommand(
        "split", "Seeded, stratified train/validation/test split, written as <name>.train/.validation/.test files");
    options->dataset.addTo(command, "Dataset file to split");
    command->add_option("--train", options->split.train, "Fraction of rows for training")->capture_default_str();
    command->add_option("--validation", options->split.validation, "Fraction for validation")->capture_default_str();
    command->add_option("--test", options->split.test, "Fraction for the test set")->capture_default_str();
    command->add_option("--seed", options->split.seed, "Random seed: the same seed gives the same split")
        ->capture_default_str();
    command->add_flag("--no-stratify", options->noStratify, "Do not keep label shares equal across the parts");
    command->add_option("--out", options->outDir, "Folder for the parts (default: next to the input)");
    command->add_option("--to", options->outFormat, "Format of the parts (default: the input's)");
    command->add_flag("--force", options->force, "Overwrite existing part files");
    command->add_flag("--json", options->json, "Machine-readable output");
    command->callback([options] {
        namespace fs = std::filesystem;
        Options& o = *options;
        o.split.stratify = !o.noStratify;
        const data::LoadResult loaded = data::DatasetFile::load(o.dataset.path, o.dataset.fileFormat());
        const data::Schema schema = o.dataset.schemaFor(loaded.dataset);
        const data::SplitResult result = data::splitDataset(loaded.dataset, schema, o.split);
        const data::FileFormat format = DatasetOptions::parseFormat(o.outFormat).value_or(loaded.dataset.format);

        const fs::path input(o.dataset.path);
        const fs::path folder = o.outDir.empty() ? input.parent_path() : fs::path(o.outDir);
        if (!folder.empty())
            fs::create_directories(folder);
        const std::string extension =
            format == data::FileFormat::JsonArray ? "json" : std::string(data::formatName(format));
        const std::vector<std::pair<std::string, const std::vector<size_t>*>> parts{
            {"train", &result.train}, {"validation", &result.validation}, {"test", &result.test}};
        std::vector<std::string> paths;
        for (const auto& [name, rows] : parts) {
            paths.push_back((folder / (input.stem().string() + "." + name + "." + extension)).string());
            if (!o.force && fs::exists(paths.back()))
                throw Error(paths.back() + " already exists: pass --force to overwrite it");
        }
        Json out;
        out["seed"] = o.split.seed;
        out["stratified"] = o.split.stratify && schema.kind == data::TaskKind::Classification;
        out["parts"] = Json::object();
        for (size_t i = 0; i < parts.size(); ++i) {
            const data::Dataset part = loaded.dataset.subset(*parts[i].second);
            data::DatasetFile::save(part, paths[i], format);
            Json labels = Json::object();
            for (const auto& label : data::DatasetStats::compute(part, schema).labels)
                labels[label.label] = label.count;
            out["parts"][parts[i].first] = {{"file", paths[i]}, {"rows", part.rows.size()}, {"labels", labels}};
            if (!o.json) {
                std::cout << std::left << std::setw(11) << parts[i].first << std::right << std::setw(8)
                          << part.rows.size() << " rows  " << paths[i];
                for (const auto& [label, count] : labels.items())
                    std::cout << "  " << printable(label) << "=" << count;
                std::cout << '\n';
            }
        }
        if (o.json)
            printJson(out);
    });
}

void addConvert(CLI::App& data)
{
    struct Options {
        DatasetOptions dataset;
        std::string output, outFormat;
        bool json = false;
    };
    auto options = std::make_shared<Options>();
    auto* command = data.add_subcommand("convert", "Convert a dataset between JSONL, JSON, CSV and TSV, keeping every field");
    options->dataset.addTo(command, "Input dataset");
    command->add_option("output", options->output, "Output file; its extension picks the format")->required();
    command->add_option("--to", options->outFormat, "Output format (default: from the output's extension)");
    command->add_flag("--json", options->json, "Machine-readable output");
    command->callback([options] {
        const data::LoadResult loaded = data::DatasetFile::load(options->dataset.path, options->dataset.fileFormat());
        if (loaded.dataset.unreadableCount() > 0) {
            printProblems(loaded.problems, 20);
            throw Error(options->dataset.path + ": " + std::to_string(loaded.dataset.unreadableCount()) +
                        " rows cannot be read, so they cannot be converted: fix them first");
        }
        const auto format = DatasetOptions::parseFormat(options->outFormat);
        const data::Dataset& converted = loaded.dataset;
        data::DatasetFile::save(converted, options->output, format);
        if (options->json)
            printJson({{"input", options->dataset.path}, {"output", options->output}, {"rows", converted.rows.size()}});
        else
            std::cout << "wrote " << converted.rows.size() << " rows to " << options->output << std::endl;
    });
}

} // namespace

void addDataCommands(CLI::App& app)
{
    auto* data = app.add_subcommand("data", "Validate, inspect, split and convert datasets");
    data->require_subcommand(1);
    addValidate(*data);
    addStats(*data);
    addSplit(*data);
    addConvert(*data);
}

} // namespace finch::cli
