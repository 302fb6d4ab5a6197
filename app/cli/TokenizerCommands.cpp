// finch tokenizer train | encode | decode
#include "CliOutput.h"

#include "core/common/Error.h"
#include "core/common/FileIO.h"
#include "core/common/JsonFile.h"
#include "core/common/Parallel.h"
#include "core/data/DatasetFile.h"
#include "core/data/Schema.h"
#include "core/text/SentencePiece.h"
#include "core/text/TokenizerFile.h"

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

// The `field` of each object in a JSON Lines file ('-': standard input): any text can be
// passed this way, newlines and the empty string included.
std::vector<Json> jsonlField(const std::string& file, const char* field)
{
    std::vector<Json> values;
    long number = 0;
    for (const std::string& line : inputLines({}, file)) {
        ++number;
        if (line.find_first_not_of(" \t\r") == std::string::npos)
            continue;
        const std::string where = file + ":" + std::to_string(number);
        const Json row = parseJson(line, where);
        if (!row.is_object() || !row.contains(field))
            throw Error(where + ": expected an object with a '" + field + "' field");
        values.push_back(row[field]);
    }
    return values;
}

void addEncode(CLI::App& tokenizer)
{
    struct Options {
        std::string model, text, file, jsonl;
        unsigned threads = 0;
        bool addSpecialTokens = false, pieces = false, json = false;
    };
    auto options = std::make_shared<Options>();
    auto* command = tokenizer.add_subcommand(
        "encode", "Encode text into token ids (one line of ids per input text, like spm_encode --output_format=id)");
    command->add_option("--model", options->model, "A tokenizer.json, a SentencePiece .model, or a model folder")
        ->required()
        ->check(CLI::ExistingPath);
    auto* text = command->add_option("--text", options->text, "Text to encode");
    auto* file = command->add_option("--file", options->file, "Encode each line of this file ('-': standard input)");
    auto* jsonl = command->add_option("--jsonl", options->jsonl, "Encode the 'text' of each JSON object, one per line");
    text->excludes(file)->excludes(jsonl);
    file->excludes(jsonl);
    command->add_flag("--add-special-tokens", options->addSpecialTokens,
                      "Add the special tokens the tokenizer puts around a text (its post-processor; BOS for SentencePiece)");
    command->add_flag("--pieces", options->pieces, "Print pieces instead of ids");
    command->add_option("--threads", options->threads, "Threads to encode on (0: one per core)")->capture_default_str();
    command->add_flag("--json", options->json, "Print {\"ids\": [[…], …]}: one list per input text, in order");
    command->callback([options, text, file, jsonl] {
        const Options& o = *options;
        if (text->count() == 0 && file->count() == 0 && jsonl->count() == 0)
            throw Error("give the text to encode with --text TEXT, --file FILE or --jsonl FILE");
        std::vector<std::string> texts;
        if (jsonl->count() == 0) {
            texts = inputLines(o.text, o.file);
        } else {
            long number = 0;
            for (const Json& value : jsonlField(o.jsonl, "text")) {
                ++number;
                if (!value.is_string())
                    throw Error(o.jsonl + ": object " + std::to_string(number) + ": 'text': expected a text, found " +
                                value.dump());
                texts.push_back(value.get<std::string>());
            }
        }
        const auto tokenizer = text::loadTokenizer(o.model);
        std::vector<std::vector<int>> encoded(texts.size());
        parallelFor(texts.size(), [&](size_t begin, size_t end) {
            for (size_t i = begin; i < end; ++i)
                encoded[i] = o.addSpecialTokens ? tokenizer->encodeWithSpecialTokens(texts[i]) : tokenizer->encode(texts[i]);
        }, o.threads);
        Json out = Json::array();
        std::string plain;
        for (const std::vector<int>& ids : encoded) {
            if (o.pieces) {
                std::vector<std::string> pieces;
                for (const int id : ids)
                    pieces.push_back(tokenizer->idToPiece(id));
                out.push_back(pieces);
                for (size_t i = 0; i < pieces.size(); ++i)
                    plain += (i ? " " : "") + pieces[i];
            } else {
                out.push_back(ids);
                for (size_t i = 0; i < ids.size(); ++i)
                    plain += (i ? " " : "") + std::to_string(ids[i]);
            }
            plain += '\n';
        }
        if (o.json)
            printJson({{o.pieces ? "pieces" : "ids", out}});
        else
            std::cout << plain << std::flush;
    });
}

void addDecode(CLI::App& tokenizer)
{
    struct Options {
        std::string model, ids, file, jsonl;
        bool skipSpecialTokens = false, json = false;
    };
    auto options = std::make_shared<Options>();
    auto* command = tokenizer.add_subcommand("decode", "Decode token ids back into text");
    command->add_option("--model", options->model, "A tokenizer.json, a SentencePiece .model, or a model folder")
        ->required()
        ->check(CLI::ExistingPath);
    auto* ids = command->add_option("--ids", options->ids, "Ids separated by commas or spaces");
    auto* file = command->add_option("--file", options->file, "Decode each line of ids in this file ('-': standard input)");
    auto* jsonl = command->add_option("--jsonl", options->jsonl, "Decode the 'ids' list of each JSON object, one per line");
    ids->excludes(file)->excludes(jsonl);
    file->excludes(jsonl);
    command->add_flag("--skip-special-tokens", options->skipSpecialTokens,
                      "Leave special tokens out (SentencePiece always leaves its control tokens out)");
    command->add_flag("--json", options->json, "Print {\"texts\": […]}: one text per input, in order");
    command->callback([options, ids, file, jsonl] {
        const Options& o = *options;
        if (ids->count() == 0 && file->count() == 0 && jsonl->count() == 0)
            throw Error("give the ids to decode with --ids 1,2,3, --file FILE or --jsonl FILE");
        const auto tokenizer = text::loadTokenizer(o.model);
        std::vector<std::vector<int>> sequences;
        if (jsonl->count() == 0) {
            long number = 0;
            for (const std::string& line : inputLines(o.ids, o.file)) {
                ++number;
                sequences.push_back(parseTokenIds(
                    line, o.file.empty() ? std::string("--ids") : o.file + ":" + std::to_string(number), tokenizer->vocabSize()));
            }
        } else {
            long number = 0;
            for (const Json& value : jsonlField(o.jsonl, "ids")) {
                ++number;
                const std::string where = o.jsonl + ": object " + std::to_string(number) + ": 'ids'";
                std::vector<int> sequence;
                if (!value.is_array())
                    throw Error(where + ": expected a list of token ids, found " + value.dump());
                for (const Json& id : value) {
                    if (!id.is_number_unsigned() || id.get<uint64_t>() >= uint64_t(tokenizer->vocabSize()))
                        throw Error(where + ": expected token ids between 0 and " + std::to_string(tokenizer->vocabSize() - 1) +
                                    ", found " + id.dump());
                    sequence.push_back(id.get<int>());
                }
                sequences.push_back(std::move(sequence));
            }
        }
        Json out = Json::array();
        for (const std::vector<int>& sequence : sequences) {
            const std::string decoded =
                o.skipSpecialTokens ? tokenizer->decode(sequence) : tokenizer->decodeWithSpecialTokens(sequence);
            if (o.json)
                out.push_back(decoded);
            else
                std::cout << decoded << '\n';
        }
        if (o.json)
            printJson({{"texts", out}});
        std::cout << std::flush;
    });
}

} // namespace

void addTokenizerCommands(CLI::App& app)
{
    auto* tokenizer = app.add_subcommand(
        "tokenizer", "Encode and decode text with a tokenizer.json or SentencePiece model; train SentencePiece tokenizers");
    tokenizer->require_subcommand(1);
    addTrain(*tokenizer);
    addEncode(*tokenizer);
    addDecode(*tokenizer);
}

} // namespace finch::cli
