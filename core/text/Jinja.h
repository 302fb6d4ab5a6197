#pragma once
// The Jinja dialect of Hugging Face chat templates, rendered as transformers renders them:
// jinja2's sandbox with trim_blocks and lstrip_blocks, the loopcontrols extension, the
// {% generation %} tag, and the names transformers adds (raise_exception, strftime_now,
// namespace, dict, and a tojson that keeps non-ASCII text). Values follow Python: str() of
// numbers and lists, truthiness, floor division, code-point string indices and slices.
//
// Parsing checks every tag, filter and test name, so a template that needs a feature Finch
// lacks is refused when it is loaded, never rendered half right. Parsing and rendering are
// bounded (nesting, steps of work, the size of each string and list built and of the
// output): a hostile template gets an error naming its line, not a hang, a crash or a
// machine's worth of memory.
#include "core/common/Error.h"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <ctime>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace finch::text {

// raise_exception() in a template: the template's own message, as transformers raises it.
class TemplateRaised : public Error {
public:
    explicit TemplateRaised(const std::string& message)
        : Error("the chat template refused this conversation: " + message), message_(message)
    {
    }
    const std::string& templateMessage() const { return message_; }

private:
    std::string message_;
};

// What strftime_now() formats: a broken-down local time. transformers reads the machine's
// clock; goldens and reproducible renders pass a fixed one.
using Clock = std::function<std::tm()>;
std::tm localTimeNow();

class JinjaTemplate {
public:
    // `name` prefixes every error ("chat_template.jinja, line 3: …"). Throws finch::Error.
    JinjaTemplate(std::string_view source, std::string name);
    ~JinjaTemplate();
    JinjaTemplate(JinjaTemplate&&) noexcept;
    JinjaTemplate& operator=(JinjaTemplate&&) noexcept;

    struct Rendered {
        std::string text;
        // Byte ranges [begin, end) of text that {% generation %} blocks wrote.
        std::vector<std::pair<size_t, size_t>> generationSpans;
    };
    // `variables`: a JSON object whose keys become the template's names. Thread-safe.
    Rendered render(const nlohmann::ordered_json& variables, const Clock& clock = localTimeNow) const;
    bool hasGenerationTags() const;

    struct Program; // the parsed template (Jinja.cpp)

private:
    std::shared_ptr<const Program> program_;
};

} // namespace finch::text
