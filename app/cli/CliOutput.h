#pragma once
// Shared pieces of the finch commands: how results and problems are printed.
#include "core/common/Problem.h"

#include <nlohmann/json.hpp>

#include <CLI/CLI.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace finch::cli {

// Exit codes: 0 success, 1 the input has errors or the command failed, 2 usage errors.
constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;

// Thrown by a command to end with a given exit code after it printed its own report.
struct ExitRequest {
    int code;
};

// Text from files made safe for a terminal: control characters (ESC, which starts colour
// and cursor sequences, BEL, backspace, carriage return, the C1 controls U+0080..U+009F and
// DEL) are shown as \xNN or \u{NN} instead of acting. Newlines and tabs stay.
std::string printable(std::string_view text);

nlohmann::ordered_json problemToJson(const Problem& problem);

// Prints problems as "file:line:col: error: ..." lines to stderr (warnings too), at most
// `limit` of them followed by a count of the rest.
void printProblems(const std::vector<Problem>& problems, size_t limit = 200);

void printJson(const nlohmann::ordered_json& value);

// Splits "a,b,c" into items; empty items are dropped.
std::vector<std::string> splitList(const std::string& text, char separator = ',');

// Parses token ids separated by commas or spaces. `where` names the source in errors
// ("--ids", "ids.txt:3"); ids must be below `vocabSize` when it is given.
std::vector<int> parseTokenIds(const std::string& text, const std::string& where, int vocabSize = 0);

// Registers the commands of each group under the app.
void addDataCommands(CLI::App& app);
void addTokenizerCommands(CLI::App& app);
void addChatCommands(CLI::App& app);
void addModelCommands(CLI::App& app); // also adds 'generate' at the top level
void addHubCommands(CLI::App& modelGroup); // model download, model login
void addTrainCommands(CLI::App& app); // train, eval, export, runs

} // namespace finch::cli
