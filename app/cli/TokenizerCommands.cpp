// finch tokenizer train | encode | decode
#include "CliOutput.h"

#include "core/common/Error.h"
#include "core/common/FileIO.h"
#include "core/data/DatasetFile.h"
#include "core/data/Schema.h"
#include "core/text/SentencePiece.h"

#include <fstream>
#include <iostream>
#include <sstream>

namespace finch::cli {
namespace {

using Json = nlohmann::ordered_json;

// Lines of a file ("-" for standard input), or the single --text.
std::vector<std::string> inputLines(const std::string& text, const std::string& file)
{
    if (file.empty())
        return {text};
    std::vector<std::string> lines;
    std::string line;
    if (file == "-") {
        while (std::getline(std::cin, line))
            lines.push_back(line);
        return lines;
    }
    std::istringstream stream(readWholeFile(file));
    while (std::getline(stream, line))
        lines.push_back(line);
    return lines;
}

void addTrain(CLI::App& tokenizer)
{
    struct Options {
        std::string data, format, out, modelType = "unigram";
        int vocabSize = 8000, threads = 0;
        double characterCoverage = 1.0;
        bool json = false;
    };
    auto options = std::make_shared<Options>();
    auto* command = tokenizer.add_subcommand("train", "Train a SentencePiece tokenizer on a dataset's text");
    command->add_option("--data", options->data, "Dataset whose text to train on")->required()->check(CLI::ExistingFile);
    command->add_option("--format", options->format, "Read the dataset as jsonl, json, csv or tsv");
    command->add_option("--out", options->out, "Where to write the model (e.g. tokenizer.model)")->required();
    command->add_option("--vocab-size", options->vocabSize, "Vocabulary size")->capture_default_str();
    command->add_option("--model-type", options->modelType, "unigram or bpe")
        ->check(CLI::IsMember({"unigram", "bpe"}))
        ->capture_default_str();
    command->add_option("--character-coverage", options->characterCoverage,
                        "Share of characters that get pieces; the rest fall back to bytes")
        ->check(CLI::Range(0.9, 1.0))
        ->capture_default_str();
    command->add_option("--threads", options->threads, "Training threads (0: one per core)");
    command->add_flag("--json", options->json, "Machine-readable output");
    command->callback([options] {
        const Options& o = *options;
        std::optional<data::FileFormat> format;
        if (!o.format.empty() && !(format = data::formatFromName(o.format)))
            throw Error("unknown format '" + o.format + "': expected jsonl, json, csv or tsv");
        const data::LoadResult loaded = data::DatasetFile::load(o.data, format);
        const data::Schema schema = data::Schema::detect(loaded.dataset);
        std::vector<std::string> texts;
        for (const data::Row& row : loaded.dataset.rows)
            if (row.readable)
                for (std::string& text : schema.textsOf(row.value))
                    texts.push_back(std::move(text));

        text::SentencePieceTrainOptions train;
        train.vocabSize = o.vocabSize;
        train.modelType = o.modelType == "bpe" ? text::SentencePieceTrainOptions::ModelType::Bpe
                                               : text::SentencePieceTrainOptions::ModelType::Unigram;
        train.characterCoverage = o.characterCoverage;
        train.threads = o.threads;
        const std::string model = text::SentencePiece::train(texts, train);
        writeFileAtomically(o.out, model);
        const auto trained = text::SentencePiece::fromBytes(model);
        if (o.json) {
            printJson({{"model", o.out},
                       {"model_type", o.modelType},
                       {"vocab_size", trained->vocabSize()},
                       {"texts", texts.size()},
                       {"unk_id", trained->unkId()},
                       {"bos_id", trained->bosId()},
                       {"eos_id", trained->eosId()},
                       {"pad_id", trained->padId()}});
            return;
        }
        std::cout << "trained a " << o.modelType << " tokenizer with " << trained->vocabSize() << " pieces on "
                  << texts.size() << " texts from " << o.data << "\nwrote " << o.out << std::endl;
    });
}

void addEncode(CLI::App& tokenizer)
{
    struct Options {
        std::string model, text, file;
        bool pieces = false, json = false;
    };
    auto options = std::make_shared<Options>();
    auto* command = tokenizer.add_subcommand(
        "encode", "Encode text into token ids (one line of ids per input line, like spm_encode --output_format=id)");
    command->add_option("--model", options->model, "SentencePiece .model file")->required()->check(CLI::ExistingFile);
    auto* text = command->add_option("--text", options->text, "Text to encode");
    auto* file = command->add_option("--file", options->file, "Encode each line of this file ('-': standard input)");
    text->excludes(file);
    command->add_flag("--pieces", options->pieces, "Print pieces instead of ids");
    command->add_flag("--json", options->json, "Machine-readable output");
    command->callback([options, text, file] {
        const Options& o = *options;
        if (text->count() == 0 && file->count() == 0)
            throw Error("give the text to encode with --text TEXT or --file FILE");
        const auto tokenizer = text::SentencePiece::load(o.model);
        Json out = Json::array();
        std::string plain;
        for (const std::string& line : inputLines(o.text, o.file)) {
            if (o.pieces) {
                const auto pieces = tokenizer->encodeAsPieces(line);
                if (o.json)
                    out.push_back(pieces);
                for (size_t i = 0; i < pieces.size() && !o.json; ++i)
                    plain += (i ? " " : "") + pieces[i];
            } else {
                const auto ids = tokenizer->encode(line);
                if (o.json)
                    out.push_back(ids);
                for (size_t i = 0; i < ids.size() && !o.json; ++i)
                    plain += (i ? " " : "") + std::to_string(ids[i]);
            }
            plain += '\n';
        }
        if (o.json)
            printJson(out);
        else
            std::cout << plain << std::flush;
    });
}

void addDecode(CLI::App& tokenizer)
{
    struct Options {
        std::string model, ids, file;
        bool json = false;
    };
    auto options = std::make_shared<Options>();
    auto* command = tokenizer.add_subcommand("decode", "Decode token ids back into text");
    command->add_option("--model", options->model, "SentencePiece .model file")->required()->check(CLI::ExistingFile);
    auto* ids = command->add_option("--ids", options->ids, "Ids separated by commas or spaces");
    auto* file = command->add_option("--file", options->file, "Decode each line of ids in this file ('-': standard input)");
    ids->excludes(file);
    command->add_flag("--json", options->json, "Machine-readable output");
    command->callback([options, ids, file] {
        const Options& o = *options;
        if (ids->count() == 0 && file->count() == 0)
            throw Error("give the ids to decode with --ids 1,2,3 or --file FILE");
        const auto tokenizer = text::SentencePiece::load(o.model);
        Json out = Json::array();
        long lineNumber = 0;
        for (const std::string& line : inputLines(o.ids, o.file)) {
            ++lineNumber;
            const std::vector<int> sequence = parseTokenIds(
                line, o.file.empty() ? std::string("--ids") : o.file + ":" + std::to_string(lineNumber),
                tokenizer->vocabSize());
            const std::string decoded = tokenizer->decode(sequence);
            if (o.json)
                out.push_back(decoded);
            else
                std::cout << decoded << '\n';
        }
        if (o.json)
            printJson(out);
        std::cout << std::flush;
    });
}

} // namespace

void addTokenizerCommands(CLI::App& app)
{
    auto* tokenizer = app.add_subcommand("tokenizer", "Train SentencePiece tokenizers, encode and decode text");
    tokenizer->require_subcommand(1);
    addTrain(*tokenizer);
    addEncode(*tokenizer);
    addDecode(*tokenizer);
}

} // namespace finch::cli
