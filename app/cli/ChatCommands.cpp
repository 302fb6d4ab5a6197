// finch chat render
#include "CliOutput.h"

#include "core/common/Error.h"
#include "core/common/JsonFile.h"
#include "core/text/ChatTemplate.h"
#include "core/text/TokenizerFile.h"

#include <filesystem>
#include <iostream>

namespace finch::cli {
namespace {

using Json = nlohmann::ordered_json;

void addRender(CLI::App& chat)
{
    struct Options {
        std::string model, messages, templateFile;
        bool addGenerationPrompt = false, json = false;
    };
    auto options = std::make_shared<Options>();
    auto* command = chat.add_subcommand("render", "Render a conversation with a model's chat template, as transformers' "
                                                  "apply_chat_template does");
    command->add_option("--model", options->model, "A model folder (its tokenizer and chat template; no weights needed)")
        ->required()
        ->check(CLI::ExistingDirectory);
    command->add_option("--messages", options->messages,
                        "A JSON file: a list of {\"role\", \"content\"} messages, or an object with \"messages\" and "
                        "other template variables (tools, documents, enable_thinking, …)")
        ->required()
        ->check(CLI::ExistingFile);
    command->add_option("--template", options->templateFile, "Use this .jinja file instead of the folder's template")
        ->check(CLI::ExistingFile);
    command->add_flag("--add-generation-prompt", options->addGenerationPrompt,
                      "End with the cue for the assistant's answer");
    command->add_flag("--json", options->json, "Print {\"text\": …, \"ids\": […]}");
    command->callback([options] {
        const Options& o = *options;
        const auto tokenizer = text::loadTokenizer(o.model);
        const std::optional<text::ChatTemplate> chat = o.templateFile.empty()
                                                           ? text::ChatTemplate::fromFolder(o.model, tokenizer.get())
                                                           : text::ChatTemplate::fromFile(o.templateFile, o.model);
        if (!chat)
            throw Error(o.model + ": no chat template (no chat_template.jinja, chat_template.json, or 'chat_template' "
                                  "in tokenizer_config.json); name one with --template FILE.jinja");
        Json file = readJsonFile(o.messages);
        Json variables = Json::object();
        if (file.is_object()) {
            if (!file.contains("messages"))
                throw Error(o.messages + ": expected a list of messages, or an object with a 'messages' list");
            variables = file;
            variables.erase("messages");
            file = file["messages"];
        }
        if (!file.is_array())
            throw Error(o.messages + ": 'messages': expected a list of {\"role\", \"content\"} objects, found " +
                        std::string(file.type_name()));
        const std::string text = chat->render(file, o.addGenerationPrompt, variables).text;
        if (!o.json) {
            std::cout << text << std::flush;
            return;
        }
        // As apply_chat_template(tokenize=True): the template writes the special tokens.
        printJson({{"text", text}, {"ids", tokenizer->encode(text)}});
    });
}

} // namespace

void addChatCommands(CLI::App& app)
{
    auto* chat = app.add_subcommand("chat", "Chat templates: render conversations as a model sees them");
    chat->require_subcommand(1);
    addRender(*chat);
}

} // namespace finch::cli
